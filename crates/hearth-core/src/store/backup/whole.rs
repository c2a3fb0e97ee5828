//! The whole journal as one file's bytes, for the encrypted backup file
//! (`sealed.rs`), and the check of such bytes on the laptop that opens it.
//!
//! A plain journal is copied in memory (SQLite's backup API into a memory
//! database, `VACUUM`ed so freed pages carry no deleted words, checked,
//! serialized): no plain copy ever touches the disk. A journal under Lock
//! Hearth is snapshotted like any other (`VACUUM INTO` a hidden partial in
//! `backups/`, which SQLCipher writes encrypted, checked with the data key),
//! read and removed: nothing unencrypted is written.

use rusqlite::MAIN_DB;
use zeroize::Zeroizing;

use super::*;

/// Byte 18 and 19 of a SQLite header: the file's read and write versions
/// (1: rollback journal, 2: WAL).
const VERSION_BYTES: std::ops::Range<usize> = 18..20;

impl Store {
    /// A checked copy of the whole journal and its schema version. `at`
    /// names the hidden partial a Lock Hearth copy is made in.
    pub(crate) fn whole_copy(&self, at: DateTime<Utc>) -> Result<(Zeroizing<Vec<u8>>, i64)> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let bytes = match &self.key {
            None => self.copy_in_memory()?,
            Some(key) => {
                let dir = self.backup_dir();
                private_dir(&dir)?;
                let name = file_name(at, Reason::Manual, Some("encrypted-backup"));
                let partial = dir.join(format!(".{name}{PARTIAL}"));
                let _ = std::fs::remove_file(&partial);
                let read = self
                    .copy_into(&partial)
                    .and_then(|()| super::take::check_copy(&partial, Some(key)))
                    .and_then(|()| {
                        std::fs::read(&partial)
                            .map(Zeroizing::new)
                            .map_err(|e| dir_error(&dir, e))
                    });
                let _ = std::fs::remove_file(&partial);
                read?
            }
        };
        Ok((bytes, version))
    }

    fn copy_in_memory(&self) -> Result<Zeroizing<Vec<u8>>> {
        let bad = |e: rusqlite::Error| {
            Error::Storage(format!("a copy of the journal couldn't be made ({e})"))
        };
        let mut memory = Connection::open_in_memory().map_err(bad)?;
        rusqlite::backup::Backup::new(&self.conn, &mut memory)
            .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
            .map_err(bad)?;
        memory.execute_batch("VACUUM").map_err(bad)?;
        integrity(&memory, "integrity_check").map_err(|detail| {
            Error::Storage(format!(
                "the copy of the journal failed its check ({detail})"
            ))
        })?;
        let data = memory.serialize(MAIN_DB).map_err(bad)?;
        let mut bytes = Zeroizing::new(data.to_vec());
        // One file, no WAL beside it: the file opens in rollback mode, and
        // Hearth turns WAL back on when it opens it.
        if let Some(v) = bytes.get_mut(VERSION_BYTES) {
            v.copy_from_slice(&[1, 1]);
        }
        Ok(bytes)
    }
}

/// Checks plain journal bytes in memory, as a snapshot is checked before a
/// restore: `integrity_check` passes, it is a set-up Hearth journal, and
/// not from a newer Hearth. Nothing is written anywhere.
pub(crate) fn verify_plain_bytes(bytes: &[u8]) -> Result<i64> {
    let not_hearth = || {
        Error::invalid(
            "This backup doesn't hold a Hearth journal Hearth can read, so it wasn't opened. \
             Nothing was changed.",
        )
    };
    let mut conn = Connection::open_in_memory().map_err(|_| not_hearth())?;
    conn.deserialize_read_exact(MAIN_DB, bytes, bytes.len(), true)
        .map_err(|_| not_hearth())?;
    conn.pragma_update(None, "trusted_schema", false)
        .map_err(|_| not_hearth())?;
    integrity(&conn, "integrity_check").map_err(|_| not_hearth())?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| not_hearth())?;
    if version > crate::store::LATEST_VERSION {
        return Err(Error::invalid(
            "This backup was saved by a newer version of Hearth. Please update Hearth on this \
             laptop, then open the backup again. Nothing was changed.",
        ));
    }
    let partners: i64 = conn
        .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))
        .map_err(|_| not_hearth())?;
    if partners != 2 {
        return Err(not_hearth());
    }
    Ok(version)
}
