//! Hearth's domain, free of Tauri.
//!
//! Everything that decides something about the couple's data lives here: how
//! the file is opened and migrated, who the partners are, who is writing. The
//! Tauri shell only carries requests in and answers out, so this crate builds
//! and tests in seconds without a web view.
//!
//! # One door
//!
//! Every read and write of the couple's data passes through [`Hearth`] and
//! its handles ([`Hearth::journal`], [`Hearth::rituals`], …), which act as
//! the partner writing now and keep the rules no caller may skip. Nothing
//! outside the core reaches `Store`, the SQLite file and its queries: the
//! type is crate-private, and so are the calls that hand it out.
//!
//! ```compile_fail,E0603
//! // Refused: `Store` is private to the core (E0603), not misspelt.
//! use hearth_core::store::Store;
//! ```
//!
//! ```compile_fail,E0624
//! // Refused: the door never hands its store out (E0624, a private method).
//! fn reach(hearth: &mut hearth_core::Hearth) {
//!     let _ = hearth.store();
//! }
//! ```
//!
//! What is public in the same module still is, so the refusal above is the
//! privacy of `Store` and nothing else:
//!
//! ```
//! use hearth_core::store::{Backup, DATABASE_FILE};
//! fn reach(hearth: &mut hearth_core::Hearth) -> hearth_core::Result<Vec<Backup>> {
//!     assert_eq!(DATABASE_FILE, "hearth.sqlite3");
//!     hearth.backups().list()
//! }
//! ```

pub mod appreciations;
pub mod checkins;
mod clock;
pub mod commitments;
mod couple;
mod error;
pub mod exchange;
#[doc(hidden)]
pub mod generate;
pub mod hearth;
pub mod journal;
pub mod prompts;
pub mod reminders;
pub mod rituals;
pub mod schedule;
mod stamp;
pub mod store;
#[cfg(test)]
mod store_rules;
pub mod sync;
mod text;
pub mod vault;

pub use clock::{Clock, FixedClock, SystemClock};
pub use couple::{Partner, PartnerId, PartnerInput};
pub use error::{Error, ErrorKind, Result};
pub use hearth::{AppState, Hearth, Phase, Problem};
pub use stamp::OFFSET_LIMIT_MINUTES;
