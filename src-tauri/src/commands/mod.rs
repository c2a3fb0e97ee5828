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
pub mod rituals;

use std::sync::{Mutex, MutexGuard};

use hearth_core::Hearth;

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
