//! Two laptops through the door: every change the handles make is recorded
//! (`sync`), and a peer's changes are applied here (issue 16; see
//! docs/SYNC.md). The sync folder that carries them between laptops:
//! choosing it and Settings → Two laptops (`folder`), writing and reading
//! its files (`trading`), and joining from a second laptop (`joining`).

mod folder;
mod joining;
mod keys;
mod trading;

use super::Hearth;
use crate::error::{Error, Result};
use crate::sync::{self, Applied, Replica};

/// This laptop's record of changes: its device id, its version, its
/// changes for a peer, and a peer's changes applied here.
pub struct SyncHandle<'a>(pub(super) &'a mut Hearth);

impl Hearth {
    /// After the file is (re)opened: the triggers that note each change to
    /// the couple's data, on this connection. The document is loaded on
    /// first use.
    pub(super) fn attach_sync(&mut self) {
        self.sync = None;
        if let Ok(store) = &self.store {
            if let Err(err) = sync::install(store.conn()) {
                self.store = Err(err);
            }
        }
    }

    /// Records every change noted since last time. A write already made is
    /// never undone by this failing: the notes stay in the file and are
    /// recorded at the next call.
    pub(super) fn record_changes(&mut self) {
        if self.sync.is_none() {
            // Nothing noted: the document need not even be loaded (it is,
            // with everything from before recording began, at the first write).
            let noted = self.store.as_ref().map(|store| {
                store
                    .conn()
                    .query_row("SELECT EXISTS (SELECT 1 FROM sync_pending)", [], |r| {
                        r.get::<_, bool>(0)
                    })
            });
            if let Ok(Ok(false)) = noted {
                return;
            }
        }
        // with_replica forgets the document on failure, to load it afresh.
        let _ = self.with_replica(|replica, conn| replica.record(conn));
    }

    /// Runs `f` with the document (loaded if needed) and the connection.
    fn with_replica<T>(
        &mut self,
        f: impl FnOnce(&mut Replica, &mut rusqlite::Connection) -> Result<T>,
    ) -> Result<T> {
        let store = match &mut self.store {
            Ok(store) => store,
            Err(err) => return Err(super::reopen_error(err)),
        };
        if self.sync.is_none() {
            self.sync = Some(Replica::load(store.conn())?);
        }
        let replica = self.sync.as_mut().ok_or(Error::NotSetUp)?;
        let result = f(replica, store.conn_mut());
        if result.is_err() {
            // The document may hold what the file does not: load it afresh.
            self.sync = None;
        }
        result
    }

    /// Two laptops: this laptop's record of changes.
    pub fn sync(&mut self) -> SyncHandle<'_> {
        SyncHandle(self)
    }

    /// Forgets the record's history (after plain words were sealed).
    pub(super) fn forget_sync_history(&mut self) -> Result<()> {
        self.with_replica(|replica, conn| replica.forget_history(conn))
    }
}

impl SyncHandle<'_> {
    /// This laptop's device id (its Loro peer id), kept in the file.
    pub fn device(&mut self) -> Result<u64> {
        match &self.0.sync {
            Some(replica) => Ok(replica.device()),
            // Read from the file: the document need not be loaded for it.
            None => sync::device(self.0.store()?.conn()),
        }
    }

    /// What this laptop has of every device's changes, to send to a peer so
    /// it answers with only what is missing here.
    pub fn version(&mut self) -> Result<Vec<u8>> {
        self.0.with_replica(|replica, conn| {
            replica.record(conn)?;
            Ok(replica.version())
        })
    }

    /// Every change this laptop has (its own and those it was given) that a
    /// peer at `since` lacks; everything when `since` is `None`.
    pub fn changes(&mut self, since: Option<&[u8]>) -> Result<Vec<u8>> {
        self.0.with_replica(|replica, conn| {
            replica.settle(conn)?;
            replica.export(since)
        })
    }

    /// Applies a peer's changes here: the same bytes twice, or in any order
    /// with others, give the same journal. Damaged or cut-short bytes are
    /// refused and change nothing. Wakes the reminder plan when rows changed.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<Applied> {
        let before = self.0.store.as_ref().map(|s| s.change_count()).ok();
        let applied = self
            .0
            .with_replica(|replica, conn| replica.import(conn, bytes));
        self.0.wake_if_changed(before);
        applied
    }

    /// Benchmarks only: stops (or starts again) noting changes on this
    /// connection, to measure what recording adds to a write.
    #[doc(hidden)]
    pub fn pause_recording_for_benchmarks(&mut self, paused: bool) -> Result<()> {
        let store = self.0.store()?;
        if paused {
            sync::uninstall(store.conn())
        } else {
            sync::install(store.conn())
        }
    }
}
