//! SQLCipher underneath "Lock Hearth": the raw data key given to a
//! connection, and a whole journal copied from one form to the other
//! (`sqlcipher_export`), checked before anyone relies on it.
//!
//! The data key is 256 random bits (see `vault::data_key`), so it is given
//! to SQLCipher raw (`PRAGMA key = "x'…'"`): SQLCipher's own PBKDF2, meant
//! for passphrases, would only add a second half-second to every unlock.
//! The key's text lives in wiping buffers while it is built.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::vault::SecretKey;

/// The first 16 bytes of every plaintext SQLite file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How a file on disk looks from outside, without any key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileForm {
    /// Missing or empty: a fresh journal.
    Empty,
    /// Plain SQLite, readable by any tool.
    Plain,
    /// Anything else: SQLCipher (or not a database at all).
    Opaque,
}

/// Looks at a file's first bytes.
pub fn file_form(path: &Path) -> FileForm {
    let mut head = [0u8; 16];
    let Ok(mut file) = File::open(path) else {
        return FileForm::Empty;
    };
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(_) => return FileForm::Opaque,
        }
    }
    match read {
        0 => FileForm::Empty,
        16 if &head == SQLITE_HEADER => FileForm::Plain,
        _ => FileForm::Opaque,
    }
}

/// The key as SQLCipher's raw-key literal, `x'<64 hex digits>'`.
fn raw_literal(key: &SecretKey) -> Zeroizing<String> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Zeroizing::new(String::with_capacity(67));
    out.push_str("x'");
    for b in key.expose() {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out.push('\'');
    out
}

/// Gives `conn` the data key. Must come before anything reads the file.
pub(crate) fn apply_key(conn: &Connection, key: &SecretKey) -> rusqlite::Result<()> {
    let literal = raw_literal(key);
    let mut sql = Zeroizing::new(String::with_capacity(80));
    sql.push_str("PRAGMA key = \"");
    sql.push_str(&literal);
    sql.push_str("\";");
    conn.execute_batch(&sql)
}

/// Gives `conn` the key when there is one (a plain journal needs none).
pub(crate) fn maybe_key(conn: &Connection, key: Option<&SecretKey>) -> rusqlite::Result<()> {
    match key {
        Some(key) => apply_key(conn, key),
        None => Ok(()),
    }
}

/// Row counts of every table and virtual table (not SQLite's own nor FTS5's
/// shadow tables, which are rebuilt), by name.
pub(crate) fn row_counts(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_table_list
             WHERE schema = 'main' AND type IN ('table', 'virtual')
               AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let n = conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")),
                [],
                |r| r.get(0),
            )?;
            Ok((name, n))
        })
        .collect()
}

/// Copies the whole database open on `conn` into a new file at `target`,
/// encrypted with `key`, or plain with `None`, keeping its schema version.
/// `target` must not exist.
pub(crate) fn export(conn: &Connection, target: &Path, key: Option<&SecretKey>) -> Result<()> {
    let target_str = target.to_str().ok_or_else(|| Error::DataDir {
        path: target.to_path_buf(),
        reason: "the journal folder's path isn't valid text".into(),
    })?;
    let key_text = match key {
        Some(key) => raw_literal(key),
        None => Zeroizing::new(String::new()),
    };
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    conn.execute(
        "ATTACH DATABASE ?1 AS hearth_export KEY ?2",
        [target_str, key_text.as_str()],
    )?;
    let copied = conn
        .query_row("SELECT sqlcipher_export('hearth_export')", [], |_| Ok(()))
        .and_then(|()| conn.pragma_update(Some("hearth_export"), "user_version", version));
    let detached = conn.execute_batch("DETACH DATABASE hearth_export");
    copied?;
    detached?;
    Ok(())
}

/// Opens the copy at `target` with `key`, and checks it is whole and holds
/// exactly `expected` rows per table; then flushes it to the disk.
pub(crate) fn verify_copy(
    target: &Path,
    key: Option<&SecretKey>,
    expected: &[(String, i64)],
) -> Result<()> {
    let bad =
        |detail: String| Error::Storage(format!("the converted copy failed its check ({detail})"));
    {
        let conn = Connection::open_with_flags(
            target,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| bad(e.to_string()))?;
        maybe_key(&conn, key).map_err(|e| bad(e.to_string()))?;
        super::backup::integrity(&conn, "integrity_check").map_err(bad)?;
        let counts = row_counts(&conn).map_err(|e| bad(e.to_string()))?;
        if counts != expected {
            return Err(bad("the rows don't match".into()));
        }
        conn.close().map_err(|(_, e)| bad(e.to_string()))?;
    }
    File::open(target)
        .and_then(|f| f.sync_all())
        .map_err(|e| bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain_with_rows(dir: &Path) -> Connection {
        let conn = Connection::open(dir.join("plain.sqlite3")).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT) STRICT;
             CREATE VIRTUAL TABLE notes_fts USING fts5(body);
             INSERT INTO notes (body) VALUES ('a quiet canary'), ('another');
             INSERT INTO notes_fts (body) SELECT body FROM notes;
             PRAGMA user_version = 7;",
        )
        .unwrap();
        conn
    }

    #[test]
    fn an_encrypted_copy_is_opaque_whole_and_opens_only_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let conn = plain_with_rows(dir.path());
        let key = SecretKey::random();
        let target = dir.path().join("locked.sqlite3");
        export(&conn, &target, Some(&key)).unwrap();
        let counts = row_counts(&conn).unwrap();
        verify_copy(&target, Some(&key), &counts).unwrap();

        assert_eq!(
            file_form(&target),
            FileForm::Opaque,
            "the copy has no SQLite header"
        );
        let bytes = std::fs::read(&target).unwrap();
        assert!(
            !bytes.windows(6).any(|w| w == b"canary"),
            "no word of the journal is in the encrypted file"
        );
        let locked = Connection::open(&target).unwrap();
        assert!(
            locked
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                    .get::<_, i64>(0))
                .is_err(),
            "without the key the file doesn't open as SQLite"
        );
        let wrong = Connection::open(&target).unwrap();
        apply_key(&wrong, &SecretKey::random()).unwrap();
        assert!(wrong
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err());

        let open = Connection::open(&target).unwrap();
        apply_key(&open, &key).unwrap();
        let (version, hits): (i64, i64) = (
            open.query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap(),
            open.query_row(
                "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'canary'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
        );
        assert_eq!(
            (version, hits),
            (7, 1),
            "schema version and full-text search come along"
        );

        // And back: a plain copy of the encrypted one.
        let back = dir.path().join("back.sqlite3");
        export(&open, &back, None).unwrap();
        verify_copy(&back, None, &counts).unwrap();
        assert_eq!(file_form(&back), FileForm::Plain);
    }

    #[test]
    fn a_copy_with_other_rows_fails_its_check() {
        let dir = tempfile::tempdir().unwrap();
        let conn = plain_with_rows(dir.path());
        let key = SecretKey::random();
        let target = dir.path().join("locked.sqlite3");
        export(&conn, &target, Some(&key)).unwrap();
        let mut counts = row_counts(&conn).unwrap();
        counts[0].1 += 1;
        assert!(verify_copy(&target, Some(&key), &counts).is_err());
        assert!(verify_copy(
            &target,
            Some(&SecretKey::random()),
            &row_counts(&conn).unwrap()
        )
        .is_err());
    }

    #[test]
    fn vacuum_into_from_an_encrypted_file_writes_an_encrypted_copy() {
        let dir = tempfile::tempdir().unwrap();
        let conn = plain_with_rows(dir.path());
        let key = SecretKey::random();
        let target = dir.path().join("locked.sqlite3");
        export(&conn, &target, Some(&key)).unwrap();
        let open = Connection::open(&target).unwrap();
        apply_key(&open, &key).unwrap();
        let snap = dir.path().join("snap.sqlite3");
        open.execute("VACUUM INTO ?1", [snap.to_str().unwrap()])
            .unwrap();
        assert_eq!(
            file_form(&snap),
            FileForm::Opaque,
            "VACUUM INTO keeps the source's key"
        );
        verify_copy(&snap, Some(&key), &row_counts(&conn).unwrap()).unwrap();
    }
}
