//! Locking from the shell's side: who asks (the tray, the idle timer, the
//! screen locker, a suspend) and what the window does after. Whether there
//! is anything to lock, and when idle time has run out, is the core's
//! (`hearth_core::hearth::locking`).
//!
//! - **A lock rebuilds the page from nothing.** After the core wipes the key,
//!   the shell reloads the window's page: every node, every cached answer
//!   and every closure holding decrypted text goes with the old page, and
//!   the new one asks the core what to show, which is the lock screen. Hiding
//!   the old DOM would leave it in memory and in the accessibility tree.
//!   (The page's own "Lock" and Ctrl+L do the same: `ui/js/lock.js`.)
//! - **Idle is measured in the page, decided in the core.** Only the web
//!   view sees keys and the pointer inside Hearth's window (GTK hands them
//!   to WebKit; an X11 or Wayland idle time would count the whole desktop,
//!   not this window). So the page says "someone is here" at most every
//!   ten seconds while it is used (`ui/js/lock.js`) and says nothing while
//!   it isn't, and the core compares with its clock; this loop only asks it
//!   every [`IDLE_CHECK`].
//! - **Screen lock and suspend, on Linux** (`session.rs`): logind's
//!   `PrepareForSleep(true)` on the system bus, and `ActiveChanged(true)`
//!   from the session's screensaver (`org.freedesktop.ScreenSaver`, or
//!   GNOME's `org.gnome.ScreenSaver`). The lock is immediate, not a request
//!   to the page: a laptop about to sleep gives no time to wait for it.

#[cfg(target_os = "linux")]
mod session;

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use crate::commands::Shared;
use crate::MAIN_WINDOW;

/// How often the idle timer asks the core.
pub const IDLE_CHECK: Duration = Duration::from_secs(5);
/// Set only by the end-to-end tests: every "Lock after" becomes at most this
/// many seconds. It can only make Hearth lock sooner.
pub const IDLE_SECONDS_ENV: &str = "HEARTH_TEST_IDLE_SECONDS";

/// The test harness's shorter idle time, if it set one.
pub fn idle_override_from_env() -> Option<chrono::Duration> {
    idle_override(std::env::var(IDLE_SECONDS_ENV).ok().as_deref())
}

fn idle_override(value: Option<&str>) -> Option<chrono::Duration> {
    value
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| *s > 0)
        .map(chrono::Duration::seconds)
}

/// Locks now, when a partner's pages are open, and rebuilds the page.
pub fn lock<R: Runtime>(app: &AppHandle<R>, why: &str) {
    let locked = app.state::<Shared>().lock().lock_if_open();
    if locked {
        eprintln!("hearth: locked ({why})");
        clear_page(app);
    }
}

/// Reloads the window's page, so nothing of what it showed stays in it.
fn clear_page<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        if let Err(err) = window.reload() {
            eprintln!("hearth: the page could not be reloaded after locking: {err}");
        }
    }
}

/// Starts the idle timer and, on Linux, the watchers of the screen locker
/// and of suspend.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    #[cfg(target_os = "linux")]
    session::watch(app.clone());
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(IDLE_CHECK).await;
            let idle = app.state::<Shared>().lock().lock_if_idle();
            match idle {
                Ok(true) => {
                    eprintln!("hearth: locked (idle)");
                    clear_page(&app);
                }
                Ok(false) => {}
                Err(err) => eprintln!("hearth: the idle lock could not look: {err}"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_positive_number_of_seconds_shortens_the_idle_time() {
        for (value, expected) in [
            (Some("3"), Some(3)),
            (Some(" 8 "), Some(8)),
            (Some("0"), None),
            (Some("-5"), None),
            (Some("soon"), None),
            (None, None),
        ] {
            assert_eq!(
                idle_override(value).map(|d| d.num_seconds()),
                expected,
                "{value:?}: only a positive number of seconds counts"
            );
        }
    }
}
