//! The commands the page may call: each takes the lock, asks the core, and
//! returns its answer. No decisions are made here.
//!
//! They are `async` so Tauri runs them off the main thread: a durable save
//! waits for the disk (`synchronous=FULL`), and the window must not freeze
//! while it does.
//!
//! Every journal command goes through [`Hearth::as_writer`]: the viewer is
//! always the partner stored as writing now, never one the page names.

pub mod backups;
pub mod checkins;
pub mod commitments;
pub mod couple;
pub mod exchange;
pub mod journal;
pub mod prompts;
pub mod reminders;
pub mod rituals;
pub mod startup;

use std::sync::{Mutex, MutexGuard};

use hearth_core::{Error, Hearth};

pub struct Shared(pub Mutex<Hearth>);

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Hearth> {
        // A panic while holding the lock can't leave SQLite half-written (every
        // change is a transaction), so carry on with the inner value.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Passes a command's answer through, and when it changed something the
/// reminders depend on (a ritual, an outcome, a review date), wakes the
/// reminder loop so the change counts at once rather than on the next tick.
pub(crate) fn replan<R: tauri::Runtime, T>(
    app: &tauri::AppHandle<R>,
    result: Result<T, Error>,
) -> Result<T, Error> {
    if result.is_ok() {
        crate::reminders::changed(app);
    }
    result
}
