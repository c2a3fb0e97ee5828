//! Two laptops, one journal (issue 16): the couple's data as a Loro document.
//!
//! Every change to the couple's data is also an operation in a CRDT
//! document (Loro), so two laptops that exchange their changes in any order,
//! any number of times, end with the same journal. SQLite stays the store
//! every screen reads. The design, the conflict rules and what is built so
//! far are in `docs/SYNC.md`.
//!
//! **Recording is derived from the write.** Temporary triggers (installed by
//! the door when it opens the file; [`install`]) note each changed row of
//! the couple's tables in `sync_pending`, in the same transaction as the
//! change, whoever made it. After each call through the door, [`Replica::record`]
//! reads those rows as they now are and writes what differs into the
//! document, then stores the new operations (Loro update bytes) and clears
//! the notes in one transaction. So nothing is recorded by hand per command,
//! and a crash between the write and the recording loses nothing: the notes
//! are still there at the next call.
//!
//! **Recording does not wait for the disk; sending does.** The write was
//! saved durably together with its notes, so the recording's own commit
//! need not be (`synchronous=NORMAL`, which spares every save a second
//! flush): a power cut that loses it loses nothing, the notes are recorded
//! again. What must never happen is a change leaving the laptop and then
//! being forgotten here, because the same operation would be made again with
//! other contents. So before any change is exported, [`Replica::settle`]
//! makes everything recorded durable.
//!
//! **Applying is one transaction.** [`Replica::import`] hands a peer's bytes
//! to the engine (refused whole when damaged or cut short), then writes the
//! records the engine says changed to SQLite and stores the bytes, together.

pub(crate) mod apply;
mod changed;
pub(crate) mod config;
pub(crate) mod files;
pub(crate) mod keys;
pub(crate) mod pairing;
mod record;
pub(crate) mod tables;

pub use changed::ask_the_engine_what_changed_for_tests;
pub use config::{DeviceView, PairingCode, SyncNote, SyncState};

use std::collections::HashMap;

use loro::{ExportMode, LoroDoc, VersionVector};
use rusqlite::Connection;

use crate::error::{Error, Result};
use changed::Changed;

/// What applying a peer's changes did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    /// Rows of the couple's data written or removed here.
    pub rows: usize,
    /// Records the engine holds that SQLite refused (a rule only one
    /// laptop's data can keep, such as one answer per partner and day);
    /// they stay in the document and are tried again with the next change.
    pub refused: usize,
    /// Some of the changes wait for earlier ones not yet here.
    pub waiting: bool,
    /// Nothing in the bytes was new here.
    pub known: bool,
}

/// This laptop's copy of the document, with its device (peer) id.
pub struct Replica {
    doc: LoroDoc,
    peer: u64,
    /// The synced columns of each table, as SQLite lists them.
    columns: HashMap<&'static str, Vec<String>>,
    /// Something recorded may not be on the disk yet.
    unsettled: bool,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica").field("peer", &self.peer).finish()
    }
}

/// Installs the triggers that note changed rows, on this connection.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    let sql: String = tables::TABLES.iter().map(|t| t.triggers_sql()).collect();
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Removes those triggers (benchmarks measure a write without recording).
pub(crate) fn uninstall(conn: &Connection) -> Result<()> {
    let mut sql = String::new();
    for t in tables::TABLES.iter().map(|t| t.name).chain(["entry_tags"]) {
        for when in ["insert", "update", "delete"] {
            sql.push_str(&format!("DROP TRIGGER IF EXISTS temp.sync_{t}_{when};"));
        }
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// This laptop's device id (`sync_device`, set by the schema step).
pub(crate) fn device(conn: &Connection) -> Result<u64> {
    let peer: i64 = conn.query_row("SELECT peer FROM sync_device WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    Ok(peer as u64)
}

/// Gives this laptop a new device id (after a restore took the file back to
/// an earlier moment, so that operations numbered after it are never
/// numbered twice with different contents).
pub(crate) fn renew_device(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE sync_device SET peer = (random() & 9223372036854775807) | 1 WHERE id = 1",
        [],
    )?;
    Ok(())
}

/// A stored record of more rows than this is folded into one snapshot
/// when it is next loaded.
const COMPACT_ABOVE_ROWS: usize = 256;

/// Replaces the stored rows with one snapshot of the document, history
/// included (so any peer can still be given exactly what it lacks): every
/// write adds a row, and a year of them would otherwise be imported one by
/// one at every opening.
fn compact(doc: &LoroDoc, conn: &Connection) -> Result<()> {
    store_as_snapshot(doc, conn, ExportMode::Snapshot)
}

/// Replaces the stored rows with `mode`'s snapshot of the document and the
/// changes still waiting for earlier ones (kept apart by the engine, so
/// nothing waiting is dropped), in one transaction: a crash keeps the rows
/// as they were.
fn store_as_snapshot(doc: &LoroDoc, conn: &Connection, mode: ExportMode) -> Result<()> {
    let snapshot = doc.export(mode).map_err(engine)?;
    let waiting = doc.export_pending_updates().map_err(engine)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM sync_changes", [])?;
    tx.execute(
        "INSERT INTO sync_changes (origin, bytes) VALUES ('snapshot', ?1)",
        [snapshot],
    )?;
    if let Some(waiting) = waiting {
        tx.execute(
            "INSERT INTO sync_changes (origin, bytes) VALUES ('remote', ?1)",
            [waiting],
        )?;
    }
    tx.commit()?;
    Ok(())
}

fn engine(err: impl std::fmt::Display) -> Error {
    Error::Storage(format!("the record of changes could not be kept ({err})"))
}

impl Replica {
    /// Loads the document from what the file keeps. A journal written before
    /// Hearth recorded anything has every row noted, to be recorded at once.
    pub(crate) fn load(conn: &Connection) -> Result<Replica> {
        let peer = device(conn)?;
        let doc = LoroDoc::new();
        let kept: Vec<Vec<u8>> = conn
            .prepare("SELECT bytes FROM sync_changes ORDER BY seq")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if kept.is_empty() {
            let sql: String = tables::TABLES.iter().map(|t| t.note_all_sql()).collect();
            conn.execute_batch(&sql)?;
        } else {
            doc.import_batch(&kept).map_err(engine)?;
            if kept.len() > COMPACT_ABOVE_ROWS && conn.is_autocommit() {
                // Folding is tidying: the document is whole either way, so
                // a full disk here leaves the rows for the next opening.
                let _ = compact(&doc, conn);
            }
            // A table Hearth began to record after this journal's first
            // recording (the couple's settings) is noted whole once: while
            // the document holds none of its rows.
            let sql: String = tables::TABLES
                .iter()
                .filter(|t| doc.get_map(t.name).is_empty())
                .map(|t| t.note_all_sql())
                .collect();
            conn.execute_batch(&sql)?;
        }
        doc.set_peer_id(peer).map_err(engine)?;
        let mut columns = HashMap::new();
        for table in tables::TABLES {
            let names: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    table.name
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let synced = names
                .into_iter()
                .filter(|c| !table.local.contains(&c.as_str()))
                .collect();
            columns.insert(table.name, synced);
        }
        Ok(Replica {
            doc,
            peer,
            columns,
            // The last run may have recorded without flushing.
            unsettled: true,
        })
    }

    /// This laptop's device id, which is its Loro peer id.
    pub fn device(&self) -> u64 {
        self.peer
    }

    /// Records the rows noted since last time; returns how many rows were
    /// looked at. One transaction, which does not wait for the disk
    /// ([`Replica::settle`] does): the new operations are stored and the
    /// notes cleared together.
    pub(crate) fn record(&mut self, conn: &mut Connection) -> Result<usize> {
        let noted: i64 = conn.query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0))?;
        if noted == 0 {
            return Ok(0);
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let recorded = self.record_lightly(conn);
        conn.pragma_update(None, "synchronous", "FULL")?;
        self.unsettled = true;
        recorded
    }

    fn record_lightly(&mut self, conn: &mut Connection) -> Result<usize> {
        let before = self.doc.oplog_vv();
        let tx = conn.transaction()?;
        let looked = record::record_pending(&self.doc, &tx, &self.columns)?;
        self.doc.commit();
        if self.doc.oplog_vv() != before {
            let bytes = self
                .doc
                .export(ExportMode::updates(&before))
                .map_err(engine)?;
            tx.execute(
                "INSERT INTO sync_changes (origin, bytes) VALUES ('local', ?1)",
                [bytes],
            )?;
        }
        tx.execute("DELETE FROM sync_pending", [])?;
        tx.commit()?;
        Ok(looked)
    }

    /// Records what is noted, then makes every recorded change durable, as
    /// it must be before any of it leaves the laptop. One durable commit
    /// flushes the whole write-ahead log, the lighter commits before it too.
    pub(crate) fn settle(&mut self, conn: &mut Connection) -> Result<()> {
        self.record(conn)?;
        if self.unsettled {
            conn.execute("UPDATE sync_device SET peer = peer WHERE id = 1", [])?;
            self.unsettled = false;
        }
        Ok(())
    }

    /// Applies a peer's changes: the engine merges them (idempotent, in any
    /// order), then the rows they touched are written to SQLite and the
    /// bytes kept, in one transaction. Bytes the engine can't read (cut
    /// short, changed) are refused and nothing is applied.
    pub(crate) fn import(&mut self, conn: &mut Connection, bytes: &[u8]) -> Result<Applied> {
        self.import_all(conn, &[bytes.to_vec()])
    }

    /// [`Replica::import`] for several peer updates at once (a sync file's
    /// frames): one import by the engine, one transaction here.
    pub(crate) fn import_all(
        &mut self,
        conn: &mut Connection,
        chunks: &[Vec<u8>],
    ) -> Result<Applied> {
        self.record(conn)?;
        let before = changed::Before::of(&self.doc);
        let status = self.doc.import_batch(chunks).map_err(|_| {
            Error::invalid(
                "Those changes are damaged or cut short, so nothing of them was applied. \
                 They can be brought again once they are whole.",
            )
        })?;
        let known = status.success.is_empty() && status.pending.is_none();
        let changed = if known {
            Changed::new()
        } else {
            before.changed(&self.doc)?
        };
        let tx = conn.transaction()?;
        // The rows about to be written are the engine's own state: nothing
        // to note or record (the triggers go with the transaction if it fails).
        uninstall(&tx)?;
        let (rows, refused) = apply::apply_changed(&self.doc, &tx, &self.columns, &changed)?;
        install(&tx)?;
        tx.execute("DELETE FROM sync_pending", [])?;
        if !known {
            for bytes in chunks {
                tx.execute(
                    "INSERT INTO sync_changes (origin, bytes) VALUES ('remote', ?1)",
                    [bytes],
                )?;
            }
        }
        tx.commit()?;
        Ok(Applied {
            rows,
            refused,
            waiting: status.pending.is_some(),
            known,
        })
    }

    /// This laptop's own changes from its own operation `from` on (the
    /// counter a sync file was written up to), with the counter they end
    /// at; `None` when they can't be given as changes any more (the history
    /// before them was forgotten: a snapshot must be written instead).
    pub(crate) fn own_changes(&self, from: i32) -> Option<(Vec<u8>, i32)> {
        let mut since = self.doc.oplog_vv();
        let end = since.get(&self.peer).copied().unwrap_or(0);
        if end <= from {
            return Some((Vec::new(), end));
        }
        since.insert(self.peer, from);
        if from > 0 && self.doc.is_shallow() {
            let root = self.doc.shallow_since_vv();
            if root.get(&self.peer).copied().unwrap_or(0) > from {
                return None;
            }
        }
        let bytes = self.doc.export(ExportMode::updates(&since)).ok()?;
        Some((bytes, end))
    }

    /// Everything this laptop's document holds, as one snapshot, with the
    /// counter of this laptop's own operations it ends at.
    pub(crate) fn snapshot(&self) -> Result<(Vec<u8>, i32)> {
        let end = self.doc.oplog_vv().get(&self.peer).copied().unwrap_or(0);
        let bytes = self.doc.export(ExportMode::Snapshot).map_err(engine)?;
        Ok((bytes, end))
    }

    /// This laptop's version: what it has of every device's changes.
    pub(crate) fn version(&self) -> Vec<u8> {
        self.doc.oplog_vv().encode()
    }

    /// Every change this laptop has that `since` (a version from
    /// [`Replica::version`], or nothing for all) does not.
    pub(crate) fn export(&self, since: Option<&[u8]>) -> Result<Vec<u8>> {
        let from = match since {
            Some(bytes) => VersionVector::decode(bytes)
                .map_err(|_| Error::invalid("That version is not one Hearth wrote."))?,
            None => VersionVector::default(),
        };
        self.doc.export(ExportMode::updates(&from)).map_err(engine)
    }

    /// After plain words were sealed: records the sealing, then forgets the
    /// document's history, keeping its present state, so the words don't
    /// stay in the file as history. The stored changes become one snapshot
    /// without history. Nothing is forgotten when nothing was sealed. A peer
    /// that had not yet received everything up to this moment can't be given
    /// the missing part as changes any more; it needs a fresh copy (the
    /// pairing, not built yet: docs/SYNC.md).
    pub(crate) fn forget_history(&mut self, conn: &mut Connection) -> Result<()> {
        let sealed = self.record(conn)?;
        let frontiers = self.doc.oplog_frontiers();
        if sealed == 0 || frontiers.is_empty() {
            return Ok(());
        }
        store_as_snapshot(&self.doc, conn, ExportMode::shallow_snapshot(&frontiers))?;
        *self = Replica::load(conn)?;
        Ok(())
    }
}
