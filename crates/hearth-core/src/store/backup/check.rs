//! Reading a snapshot without changing it: the integrity check every
//! snapshot must pass before it is kept, listed as good or restored, and the
//! preview of what one holds (counts and dates, never the words).

use super::*;
use crate::vault::SecretKey;

/// Opens a file read-only and as immutable: SQLite takes no lock, writes no
/// journal, `-wal` or `-shm`, and never changes a byte of it.
pub(super) fn open_untouched(path: &Path, key: Option<&SecretKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged_backup(path, &e))?;
    crate::store::cipher::maybe_key(&conn, key).map_err(|e| damaged_backup(path, &e))?;
    // A snapshot may come from anywhere on disk: run no SQL stored in it.
    conn.pragma_update(None, "trusted_schema", false)
        .map_err(|e| damaged_backup(path, &e))?;
    Ok(conn)
}

/// `file:` URI for `path` with `immutable=1`, every unusual byte escaped.
fn uri(path: &Path) -> String {
    let raw = path.to_string_lossy();
    let mut out = String::from("file:");
    #[cfg(windows)]
    out.push('/');
    for b in raw.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            #[cfg(windows)]
            b'\\' => out.push('/'),
            #[cfg(windows)]
            b':' => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.push_str("?immutable=1");
    out
}

pub(super) fn damaged_backup(path: &Path, err: &dyn std::fmt::Display) -> Error {
    Error::DamagedBackup {
        path: path.to_path_buf(),
        detail: err.to_string(),
    }
}

/// Runs `PRAGMA integrity_check` on an open connection: `Ok(())` when SQLite
/// answers exactly `ok`, otherwise its first few complaints.
pub(crate) fn integrity(conn: &Connection, pragma: &str) -> std::result::Result<(), String> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA {pragma}"))
        .map_err(|e| e.to_string())?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| e.to_string())?
        .take(5)
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| e.to_string())?;
    if rows == ["ok"] {
        Ok(())
    } else {
        Err(rows.join("; "))
    }
}

/// Checks a snapshot is a whole, readable Hearth database this version can
/// open: `integrity_check` passes, it has the couple's table, and it isn't
/// from a newer Hearth. Reads only.
pub fn verify_backup(path: &Path) -> Result<i64> {
    verify_backup_with(path, None)
}

/// [`verify_backup`] for a snapshot encrypted with `key` ("Lock Hearth").
pub fn verify_backup_with(path: &Path, key: Option<&SecretKey>) -> Result<i64> {
    let conn = open_untouched(path, key)?;
    integrity(&conn, "integrity_check").map_err(|detail| Error::DamagedBackup {
        path: path.to_path_buf(),
        detail,
    })?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| damaged_backup(path, &e))?;
    if version > crate::store::LATEST_VERSION {
        return Err(Error::NewerDatabase {
            path: path.to_path_buf(),
            found: version,
            supported: crate::store::LATEST_VERSION,
        });
    }
    if !has_table(&conn, "partners").map_err(|e| damaged_backup(path, &e))? {
        return Err(Error::DamagedBackup {
            path: path.to_path_buf(),
            detail: "it isn't a Hearth journal".into(),
        });
    }
    Ok(version)
}

fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n == 1)
}

/// What a snapshot holds: counts and dates only, never the words. The file is
/// opened read-only and immutable, and checked first; a damaged one is
/// reported as `damaged_database`, never half-read.
pub fn preview_backup(path: &Path) -> Result<BackupPreview> {
    preview_backup_with(path, None)
}

/// [`preview_backup`] for a snapshot encrypted with `key`.
pub fn preview_backup_with(path: &Path, key: Option<&SecretKey>) -> Result<BackupPreview> {
    let schema_version = verify_backup_with(path, key)?;
    let conn = open_untouched(path, key)?;
    let read = |e: rusqlite::Error| damaged_backup(path, &e);
    let (entries, last) = if has_table(&conn, "entries").map_err(read)? {
        conn.query_row(
            "SELECT count(*), max(created_at) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)),
        )
        .map_err(read)?
    } else {
        (0, None)
    };
    let rituals = if has_table(&conn, "rituals").map_err(read)? {
        Some(
            conn.query_row("SELECT count(*) FROM rituals", [], |r| r.get(0))
                .map_err(read)?,
        )
    } else {
        None
    };
    let partners = conn
        .prepare("SELECT name FROM partners ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(read)?;
    let last_entry_at = last
        .and_then(|raw| DateTime::parse_from_rfc3339(&raw).ok())
        .map(|t| t.with_timezone(&Utc));
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(parse_name);
    Ok(BackupPreview {
        path: path.to_path_buf(),
        taken_at: named.map(|n| n.0),
        reason: named.map(|n| n.1),
        entries,
        rituals,
        last_entry_at,
        schema_version,
        partners,
    })
}

/// How long after an unlock the whole-file check waits before it starts:
/// the first screen then has the disk and both cores to itself (on
/// SQLCipher every page read is decrypted). SQLCipher's per-page HMAC
/// refuses a changed byte on any read meanwhile.
pub(crate) const CHECK_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// The encrypted file's whole-file check, deferred from opening: `PRAGMA
/// quick_check` on a read-only connection of its own, on a thread of its
/// own, started [`CHECK_AFTER`] the unlock. Its answer is
/// `Err(DamagedDatabase)` when SQLite finds damage; a check that can't run
/// at all (the file locked away meanwhile) or was called off answers `Ok`,
/// since opening already read the file's header and schema. Calling it off
/// (a lock, closing) is immediate: before it starts it never does, and a
/// check under way is interrupted.
pub(crate) struct DeferredCheck {
    handle: Option<std::thread::JoinHandle<Result<()>>>,
    /// Dropped to call the check off.
    go_on: Option<std::sync::mpsc::Sender<()>>,
    /// The check's connection once it has one, to interrupt it.
    running: Running,
}

type Running = std::sync::Arc<std::sync::Mutex<Option<rusqlite::InterruptHandle>>>;

impl DeferredCheck {
    pub(crate) fn is_finished(&self) -> bool {
        self.handle.as_ref().map_or(true, |h| h.is_finished())
    }

    /// Waits for the answer.
    pub(crate) fn answer(mut self) -> Result<()> {
        match self.handle.take() {
            Some(handle) => handle.join().unwrap_or(Ok(())),
            None => Ok(()),
        }
    }

    /// Calls the check off and waits for its thread to end, so its copy of
    /// the key is gone when this returns.
    pub(crate) fn call_off(mut self) {
        self.stop();
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }

    fn stop(&mut self) {
        self.go_on = None;
        let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(interrupt) = running.as_ref() {
            interrupt.interrupt();
        }
    }
}

impl Drop for DeferredCheck {
    fn drop(&mut self) {
        if self.handle.is_some() {
            self.stop();
        }
    }
}

pub(crate) fn check_in_background(path: PathBuf, key: SecretKey) -> DeferredCheck {
    use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
    let called_off =
        |go_on: &Receiver<()>| matches!(go_on.try_recv(), Err(TryRecvError::Disconnected));
    let (sender, go_on) = std::sync::mpsc::channel::<()>();
    let running: Running = std::sync::Arc::default();
    let slot = std::sync::Arc::clone(&running);
    let handle = std::thread::spawn(move || {
        if !matches!(
            go_on.recv_timeout(CHECK_AFTER),
            Err(RecvTimeoutError::Timeout)
        ) {
            return Ok(());
        }
        let Ok(conn) = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return Ok(());
        };
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(conn.get_interrupt_handle());
        if called_off(&go_on) || crate::store::cipher::maybe_key(&conn, Some(&key)).is_err() {
            return Ok(());
        }
        drop(key);
        let found = crate::store::quick_check(&conn, &path);
        // An interrupted check found nothing either way.
        if called_off(&go_on) {
            return Ok(());
        }
        found
    });
    DeferredCheck {
        handle: Some(handle),
        go_on: Some(sender),
        running,
    }
}
