//! Reminders that arrive: on time, once, after sleep and across DST.
//!
//! The shell runs a loop that calls [`Scheduler::tick`] every 30 seconds or
//! less with the **wall clock** (a monotonic sleep does not count the time a
//! laptop spends suspended). Everything that decides is here, synchronous
//! and free of Tauri; the shell only carries notices to the desktop.
//!
//! # Design
//!
//! - **One decision per reminder, written first.** Every reminder has a
//!   stable key (`ritual:<uid>:2026-11-23`, `review:…`, `checkin:2026-11-29`,
//!   `snooze:<key>@<until>`). A tick decides what to do with each reminder
//!   that fell due, writes that decision to `reminder_log` (primary key: the
//!   key) in one transaction, and only then hands the notices to the
//!   [`Notifier`]. A restart, a crash, or the clock moving backwards finds
//!   the key already decided and sends nothing again. The price is that a
//!   crash in the instant between the commit and the notice loses that one
//!   notice: at most once, never twice. A notice the desktop refused (the
//!   notifier returned an error) is marked `failed` and tried again on the
//!   next ticks, at most [`MAX_ATTEMPTS`] times in all.
//! - **A watermark, not a timer per reminder.** The log also keeps the last
//!   instant a tick looked (`reminders.checked_through`). A tick looks at
//!   what fell due since then, so a ritual added at 07:30 does not announce
//!   its 07:00 occurrence as missed, and a laptop waking at 09:30 sees what
//!   fell due while it slept.
//! - **Late, coalesced, never a burst.** A reminder found more than
//!   [`ON_TIME_MINUTES`] after its time (the laptop slept, Hearth was
//!   closed, quiet hours held it) is delivered only if it is within the
//!   grace window (default two hours), saying "was due at 07:00"; all such
//!   reminders of one tick become **one** notice. Older ones are logged as
//!   `expired` and not notified: the agenda shows them as missed. More than
//!   [`MAX_SEPARATE`] reminders due at the same tick become one notice too.
//! - **Pause, quiet hours, snooze.** Pausing all reminders logs what falls
//!   due meanwhile as `paused` (not sent later). Quiet hours hold what falls
//!   due inside them until they end; then it is sent once, late, unless it
//!   has passed its grace. A snooze brings one delivered reminder back after
//!   10, 30 or 60 minutes, once, unless the ritual was done, skipped, paused
//!   or deleted meanwhile. All of these live in the store, so they survive
//!   a restart.
//! - **Cheap when idle.** After a full look the scheduler knows when the next
//!   thing can fall due and, until then, a tick only compares two instants.
//!   It looks again at once when told something changed ([`Scheduler::replan`]),
//!   when the wall clock jumps (sleep, a clock change, in either direction)
//!   and every [`SAFETY_RECHECK_MINUTES`] regardless.

mod answer;
pub(crate) mod log;
mod scheduler;
mod settings;
mod wording;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::error::Result;

pub use answer::{Answered, NotificationAction, Response, NOTIFICATION_SNOOZE_MINUTES};
pub use scheduler::Scheduler;
pub use settings::{
    CheckinReminder, PauseFor, QuietHours, ReminderSettings, GRACE_DEFAULT_MINUTES,
    GRACE_MAX_MINUTES, PAUSE_MAX_MINUTES, SNOOZE_CHOICES,
};

/// How often the shell ticks, at most, in seconds.
pub const TICK_SECONDS: u64 = 30;
/// A reminder found up to this late still counts as on time.
pub const ON_TIME_MINUTES: i64 = 2;
/// More reminders than this due at one tick are coalesced into one notice.
pub const MAX_SEPARATE: usize = 3;
/// Tries to hand one notice to the desktop before giving up on it.
pub const MAX_ATTEMPTS: i64 = 3;
/// The scheduler looks at the store at least this often, whatever its plan.
pub const SAFETY_RECHECK_MINUTES: i64 = 15;
/// How far back a tick looks at most (for a laptop closed for weeks).
pub const LOOKBACK_MAX_DAYS: i64 = 7;

/// What the reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Ritual,
    CommitmentReview,
    Checkin,
}

impl NoticeKind {
    fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Ritual => "ritual",
            NoticeKind::CommitmentReview => "commitment_review",
            NoticeKind::Checkin => "checkin",
        }
    }

    fn parse(raw: &str) -> NoticeKind {
        match raw {
            "ritual" => NoticeKind::Ritual,
            "commitment_review" => NoticeKind::CommitmentReview,
            _ => NoticeKind::Checkin,
        }
    }
}

/// One reminder inside a notice: what the in-app banner offers Done, Snooze
/// and Skip on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoticeItem {
    /// The key the banner's buttons send back (the original reminder's key,
    /// also for a snooze coming back).
    pub key: String,
    pub kind: NoticeKind,
    pub ritual_id: Option<i64>,
    pub date: Option<NaiveDate>,
    pub title: String,
    /// The one-line why, with the time: "Because it helps · 07:00".
    pub body: String,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// "07:00" on the reminder's own clock.
    pub local_time: String,
    /// Delivered after its time (slept, closed, quiet hours).
    pub late: bool,
}

/// One notification: a single reminder, or several coalesced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub title: String,
    pub body: String,
    pub items: Vec<NoticeItem>,
}

impl Notice {
    /// The keys this notice carries, as logged.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|i| i.key.as_str())
    }
}

/// Shows one notice to the person at the computer. The desktop
/// implementation lives in the shell; tests record.
pub trait Notifier {
    fn deliver(&self, notice: &Notice) -> Result<()>;
}
