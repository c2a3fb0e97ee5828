//! The trash: deleting is deliberate and can be undone.
//!
//! Deleting an entry moves it to its author's trash (it disappears from every
//! list, search and count, for both partners) and restoring brings it back as
//! it was, replies and reads included. Only emptying the trash removes
//! entries for good, and only the viewer's own.

use rusqlite::params;

use super::{entry_from_row, entry_not_found, Entry, ENTRY_COLUMNS};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp;
use crate::store::Store;

impl Store {
    /// Moves an entry of the viewer's to their trash.
    pub fn delete_entry(&mut self, author: PartnerId, id: i64, clock: &dyn Clock) -> Result<Entry> {
        self.own_entry(author, id)?;
        self.conn().execute(
            "UPDATE entries SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, stamp::now(clock)],
        )?;
        self.trashed_entry(author, id)
    }

    /// Brings an entry back from the viewer's trash, as it was.
    pub fn restore_entry(&mut self, author: PartnerId, id: i64) -> Result<Entry> {
        self.trashed_entry(author, id)?;
        self.conn()
            .execute("UPDATE entries SET deleted_at = NULL WHERE id = ?1", [id])?;
        self.entry(author, id)
    }

    /// The viewer's trashed entries, most recently deleted first.
    pub fn trash(&self, viewer: PartnerId) -> Result<Vec<Entry>> {
        self.ensure_partner(viewer)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e
             WHERE e.author = ?1 AND e.deleted_at IS NOT NULL
             ORDER BY e.deleted_at DESC, e.id DESC"
        ))?;
        let mut entries: Vec<Entry> = stmt
            .query_map([viewer.0], entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for entry in &mut entries {
            self.hydrate(entry)?;
        }
        Ok(entries)
    }

    /// Removes the viewer's trashed entries for good, with their replies and
    /// reads; the other partner's trash is left alone. Returns how many.
    pub fn empty_trash(&mut self, viewer: PartnerId) -> Result<usize> {
        self.ensure_partner(viewer)?;
        let tx = self.conn_mut().transaction()?;
        let removed = tx.execute(
            "DELETE FROM entries WHERE author = ?1 AND deleted_at IS NOT NULL",
            [viewer.0],
        )?;
        tx.commit()?;
        Ok(removed)
    }

    /// One entry in the viewer's own trash.
    fn trashed_entry(&self, author: PartnerId, id: i64) -> Result<Entry> {
        self.ensure_partner(author)?;
        let Some(mut entry) = self.raw_entry(id)? else {
            return Err(entry_not_found());
        };
        if entry.author != author {
            return Err(if self.is_visible(author, id)? {
                Error::NotAllowed(
                    "Only the one who wrote an entry can delete or restore it.".into(),
                )
            } else {
                entry_not_found()
            });
        }
        if entry.deleted_at.is_none() {
            return Err(Error::NotFound("That entry isn't in the trash.".into()));
        }
        self.hydrate(&mut entry)?;
        Ok(entry)
    }
}
