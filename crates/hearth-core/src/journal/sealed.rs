//! A partner's own words, sealed with their key while they are theirs alone.
//!
//! For a partner with a passphrase, an entry's words (title, body, tags and
//! the four repair parts) are sealed with their partner key
//! ([`crate::vault::seal`]) while the entry is private, and while it is an
//! answer to a prompt the other partner hasn't answered yet. The row keeps
//! its shape (the plain columns hold a placeholder, the tags are not in
//! `entry_tags`, the search index gets nothing) and everything around the
//! words stays plain: who wrote it, when, the feeling word, the prompt.
//!
//! Sealing happens before the row is written, so the words never reach the
//! file in the clear; a partner with a passphrase who is not unlocked can't
//! write at all ([`Store::key_to_seal`] refuses rather than write plain).
//! Reading opens the words only with the author's own key, held by the
//! store for the length of one call through the door. Anyone else gets the
//! entry marked `sealed`, without its words: that happens only for an answer
//! both have written whose author hasn't unlocked since (the reveal; see
//! [`open_revealed`]).

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::entries::replace_tags;
use super::{Entry, RepairParts};
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::vault::seal::{self, Place};
use crate::vault::{SecretKey, Slot, SlotKind};

/// What the `body` column holds for a sealed entry (it may not be empty).
pub(crate) const SEALED_BODY: &str = "\u{1f512}";

#[derive(Serialize, Deserialize)]
struct Words {
    title: Option<String>,
    body: String,
    tags: Vec<String>,
    repair: Option<RepairParts>,
}

fn place(uid: &str, author: PartnerId) -> Place<'_> {
    Place {
        table: "entries",
        row: uid,
        author,
        field: "words",
    }
}

/// The text columns of one `entries` row, as they are written.
pub(crate) struct Stored {
    pub title: Option<String>,
    pub body: String,
    pub repair: Option<RepairParts>,
    pub tags: Vec<String>,
    pub sealed: Option<Vec<u8>>,
}

impl Stored {
    /// The words as given, sealed with `key` when there is one.
    pub(crate) fn new(
        uid: &str,
        author: PartnerId,
        title: Option<&str>,
        body: &str,
        tags: &[String],
        repair: Option<&RepairParts>,
        key: Option<&SecretKey>,
    ) -> Stored {
        let Some(key) = key else {
            return Stored {
                title: title.map(str::to_string),
                body: body.to_string(),
                repair: repair.cloned(),
                tags: tags.to_vec(),
                sealed: None,
            };
        };
        let words = Words {
            title: title.map(str::to_string),
            body: body.to_string(),
            tags: tags.to_vec(),
            repair: repair.cloned(),
        };
        let plain = zeroize::Zeroizing::new(serde_json::to_vec(&words).expect("words serialize"));
        let empty = String::new;
        Stored {
            title: None,
            body: SEALED_BODY.to_string(),
            repair: repair.map(|_| RepairParts {
                what_i_did: empty(),
                how_it_affected_you: empty(),
                what_i_feel: empty(),
                what_i_will_do_differently: empty(),
            }),
            tags: vec![],
            sealed: Some(seal::seal(key, place(uid, author), &plain)),
        }
    }
}

/// Whether `author` has a passphrase (so their private words are sealed).
pub(crate) fn has_passphrase(conn: &Connection, author: PartnerId) -> Result<bool> {
    Slot::exists(conn, author, SlotKind::Passphrase)
}

/// Whether an answer to the prompt of `prompt_date` by `author` is still
/// theirs alone: the other partner hasn't answered that day.
pub(crate) fn unrevealed(conn: &Connection, author: PartnerId, prompt_date: &str) -> Result<bool> {
    Ok(!conn
        .prepare_cached("SELECT 1 FROM entries WHERE prompt_date = ?1 AND author <> ?2")?
        .exists(params![prompt_date, author.0])?)
}

impl Store {
    /// The key to seal a row of `author`'s with, when the row is theirs alone
    /// (`alone`) and they have a passphrase; `None` when it is written plain.
    /// A partner with a passphrase who isn't unlocked is refused: their
    /// private words are never written in the clear.
    pub(crate) fn key_to_seal(&self, author: PartnerId, alone: bool) -> Result<Option<SecretKey>> {
        if !alone || !has_passphrase(self.conn(), author)? {
            return Ok(None);
        }
        match &self.opener {
            Some((partner, key)) if *partner == author => Ok(Some(key.clone())),
            _ => Err(Error::NotAllowed(
                "These pages are locked. Please unlock them with their passphrase first.".into(),
            )),
        }
    }

    /// The unlocked key, if it is `author`'s.
    pub(crate) fn key_to_open(&self, author: PartnerId) -> Option<&SecretKey> {
        match &self.opener {
            Some((partner, key)) if *partner == author => Some(key),
            _ => None,
        }
    }

    /// Opens a sealed entry's words for its author; for anyone else the
    /// entry stays marked `sealed`, its words empty.
    pub(crate) fn open_entry(&self, entry: &mut Entry) {
        let Some(bytes) = entry.sealed_bytes.take() else {
            return;
        };
        let words = self
            .key_to_open(entry.author)
            .and_then(|key| seal::open(key, place(&entry.uid, entry.author), &bytes))
            .and_then(|plain| serde_json::from_slice::<Words>(&plain).ok());
        match words {
            Some(words) => {
                entry.title = words.title;
                entry.body = words.body;
                entry.tags = words.tags;
                entry.repair = words.repair;
            }
            None => {
                entry.sealed = true;
                entry.title = None;
                entry.body = String::new();
                entry.tags = vec![];
            }
        }
    }
}

/// One sealed or plain row's words, read raw.
fn read_words(conn: &Connection, id: i64) -> Result<(String, Stored)> {
    let mut stored = conn.query_row(
        "SELECT uid, title, body, repair_did, repair_effect, repair_feel, repair_change, sealed
         FROM entries WHERE id = ?1",
        [id],
        |r| {
            let repair = match r.get::<_, Option<String>>(3)? {
                None => None,
                Some(what_i_did) => Some(RepairParts {
                    what_i_did,
                    how_it_affected_you: r.get(4)?,
                    what_i_feel: r.get(5)?,
                    what_i_will_do_differently: r.get(6)?,
                }),
            };
            Ok((
                r.get::<_, String>(0)?,
                Stored {
                    title: r.get(1)?,
                    body: r.get(2)?,
                    repair,
                    tags: vec![],
                    sealed: r.get(7)?,
                },
            ))
        },
    )?;
    stored.1.tags = conn
        .prepare_cached("SELECT tag FROM entry_tags WHERE entry_id = ?1 ORDER BY tag")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(stored)
}

/// Writes a row's words as `stored` (not an edit: `updated_at` stays).
pub(crate) fn write_words(conn: &Connection, id: i64, stored: &Stored) -> Result<()> {
    let repair = stored.repair.as_ref();
    conn.prepare_cached(
        "UPDATE entries SET title = ?2, body = ?3, sealed = ?4,
            repair_did = iif(repair_did IS NULL, NULL, ?5), repair_effect = ?6,
            repair_feel = ?7, repair_change = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        stored.title,
        stored.body,
        stored.sealed,
        repair.map(|p| &p.what_i_did),
        repair.map(|p| &p.how_it_affected_you),
        repair.map(|p| &p.what_i_feel),
        repair.map(|p| &p.what_i_will_do_differently),
    ])?;
    replace_tags(conn, id, &stored.tags)
}

fn ids(conn: &Connection, sql: &str, author: PartnerId) -> Result<Vec<i64>> {
    Ok(conn
        .prepare(sql)?
        .query_map([author.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

// What unlocking asks (seal what arrived plain, open what is revealed)
// reads only the rows in question, through the partial indexes of schema
// step v12: with Lock Hearth on, every page a walk over all of a partner's
// entries touched would be decrypted. `journal/plans.rs` checks the plans.
// The term `(visibility = 'private' OR prompt_date IS NOT NULL)` repeats
// the index's condition word for word, which is how SQLite knows it may
// use that index.

/// `author`'s plain entries that are theirs alone: private ones, and
/// answers the other partner hasn't answered.
pub(crate) const TO_SEAL_SQL: &str =
    "SELECT e.id FROM entries e WHERE e.author = ?1 AND e.sealed IS NULL
        AND (e.visibility = 'private' OR e.prompt_date IS NOT NULL)
        AND (e.visibility = 'private' OR NOT EXISTS
            (SELECT 1 FROM entries m WHERE m.prompt_date = e.prompt_date AND m.author <> ?1))";
/// `author`'s sealed answers the other partner has answered too.
pub(crate) const REVEALED_SQL: &str =
    "SELECT e.id FROM entries e WHERE e.author = ?1 AND e.sealed IS NOT NULL
        AND e.visibility = 'shared' AND e.prompt_date IS NOT NULL AND EXISTS
            (SELECT 1 FROM entries m WHERE m.prompt_date = e.prompt_date AND m.author <> ?1)";
/// Every sealed entry of `author`'s.
pub(crate) const ALL_SEALED_SQL: &str =
    "SELECT id FROM entries WHERE author = ?1 AND sealed IS NOT NULL";

/// Seals every plain entry of `author`'s that is theirs alone (when a
/// passphrase is set). Returns how many.
pub(crate) fn seal_all(conn: &Connection, author: PartnerId, key: &SecretKey) -> Result<usize> {
    let ids = ids(conn, TO_SEAL_SQL, author)?;
    for &id in &ids {
        let (uid, w) = read_words(conn, id)?;
        let stored = Stored::new(
            &uid,
            author,
            w.title.as_deref(),
            &w.body,
            &w.tags,
            w.repair.as_ref(),
            Some(key),
        );
        write_words(conn, id, &stored)?;
    }
    Ok(ids.len())
}

/// Opens sealed entries of `author`'s and writes them plain: all of them
/// (`revealed_only` false: the passphrase is being removed), or only the
/// answers the other partner has answered too (the reveal, at unlock).
pub(crate) fn unseal(
    conn: &Connection,
    author: PartnerId,
    key: &SecretKey,
    revealed_only: bool,
) -> Result<usize> {
    let sql = if revealed_only {
        REVEALED_SQL
    } else {
        ALL_SEALED_SQL
    };
    let ids = ids(conn, sql, author)?;
    let mut opened = 0;
    for &id in &ids {
        let (uid, w) = read_words(conn, id)?;
        let sealed = w.sealed.unwrap_or_default();
        // Sealed with another of the author's keys (two laptops that each
        // made one before they met): it stays sealed, and opens with that
        // key once it arrives here (`sync::keys`).
        let Some(plain) = seal::open(key, place(&uid, author), &sealed) else {
            continue;
        };
        let words: Words =
            serde_json::from_slice(&plain).map_err(|_| Error::DamagedKey(unreadable()))?;
        let stored = Stored::new(
            &uid,
            author,
            words.title.as_deref(),
            &words.body,
            &words.tags,
            words.repair.as_ref(),
            None,
        );
        write_words(conn, id, &stored)?;
        opened += 1;
    }
    Ok(opened)
}

/// The reveal: when an unlocked partner's sealed answers have been answered
/// by the other, they are opened and kept plain, readable to both.
pub(crate) fn open_revealed(
    conn: &Connection,
    author: PartnerId,
    key: &SecretKey,
) -> Result<usize> {
    unseal(conn, author, key, true)
}

fn unreadable() -> String {
    "One of your sealed pages can't be opened with your key, so nothing was changed. \
     The file may be damaged; a snapshot can bring it back."
        .into()
}
