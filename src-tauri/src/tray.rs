//! Living in the background: the tray icon, closing to it, and what happens
//! where a desktop has no tray.
//!
//! On Linux a tray icon is a StatusNotifierItem: it shows only if some
//! program owns `org.kde.StatusNotifierWatcher` on the session bus (KDE,
//! most panels; GNOME only with an extension), and Tauri draws it through
//! libayatana-appindicator, loaded when the tray is built. Without a
//! watcher the icon would be invisible and a hidden window unreachable;
//! without the library building the tray fails. So Hearth asks the bus and
//! looks for the library first ([`detect`]), builds the tray only when both
//! are there, and otherwise keeps closing the window honest: the page says
//! there's no tray and offers to quit (reminders stop while Hearth is closed).
//! `HEARTH_TRAY=off` or `=on` overrides the detection (tests, odd desktops).

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};

use serde::Serialize;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::Shared;
use crate::reminders::{PageMessage, Reminders};
use crate::{show_main_window, MAIN_WINDOW};

/// Whether Hearth can live in the tray here, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TraySupport {
    Available,
    /// Nothing on the session bus shows tray icons.
    NoWatcher,
    /// The library that draws tray icons is not installed.
    NoLibrary,
    /// Turned off with `HEARTH_TRAY=off`.
    Off,
    /// The tray could not be built (reported by Tauri).
    Failed,
}

impl TraySupport {
    pub fn available(self) -> bool {
        self == TraySupport::Available
    }
}

/// The decision from what was found: an override, a watcher, a library.
pub fn decide(override_: Option<&str>, watcher: bool, library: bool) -> TraySupport {
    match override_ {
        Some("off") => TraySupport::Off,
        Some("on") => TraySupport::Available,
        _ if !watcher => TraySupport::NoWatcher,
        _ if !library => TraySupport::NoLibrary,
        _ => TraySupport::Available,
    }
}

/// Looks at this system.
pub fn detect() -> TraySupport {
    let override_ = std::env::var("HEARTH_TRAY").ok();
    if cfg!(target_os = "linux") {
        decide(
            override_.as_deref(),
            watcher_has_owner(),
            indicator_library_present(),
        )
    } else {
        // Windows and macOS always have a notification area / menu bar.
        decide(override_.as_deref(), true, true)
    }
}

/// Asks the session bus whether `org.kde.StatusNotifierWatcher` has an owner.
#[cfg(target_os = "linux")]
fn watcher_has_owner() -> bool {
    let Ok(bus) = zbus::blocking::Connection::session() else {
        return false;
    };
    bus.call_method(
        Some("org.freedesktop.DBus"),
        "/org/freedesktop/DBus",
        Some("org.freedesktop.DBus"),
        "NameHasOwner",
        &("org.kde.StatusNotifierWatcher",),
    )
    .and_then(|reply| reply.body().deserialize::<bool>())
    .unwrap_or(false)
}

#[cfg(not(target_os = "linux"))]
fn watcher_has_owner() -> bool {
    true
}

fn indicator_library_present() -> bool {
    const NAMES: [&str; 2] = ["libayatana-appindicator3.so.1", "libappindicator3.so.1"];
    let mut dirs: Vec<String> = std::env::var("LD_LIBRARY_PATH")
        .map(|p| p.split(':').map(String::from).collect())
        .unwrap_or_default();
    dirs.extend(
        [
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64",
            "/usr/lib",
            "/lib/x86_64-linux-gnu",
            "/usr/local/lib",
        ]
        .map(String::from),
    );
    dirs.iter()
        .any(|d| NAMES.iter().any(|n| Path::new(d).join(n).exists()))
}

const PAUSE_TEXT: &str = "Pause reminders for an hour";
const RESUME_TEXT: &str = "Resume reminders";

/// Builds the tray icon and its menu: Open Hearth, Today, Pause reminders,
/// Lock Hearth, Quit. Every label is fixed and the tooltip is "Hearth": the
/// tray never shows a name, a ritual or anything written.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Hearth", true, None::<&str>)?;
    let today = MenuItem::with_id(app, "today", "Today", true, None::<&str>)?;
    let pause = MenuItem::with_id(app, "pause", PAUSE_TEXT, true, None::<&str>)?;
    let lock = MenuItem::with_id(app, "lock", "Lock Hearth", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Hearth", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &today, &pause, &lock, &quit])?;
    let mut tray = TrayIconBuilder::with_id("hearth")
        .tooltip("Hearth")
        .menu(&menu)
        .on_menu_event(move |app, event| match event.id.as_ref() {
            "open" => show_main_window(app),
            "today" => {
                show_main_window(app);
                app.state::<Reminders>().tell_page(PageMessage::Navigate {
                    route: "today".into(),
                });
            }
            "pause" => {
                let paused = toggle_pause(app);
                let _ = pause.set_text(if paused { RESUME_TEXT } else { PAUSE_TEXT });
            }
            "lock" => crate::locking::lock(app, "the tray"),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// The tray's "Pause reminders" / "Resume reminders": the core decides
/// which and for how long; returns whether reminders are paused now.
fn toggle_pause<R: Runtime>(app: &AppHandle<R>) -> bool {
    let shared = app.state::<Shared>();
    let mut hearth = shared.lock();
    let mut reminders = hearth.reminders();
    reminders
        .toggle_pause()
        .or_else(|_| reminders.settings().map(|s| s.paused))
        .unwrap_or(false)
}

/// Closing the window: hide to the tray when there is one; otherwise let
/// the page ask whether to quit (when it can), or close.
pub fn on_close_requested<R: Runtime>(
    window: &tauri::Window<R>,
    api: &tauri::CloseRequestApi,
    support: TraySupport,
) {
    if window.label() != MAIN_WINDOW {
        return;
    }
    if support.available() {
        api.prevent_close();
        let _ = window.hide();
        return;
    }
    // A second close within a few seconds of one the page was asked about
    // closes for real: a page that can't answer never traps the window.
    static ASKED_AT: AtomicI64 = AtomicI64::new(0);
    let now = chrono::Utc::now().timestamp();
    let asked = ASKED_AT.load(Ordering::Relaxed);
    if now - asked > ASK_AGAIN_AFTER_SECONDS
        && window
            .app_handle()
            .state::<Reminders>()
            .tell_page(PageMessage::CloseRequested)
    {
        ASKED_AT.store(now, Ordering::Relaxed);
        api.prevent_close();
    }
}

/// How long after asking a second close request closes without asking.
const ASK_AGAIN_AFTER_SECONDS: i64 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tray_needs_a_watcher_on_the_bus_and_the_library() {
        assert_eq!(decide(None, true, true), TraySupport::Available);
        assert_eq!(decide(None, false, true), TraySupport::NoWatcher);
        assert_eq!(decide(None, true, false), TraySupport::NoLibrary);
    }

    #[test]
    fn the_environment_can_turn_the_tray_on_or_off() {
        assert_eq!(decide(Some("off"), true, true), TraySupport::Off);
        assert_eq!(decide(Some("on"), false, false), TraySupport::Available);
        assert_eq!(decide(Some("maybe"), false, true), TraySupport::NoWatcher);
    }
}
