//! Sealing a partner's private words when their passphrase is set,
//! opening them when it is removed, and the reveal at unlock.
//!
//! Each runs in one transaction with the key-slot change it belongs to, so a
//! crash leaves either the old state whole or the new one. Changing the
//! passphrase touches none of this: it rewraps the key, and the sealed rows
//! stay as they are.
//!
//! **The reveal.** An answer to the prompt of the day (or a check-in) is
//! sealed while it is its author's alone. When the other partner answers,
//! the first author's key is not open (only one partner is unlocked at a
//! time), so the sealed answer can't be opened then: the other partner is
//! told it is there, sealed. The next time its author unlocks, every sealed
//! answer and check-in both have written is opened and kept plain, readable
//! to both, as the shared pages they have become.
//!
//! **Search.** Sealed words are not in the FTS5 index; the unlocked
//! partner's own sealed entries are searched through an index in memory
//! (`journal/private_index.rs`), built at unlock, rebuilt when a write made
//! it stale, and dropped (wiped) with the key.

use rusqlite::Connection;

use super::Hearth;
use crate::couple::PartnerId;
use crate::error::Result;
use crate::journal::private_index::PrivateIndex;
use crate::journal::{drafts, sealed, SearchHit};
use crate::store::Store;
use crate::vault::SecretKey;

/// Seals everything of `partner`'s that is theirs alone (a passphrase set).
/// Returns how many rows it sealed.
pub(super) fn seal_all(conn: &Connection, partner: PartnerId, key: &SecretKey) -> Result<usize> {
    Ok(sealed::seal_all(conn, partner, key)?
        + drafts::reseal_all(conn, partner, key, true)?
        + crate::checkins::reseal_all(conn, partner, key, true)?)
}

/// Opens every sealed row of `partner`'s (the passphrase removed).
pub(super) fn unseal_all(conn: &Connection, partner: PartnerId, key: &SecretKey) -> Result<()> {
    sealed::unseal(conn, partner, key, false)?;
    drafts::reseal_all(conn, partner, key, false)?;
    crate::checkins::reseal_all(conn, partner, key, false)?;
    Ok(())
}

/// Whether anything of `partner`'s here is sealed (with their key).
pub(super) fn has_sealed(conn: &Connection, partner: PartnerId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM entries WHERE author = ?1 AND sealed IS NOT NULL)
             OR EXISTS (SELECT 1 FROM drafts WHERE author = ?1 AND sealed IS NOT NULL)
             OR EXISTS (SELECT 1 FROM checkins WHERE author = ?1 AND sealed IS NOT NULL)",
        [partner.0],
        |r| r.get(0),
    )?)
}

/// At unlock: the reveal (answers and check-ins both have written are
/// opened for both), and anything of theirs that arrived plain while they
/// were locked (an import, or words written on another laptop before their
/// passphrase reached it) is sealed. One transaction; returns how many rows
/// it sealed.
pub(super) fn on_unlock(store: &mut Store, partner: PartnerId, key: &SecretKey) -> Result<usize> {
    let tx = store.conn_mut().transaction()?;
    sealed::open_revealed(&tx, partner, key)?;
    crate::checkins::open_revealed(&tx, partner, key)?;
    let sealed = seal_all(&tx, partner, key)?;
    tx.commit()?;
    Ok(sealed)
}

/// After words that were plain are sealed: zero freed pages, rewrite the
/// search index without the words it held, and empty the WAL, so the old
/// plain copies don't linger in the file. (Snapshots taken before keep
/// them; docs/SECURITY.md says so.)
pub(super) fn scrub(store: &mut Store) -> Result<()> {
    let conn = store.conn_mut();
    conn.execute_batch("INSERT INTO journal_fts (journal_fts) VALUES ('optimize');")?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Freed pages are overwritten with zeros from now on, on this connection.
pub(super) fn zero_freed_pages(store: &mut Store) -> Result<()> {
    store
        .conn_mut()
        .pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

impl Hearth {
    /// (Re)builds the unlocked writer's in-memory index of their sealed
    /// entries (done at unlock, and when a write made it stale); returns how
    /// many entries it holds. Nothing without an unlocked writer.
    #[doc(hidden)]
    pub fn index_private_pages(&mut self) -> Result<usize> {
        let Ok(store) = &mut self.store else {
            return Ok(0);
        };
        let Some((partner, key)) = self.vault.key() else {
            return Ok(0);
        };
        if store.writer()? != Some(partner) {
            return Ok(0);
        }
        self.vault.index = None;
        store.opener = Some((partner, key));
        let built = PrivateIndex::build(store, partner);
        store.opener = None;
        let built = built?;
        let n = built.len();
        self.vault.index = Some(built);
        Ok(n)
    }

    /// Search: the shared index (FTS5) as the writer may see it, with the
    /// unlocked writer's own sealed entries found in memory merged in first.
    pub(super) fn search_with_private(
        &mut self,
        query: &str,
        limit: u32,
    ) -> Result<Vec<SearchHit>> {
        let shared = self.as_writer(|s, me, _| s.search(me, query, limit))?;
        let stale = match (&self.vault.index, &self.store) {
            (Some(index), Ok(store)) => {
                Some(index.partner()) != self.vault.unlocked()
                    || index.built_at != store.change_count()
            }
            _ => true,
        };
        if stale && self.index_private_pages()? == 0 {
            return Ok(shared);
        }
        let (Ok(store), Some(index)) = (&mut self.store, &self.vault.index) else {
            return Ok(shared);
        };
        store.opener = self.vault.key();
        let private = index.search(store, query, limit as usize);
        store.opener = None;
        let mut hits = private?;
        let seen: std::collections::HashSet<i64> = hits.iter().map(|h| h.entry.id).collect();
        hits.extend(shared.into_iter().filter(|h| !seen.contains(&h.entry.id)));
        hits.truncate(limit as usize);
        Ok(hits)
    }
}
