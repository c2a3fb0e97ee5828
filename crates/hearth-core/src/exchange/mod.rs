//! Export and import: a JSON file that can be read back, and a Markdown
//! memory book to read or print.
//!
//! **What an export holds.** Exports are made by one partner (the viewer) and
//! hold what that partner can see: every shared entry of both (with replies
//! and "I read this" marks), the prompts of the days and the couple's own
//! prompts, and every appreciation. The viewer's own private entries are
//! included only when asked for; the other partner's private entries, and
//! their answers the viewer may not see yet, never are. The viewer's own
//! trashed entries travel in the JSON (marked deleted) but not in the book.
//! The viewer's own drafts travel with their private entries.
//!
//! **Importing.** A file is checked in full before anything is written, then
//! written in one transaction: a malformed file, one that isn't a Hearth
//! export, or one from a newer Hearth changes nothing. Entries, replies and
//! appreciations carry random uids, so importing a file twice adds nothing,
//! and importing both partners' exports into one journal merges them.
//! Partners are matched by id: partner 1 in the file is partner 1 here, and
//! partner 2 is partner 2. Names in the file are used only to set up a journal
//! that has no couple yet.
//!
//! **Everything else** (rituals, check-ins, commitments, drafts, settings,
//! reminders): see [`everything`].
//!
//! **Journals from other apps** (Day One, jrnl): see [`journals`].

mod checks;
pub mod everything;
pub(crate) mod import;
pub mod journals;
mod json;
mod markdown;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::couple::PartnerId;
use crate::journal::{EntryKind, ReadMark, RepairParts, Visibility, VISIBLE};
use crate::prompts::Category;

pub use everything::{
    ExportCheckOff, ExportCheckin, ExportCommitment, ExportDraft, ExportOutcome, ExportOutcomeLog,
    ExportPause, ExportReminder, ExportRitual, ExportSetting, ExportSnooze, Progress, Stage,
    IMPORT_MAX_BYTES,
};
pub use import::ImportReport;
pub use journals::{JournalApp, JournalImportReport, JournalOptions, LeftBehind};

/// The `format` every Hearth export declares.
pub const EXPORT_FORMAT: &str = "hearth-export";
/// The newest export version this Hearth writes and reads: 2, everything
/// (version 1, the journal alone, is still read).
pub const EXPORT_VERSION: u32 = 2;

/// What to put in an export.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExportOptions {
    /// Include the exporting partner's own private entries.
    pub include_private: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub exported_by: PartnerId,
    pub includes_private: bool,
    pub partners: Vec<ExportPartner>,
    pub entries: Vec<ExportEntry>,
    pub custom_prompts: Vec<ExportPrompt>,
    pub daily_prompts: Vec<ExportDay>,
    pub appreciations: Vec<ExportAppreciation>,
    // Version 2 (see [`everything`]); empty in a version-1 file.
    #[serde(default)]
    pub rituals: Vec<ExportRitual>,
    #[serde(default)]
    pub checkins: Vec<ExportCheckin>,
    #[serde(default)]
    pub commitments: Vec<ExportCommitment>,
    #[serde(default)]
    pub drafts: Vec<ExportDraft>,
    #[serde(default)]
    pub settings: Vec<ExportSetting>,
    #[serde(default)]
    pub reminders: Vec<ExportReminder>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportPartner {
    pub id: PartnerId,
    pub name: String,
    pub color: String,
    /// When the couple was set up here, as stored (version 2 on).
    #[serde(default)]
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportEntry {
    /// The row's id, kept on import where it is free (version 2 on).
    #[serde(default)]
    pub id: Option<i64>,
    pub uid: String,
    pub kind: EntryKind,
    pub author: PartnerId,
    pub title: Option<String>,
    pub body: String,
    pub feeling: Option<String>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    pub prompt_id: Option<String>,
    pub prompt_date: Option<NaiveDate>,
    pub repair: Option<RepairParts>,
    pub created_at: DateTime<Utc>,
    pub created_offset: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_offset: i32,
    pub deleted_at: Option<DateTime<Utc>>,
    pub replies: Vec<ExportReply>,
    pub reads: Vec<ReadMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportReply {
    #[serde(default)]
    pub id: Option<i64>,
    pub uid: String,
    pub author: PartnerId,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub created_offset: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportPrompt {
    pub id: String,
    pub category: Category,
    pub text: String,
    pub added_by: PartnerId,
    pub created_at: DateTime<Utc>,
}

/// The prompt of a day, and the ones skipped before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportDay {
    pub date: NaiveDate,
    pub prompt_id: String,
    pub chosen_at: DateTime<Utc>,
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportAppreciation {
    #[serde(default)]
    pub id: Option<i64>,
    pub uid: String,
    pub from: PartnerId,
    pub to: PartnerId,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub created_offset: i32,
    pub read_at: Option<DateTime<Utc>>,
}

/// Entries `e` that go into an export by the viewer `?1`; `?2` is whether
/// the viewer's own private entries go too. The viewer's own trashed entries
/// are included (the book leaves them out); the other partner's entries only
/// as [`VISIBLE`] allows.
pub(crate) fn exported() -> String {
    format!(
        "((e.author = ?1 AND (e.visibility = 'shared' OR ?2)) OR (e.author <> ?1 AND {VISIBLE}))"
    )
}
