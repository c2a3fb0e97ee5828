//! Hearth's domain, free of Tauri.
//!
//! Everything that decides something about the couple's data lives here: how
//! the file is opened and migrated, who the partners are, who is writing. The
//! Tauri shell only carries requests in and answers out, so this crate builds
//! and tests in seconds without a web view.

pub mod appreciations;
pub mod checkins;
pub mod clock;
pub mod commitments;
pub mod couple;
pub mod error;
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
mod text;
pub mod vault;

pub use clock::{Clock, FixedClock, SystemClock};
pub use couple::{Partner, PartnerId, PartnerInput};
pub use error::{Error, ErrorKind, Result};
pub use hearth::{AppState, Hearth, Phase, Problem};
pub use stamp::OFFSET_LIMIT_MINUTES;
pub use store::Store;
