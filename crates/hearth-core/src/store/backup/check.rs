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

/// `PRAGMA quick_check` of the file at `path` on a read-only connection of
/// its own, on a thread of its own: the encrypted file's check, deferred
/// from opening. The handle answers `Err(DamagedDatabase)` when SQLite
/// finds damage; a check that can't run at all (the file locked away
/// meanwhile) answers `Ok`, since opening already read the file's header
/// and schema.
pub(crate) fn check_in_background(
    path: PathBuf,
    key: SecretKey,
) -> std::thread::JoinHandle<Result<()>> {
    std::thread::spawn(move || {
        let Ok(conn) = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return Ok(());
        };
        if crate::store::cipher::maybe_key(&conn, Some(&key)).is_err() {
            return Ok(());
        }
        drop(key);
        crate::store::quick_check(&conn, &path)
    })
}
