//! "Export everything": the rest of the couple's Hearth beside the journal,
//! in the same JSON file (format version 2; `docs/hearth-export.schema.json`).
//!
//! **Why one file, version 2.** Version 1 carried the journal alone, so a
//! move to a new laptop lost rituals, check-ins and commitments. Version 2
//! is version 1 plus the lists below, every one defaulting to empty, so a
//! version-1 file is read by the same code and still imports.
//!
//! **Same journal, same rows.** Each record carries every column it has in
//! the database, and rows keep their ids and uids: imported into an empty
//! Hearth, a file gives back the same rows (tests/core/exchange/everything.rs
//! compares the dumps table by table). Ids are kept only where free, so a
//! merge never moves a row already here; references between records travel
//! as uids (an outcome's journal entry, a reminder's ritual) and are looked
//! up again on import.
//!
//! **Only what the exporting partner may see.** The other partner's private
//! pages never leave: not their private entries, their answer to a prompt
//! the exporter hasn't answered, their check-in for a week the exporter
//! hasn't shared, or their drafts. The exporter's own drafts travel with
//! their private entries (both or neither).
//!
//! **Merging.** Everything is matched by its uid or natural key (a day, a
//! week and author, a reminder's key); what is already here wins and is
//! never changed, except that a link the journal here lacks (a ritual note's
//! entry that only the other partner's export carried) is filled in. The
//! settings of a journal that already has a couple are left as they are.

pub(crate) mod checks;
pub(crate) mod read;
mod write;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::couple::PartnerId;

pub(crate) use read::{gather, Gathered};
pub use write::Added;
pub(crate) use write::{id_if_free, run, write_everything};

/// The largest export file Hearth reads: 256 MB. A real journal of ten
/// years is a small fraction of that; a larger file is refused before it is
/// read, so it can't exhaust the memory of the laptop.
pub const IMPORT_MAX_BYTES: usize = 256 * 1024 * 1024;

/// How far a long export or import has come, for the page's progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub stage: Stage,
    /// Records handled so far in this stage.
    pub done: u64,
    /// Records in this stage.
    pub total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading the journal for an export.
    Reading,
    /// Checking every record of a file before anything is written.
    Checking,
    /// Writing an import's records.
    Writing,
}

/// Counts records and tells `report` about every `step` of them.
pub(crate) struct Tally<'a> {
    stage: Stage,
    done: u64,
    total: u64,
    last: u64,
    report: &'a mut dyn FnMut(Progress),
}

impl<'a> Tally<'a> {
    pub(crate) fn new(stage: Stage, total: u64, report: &'a mut dyn FnMut(Progress)) -> Tally<'a> {
        report(Progress {
            stage,
            done: 0,
            total,
        });
        Tally {
            stage,
            done: 0,
            total,
            last: 0,
            report,
        }
    }

    /// Says the stage is done (some records counted may have been left out).
    pub(crate) fn finish(&mut self) {
        self.done = self.total;
        self.last = self.total;
        (self.report)(Progress {
            stage: self.stage,
            done: self.total,
            total: self.total,
        });
    }

    pub(crate) fn add(&mut self, n: u64) {
        self.done = (self.done + n).min(self.total);
        // About a hundred reports per stage, and always the last one.
        if self.done == self.total || self.done - self.last >= (self.total / 100).max(50) {
            self.last = self.done;
            (self.report)(Progress {
                stage: self.stage,
                done: self.done,
                total: self.total,
            });
        }
    }
}

/// A ritual with its whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRitual {
    pub id: Option<i64>,
    pub uid: String,
    pub title: String,
    pub intention: Option<String>,
    /// RRULE text, as stored.
    pub schedule: String,
    /// "07:30", in the ritual's zone.
    pub time: String,
    pub zone: String,
    pub duration_minutes: u32,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub for_partner: Option<PartnerId>,
    pub active: bool,
    pub reminder_lead_minutes: u32,
    pub template_id: Option<String>,
    /// The day its runs and shares count from (moved by a change of rhythm).
    pub counted_from: NaiveDate,
    pub created_by: PartnerId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
    pub archived_on: Option<NaiveDate>,
    pub pauses: Vec<ExportPause>,
    /// What happened on each day: done or skipped.
    pub outcomes: Vec<ExportOutcome>,
    /// Every mark and undo, in order.
    pub log: Vec<ExportOutcomeLog>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportPause {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportOutcome {
    pub date: NaiveDate,
    /// `done` or `skipped`.
    pub status: String,
    pub by: PartnerId,
    pub note: Option<String>,
    /// The journal entry the note became, when it is in this export.
    pub entry_uid: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportOutcomeLog {
    pub id: Option<i64>,
    pub date: NaiveDate,
    /// `done`, `skipped` or `undone`.
    pub action: String,
    pub by: PartnerId,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportCheckin {
    pub week: NaiveDate,
    pub author: PartnerId,
    pub trust: u8,
    pub safety: u8,
    pub closeness: u8,
    pub communication: u8,
    pub went_well: Option<String>,
    pub was_hard: Option<String>,
    pub need_from_you: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub submitted_offset: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportCommitment {
    pub id: Option<i64>,
    pub uid: String,
    pub title: String,
    pub details: Option<String>,
    pub owner: Option<PartnerId>,
    /// RRULE text, as stored.
    pub cadence: Option<String>,
    pub start_date: NaiveDate,
    pub zone: String,
    pub review_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub added_by: PartnerId,
    /// `false` while it is a proposal its owner hasn't accepted.
    pub accepted: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub checks: Vec<ExportCheckOff>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportCheckOff {
    pub date: NaiveDate,
    pub by: PartnerId,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// A draft of the exporting partner's (its content is the form's JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportDraft {
    pub author: PartnerId,
    pub key: String,
    pub content: String,
    pub saved_at: DateTime<Utc>,
}

/// One of the couple's settings (reminders, the check-in week).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportSetting {
    pub key: String,
    pub value: String,
}

/// A reminder Hearth already decided about, so a new laptop never shows it
/// again, with its snooze when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportReminder {
    pub key: String,
    pub origin: Option<String>,
    pub kind: String,
    pub ritual_uid: Option<String>,
    pub date: Option<NaiveDate>,
    pub due_at: DateTime<Utc>,
    pub local_time: String,
    pub title: String,
    pub body: String,
    pub status: String,
    pub attempts: u32,
    pub decided_at: DateTime<Utc>,
    /// How it was answered from its notification (`done`, `snooze`,
    /// `skip`), so a press on the new laptop isn't a second answer.
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub answered_at: Option<DateTime<Utc>>,
    pub snooze: Option<ExportSnooze>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportSnooze {
    pub until: DateTime<Utc>,
    pub snoozed_at: DateTime<Utc>,
}

/// The settings an export carries; `current_writer` is not one of them (it
/// is who was at this laptop last; an import into a new journal starts with
/// the partner who exported).
pub(crate) const SETTING_KEYS: &[&str] = &[
    "checkin_week_start",
    "reminders.grace_minutes",
    "reminders.quiet_hours",
    "reminders.paused",
    "reminders.paused_day",
    "reminders.checkin",
    "reminders.checked_through",
];
