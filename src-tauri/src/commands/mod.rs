//! The commands the page may call: each takes the lock, asks the core, and
//! returns its answer. No decisions are made here.
//!
//! They are `async` so Tauri runs them off the main thread: a durable save
//! waits for the disk (`synchronous=FULL`), and the window must not freeze
//! while it does.
//!
//! Every command is one call through a handle of [`Hearth`] (`journal()`,
//! `rituals()`, …), which acts as the partner stored as writing now, never
//! one the page names, and keeps the rules (snapshots first, the reminder
//! plan woken after a change) so no command has to remember them.

pub mod backup_file;
pub mod backups;
pub mod checkins;
pub mod commitments;
pub mod couple;
pub mod exchange;
pub mod folder;
pub mod journal;
pub mod lock_hearth;
pub mod locking;
pub mod privacy;
pub mod prompts;
pub mod recovery_file;
pub mod reminders;
pub mod rituals;
pub mod save;
pub mod startup;
pub mod sync;

use std::sync::{LazyLock, Mutex, MutexGuard};

use hearth_core::Hearth;

/// How the journal comes to be open: on the first lock.
type Opening = Box<dyn FnOnce() -> Mutex<Hearth> + Send>;

/// The journal, shared by the commands, the reminder loop and the snapshot
/// timer.
///
/// Opening it (the integrity check, any migration) runs on its own thread
/// while the window and its web process start, rather than on the main
/// thread before them: the window never waits for the file. The first
/// [`lock`](Shared::lock) waits for the opening to finish, so nothing can see
/// a half-opened journal; every later one is an ordinary mutex.
pub struct Shared(LazyLock<Mutex<Hearth>, Opening>);

impl Shared {
    /// A journal already open (the IPC test).
    pub fn new(hearth: Hearth) -> Shared {
        Shared(LazyLock::new(Box::new(move || Mutex::new(hearth))))
    }

    /// Opens the journal with `open` on a thread of its own.
    pub fn opening(open: impl FnOnce() -> Hearth + Send + 'static) -> Shared {
        let thread = std::thread::Builder::new()
            .name("hearth-open".into())
            .spawn(open)
            .expect("a thread to open the journal");
        // Opening reports its failures in the Hearth it returns; a panic
        // there is a bug, and it stays one here.
        Shared(LazyLock::new(Box::new(move || {
            Mutex::new(
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        })))
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Hearth> {
        // Whoever takes the journal may write: the sync folder is looked at
        // soon after (debounced, crate::sync).
        crate::sync::poke();
        self.lock_quietly()
    }

    /// [`Shared::lock`] without asking for a look at the sync folder (the
    /// sync loop's own lock, so a look never causes another).
    pub(crate) fn lock_quietly(&self) -> MutexGuard<'_, Hearth> {
        // A panic while holding the lock can't leave SQLite half-written (every
        // change is a transaction), so carry on with the inner value.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
