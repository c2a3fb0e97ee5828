//! "Lock Hearth" (Settings → Privacy): the whole journal encrypted at rest,
//! turned on or off by both partners. The core converts the file; the
//! other partner's passphrase is put in a wiping buffer as it arrives.

use hearth_core::hearth::{Conversion, LockHearthState};
use hearth_core::vault::Zeroizing;
use hearth_core::Error;
use tauri::State;

use super::Shared;

/// Whether it is on, who still needs a passphrase, how many copies convert.
#[tauri::command]
pub async fn lock_hearth_state(shared: State<'_, Shared>) -> Result<LockHearthState, Error> {
    shared.lock().lock_hearth()
}

/// Turns it on (`on: true`) or off; `otherPassphrase` is the other
/// partner's (the one writing is unlocked already).
#[tauri::command]
pub async fn set_lock_hearth(
    shared: State<'_, Shared>,
    on: bool,
    other_passphrase: String,
) -> Result<Conversion, Error> {
    let other = Zeroizing::new(other_passphrase);
    let mut hearth = shared.lock();
    if on {
        hearth.turn_on_lock_hearth(&other)
    } else {
        hearth.turn_off_lock_hearth(&other)
    }
}
