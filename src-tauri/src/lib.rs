//! The Tauri shell around `hearth-core`.
//!
//! It owns what only a desktop app can: the window, the single-instance
//! guard, the choice of data directory. Every decision about the couple's
//! data is the core's; the commands in [`commands`] only carry it across.

mod commands;
mod locking;
mod notify;
mod reminders;
mod tray;
mod window;
mod zone;

use std::path::PathBuf;

use hearth_core::hearth::DATA_DIR_ENV;
use hearth_core::{Hearth, SystemClock};
use tauri::{Manager, RunEvent, Runtime};

use commands::startup::mark;
pub use commands::Shared;
pub(crate) use window::show_main_window;

/// The label of the one window, as named in `tauri.conf.json` and the capability.
pub(crate) const MAIN_WINDOW: &str = "main";
/// The argument the login item starts Hearth with: straight to the tray.
pub(crate) const HIDDEN_ARG: &str = "--hidden";

pub fn run() {
    commands::startup::mark_start();
    let app = tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            // The login item starting while Hearth already runs: stay hidden.
            if !argv.iter().any(|a| a == HIDDEN_ARG) {
                show_main_window(app);
            }
        }))
        // Called from Rust only: the page has none of these plugins' permissions.
        .plugin(tauri_plugin_notification::init())
        // The save dialog of the exports (commands/save.rs).
        .plugin(tauri_plugin_dialog::init())
        .plugin(autostart())
        .setup(|app| {
            mark("setup");
            let data_dir = data_dir(app.handle());
            // Exports with no dialog go to HEARTH_EXPORT_DIR, else Documents;
            // the core falls back to the data folder.
            let export_dir =
                commands::save::export_dir_from_env().or_else(|| app.path().document_dir().ok());
            let loop_state = reminders::Reminders::default();
            let attach = loop_state.waker_for_opening();
            app.manage(loop_state);
            app.manage(Shared::opening(move || {
                let mut hearth = Hearth::open(data_dir, Box::new(SystemClock));
                hearth.set_export_dir(export_dir);
                if let Some(limit) = locking::idle_override_from_env() {
                    hearth.shorten_idle_for_tests(limit);
                }
                attach(&mut hearth, &zone::system_zone());
                mark("store");
                hearth
            }));
            keep_daily_snapshots(app.handle().clone());
            let mut support = tray::detect();
            if support.available() {
                if let Err(err) = tray::build(app.handle()) {
                    eprintln!("hearth: no tray icon: {err}");
                    support = tray::TraySupport::Failed;
                }
            }
            app.manage(support);
            reminders::start(app.handle().clone());
            locking::start(app.handle().clone());
            window::reveal_eventually(app.handle().clone());
            mark("setup.done");
            Ok(())
        })
        .on_page_load(|webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished
                && webview.label() == MAIN_WINDOW
            {
                mark("page.loaded");
                window::reveal(webview.app_handle());
            }
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let support = *window.state::<tray::TraySupport>();
                tray::on_close_requested(window, api, support);
            }
        });
    with_commands(app)
        .build(tauri::generate_context!())
        .expect("Hearth could not start its window")
        .run(|_app, _event: RunEvent| {});
}

/// The login item: starts Hearth with `--hidden`, straight to the tray.
fn autostart<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_autostart::init(
        tauri_plugin_autostart::MacosLauncher::LaunchAgent,
        Some(vec![HIDDEN_ARG]),
    )
}

/// What the commands need besides the journal, for a builder other than
/// `run()`'s: the IPC test on Tauri's mock runtime, which has no tray and no
/// reminder loop. `run()` sets the same up from the real system instead.
#[doc(hidden)]
pub fn with_background_state<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(autostart())
        .manage(reminders::Reminders::default())
        .manage(tray::TraySupport::Off)
}

/// Hearth's commands, on any builder: the app's and the IPC test's
/// (`tests/ipc_fuzz.rs`, on Tauri's mock runtime) are this one list. One
/// command a line; new ones go at the end, and also in `build.rs` and
/// `capabilities/main.json`, which the test checks against each other.
/// (Not reformatted, so the list keeps the lines and indentation it had in
/// `run()` and parallel additions to it merge line by line.)
#[rustfmt::skip]
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .invoke_handler(tauri::generate_handler![
            commands::couple::get_state,
            commands::couple::setup_couple,
            commands::couple::set_writer,
            commands::couple::update_partner,
            commands::privacy::set_passphrase,
            commands::privacy::change_passphrase,
            commands::privacy::remove_passphrase,
            commands::privacy::unlock,
            commands::privacy::lock_now,
            commands::privacy::reset_passphrase,
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
            commands::exchange::export_markdown,
            commands::rituals::ritual_words,
            commands::rituals::list_rituals,
            commands::rituals::get_ritual,
            commands::rituals::create_ritual_from_template,
            commands::rituals::create_ritual,
            commands::rituals::update_ritual,
            commands::rituals::set_ritual_active,
            commands::rituals::archive_ritual,
            commands::rituals::restore_ritual,
            commands::rituals::mark_ritual_done,
            commands::rituals::skip_ritual,
            commands::rituals::undo_ritual_outcome,
            commands::rituals::ritual_history,
            commands::rituals::ritual_consistency,
            commands::rituals::one_ritual_consistency,
            commands::rituals::rituals_today,
            commands::rituals::ritual_agenda,
            commands::rituals::export_rituals_ics,
            commands::rituals::preview_ritual,
            commands::checkins::checkin_words,
            commands::checkins::submit_checkin,
            commands::checkins::checkin_week,
            commands::checkins::checkin_history,
            commands::checkins::checkin_trend,
            commands::checkins::set_checkin_week_start,
            commands::commitments::commitment_words,
            commands::commitments::create_commitment,
            commands::commitments::update_commitment,
            commands::commitments::list_commitments,
            commands::commitments::check_off_commitment,
            commands::commitments::undo_check_off,
            commands::commitments::set_commitment_ended,
            commands::reminders::reminder_settings,
            commands::reminders::pause_reminders,
            commands::reminders::resume_reminders,
            commands::reminders::set_quiet_hours,
            commands::reminders::set_reminder_grace,
            commands::reminders::set_checkin_reminder,
            commands::reminders::set_start_at_login,
            commands::reminders::snooze_reminder,
            commands::reminders::answer_reminder,
            commands::reminders::watch_reminders,
            commands::reminders::quit_hearth,
            commands::startup::report_ready,
            commands::backups::list_backups,
            commands::backups::backup_folder,
            commands::backups::preview_backup,
            commands::backups::restore_backup,
            commands::backups::recover_from_newest_backup,
            commands::backups::reopen,
            commands::backups::take_snapshot,
            commands::commitments::accept_commitment,
            commands::exchange::export_everything,
            commands::exchange::import_everything,
            commands::exchange::import_journal,
            commands::locking::note_activity,
            commands::locking::lock_settings,
            commands::locking::set_lock_after,
            commands::locking::set_locked_notice,
            commands::recovery_file::save_recovery_key,
        ])
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

/// Takes the day's verified snapshot soon after start and then whenever one
/// is due. The core compares the wall clock with the newest snapshot, so a
/// long sleep of the laptop only delays the check, never skips a day.
///
/// The first look waits a minute: a snapshot holds the journal while it
/// copies and verifies the whole file (about a second at 200 MB), and the
/// first screen, asking for its state at the same moment, would wait too.
fn keep_daily_snapshots(app: tauri::AppHandle) {
    const FIRST: std::time::Duration = std::time::Duration::from_secs(60);
    const EVERY: std::time::Duration = std::time::Duration::from_secs(30 * 60);
    std::thread::Builder::new()
        .name("hearth-snapshots".into())
        .spawn(move || {
            std::thread::sleep(FIRST);
            loop {
                if let Err(err) = app.state::<Shared>().lock().backups().snapshot_if_due() {
                    eprintln!("hearth: the daily snapshot was not taken: {err}");
                }
                std::thread::sleep(EVERY);
            }
        })
        .expect("a thread for the daily snapshot");
}
