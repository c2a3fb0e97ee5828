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
    commands::startup::mark_start();
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
            keep_daily_snapshots(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::couple::get_state,
            commands::couple::setup_couple,
            commands::couple::set_writer,
            commands::couple::update_partner,
            commands::journal::journal_words,
            commands::journal::timeline,
            commands::journal::get_entry,
            commands::journal::get_thread,
            commands::journal::create_entry,
            commands::journal::edit_entry,
            commands::journal::create_repair,
            commands::journal::edit_repair,
            commands::journal::reply,
            commands::journal::mark_read,
            commands::journal::unread_count,
            commands::journal::delete_entry,
            commands::journal::restore_entry,
            commands::journal::list_trash,
            commands::journal::empty_trash,
            commands::journal::search_journal,
            commands::journal::save_draft,
            commands::journal::get_draft,
            commands::journal::clear_draft,
            commands::prompts::list_prompts,
            commands::prompts::add_prompt,
            commands::prompts::prompt_of_the_day,
            commands::prompts::skip_prompt,
            commands::prompts::answer_prompt,
            commands::prompts::appreciate,
            commands::prompts::unread_appreciations,
            commands::prompts::mark_appreciation_read,
            commands::exchange::export_json,
            commands::exchange::export_markdown,
            commands::exchange::import_json,
            commands::startup::report_ready,
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

/// Takes the day's verified snapshot at start and then whenever one is due.
/// The core compares the wall clock with the newest snapshot, so a long
/// sleep of the laptop only delays the check, never skips a day.
fn keep_daily_snapshots(app: tauri::AppHandle) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(30 * 60);
    std::thread::Builder::new()
        .name("hearth-snapshots".into())
        .spawn(move || loop {
            if let Err(err) = app.state::<Shared>().lock().snapshot_if_due() {
                eprintln!("hearth: the daily snapshot was not taken: {err}");
            }
            std::thread::sleep(EVERY);
        })
        .expect("a thread for the daily snapshot");
}

fn show_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
