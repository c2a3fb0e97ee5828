//! Backups, restore, and a journal that could not be opened. The paths the
//! page sends back are ones `list_backups` (or the problem's `recoverable`)
//! gave it; the core refuses any other file (`not_found`), so the page can't
//! point Hearth at a file elsewhere on the disk.

use std::path::PathBuf;

use hearth_core::hearth::RestoreReport;
use hearth_core::store::{Backup, BackupPreview};
use hearth_core::{AppState, Error};
use serde::Serialize;
use tauri::State;

use super::Shared;

/// Where snapshots are kept and where replaced files are set aside.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupFolders {
    backups: String,
    set_aside: String,
}

/// Every snapshot, newest first (works while the journal is unavailable).
#[tauri::command]
pub async fn list_backups(shared: State<'_, Shared>) -> Result<Vec<Backup>, Error> {
    shared.lock().backups().list()
}

#[tauri::command]
pub async fn backup_folder(shared: State<'_, Shared>) -> Result<BackupFolders, Error> {
    let mut hearth = shared.lock();
    let backups = hearth.backups();
    Ok(BackupFolders {
        backups: backups.folder().display().to_string(),
        set_aside: backups.set_aside_folder().display().to_string(),
    })
}

/// What a snapshot holds, read without changing it.
#[tauri::command]
pub async fn preview_backup(
    shared: State<'_, Shared>,
    path: PathBuf,
) -> Result<BackupPreview, Error> {
    shared.lock().backups().preview(&path)
}

/// Puts a snapshot in place of the journal, after the page's confirmation;
/// the current file is set aside, never overwritten. The page then asks for
/// `get_state` and reloads.
#[tauri::command]
pub async fn restore_backup(
    shared: State<'_, Shared>,
    path: PathBuf,
) -> Result<RestoreReport, Error> {
    shared.lock().backups().restore(&path)
}

/// For a damaged file: sets it aside and brings back the newest good snapshot.
#[tauri::command]
pub async fn recover_from_newest_backup(shared: State<'_, Shared>) -> Result<RestoreReport, Error> {
    shared.lock().backups().recover_from_newest()
}

/// "Try again" on the unavailable screen: opens the file afresh.
#[tauri::command]
pub async fn reopen(shared: State<'_, Shared>) -> Result<AppState, Error> {
    shared.lock().try_again()
}

/// "Take a snapshot now" in Settings.
#[tauri::command]
pub async fn take_snapshot(shared: State<'_, Shared>) -> Result<Backup, Error> {
    shared.lock().backups().take_snapshot()
}
