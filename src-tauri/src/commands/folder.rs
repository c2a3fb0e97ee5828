//! "Choose a sync folder": the desktop's own folder dialog
//! (tauri-plugin-dialog, opened from Rust like the exports' save dialog in
//! [`super::save`], so the page holds no dialog permission at all). The page
//! hands the answer to `choose_sync_folder` or `join_journal`, where the core
//! decides whether the folder can be used.
//!
//! There is no dialog when `HEARTH_SYNC_DIR` names a folder (the end-to-end
//! tests, where nobody can click a native dialog: that folder is the answer)
//! or when the dialog plugin isn't running (the IPC test's mock runtime:
//! then no folder was chosen).

use std::path::PathBuf;

use hearth_core::Error;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::Dialog;

use crate::MAIN_WINDOW;

/// The environment variable that turns the folder dialog off and names the answer.
pub const SYNC_DIR_ENV: &str = "HEARTH_SYNC_DIR";

fn sync_dir_from_env() -> Option<PathBuf> {
    std::env::var_os(SYNC_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// Asks which folder the two laptops share. Answers its path, or `null`
/// when the person closed the dialog.
#[tauri::command]
pub async fn pick_sync_folder<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>, Error> {
    if let Some(dir) = sync_dir_from_env() {
        return Ok(Some(dir.display().to_string()));
    }
    let Some(dialog) = app.try_state::<Dialog<R>>() else {
        return Ok(None);
    };
    let mut builder = dialog
        .file()
        .set_title("Choose a sync folder")
        .set_can_create_directories(true);
    if let Ok(home) = app.path().home_dir() {
        if home.is_dir() {
            builder = builder.set_directory(home);
        }
    }
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        builder = builder.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    builder.pick_folder(move |chosen| {
        let _ = tx.send(chosen);
    });
    match rx.await.ok().flatten().map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => Ok(Some(path.display().to_string())),
        Some(Err(e)) => Err(Error::Desktop(format!("use the folder chosen ({e})"))),
    }
}
