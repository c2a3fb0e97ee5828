//! Reminders on the desktop, and the answers that come back from them.
//!
//! - **Linux: the notification service itself.** Hearth speaks the
//!   freedesktop Notifications interface over the session bus with zbus
//!   (already Hearth's, for the tray check): `GetCapabilities` before each
//!   notice, `Notify` with the buttons the core chose ("We did it", "Snooze
//!   10 min", "Skip this time" where the service announces `actions`), and
//!   always the `default` action, a click that opens Hearth on the ritual.
//!   A listener thread hears `ActionInvoked` and `NotificationClosed`.
//!   tauri-plugin-notification (through notify-rust) can send buttons but
//!   not hear them without a thread blocked per notification, so it is not
//!   used for this.
//! - **Windows and macOS: tauri-plugin-notification, as before.** Title and
//!   body, no buttons: the plugin's desktop side cannot report a button
//!   back to Hearth there. The banner in the window answers.
//! - **The answer is the core's.** What a button means and whether the
//!   reminder can still be answered are decided by
//!   `Scheduler::answer_from_notification`; here it is only carried, as
//!   the partner writing now, like the banner's answer. A refusal comes
//!   back as a notification, since the window may be closed.

#[cfg(target_os = "linux")]
mod answer;
#[cfg(target_os = "linux")]
mod linux;

use hearth_core::reminders::{Notice, Notifier};
use hearth_core::{Error, Result};
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

/// Shows notices on this desktop.
pub struct DesktopNotifier<R: Runtime> {
    app: AppHandle<R>,
    #[cfg(target_os = "linux")]
    bus: Option<linux::Bus>,
}

impl<R: Runtime> DesktopNotifier<R> {
    /// On Linux, connects to the session bus and starts listening for
    /// answers; without a bus, falls back to the plugin.
    pub fn new(app: AppHandle<R>) -> DesktopNotifier<R> {
        #[cfg(target_os = "linux")]
        {
            let answering = app.clone();
            let bus = linux::Bus::connect(move |bus, notice, action| {
                answer::on_action(&answering, notice, action, |refused| {
                    bus.show(refused).map(drop).map_err(desktop)
                })
            })
            .map_err(|e| eprintln!("hearth: notifications without buttons: {e}"))
            .ok();
            DesktopNotifier { app, bus }
        }
        #[cfg(not(target_os = "linux"))]
        DesktopNotifier { app }
    }

    /// Through tauri-plugin-notification: title and body only. The plugin
    /// hands the notice over on a background task and reports only errors
    /// in preparing it.
    fn plugin(&self, notice: &Notice) -> Result<()> {
        self.app
            .notification()
            .builder()
            .title(&notice.title)
            .body(&notice.body)
            .show()
            .map_err(desktop)
    }
}

fn desktop(e: impl std::fmt::Display) -> Error {
    Error::Desktop(format!("show a notification ({e})"))
}

impl<R: Runtime> Notifier for DesktopNotifier<R> {
    fn deliver(&self, notice: &Notice) -> Result<()> {
        #[cfg(target_os = "linux")]
        if let Some(bus) = &self.bus {
            return bus.show(notice).map(drop).map_err(desktop);
        }
        self.plugin(notice)
    }
}
