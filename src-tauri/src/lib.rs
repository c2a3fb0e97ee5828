//! The Tauri shell around `hearth-core`.
//!
//! It owns what only a desktop app can: the window, the single-instance
//! guard, the choice of data directory. Every decision about the couple's
//! data is the core's; the commands in [`commands`] only carry it across.

#[macro_use]
mod command_list;
mod commands;
mod instance;
mod locking;
mod notify;
mod reminders;
mod sync;
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
        .plugin(instance::guard())
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
            sync::start(app.handle().clone());
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
/// (`tests/ipc_fuzz.rs`, on Tauri's mock runtime) are the one list in
/// `command_list.rs`.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    macro_rules! handlers {
        ($($area:ident::$name:ident),* $(,)?) => {
            tauri::generate_handler![$(commands::$area::$name),*]
        };
    }
    builder.invoke_handler(hearth_commands!(handlers))
}

macro_rules! names {
    ($($area:ident::$name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

/// The name of every command the page may call, from `command_list.rs`.
pub const COMMANDS: &[&str] = hearth_commands!(names);

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::COMMANDS;

    /// The commands the page's one door (`ui/js/api.js`) calls: `call('name', …)`.
    fn page_commands() -> BTreeSet<String> {
        let api = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/js/api.js");
        let text = std::fs::read_to_string(api).unwrap();
        text.split("call('")
            .skip(1)
            .filter_map(|rest| rest.split_once('\'').map(|(name, _)| name.to_string()))
            .collect()
    }

    #[test]
    fn the_page_calls_every_listed_command_and_no_other() {
        let page = page_commands();
        let listed: BTreeSet<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        assert_eq!(listed.len(), COMMANDS.len(), "no command is listed twice");
        let unknown: Vec<_> = page.difference(&listed).collect();
        assert!(
            unknown.is_empty(),
            "ui/js/api.js calls only commands on the list (command_list.rs): not listed {unknown:?}"
        );
        let unused: Vec<_> = listed.difference(&page).collect();
        assert!(
            unused.is_empty(),
            "every listed command is called by the page, or it goes: nothing calls {unused:?}"
        );
    }
}
