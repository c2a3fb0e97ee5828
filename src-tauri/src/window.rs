//! When the window appears.
//!
//! The window is created hidden (`"visible": false` in `tauri.conf.json`)
//! and shown once its page has loaded, not the moment it exists. WebKitGTK
//! draws a window by asking its web process for the picture, and if that
//! process is still starting, the main thread waits for it for up to half a
//! second, serving nothing else meanwhile. Shown while the web process was
//! still starting, most of Hearth's launches took 500 ms longer
//! (docs/PERFORMANCE.md). Shown after the page has loaded, the first thing
//! anyone sees is the page's own background, never a white flash before
//! the dark theme.
//!
//! Started at login with `--hidden`, and with a tray to live in, the window
//! stays hidden until asked for. If the page never reports loading (a
//! broken web process), a timer shows the window anyway, so Hearth never
//! runs invisible by accident.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use crate::commands::startup::mark;
use crate::tray::TraySupport;
use crate::{HIDDEN_ARG, MAIN_WINDOW};

/// How long the page may take to load before the window is shown anyway.
const SHOW_ANYWAY_AFTER: Duration = Duration::from_secs(3);

static REVEALED: AtomicBool = AtomicBool::new(false);

/// Shows the window for the first time, unless Hearth was started to stay in
/// the tray. Only the first call counts: a later page load (a reload) must
/// not bring back a window the person has since closed to the tray.
pub fn reveal<R: Runtime>(app: &AppHandle<R>) {
    if REVEALED.swap(true, Ordering::SeqCst) {
        return;
    }
    let to_tray = std::env::args().any(|a| a == HIDDEN_ARG)
        && app
            .try_state::<TraySupport>()
            .is_some_and(|tray| tray.available());
    if !to_tray {
        show_main_window(app);
        mark("shown");
    }
}

/// The fallback for a page that never reports loading.
pub fn reveal_eventually<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SHOW_ANYWAY_AFTER).await;
        reveal(&app);
    });
}

/// Brings the window to the front (the tray, a second launch, a reminder).
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    REVEALED.store(true, Ordering::SeqCst);
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
