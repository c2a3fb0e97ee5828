//! The Tauri shell around `hearth-core`.
//!
//! It owns what only a desktop app can: the window, the single-instance
//! guard, the choice of data directory. Every decision about the couple's
//! data is the core's; the commands in [`commands`] only carry it across.

mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use hearth_core::hearth::DATA_DIR_ENV;
use hearth_core::{Hearth, SystemClock};
use tauri::{Manager, RunEvent};

use commands::Shared;

/// The label of the one window, as named in `tauri.conf.json` and the capability.
const MAIN_WINDOW: &str = "main";

pub fn run() {
    tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            show_main_window(app);
        }))
        .setup(|app| {
            let data_dir = data_dir(app.handle());
            app.manage(Shared(Mutex::new(Hearth::open(
                data_dir,
                Box::new(SystemClock),
            ))));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::get_state,
            commands::setup_couple,
            commands::set_writer,
            commands::update_partner,
        ])
        .build(tauri::generate_context!())
        .expect("Hearth could not start its window")
        .run(|_app, _event: RunEvent| {});
}

/// `HEARTH_DATA_DIR` when set (tests, portable use), else the OS app-data
/// folder (`~/.local/share/app.hearth.desktop` on Linux).
fn data_dir(app: &tauri::AppHandle) -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    app.path()
        .app_data_dir()
        .unwrap_or_else(|_| PathBuf::from(".hearth"))
}

fn show_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
