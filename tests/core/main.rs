//! The integration tests of hearth-core through its public API, in one
//! binary whose modules mirror the core's areas, so a change to the core is
//! linked into one test binary instead of one per file.

mod backup_file;
mod checkins;
mod commitments;
mod couple;
mod door;
mod exchange;
mod first_screen;
mod journal;
mod lock_hearth;
mod locking;
mod privacy;
mod prompts;
mod recovery_file;
mod reminders;
mod rituals;
mod schedule;
mod store;
mod sync;
mod vault;
