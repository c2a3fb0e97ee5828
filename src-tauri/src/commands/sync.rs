//! Two laptops (issue 16): Settings → Two laptops and joining, each one
//! call through `Hearth::sync()` (or `join_journal`). This laptop is named
//! by its host name.

use std::path::PathBuf;

use hearth_core::sync::{PairingCode, SyncState};
use hearth_core::{AppState, Error};
use tauri::State;

use super::Shared;

#[tauri::command]
pub async fn sync_state(shared: State<'_, Shared>) -> Result<SyncState, Error> {
    shared.lock().sync().state()
}

#[tauri::command]
pub async fn choose_sync_folder(
    shared: State<'_, Shared>,
    path: PathBuf,
) -> Result<SyncState, Error> {
    let state = shared
        .lock()
        .sync()
        .choose_folder(&path, &crate::sync::host_name());
    crate::sync::watch_from_state(&state);
    state
}

#[tauri::command]
pub async fn make_pairing_code(shared: State<'_, Shared>) -> Result<PairingCode, Error> {
    shared.lock().sync().pairing_code()
}

#[tauri::command]
pub async fn join_journal(
    shared: State<'_, Shared>,
    path: PathBuf,
    code: String,
) -> Result<AppState, Error> {
    let state = shared
        .lock()
        .join_journal(&path, &code, &crate::sync::host_name());
    crate::sync::poke();
    state
}

#[tauri::command]
pub async fn remove_device(shared: State<'_, Shared>, device: String) -> Result<SyncState, Error> {
    shared.lock().sync().remove_device(&device)
}

#[tauri::command]
pub async fn sync_now(shared: State<'_, Shared>) -> Result<SyncState, Error> {
    shared.lock().sync().exchange()
}

#[tauri::command]
pub async fn stop_syncing(shared: State<'_, Shared>) -> Result<SyncState, Error> {
    let state = shared.lock().sync().stop();
    crate::sync::watch_from_state(&state);
    state
}
