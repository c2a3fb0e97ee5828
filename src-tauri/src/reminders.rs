//! The reminder loop: a tokio task that ticks the core's reminder plan
//! (`Hearth::reminders`) against the wall clock and hands its notices to the
//! desktop and the page. It keeps only what needs Tauri: the notifier, the
//! page's channel and the wake-up; every decision is the core's.
//!
//! Why it is built this way:
//! - **Wall clock, short naps.** The task sleeps until the scheduler's next
//!   look, but never longer than [`TICK_SECONDS`]: tokio's timer runs on the
//!   monotonic clock, which stops while a laptop is suspended, so a long
//!   sleep could wake hours late. Each tick reads `Utc::now()` and the core
//!   compares; a jump (sleep, clock change) makes it look at everything.
//! - **Woken by the core.** The loop hands the core a waker (a
//!   `tokio::sync::Notify`) when the journal opens; the core calls it after
//!   any write that changes what is due (a ritual, a commitment, a reminder
//!   setting), so no command has to remember to.
//! - **Decide under the lock, notify outside it.** The tick records its
//!   decisions while holding the store; the desktop call happens after the
//!   lock is released, so a slow notification daemon never freezes the
//!   window's commands.
//! - **Two ways to be seen.** Every notice goes to the desktop (see
//!   [`crate::notify`]: on Linux with buttons that answer it). When the
//!   window is visible, it also goes to
//!   the page (a `Channel` the page opened with `watch_reminders`), which
//!   shows a banner with Done / Snooze / Skip. A channel rather than an
//!   event, so the page needs no permission beyond Hearth's own commands.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use hearth_core::reminders::{Notice, Notifier, TICK_SECONDS};
use hearth_core::Hearth;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Notify;

use crate::commands::Shared;
use crate::notify::DesktopNotifier;
use crate::zone::system_zone;
use crate::MAIN_WINDOW;

/// What the page hears on its channel.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PageMessage {
    /// A reminder to show as a banner.
    Reminder { notice: Notice },
    /// The window was asked to close and there is no tray to hide in.
    CloseRequested,
    /// Go to a place (the tray's "Today", a click on a notification).
    Navigate { route: String },
    /// A reminder was answered from its notification: the banner lets go
    /// of it; `said` is the core's sentence about what happened.
    Answered { key: String, said: String },
    /// The other laptop's changes arrived through the sync folder: the page
    /// shows them (at once, or with a line offering to, while it's in use).
    Arrived,
}

/// The loop's shared state: how it is woken and the page it talks to.
pub struct Reminders {
    wake: Arc<Notify>,
    page: Mutex<Option<Channel<PageMessage>>>,
}

impl Default for Reminders {
    fn default() -> Self {
        Reminders {
            wake: Arc::new(Notify::new()),
            page: Mutex::new(None),
        }
    }
}

impl Reminders {
    /// What the opening thread does to set the journal's reminder plan up
    /// for this loop: the laptop's zone, and a wake-up whenever the core says
    /// what is due changed.
    pub fn waker_for_opening(&self) -> impl FnOnce(&mut Hearth, &str) + Send + 'static {
        let wake = Arc::clone(&self.wake);
        move |hearth, zone| {
            let mut plan = hearth.reminders();
            plan.start_in_zone(zone);
            plan.on_change(Arc::new(move || wake.notify_one()));
        }
    }

    pub fn set_page(&self, channel: Channel<PageMessage>) {
        *self.page.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    }

    /// Sends to the page; false when no page listens (setup screen, closed).
    pub fn tell_page(&self, message: PageMessage) -> bool {
        let page = self.page.lock().unwrap_or_else(|p| p.into_inner());
        page.as_ref().is_some_and(|c| c.send(message).is_ok())
    }
}

/// Starts the loop on Tauri's tokio runtime.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let notifier = DesktopNotifier::new(app.clone());
        loop {
            let wait = tick(&app, &notifier);
            let reminders = app.state::<Reminders>();
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = reminders.wake.notified() => {}
            }
        }
    });
}

/// One tick; returns how long to nap before the next.
fn tick<R: Runtime>(app: &AppHandle<R>, notifier: &DesktopNotifier<R>) -> Duration {
    let longest = Duration::from_secs(TICK_SECONDS);
    let reminders = app.state::<Reminders>();
    let shared = app.state::<Shared>();
    let notices = {
        let mut hearth = shared.lock();
        let mut plan = hearth.reminders();
        // The laptop's zone, read afresh: a flight or a change in the
        // system's settings counts within one tick.
        if let Err(err) = plan.follow_zone(&system_zone()) {
            eprintln!("hearth: reminders: {err}");
        }
        match plan.tick() {
            Ok(notices) => notices,
            Err(err) => {
                eprintln!("hearth: reminders: {err}");
                return longest;
            }
        }
    };
    // Asking the window is a round trip to the main thread: only when
    // there is something to show, not on every quiet tick.
    let visible = !notices.is_empty()
        && app
            .get_webview_window(MAIN_WINDOW)
            .and_then(|w| w.is_visible().ok())
            .unwrap_or(false);
    for notice in notices {
        if let Err(err) = notifier.deliver(&notice) {
            eprintln!("hearth: reminders: {err}");
            let _ = shared.lock().reminders().delivery_failed(&notice);
        }
        if visible {
            reminders.tell_page(PageMessage::Reminder { notice });
        }
    }
    let next = shared.lock().reminders().next_look();
    match next {
        Some(at) => (at - Utc::now())
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(longest),
        None => longest,
    }
}
