//! Drafts: what is being written, saved as it is typed.
//!
//! A draft lives in SQLite, so it survives a crash or a power cut. It is keyed
//! per partner and per editor, and only its author ever gets it back. Keys the
//! page uses: `new`, `repair`, `reply:<entryId>`, `edit:<entryId>`,
//! `answer:<YYYY-MM-DD>`, `appreciation`; any short key of `a-z 0-9 : - _`
//! is accepted. The content is whatever JSON the form needs.
//!
//! A draft is its author's alone, so for a partner with a passphrase it is
//! always sealed with their key (`content` is left empty, the sealed JSON is
//! in `sealed`; see `sealed.rs` for entries).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp;
use crate::store::Store;
use crate::vault::seal::{self, Place};
use crate::vault::SecretKey;

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
        let seal = self.key_to_seal(author, true)?;
        let (content, sealed) = match &seal {
            Some(k) => (
                String::new(),
                Some(seal::seal(k, place(author, key), json.as_bytes())),
            ),
            None => (json, None),
        };
        self.conn().execute(
            "INSERT INTO drafts (author, key, content, saved_at, sealed) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (author, key) DO UPDATE SET content = excluded.content,
                saved_at = excluded.saved_at, sealed = excluded.sealed",
            params![author.0, key, content, now, sealed],
        )?;
        self.draft(author, key)?
            .ok_or_else(|| Error::Storage("the draft didn't stay saved".into()))
    }

    /// The author's draft for one editor, if there is one.
    pub fn draft(&self, author: PartnerId, key: &str) -> Result<Option<Draft>> {
        self.ensure_partner(author)?;
        let key = check_key(key)?;
        let row: Option<(String, String, Option<Vec<u8>>)> = self
            .conn()
            .query_row(
                "SELECT content, saved_at, sealed FROM drafts WHERE author = ?1 AND key = ?2",
                params![author.0, key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(content, saved_at, sealed)| {
            let content = match sealed {
                None => content,
                Some(bytes) => self.open_draft(author, key, &bytes)?,
            };
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

fn place(author: PartnerId, key: &str) -> Place<'_> {
    Place {
        table: "drafts",
        row: key,
        author,
        field: "content",
    }
}

impl Store {
    fn open_draft(&self, author: PartnerId, key: &str, sealed: &[u8]) -> Result<String> {
        self.key_to_open(author)
            .and_then(|k| seal::open(k, place(author, key), sealed))
            .and_then(|plain| String::from_utf8(plain.to_vec()).ok())
            .ok_or_else(|| {
                Error::NotAllowed("This draft is sealed, and its key isn't open.".into())
            })
    }
}

/// Seals (with `Some(key)`) or opens (`None`, given the key to open with)
/// every draft of `author`'s: a passphrase set or removed.
pub(crate) fn reseal_all(
    conn: &rusqlite::Connection,
    author: PartnerId,
    key: &SecretKey,
    sealing: bool,
) -> Result<usize> {
    let rows: Vec<(String, String, Option<Vec<u8>>)> = conn
        .prepare("SELECT key, content, sealed FROM drafts WHERE author = ?1")?
        .query_map([author.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = 0;
    let mut update =
        conn.prepare("UPDATE drafts SET content = ?3, sealed = ?4 WHERE author = ?1 AND key = ?2")?;
    for (key_name, content, sealed) in rows {
        match (sealing, sealed) {
            (true, None) => {
                let bytes = seal::seal(key, place(author, &key_name), content.as_bytes());
                update.execute(params![author.0, key_name, "", bytes])?;
            }
            (false, Some(bytes)) => {
                let plain = seal::open(key, place(author, &key_name), &bytes)
                    .and_then(|p| String::from_utf8(p.to_vec()).ok())
                    .ok_or_else(|| {
                        Error::DamagedKey(
                            "A sealed draft can't be opened with your key, so nothing was changed."
                                .into(),
                        )
                    })?;
                update.execute(params![author.0, key_name, plain, None::<Vec<u8>>])?;
            }
            _ => continue,
        }
        changed += 1;
    }
    Ok(changed)
}
