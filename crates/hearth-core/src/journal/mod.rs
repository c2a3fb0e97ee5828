//! The joint journal: entries in both voices, replies, "I read this", tags,
//! feelings, the trash, search and drafts.
//!
//! Privacy is decided here and only here. Every read takes the **viewer** (the
//! partner who is writing now) and goes through [`VISIBLE`], one SQL predicate
//! that every list, count, search and export uses:
//!
//! - a trashed entry is shown to nobody (its author sees it in the trash);
//! - a private entry is shown only to its author;
//! - an answer to a prompt of the day is shown to the other partner only once
//!   that partner has answered the same day's prompt too.
//!
//! A private entry of the other partner is reported as "not found", never as
//! "not allowed", so its existence isn't revealed either.

mod checks;
pub mod drafts;
pub(crate) mod entries;
#[cfg(test)]
mod plans;
mod repair;
mod replies;
pub(crate) mod sealed;
mod search;
mod timeline;
mod trash;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp::{self, bad_column};
use crate::store::Store;

pub use checks::check_tags;
pub(crate) use checks::{check_common, check_input, Checked};
pub use drafts::{Draft, DRAFT_MAX_BYTES};
pub(crate) use repair::repair_body;
pub use repair::{RepairInput, RepairPart, REPAIR_PARTS};
pub use replies::{Reply, Thread, UNREAD_COUNT_CAP};
pub use search::{search_terms, SearchHit, Segment};
pub use timeline::{cursor_at_date, Page, TimelineFilter, TimelineQuery, PAGE_MAX};

/// Longest title, in characters.
pub const TITLE_MAX_CHARS: usize = 120;
/// Longest body or reply, in characters (after trimming).
pub const BODY_MAX_CHARS: usize = 100_000;
/// Most tags on one entry.
pub const TAGS_MAX: usize = 10;
/// Longest tag, in characters.
pub const TAG_MAX_CHARS: usize = 30;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Both partners can read it.
    #[default]
    Shared,
    /// Only its author can read it; sealed with their key once they have a
    /// passphrase (see `sealed.rs`).
    Private,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Shared => "shared",
            Visibility::Private => "private",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A free entry.
    Note,
    /// An answer to the prompt of a day.
    Answer,
    /// A repair entry written with the four-part template.
    Repair,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Note => "note",
            EntryKind::Answer => "answer",
            EntryKind::Repair => "repair",
        }
    }
}

macro_rules! feelings {
    ($($variant:ident => $word:literal),* $(,)?) => {
        /// How the writer felt; a small fixed set so it can be filtered on.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Feeling { $($variant),* }

        impl Feeling {
            /// Every feeling, in the order the page offers them.
            pub const ALL: &'static [Feeling] = &[$(Feeling::$variant),*];

            /// The snake_case word stored and sent to the page.
            pub fn as_str(self) -> &'static str {
                match self { $(Feeling::$variant => $word),* }
            }
        }
    };
}

feelings! {
    Hopeful => "hopeful",
    Grateful => "grateful",
    Calm => "calm",
    Close => "close",
    Proud => "proud",
    Unsure => "unsure",
    Anxious => "anxious",
    Hurt => "hurt",
    Sad => "sad",
    Frustrated => "frustrated",
}

impl Feeling {
    /// Reads a feeling word as the page sends it.
    pub fn parse(raw: &str) -> Result<Feeling> {
        let word = raw.trim();
        Feeling::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == word)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "\"{}\" isn't one of the feelings Hearth knows. Please pick one from the list.",
                    word.chars().take(30).collect::<String>()
                ))
            })
    }
}

/// What a partner writes in the entry form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntryInput {
    pub title: Option<String>,
    pub body: String,
    /// One of [`Feeling::ALL`] as a word, or none.
    pub feeling: Option<String>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    /// A prompt from the library that inspired the entry (not an answer).
    pub prompt_id: Option<String>,
}

/// "I read this", by the partner who didn't write the entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadMark {
    pub reader: PartnerId,
    pub read_at: DateTime<Utc>,
    pub read_offset: i32,
}

/// The four parts of a repair entry, shown as sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepairParts {
    pub what_i_did: String,
    pub how_it_affected_you: String,
    pub what_i_feel: String,
    pub what_i_will_do_differently: String,
}

/// One journal entry as a viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: i64,
    pub uid: String,
    pub kind: EntryKind,
    pub author: PartnerId,
    pub title: Option<String>,
    /// For a repair entry, the four parts joined by blank lines.
    pub body: String,
    pub feeling: Option<Feeling>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    pub prompt_id: Option<String>,
    /// The words of that prompt, so an answer is never shown without its
    /// question (`None` without a prompt, or if the prompt is gone).
    pub prompt_text: Option<String>,
    pub prompt_date: Option<NaiveDate>,
    pub repair: Option<RepairParts>,
    pub created_at: DateTime<Utc>,
    pub created_offset: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_offset: i32,
    /// Changed after it was first saved.
    pub edited: bool,
    /// Set while the entry is in its author's trash.
    pub deleted_at: Option<DateTime<Utc>>,
    pub reply_count: i64,
    pub reads: Vec<ReadMark>,
    /// Its words are sealed with its author's key and can't be opened now:
    /// an answer both have written, whose author hasn't unlocked Hearth
    /// since (see `sealed.rs`). Title, body and tags are empty.
    pub sealed: bool,
    /// The sealed bytes as read, until [`Store::open_entry`] opens them.
    #[serde(skip)]
    pub(crate) sealed_bytes: Option<Vec<u8>>,
}

/// The columns [`entry_from_row`] reads, from `entries e`.
pub(crate) const ENTRY_COLUMNS: &str =
    "e.id, e.uid, e.author, e.kind, e.title, e.body, e.feeling, \
     e.visibility, e.prompt_id, e.prompt_date, e.repair_did, e.repair_effect, e.repair_feel, \
     e.repair_change, e.created_at, e.created_offset, e.updated_at, e.updated_offset, e.deleted_at, e.sealed";

/// Whether entry `e` may be shown to the viewer bound as `?1`. See the module
/// documentation; every read of entries (and of what hangs off them) uses it.
pub(crate) const VISIBLE: &str = "(e.deleted_at IS NULL AND (e.author = ?1 OR \
     (e.visibility = 'shared' AND (e.prompt_date IS NULL OR EXISTS \
     (SELECT 1 FROM entries m WHERE m.prompt_date = e.prompt_date AND m.author = ?1)))))";

/// Reads the [`ENTRY_COLUMNS`]; tags, reads, the reply count and the
/// prompt's words come after ([`Store::hydrate`]).
pub(crate) fn entry_from_row(r: &Row) -> rusqlite::Result<Entry> {
    let kind: String = r.get(3)?;
    let kind = match kind.as_str() {
        "note" => EntryKind::Note,
        "answer" => EntryKind::Answer,
        "repair" => EntryKind::Repair,
        other => return Err(bad_column(3, "entry kind", other)),
    };
    let feeling = match r.get::<_, Option<String>>(6)? {
        None => None,
        Some(word) => Some(Feeling::parse(&word).map_err(|_| bad_column(6, "feeling", &word))?),
    };
    let visibility: String = r.get(7)?;
    let visibility = match visibility.as_str() {
        "shared" => Visibility::Shared,
        "private" => Visibility::Private,
        other => return Err(bad_column(7, "visibility", other)),
    };
    let prompt_date = match r.get::<_, Option<String>>(9)? {
        None => None,
        Some(raw) => Some(
            NaiveDate::parse_from_str(&raw, "%Y-%m-%d").map_err(|_| bad_column(9, "date", &raw))?,
        ),
    };
    let repair = match r.get::<_, Option<String>>(10)? {
        None => None,
        Some(what_i_did) => Some(RepairParts {
            what_i_did,
            how_it_affected_you: r.get(11)?,
            what_i_feel: r.get(12)?,
            what_i_will_do_differently: r.get(13)?,
        }),
    };
    let created_at = stamp::parse_column(&r.get::<_, String>(14)?, 14)?;
    let updated_at = stamp::parse_column(&r.get::<_, String>(16)?, 16)?;
    let deleted_at = match r.get::<_, Option<String>>(18)? {
        None => None,
        Some(raw) => Some(stamp::parse_column(&raw, 18)?),
    };
    Ok(Entry {
        id: r.get(0)?,
        uid: r.get(1)?,
        author: PartnerId(r.get(2)?),
        kind,
        title: r.get(4)?,
        body: r.get(5)?,
        feeling,
        tags: Vec::new(),
        visibility,
        prompt_id: r.get(8)?,
        prompt_text: None,
        prompt_date,
        repair,
        created_at,
        created_offset: r.get(15)?,
        updated_at,
        updated_offset: r.get(17)?,
        edited: updated_at > created_at,
        deleted_at,
        reply_count: 0,
        reads: Vec::new(),
        sealed: false,
        sealed_bytes: r.get(19)?,
    })
}

/// "Not found" for an entry, worded the same whether it doesn't exist, is
/// private to the other partner, or is in the trash.
pub(crate) fn entry_not_found() -> Error {
    Error::NotFound("That entry isn't here. It may have been moved to the trash.".into())
}

impl Store {
    /// Checks `id` is one of the two partners of a set-up couple.
    pub(crate) fn ensure_partner(&self, id: PartnerId) -> Result<()> {
        if !self.is_set_up()? {
            return Err(Error::NotSetUp);
        }
        if id.0 == 1 || id.0 == 2 {
            Ok(())
        } else {
            Err(Error::NotFound("There's no partner with that id.".into()))
        }
    }

    /// Fills in tags, reads, the reply count and the prompt's words of an
    /// entry already shown.
    pub(crate) fn hydrate(&self, entry: &mut Entry) -> Result<()> {
        entry.prompt_text = match &entry.prompt_id {
            Some(id) => self.prompt_text(id)?,
            None => None,
        };
        let conn = self.conn();
        // Tags are kept in alphabetical order (the table's key order).
        let mut tags =
            conn.prepare_cached("SELECT tag FROM entry_tags WHERE entry_id = ?1 ORDER BY tag")?;
        entry.tags = tags
            .query_map([entry.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut reads = conn.prepare_cached(
            "SELECT reader, read_at, read_offset FROM entry_reads WHERE entry_id = ?1 ORDER BY reader",
        )?;
        entry.reads = reads
            .query_map([entry.id], |r| {
                Ok(ReadMark {
                    reader: PartnerId(r.get(0)?),
                    read_at: stamp::parse_column(&r.get::<_, String>(1)?, 1)?,
                    read_offset: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        entry.reply_count = conn
            .prepare_cached("SELECT count(*) FROM replies WHERE entry_id = ?1")?
            .query_row([entry.id], |r| r.get(0))?;
        self.open_entry(entry);
        Ok(())
    }

    /// An entry as stored, whoever may see it (for checks before a change).
    pub(crate) fn raw_entry(&self, id: i64) -> Result<Option<Entry>> {
        let mut entry = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?1"
            ))?
            .query_row([id], entry_from_row)
            .optional()?;
        if let Some(entry) = &mut entry {
            self.open_entry(entry);
        }
        Ok(entry)
    }

    /// Whether `viewer` may see entry `id` right now.
    pub(crate) fn is_visible(&self, viewer: PartnerId, id: i64) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM entries e WHERE e.id = ?2 AND {VISIBLE}"
            ))?
            .query_row([viewer.0, id], |r| r.get::<_, i64>(0))?
            == 1)
    }
}
