//! Bringing in a journal kept in another app: Day One's JSON export (the zip
//! with `Journal.json`) or jrnl's JSON export (`jrnl --format json`).
//!
//! **Whose.** Every entry lands as the entries of one partner: the stored
//! writer, who brings in their own journal. They are **private** unless the
//! partner chooses otherwise: a journal kept alone was written for oneself,
//! before or beside this shared space, and sharing any of it is a choice to
//! make deliberately (an entry can be shared later, one at a time, by
//! editing it). The summary says which was chosen.
//!
//! **What comes along.** The date and time each entry was written (with the
//! writer's UTC offset on that day when the app kept a time zone; jrnl keeps
//! none, so its times are read in the computer's zone), the time it was last
//! changed (Day One), the title (jrnl's; Day One's first line when it is a
//! heading), the tags and the text, under Hearth's rules (`fit.rs`: long
//! text is split, never cut; tags are shortened or left out, and counted).
//! What Hearth has no place for (photos, audio, video, PDFs, places,
//! weather, stars) is counted in [`LeftBehind`] for the summary.
//!
//! **All or nothing.** The whole file is read and checked before anything
//! is written (`unpack.rs` keeps a huge file or a zip bomb from exhausting
//! memory), then written in one transaction; [`crate::Hearth::import_journal`]
//! takes a snapshot in between. A file that can't be used changes nothing
//! and says why in a sentence ending "Nothing was changed." Importing the
//! same file again adds nothing: uids come from the app's own ids.

mod fit;
mod formats;
mod text;
mod unpack;

use std::collections::HashSet;

use chrono_tz::Tz;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::journal::entries::{insert_entry, NewEntry};
use crate::journal::{EntryKind, Visibility};
use crate::schedule::parse_zone;
use crate::store::Store;

pub use unpack::{JOURNAL_FILE_MAX_BYTES, JOURNAL_TEXT_MAX_BYTES, ZIP_FILES_MAX};

/// The most entries one import brings in.
pub const JOURNAL_ENTRIES_MAX: usize = 50_000;

/// How to bring a journal in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JournalOptions {
    /// Private (the default) or shared.
    pub visibility: Visibility,
    /// The computer's IANA time zone, for times an app wrote without one
    /// (jrnl's); without it such times are read as UTC.
    pub zone: Option<String>,
}

impl Default for JournalOptions {
    fn default() -> Self {
        JournalOptions {
            visibility: Visibility::Private,
            zone: None,
        }
    }
}

/// The app a journal came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalApp {
    DayOne,
    Jrnl,
}

/// What Hearth has no place for, counted over the whole file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeftBehind {
    pub photos: usize,
    pub audio: usize,
    pub videos: usize,
    pub pdfs: usize,
    /// Entries that had a place (a location) attached.
    pub places: usize,
    /// Entries that had the day's weather attached.
    pub weather: usize,
    /// Entries that were starred.
    pub stars: usize,
}

/// The summary shown after a journal was brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalImportReport {
    pub app: JournalApp,
    /// Whose entries they became.
    pub author: PartnerId,
    pub visibility: Visibility,
    /// Entries added now (one split in parts counts once).
    pub entries_added: usize,
    /// Entries a former import had already brought in.
    pub entries_already_here: usize,
    /// Added entries too long for one Hearth entry, saved as several parts.
    pub entries_split: usize,
    /// Entries with no words (a photo alone), left out.
    pub entries_without_words: usize,
    /// Tags longer than Hearth keeps, shortened.
    pub tags_shortened: usize,
    /// Tags past the most one entry can have, left out.
    pub tags_left_out: usize,
    pub left_behind: LeftBehind,
}

/// A refusal: the file can't be used; nothing was changed.
pub(super) fn refuse(why: impl std::fmt::Display) -> Error {
    Error::invalid(format!("{why} Nothing was changed."))
}

/// A checked file, ready to write.
pub(crate) struct JournalPlan {
    report: JournalImportReport,
    author: PartnerId,
    new: Vec<fit::Planned>,
}

impl JournalPlan {
    /// Whether writing it would add anything.
    pub(crate) fn adds_anything(&self) -> bool {
        !self.new.is_empty()
    }
}

impl Store {
    /// Reads and checks a journal file from another app for `author`,
    /// writing nothing. See the module documentation.
    pub(crate) fn plan_journal(
        &self,
        author: PartnerId,
        bytes: &[u8],
        options: &JournalOptions,
    ) -> Result<JournalPlan> {
        self.ensure_partner(author)?;
        let zone: Option<Tz> = match options.zone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(parse_zone(name)?),
        };
        let mut journals = Vec::new();
        for text in unpack::texts(bytes)? {
            journals.push(formats::parse(&text, zone)?);
        }
        let mut left_behind = LeftBehind::default();
        let mut entries = Vec::new();
        for j in &mut journals {
            let l = j.left_behind;
            left_behind.photos += l.photos;
            left_behind.audio += l.audio;
            left_behind.videos += l.videos;
            left_behind.pdfs += l.pdfs;
            left_behind.places += l.places;
            left_behind.weather += l.weather;
            left_behind.stars += l.stars;
            entries.append(&mut j.entries);
        }
        if entries.is_empty() {
            return Err(refuse(
                "There are no entries in this journal file, so there is nothing to bring in.",
            ));
        }
        if entries.len() > JOURNAL_ENTRIES_MAX {
            return Err(refuse(format!(
                "This file has {} entries; Hearth brings in up to {} at a time. Please export \
                 it in parts (a range of dates each).",
                unpack::thousands(entries.len() as u64),
                unpack::thousands(JOURNAL_ENTRIES_MAX as u64)
            )));
        }
        let mut report = JournalImportReport {
            app: journals[0].app,
            author,
            visibility: options.visibility,
            entries_added: 0,
            entries_already_here: 0,
            entries_split: 0,
            entries_without_words: 0,
            tags_shortened: 0,
            tags_left_out: 0,
            left_behind,
        };
        let planned = fit::fit(entries, author, options.visibility, &mut report)?;
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT 1 FROM entries WHERE uid = ?1")?;
        let mut seen = HashSet::new();
        let mut new = Vec::new();
        for parts in planned {
            let n = parts.len();
            let mut fresh = Vec::with_capacity(n);
            for part in parts {
                let here = stmt
                    .query_row([&part.uid], |_| Ok(()))
                    .optional()?
                    .is_some();
                if seen.insert(part.uid.clone()) && !here {
                    fresh.push(part);
                }
            }
            if fresh.is_empty() {
                report.entries_already_here += 1;
            } else {
                report.entries_added += 1;
                report.entries_split += usize::from(n > 1);
                new.append(&mut fresh);
            }
        }
        Ok(JournalPlan {
            report,
            author,
            new,
        })
    }

    /// Writes a checked plan in one transaction.
    pub(crate) fn write_journal(&mut self, plan: JournalPlan) -> Result<JournalImportReport> {
        let tx = self.conn_mut().transaction()?;
        for p in &plan.new {
            insert_entry(
                &tx,
                &NewEntry {
                    uid: p.uid.clone(),
                    author: plan.author,
                    kind: EntryKind::Note,
                    checked: &p.checked,
                    prompt_id: None,
                    prompt_date: None,
                    repair: None,
                    created_at: p.created_at.clone(),
                    created_offset: p.created_offset,
                    updated_at: p.updated_at.clone(),
                    updated_offset: p.updated_offset,
                    deleted_at: None,
                    seal: None,
                },
            )?;
        }
        tx.commit()?;
        Ok(plan.report)
    }
}
