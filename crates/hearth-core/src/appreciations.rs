//! Appreciations: a one-line thank-you from one partner to the other.
//!
//! Noticing the other's effort encourages more of it. A new appreciation
//! waits on the recipient's Today view until they mark it read; both
//! partners can look back over all of them.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp::{self, check_offset};
use crate::store::Store;
use crate::text::optional_label;

/// Longest appreciation, in characters.
pub const APPRECIATION_MAX_CHARS: usize = 280;
/// Most appreciations returned at once.
pub const APPRECIATIONS_MAX: u32 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appreciation {
    pub id: i64,
    pub uid: String,
    pub from: PartnerId,
    pub to: PartnerId,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub created_offset: i32,
    pub read_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str =
    "id, uid, from_partner, to_partner, text, created_at, created_offset, read_at";

pub(crate) fn appreciation_from_row(r: &rusqlite::Row) -> rusqlite::Result<Appreciation> {
    Ok(Appreciation {
        id: r.get(0)?,
        uid: r.get(1)?,
        from: PartnerId(r.get(2)?),
        to: PartnerId(r.get(3)?),
        text: r.get(4)?,
        created_at: stamp::parse_column(&r.get::<_, String>(5)?, 5)?,
        created_offset: r.get(6)?,
        read_at: match r.get::<_, Option<String>>(7)? {
            Some(raw) => Some(stamp::parse_column(&raw, 7)?),
            None => None,
        },
    })
}

/// Checks the words of a thank-you: one line, 1 to 280 characters.
pub(crate) fn check_text(raw: &str) -> Result<String> {
    optional_label(Some(raw), "The thank-you", APPRECIATION_MAX_CHARS)?
        .ok_or_else(|| Error::invalid("The thank-you is empty. A few words are plenty."))
}

impl Store {
    /// Sends a thank-you from `from` to the other partner.
    pub fn appreciate(
        &mut self,
        from: PartnerId,
        text: &str,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Appreciation> {
        self.ensure_partner(from)?;
        let offset = check_offset(offset_minutes)?;
        let text = check_text(text)?;
        self.conn().execute(
            "INSERT INTO appreciations (uid, from_partner, to_partner, text, created_at, created_offset)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![stamp::new_uid(), from.0, 3 - from.0, text, stamp::now(clock), offset],
        )?;
        self.appreciation(self.conn().last_insert_rowid())
    }

    /// The thank-yous the viewer hasn't marked read yet, oldest first.
    pub fn unread_appreciations(&self, viewer: PartnerId) -> Result<Vec<Appreciation>> {
        self.ensure_partner(viewer)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM appreciations WHERE to_partner = ?1 AND read_at IS NULL
             ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map([viewer.0], appreciation_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a thank-you to the viewer as read; again changes nothing.
    pub fn mark_appreciation_read(
        &mut self,
        viewer: PartnerId,
        id: i64,
        clock: &dyn Clock,
    ) -> Result<Appreciation> {
        self.ensure_partner(viewer)?;
        let found = self.appreciation(id)?;
        if found.to != viewer {
            return Err(Error::NotAllowed(
                "Only the one it was written to can mark a thank-you as read.".into(),
            ));
        }
        self.conn().execute(
            "UPDATE appreciations SET read_at = ?2 WHERE id = ?1 AND read_at IS NULL",
            params![id, stamp::now(clock)],
        )?;
        self.appreciation(id)
    }

    /// All thank-yous, both ways, newest first.
    pub fn appreciations(&self, viewer: PartnerId, limit: u32) -> Result<Vec<Appreciation>> {
        self.ensure_partner(viewer)?;
        let limit = limit.clamp(1, APPRECIATIONS_MAX);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM appreciations ORDER BY created_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], appreciation_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn appreciation(&self, id: i64) -> Result<Appreciation> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM appreciations WHERE id = ?1"),
                [id],
                appreciation_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound("That thank-you isn't here.".into()))
    }
}
