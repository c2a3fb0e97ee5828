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

use rusqlite::Connection;

use crate::couple::PartnerId;
use crate::error::Result;
use crate::journal::{drafts, sealed};
use crate::store::Store;
use crate::vault::SecretKey;

/// Seals everything of `partner`'s that is theirs alone (a passphrase set).
pub(super) fn seal_all(conn: &Connection, partner: PartnerId, key: &SecretKey) -> Result<()> {
    sealed::seal_all(conn, partner, key)?;
    drafts::reseal_all(conn, partner, key, true)?;
    crate::checkins::reseal_all(conn, partner, key, true)?;
    Ok(())
}

/// Opens every sealed row of `partner`'s (the passphrase removed).
pub(super) fn unseal_all(conn: &Connection, partner: PartnerId, key: &SecretKey) -> Result<()> {
    sealed::unseal(conn, partner, key, false)?;
    drafts::reseal_all(conn, partner, key, false)?;
    crate::checkins::reseal_all(conn, partner, key, false)?;
    Ok(())
}

/// At unlock: the reveal (answers and check-ins both have written are
/// opened for both), and anything of theirs that arrived plain while they
/// were locked (an import) is sealed. One transaction.
pub(super) fn on_unlock(store: &mut Store, partner: PartnerId, key: &SecretKey) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    sealed::open_revealed(&tx, partner, key)?;
    crate::checkins::open_revealed(&tx, partner, key)?;
    seal_all(&tx, partner, key)?;
    tx.commit()?;
    Ok(())
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
