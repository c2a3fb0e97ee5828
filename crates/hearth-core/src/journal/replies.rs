//! Replies under an entry, and "I read this".
//!
//! Either partner may reply under a shared entry; the thread reads oldest
//! first. The partner who didn't write an entry may say "I read this" once;
//! saying it again changes nothing, and the author sees who read it and when.
//! Replies follow their entry: whoever can't see the entry can't see them.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{entry_not_found, Entry, EntryKind, Visibility, BODY_MAX_CHARS, VISIBLE};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp::{self, check_offset};
use crate::store::Store;
use crate::text::long_text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reply {
    pub id: i64,
    pub uid: String,
    pub entry_id: i64,
    pub author: PartnerId,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub created_offset: i32,
}

/// An entry with its replies, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Thread {
    pub entry: Entry,
    pub replies: Vec<Reply>,
}

pub(crate) const REPLY_COLUMNS: &str =
    "r.id, r.uid, r.entry_id, r.author, r.body, r.created_at, r.created_offset";

pub(crate) fn reply_from_row(r: &rusqlite::Row) -> rusqlite::Result<Reply> {
    Ok(Reply {
        id: r.get(0)?,
        uid: r.get(1)?,
        entry_id: r.get(2)?,
        author: PartnerId(r.get(3)?),
        body: r.get(4)?,
        created_at: stamp::parse_column(&r.get::<_, String>(5)?, 5)?,
        created_offset: r.get(6)?,
    })
}

impl Store {
    /// Adds a reply by `author` under a shared entry they can see.
    pub fn reply(
        &mut self,
        author: PartnerId,
        entry_id: i64,
        body: &str,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Reply> {
        self.ensure_partner(author)?;
        let offset = check_offset(offset_minutes)?;
        let entry = self.visible_raw(author, entry_id)?;
        if entry.visibility == Visibility::Private {
            return Err(Error::invalid(
                "This entry is private, so it has no replies. Make it shared first if you'd like to talk about it here.",
            ));
        }
        if entry.kind == EntryKind::Answer && !self.both_answered(&entry)? {
            return Err(Error::invalid(
                "Replies open once you've both answered this prompt.",
            ));
        }
        let body = long_text(body, "The reply", BODY_MAX_CHARS)?;
        let uid = stamp::new_uid();
        self.conn().execute(
            "INSERT INTO replies (uid, entry_id, author, body, created_at, created_offset)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![uid, entry_id, author.0, body, stamp::now(clock), offset],
        )?;
        let id = self.conn().last_insert_rowid();
        Ok(self.conn().query_row(
            &format!("SELECT {REPLY_COLUMNS} FROM replies r WHERE r.id = ?1"),
            [id],
            reply_from_row,
        )?)
    }

    /// The replies under an entry the viewer can see, oldest first.
    pub fn replies(&self, viewer: PartnerId, entry_id: i64) -> Result<Vec<Reply>> {
        self.ensure_partner(viewer)?;
        if !self.is_visible(viewer, entry_id)? {
            return Err(entry_not_found());
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {REPLY_COLUMNS} FROM replies r WHERE r.entry_id = ?1 ORDER BY r.created_at, r.id"
        ))?;
        let rows = stmt.query_map([entry_id], reply_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An entry and its replies.
    pub fn thread(&self, viewer: PartnerId, entry_id: i64) -> Result<Thread> {
        Ok(Thread {
            entry: self.entry(viewer, entry_id)?,
            replies: self.replies(viewer, entry_id)?,
        })
    }

    /// "I read this", by the partner who didn't write the entry. Saying it
    /// twice keeps the first time.
    pub fn mark_read(
        &mut self,
        reader: PartnerId,
        entry_id: i64,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Entry> {
        self.ensure_partner(reader)?;
        let offset = check_offset(offset_minutes)?;
        let entry = self.visible_raw(reader, entry_id)?;
        if entry.author == reader {
            return Err(Error::invalid(
                "This is your own entry. \"I read this\" is for your partner to say.",
            ));
        }
        self.conn().execute(
            "INSERT INTO entry_reads (entry_id, reader, read_at, read_offset)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            params![entry_id, reader.0, stamp::now(clock), offset],
        )?;
        self.entry(reader, entry_id)
    }

    /// How many entries by the other partner the viewer hasn't marked read,
    /// counted up to [`UNREAD_COUNT_CAP`]: Today says "at least 100", so a
    /// couple who never mark anything read doesn't make every Today count
    /// years of writing (nor read them a number like 44,000).
    pub fn unread_count(&self, viewer: PartnerId) -> Result<i64> {
        self.ensure_partner(viewer)?;
        // The other partner by equality (ids are 1 and 2), so the count
        // walks `entries_unread`, which holds every column VISIBLE reads:
        // no entry row (and no long body) is read to count it.
        let other = 3 - viewer.0;
        Ok(self
            .conn()
            .prepare_cached(&unread_count_sql())?
            .query_row([viewer.0, other], |r| r.get(0))?)
    }

    /// How many entries the viewer can see (both voices, no trash).
    pub fn entry_count(&self, viewer: PartnerId) -> Result<i64> {
        self.ensure_partner(viewer)?;
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM entries e WHERE {VISIBLE}"))?
            .query_row([viewer.0], |r| r.get(0))?)
    }

    /// The stored entry, if the viewer can see it; `not_found` otherwise.
    fn visible_raw(&self, viewer: PartnerId, entry_id: i64) -> Result<Entry> {
        if !self.is_visible(viewer, entry_id)? {
            return Err(entry_not_found());
        }
        self.raw_entry(entry_id)?.ok_or_else(entry_not_found)
    }

    /// Whether the other partner has answered the same day's prompt too.
    pub(crate) fn both_answered(&self, answer: &Entry) -> Result<bool> {
        let Some(date) = answer.prompt_date else {
            return Ok(true);
        };
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM entries WHERE prompt_date = ?1 AND author <> ?2",
                params![date.format("%Y-%m-%d").to_string(), answer.author.0],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

/// Where the unread count stops counting.
pub const UNREAD_COUNT_CAP: i64 = 100;

/// Today's unread count: `?1` is the viewer, `?2` the other partner.
pub(crate) fn unread_count_sql() -> String {
    format!(
        "SELECT count(*) FROM (SELECT 1 FROM entries e INDEXED BY entries_unread
         WHERE e.author = ?2 AND {VISIBLE}
         AND NOT EXISTS (SELECT 1 FROM entry_reads x WHERE x.entry_id = e.id AND x.reader = ?1)
         LIMIT {UNREAD_COUNT_CAP})"
    )
}
