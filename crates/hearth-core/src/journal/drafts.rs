//! Drafts: what is being written, saved as it is typed.
//!
//! A draft lives in SQLite, so it survives a crash or a power cut. It is keyed
//! per partner and per editor, and only its author ever gets it back. Keys the
//! page uses: `new`, `repair`, `reply:<entryId>`, `edit:<entryId>`,
//! `answer:<YYYY-MM-DD>`, `appreciation`; any short key of `a-z 0-9 : - _`
//! is accepted. The content is whatever JSON the form needs.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp;
use crate::store::Store;

/// Largest draft kept, in bytes of JSON (an entry's body plus room to spare).
pub const DRAFT_MAX_BYTES: usize = 1_000_000;
const KEY_MAX_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    pub key: String,
    pub content: serde_json::Value,
    pub saved_at: DateTime<Utc>,
}

fn check_key(key: &str) -> Result<&str> {
    let ok = !key.is_empty()
        && key.len() <= KEY_MAX_CHARS
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_:".contains(&b));
    if ok {
        Ok(key)
    } else {
        Err(Error::invalid(
            "That draft has a name Hearth doesn't use. This is a bug in Hearth, not something you did.",
        ))
    }
}

impl Store {
    /// Saves (or replaces) the author's draft for one editor.
    pub fn save_draft(
        &mut self,
        author: PartnerId,
        key: &str,
        content: &serde_json::Value,
        clock: &dyn Clock,
    ) -> Result<Draft> {
        self.ensure_partner(author)?;
        let key = check_key(key)?;
        let json = content.to_string();
        if json.len() > DRAFT_MAX_BYTES {
            return Err(Error::invalid(
                "This draft is too long to keep. Please save what you have as an entry, or shorten it.",
            ));
        }
        let now = stamp::now(clock);
        self.conn().execute(
            "INSERT INTO drafts (author, key, content, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (author, key) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at",
            params![author.0, key, json, now],
        )?;
        self.draft(author, key)?
            .ok_or_else(|| Error::Storage("the draft didn't stay saved".into()))
    }

    /// The author's draft for one editor, if there is one.
    pub fn draft(&self, author: PartnerId, key: &str) -> Result<Option<Draft>> {
        self.ensure_partner(author)?;
        let key = check_key(key)?;
        let row: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT content, saved_at FROM drafts WHERE author = ?1 AND key = ?2",
                params![author.0, key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(content, saved_at)| {
            Ok(Draft {
                key: key.to_string(),
                content: serde_json::from_str(&content)
                    .map_err(|e| Error::Storage(format!("a draft couldn't be read back: {e}")))?,
                saved_at: stamp::parse_column(&saved_at, 1)?,
            })
        })
        .transpose()
    }

    /// Every draft the author has open, most recently saved first.
    pub fn drafts(&self, author: PartnerId) -> Result<Vec<Draft>> {
        self.ensure_partner(author)?;
        let keys: Vec<String> = self
            .conn()
            .prepare_cached("SELECT key FROM drafts WHERE author = ?1 ORDER BY saved_at DESC, key")?
            .query_map([author.0], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut drafts = Vec::with_capacity(keys.len());
        for key in keys {
            drafts.extend(self.draft(author, &key)?);
        }
        Ok(drafts)
    }

    /// Forgets the author's draft for one editor (after saving, or on cancel).
    pub fn clear_draft(&mut self, author: PartnerId, key: &str) -> Result<()> {
        self.ensure_partner(author)?;
        let key = check_key(key)?;
        self.conn().execute(
            "DELETE FROM drafts WHERE author = ?1 AND key = ?2",
            params![author.0, key],
        )?;
        Ok(())
    }
}
