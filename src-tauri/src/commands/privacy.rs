//! Passphrases: set, change, remove, unlock, lock, and a new one with the
//! recovery key. The core decides everything (`hearth_core::hearth::privacy`);
//! each passphrase is put in a wiping buffer as soon as it arrives.

use hearth_core::hearth::PassphraseSet;
use hearth_core::vault::Zeroizing;
use hearth_core::{AppState, Error, PartnerId};
use tauri::State;

use super::Shared;

#[tauri::command]
pub async fn set_passphrase(
    shared: State<'_, Shared>,
    passphrase: String,
    repeat: String,
) -> Result<PassphraseSet, Error> {
    let (passphrase, repeat) = (Zeroizing::new(passphrase), Zeroizing::new(repeat));
    shared.lock().set_passphrase(&passphrase, &repeat)
}

#[tauri::command]
pub async fn change_passphrase(
    shared: State<'_, Shared>,
    current: String,
    passphrase: String,
    repeat: String,
) -> Result<AppState, Error> {
    let current = Zeroizing::new(current);
    let (passphrase, repeat) = (Zeroizing::new(passphrase), Zeroizing::new(repeat));
    shared
        .lock()
        .change_passphrase(&current, &passphrase, &repeat)
}

#[tauri::command]
pub async fn remove_passphrase(
    shared: State<'_, Shared>,
    current: String,
) -> Result<AppState, Error> {
    let current = Zeroizing::new(current);
    shared.lock().remove_passphrase(&current)
}

#[tauri::command]
pub async fn unlock(
    shared: State<'_, Shared>,
    partner_id: PartnerId,
    passphrase: String,
) -> Result<AppState, Error> {
    let passphrase = Zeroizing::new(passphrase);
    shared.lock().unlock(partner_id, &passphrase)
}

#[tauri::command]
pub async fn lock_now(shared: State<'_, Shared>) -> Result<AppState, Error> {
    shared.lock().lock()
}

#[tauri::command]
pub async fn reset_passphrase(
    shared: State<'_, Shared>,
    partner_id: PartnerId,
    recovery_key: String,
    passphrase: String,
    repeat: String,
) -> Result<AppState, Error> {
    let recovery_key = Zeroizing::new(recovery_key);
    let (passphrase, repeat) = (Zeroizing::new(passphrase), Zeroizing::new(repeat));
    shared
        .lock()
        .reset_passphrase(partner_id, &recovery_key, &passphrase, &repeat)
}
