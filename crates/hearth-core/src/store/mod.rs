//! The SQLite file that holds everything the couple writes.
//!
//! One file, one connection per process, opened the same way every time:
//! WAL so reading never blocks a save, `synchronous=FULL` because a saved
//! journal entry must survive a power cut, foreign keys on, and a busy
//! timeout so a backup or a second handle waits instead of failing.
//!
//! Opening never changes a file it can't fully understand: a file that is not
//! SQLite, or one written by a newer Hearth, is inspected read-only and
//! refused before any pragma that writes (such as `journal_mode=WAL`) runs.
//! That inspection ends with `PRAGMA quick_check`: a file SQLite finds damaged
//! is refused as `damaged_database`, also untouched, so it can be set aside
//! and a snapshot brought back (see [`backup`] and `Hearth::recover_from_newest_backup`).

pub mod backup;
mod bulk;
pub mod cipher;
mod diagnostics;
pub mod migrations;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::clock::Clock;
use crate::error::{Error, Result};

pub(crate) use backup::{check_in_background, DeferredCheck};
pub use backup::{Backup, BackupPreview, Reason};
pub use diagnostics::Diagnostics;
pub use migrations::LATEST_VERSION;

/// The name of the database file inside the data directory.
pub const DATABASE_FILE: &str = "hearth.sqlite3";
/// The folder, inside the data directory, that holds copies of the file.
pub const BACKUP_DIR: &str = "backups";
/// The folder, inside the data directory, where a file replaced by a restore
/// (or found damaged) is moved. Nothing in it is ever overwritten or deleted.
pub const SET_ASIDE_DIR: &str = "set-aside";

pub(crate) struct Store {
    conn: Connection,
    path: PathBuf,
    /// The unlocked partner's key, held only for the length of one call
    /// through the door (`Hearth::as_writer`), so their sealed words can be
    /// written and read (see `vault::seal`, `journal::sealed`).
    pub(crate) opener: Option<(crate::couple::PartnerId, crate::vault::SecretKey)>,
    /// With "Lock Hearth" on, the data key the file is encrypted with
    /// (SQLCipher), kept to encrypt its snapshots and read them back.
    pub(crate) key: Option<crate::vault::SecretKey>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A verified snapshot of an existing file is written to
    /// `backups/` beside it before any migration step runs. Names the
    /// snapshot by the system clock; [`Store::open_at`] takes one.
    #[cfg(test)]
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_at(path, &crate::clock::SystemClock)
    }

    /// [`Store::open`], naming a pre-upgrade snapshot by `clock`.
    pub fn open_at(path: impl AsRef<Path>, clock: &dyn Clock) -> Result<Store> {
        Store::open_with_steps(path.as_ref(), migrations::STEPS, clock, None)
    }

    /// [`Store::open_at`] for a file encrypted with `key` ("Lock Hearth").
    pub(crate) fn open_keyed(
        path: &Path,
        key: Option<crate::vault::SecretKey>,
        clock: &dyn Clock,
    ) -> Result<Store> {
        Store::open_with_steps(path, migrations::STEPS, clock, key)
    }

    /// [`Store::open`] with a given list of schema steps (tests use a longer
    /// list to exercise upgrades the shipped schema hasn't needed yet).
    fn open_with_steps(
        path: &Path,
        steps: &'static [&'static str],
        clock: &dyn Clock,
        key: Option<crate::vault::SecretKey>,
    ) -> Result<Store> {
        let path = path.to_path_buf();
        let latest = steps.len() as i64;
        if path.exists() {
            inspect_read_only(&path, latest, key.as_ref())?;
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| refused_or_storage(&path, e))?;
        cipher::maybe_key(&conn, key.as_ref()).map_err(|e| refused_or_storage(&path, e))?;
        configure(&conn).map_err(|e| refused_or_storage(&path, e))?;
        if key.is_some() {
            // Every page SQLCipher reads from disk is decrypted and checked:
            // keeping more of them decrypted in memory spares search and
            // Today most of that (32 MiB, against SQLite's 2 MiB default).
            conn.pragma_update(None, "cache_size", -32_768)
                .map_err(|e| refused_or_storage(&path, e))?;
        }
        let mut store = Store {
            conn,
            path,
            opener: None,
            key,
        };
        store.migrate(steps, clock)?;
        Ok(store)
    }

    /// The schema version the file is at (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Rows changed through this connection since it opened; the reminder
    /// scheduler compares it to notice that something changed.
    pub fn change_count(&self) -> u64 {
        self.conn.total_changes()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Reads a value from the small key/value settings table.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Copies everything in the `-wal` file into the database file and
    /// empties it, so the file alone holds the whole journal.
    pub fn checkpoint(&self) -> Result<()> {
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Err(Error::Storage("the journal is busy".into()));
        }
        Ok(())
    }

    fn migrate(&mut self, steps: &[&str], clock: &dyn Clock) -> Result<()> {
        let from = self.schema_version()?;
        let latest = steps.len() as i64;
        if from > latest {
            // Checked read-only already; kept for a file changed in between.
            return Err(newer(&self.path, from, latest));
        }
        if from == latest {
            return Ok(());
        }
        if from > 0 {
            self.backup_before_migration(from, latest, clock)?;
        }
        migrations::apply(&mut self.conn, steps, from)
    }

    /// A verified snapshot, the same as every other, before an upgrade.
    fn backup_before_migration(&self, from: i64, to: i64, clock: &dyn Clock) -> Result<PathBuf> {
        let detail = format!("v{from}-to-v{to}");
        self.snapshot_named(Reason::BeforeUpgrade, clock.now(), Some(&detail), |_| {})
            .map(|b| b.path)
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    debug_assert_eq!(mode.to_ascii_lowercase(), "wal");
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Recording and applying changes (sync/) reuse about four statements
    // for each of fifteen tables.
    conn.set_prepared_statement_cache_capacity(96);
    Ok(())
}

/// Looks at an existing file without the power to change it.
fn inspect_read_only(
    path: &Path,
    latest: i64,
    key: Option<&crate::vault::SecretKey>,
) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| refused_or_storage(path, e))?;
    cipher::maybe_key(&conn, key).map_err(|e| refused_or_storage(path, e))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| refused_or_storage(path, e))?;
    // A file of zero length is a fresh database to SQLite; anything else must
    // have a readable schema before we touch it.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| refused_or_storage(path, e))?;
    if version > latest {
        return Err(newer(path, version, latest));
    }
    // Damage SQLite can see without reading every index: a page that isn't
    // a page, a broken tree. Found now, before anything writes to the file.
    // An encrypted file is the exception: every page carries an HMAC that
    // SQLCipher checks on each read, so a changed byte is refused wherever
    // it is met, and the walk over the whole file (which must decrypt every
    // page: seconds for a big journal, on the way from "Unlock" to Today)
    // runs after opening, on its own connection (`check_in_background`).
    if key.is_none() {
        quick_check(&conn, path)?;
    }
    Ok(())
}

pub(crate) fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    backup::integrity(conn, "quick_check").map_err(|_| Error::DamagedDatabase {
        path: path.to_path_buf(),
    })
}

fn newer(path: &Path, found: i64, supported: i64) -> Error {
    Error::NewerDatabase {
        path: path.to_path_buf(),
        found,
        supported,
    }
}

fn refused_or_storage(path: &Path, err: rusqlite::Error) -> Error {
    use rusqlite::ffi::ErrorCode;
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::DamagedDatabase {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => Error::DataDir {
            path: path.to_path_buf(),
            reason: "the file can't be opened (check that it is readable and writable)".into(),
        },
        _ => Error::from(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;

    static TWO_STEPS: &[&str] = &[
        "CREATE TABLE a (x INTEGER) STRICT;",
        "CREATE TABLE b (y INTEGER) STRICT;",
    ];
    static BROKEN_SECOND_STEP: &[&str] = &[
        "CREATE TABLE a (x INTEGER) STRICT;",
        "CREATE TABLE b (y INTEGER) STRICT; THIS IS NOT SQL;",
    ];

    fn file_at_version_one(dir: &Path) -> PathBuf {
        let path = dir.join("h.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(TWO_STEPS[0]).unwrap();
        conn.execute("INSERT INTO a VALUES (42)", []).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        path
    }

    #[test]
    fn an_upgrade_keeps_a_copy_of_the_file_from_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_at_version_one(dir.path());
        let store = Store::open_with_steps(&path, TWO_STEPS, &SystemClock, None).unwrap();
        assert_eq!(store.schema_version().unwrap(), 2);

        let copies: Vec<_> = std::fs::read_dir(dir.path().join(BACKUP_DIR))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(
            copies.len(),
            1,
            "exactly one copy is taken before upgrading"
        );
        let copy = Connection::open(&copies[0]).unwrap();
        let version: i64 = copy
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let kept: i64 = copy.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(
            (version, kept),
            (1, 42),
            "the copy is the file as it was before the upgrade"
        );
    }

    #[test]
    fn a_failed_upgrade_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_at_version_one(dir.path());
        let err =
            Store::open_with_steps(&path, BROKEN_SECOND_STEP, &SystemClock, None).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Storage);

        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let has_b: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            (version, has_b),
            (1, 0),
            "all steps of an upgrade commit together or not at all"
        );
    }

    #[test]
    fn a_fresh_file_runs_every_step_without_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite3");
        let store = Store::open_with_steps(&path, TWO_STEPS, &SystemClock, None).unwrap();
        assert_eq!(store.schema_version().unwrap(), 2);
        assert!(
            !dir.path().join(BACKUP_DIR).exists(),
            "a new, empty file needs no copy"
        );
    }
}
