//! Taking a snapshot: `VACUUM INTO` a hidden partial copy, checked and
//! flushed before it gets its final name.

use super::*;

impl Store {
    /// The folder snapshots of this file go to: `backups/` beside it.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir_of(&self.path)
    }

    /// Takes a verified snapshot now and prunes old ones (see the module
    /// documentation). `detail` is a short lower-case tag added to the name.
    pub fn snapshot(&self, reason: Reason, at: DateTime<Utc>) -> Result<Backup> {
        self.snapshot_named(reason, at, None, |_| {})
    }

    /// Takes a daily snapshot if the newest is older than a day (or there is
    /// none). The shell calls this on a slow timer while the app runs.
    pub fn snapshot_if_due(&self, clock: &dyn Clock) -> Result<Option<Backup>> {
        let now = clock.now();
        // One "from the future" means the clock was wrong then (or is now);
        // it is ignored rather than waited for.
        let newest_daily = list_backups(&self.backup_dir())?
            .into_iter()
            .find(|b| b.reason == Reason::Daily && b.taken_at <= now + Duration::hours(1));
        match newest_daily {
            Some(b) if now - b.taken_at < Duration::hours(DAILY_EVERY_HOURS) => Ok(None),
            _ => self.snapshot(Reason::Daily, now).map(Some),
        }
    }

    /// The snapshot itself; `tamper` runs on the copy before it is checked
    /// (tests use it to prove a bad copy is never kept).
    pub(crate) fn snapshot_named(
        &self,
        reason: Reason,
        at: DateTime<Utc>,
        detail: Option<&str>,
        tamper: impl FnOnce(&Path),
    ) -> Result<Backup> {
        let dir = self.backup_dir();
        private_dir(&dir)?;
        // Copies half-made by a run that was killed go first, success or not.
        clear_partials(&dir, at);
        let name = file_name(at, reason, detail);
        let partial = dir.join(format!(".{name}{PARTIAL}"));
        match std::fs::remove_file(&partial) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(dir_error(&dir, e)),
        }
        let made = self
            .copy_into(&partial)
            .and_then(|()| {
                tamper(&partial);
                check_copy(&partial, self.key.as_ref())
            })
            .and_then(|()| {
                move_no_clobber(&partial, &dir.join(&name)).map_err(|e| dir_error(&dir, e))
            });
        let path = match made {
            Ok(path) => path,
            Err(err) => {
                // A snapshot that fails its check is never kept.
                let _ = std::fs::remove_file(&partial);
                return Err(err);
            }
        };
        sync_dir(&dir);
        let size = std::fs::metadata(&path)
            .map_err(|e| dir_error(&dir, e))?
            .len();
        // Pruning is housekeeping: a failure there never fails the snapshot.
        let _ = prune(&dir, at);
        Ok(Backup {
            path,
            taken_at: at,
            reason,
            size,
        })
    }

    /// A consistent copy of the whole database (WAL included) at `target`.
    pub(super) fn copy_into(&self, target: &Path) -> Result<()> {
        let target_str = target.to_str().ok_or_else(|| Error::DataDir {
            path: target.to_path_buf(),
            reason: "the backup folder's path isn't valid text".into(),
        })?;
        self.conn
            .execute("VACUUM INTO ?1", [target_str])
            .map_err(|e| match Error::from(e) {
                Error::Storage(why) => {
                    Error::Storage(format!("a backup copy couldn't be made: {why}"))
                }
                other => other,
            })?;
        Ok(())
    }
}

/// Makes the fresh copy one self-contained file, checks it and flushes it.
pub(super) fn check_copy(path: &Path, key: Option<&crate::vault::SecretKey>) -> Result<()> {
    let bad =
        |detail: String| Error::Storage(format!("the backup copy failed its check ({detail})"));
    {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| bad(e.to_string()))?;
        crate::store::cipher::maybe_key(&conn, key).map_err(|e| bad(e.to_string()))?;
        conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        })
        .map_err(|e| bad(e.to_string()))?;
        integrity(&conn, "integrity_check").map_err(bad)?;
        conn.close().map_err(|(_, e)| bad(e.to_string()))?;
    }
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| bad(e.to_string()))?;
    Ok(())
}
