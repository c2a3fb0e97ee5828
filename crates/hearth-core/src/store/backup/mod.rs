//! Snapshots of the database file: taken, checked, kept, listed and previewed.
//!
//! A snapshot is a complete, self-contained copy of the journal in
//! `<data>/backups/`. It is made with `VACUUM INTO` under a temporary hidden
//! name, switched out of WAL (so the copy is one file), checked with
//! `PRAGMA integrity_check`, flushed to disk, and only then renamed to its
//! final name. A copy that fails the check is deleted and the failure
//! reported: a snapshot that is listed is always one that passed.
//!
//! Names say when (UTC) and why:
//! `hearth-20261122T093000Z-daily.sqlite3`,
//! `hearth-20261122T093000Z-before-upgrade-v2-to-v3.sqlite3`; a second one in
//! the same second gets `-2`, `-3`... Only files with such names are ever
//! pruned; anything else in the folder is left alone.
//!
//! Kept (see [`prune`]): the 7 newest daily snapshots, the newest daily of
//! each of the 4 most recent ISO weeks that have one, every snapshot taken
//! for a reason (before an upgrade, an import, emptying the trash, a restore)
//! in the last 30 days, and always the newest snapshot of all.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

mod retention;

use retention::clear_partials;
pub use retention::prune;

use super::{Store, BACKUP_DIR};
use crate::clock::Clock;
use crate::error::{Error, Result};

/// How many daily snapshots are kept.
pub const KEEP_DAILY: usize = 7;
/// How many weekly snapshots (the newest daily of an ISO week) are kept.
pub const KEEP_WEEKLY: usize = 4;
/// How long a snapshot taken before a destructive act is kept, in days.
pub const KEEP_REASON_DAYS: i64 = 30;
/// How old the newest daily snapshot may be before another is due, in hours.
pub const DAILY_EVERY_HOURS: i64 = 24;

const PREFIX: &str = "hearth-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
const STAMP_LEN: usize = 16;
/// A temporary copy is `.<final name>.partial` (SQLite may add `-journal`
/// beside it); never listed, removed by [`prune`] once an hour old.
const PARTIAL: &str = ".partial";

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The once-a-day snapshot taken while the app runs.
    Daily,
    /// Before the schema of the file was upgraded.
    BeforeUpgrade,
    /// Before a JSON export was imported.
    BeforeImport,
    /// Before a partner emptied their trash.
    BeforeEmptyTrash,
    /// Before another snapshot replaced the file.
    BeforeRestore,
    /// Asked for in Settings ("Take a snapshot now").
    Manual,
}

impl Reason {
    pub const ALL: &'static [Reason] = &[
        Reason::Daily,
        Reason::BeforeUpgrade,
        Reason::BeforeImport,
        Reason::BeforeEmptyTrash,
        Reason::BeforeRestore,
        Reason::Manual,
    ];

    /// The word used in file names and sent to the page.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::BeforeUpgrade => "before-upgrade",
            Reason::BeforeImport => "before-import",
            Reason::BeforeEmptyTrash => "before-empty-trash",
            Reason::BeforeRestore => "before-restore",
            Reason::Manual => "manual",
        }
    }
}

/// One snapshot in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub reason: Reason,
    /// Bytes on disk.
    pub size: u64,
}

/// What a snapshot holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupPreview {
    pub path: PathBuf,
    /// From the file name, when it is one of Hearth's snapshots.
    pub taken_at: Option<DateTime<Utc>>,
    pub reason: Option<Reason>,
    /// Entries not in a trash.
    pub entries: i64,
    /// Rituals (archived included), or `None` for a file from before rituals.
    pub rituals: Option<i64>,
    /// When the newest entry not in a trash was written.
    pub last_entry_at: Option<DateTime<Utc>>,
    pub schema_version: i64,
    /// The partners' names, in id order (empty before setup).
    pub partners: Vec<String>,
}

/// The name a snapshot taken at `at` for `reason` gets (before any `-2`).
pub fn file_name(at: DateTime<Utc>, reason: Reason, detail: Option<&str>) -> String {
    let detail = detail.map(|d| format!("-{d}")).unwrap_or_default();
    format!(
        "{PREFIX}{}-{}{detail}{SUFFIX}",
        at.format(STAMP),
        reason.as_str()
    )
}

/// Reads a snapshot's time and reason back from its file name; `None` for any
/// file Hearth didn't name (those are never listed nor pruned).
pub fn parse_name(name: &str) -> Option<(DateTime<Utc>, Reason)> {
    let inner = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    // Hearth 0.1 named its pre-upgrade copies hearth-before-upgrade-vA-to-vB-<stamp>.
    if let Some(rest) = inner.strip_prefix("before-upgrade-v") {
        let stamp = rest.get(rest.len().checked_sub(STAMP_LEN)?..)?;
        let versions = rest.get(..rest.len() - STAMP_LEN)?.strip_suffix('-')?;
        if !plain_word(versions) {
            return None;
        }
        return Some((parse_stamp(stamp)?, Reason::BeforeUpgrade));
    }
    let taken_at = parse_stamp(inner.get(..STAMP_LEN)?)?;
    let rest = inner.get(STAMP_LEN..)?.strip_prefix('-')?;
    // Longest reason first: "before-upgrade" must not swallow nothing else.
    let reason = Reason::ALL.iter().copied().find(|r| {
        rest.strip_prefix(r.as_str())
            .is_some_and(|tail| tail.is_empty() || tail.strip_prefix('-').is_some_and(plain_word))
    })?;
    Some((taken_at, reason))
}

fn plain_word(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn parse_stamp(raw: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(raw, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// Every snapshot in `dir`, newest first. A missing folder has none.
pub fn list_backups(dir: &Path) -> Result<Vec<Backup>> {
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(dir_error(dir, e)),
    };
    let mut backups = Vec::new();
    for item in read {
        let item = item.map_err(|e| dir_error(dir, e))?;
        let Some((taken_at, reason)) = item.file_name().to_str().and_then(parse_name) else {
            continue;
        };
        let meta = item.metadata().map_err(|e| dir_error(dir, e))?;
        if !meta.is_file() {
            continue;
        }
        backups.push(Backup {
            path: item.path(),
            taken_at,
            reason,
            size: meta.len(),
        });
    }
    backups.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    Ok(backups)
}

/// Opens a file read-only and as immutable: SQLite takes no lock, writes no
/// journal, `-wal` or `-shm`, and never changes a byte of it.
fn open_untouched(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged_backup(path, &e))?;
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

fn damaged_backup(path: &Path, err: &dyn std::fmt::Display) -> Error {
    Error::DamagedBackup {
        path: path.to_path_buf(),
        detail: err.to_string(),
    }
}

fn dir_error(dir: &Path, e: std::io::Error) -> Error {
    Error::DataDir {
        path: dir.to_path_buf(),
        reason: e.to_string(),
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
    let conn = open_untouched(path)?;
    integrity(&conn, "integrity_check").map_err(|detail| Error::DamagedBackup {
        path: path.to_path_buf(),
        detail,
    })?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| damaged_backup(path, &e))?;
    if version > super::LATEST_VERSION {
        return Err(Error::NewerDatabase {
            path: path.to_path_buf(),
            found: version,
            supported: super::LATEST_VERSION,
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
    let schema_version = verify_backup(path)?;
    let conn = open_untouched(path)?;
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

/// Creates a folder that only this user may read (best effort on odd folders).
pub(crate) fn private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| dir_error(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Flushes a folder's entry list, so a rename in it survives a power cut.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Moves `from` to the first free name among `to`, `to-2`, `to-3`... (the
/// number goes before the extension). Never replaces an existing file.
pub(crate) fn move_no_clobber(from: &Path, to: &Path) -> std::io::Result<PathBuf> {
    for n in 1..10_000 {
        let candidate = numbered(to, n);
        match std::fs::hard_link(from, &candidate) {
            Ok(()) => {
                std::fs::remove_file(from)?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // A filesystem without hard links: check, then rename.
            Err(_) if candidate.exists() => continue,
            Err(_) => {
                std::fs::rename(from, &candidate)?;
                return Ok(candidate);
            }
        }
    }
    Err(std::io::Error::other("no free name"))
}

/// `dir/name.sqlite3` → `dir/name-n.sqlite3` (n = 1 leaves it as it is).
pub(crate) fn numbered(path: &Path, n: u32) -> PathBuf {
    if n <= 1 {
        return path.to_path_buf();
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = match name.strip_suffix(SUFFIX) {
        Some(stem) => (stem.to_string(), SUFFIX),
        None => (name.clone(), ""),
    };
    path.with_file_name(format!("{stem}-{n}{ext}"))
}

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
                check_copy(&partial)
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
    fn copy_into(&self, target: &Path) -> Result<()> {
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
fn check_copy(path: &Path) -> Result<()> {
    let bad =
        |detail: String| Error::Storage(format!("the backup copy failed its check ({detail})"));
    {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| bad(e.to_string()))?;
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

pub(crate) fn backup_dir_of(database: &Path) -> PathBuf {
    database
        .parent()
        .map(|p| p.join(BACKUP_DIR))
        .unwrap_or_else(|| PathBuf::from(BACKUP_DIR))
}

/// The newest snapshot that passes `integrity_check`, and those that didn't.
pub fn newest_good_backup(dir: &Path) -> Result<(Option<Backup>, Vec<Backup>)> {
    let mut failed = Vec::new();
    for b in list_backups(dir)? {
        match verify_backup(&b.path) {
            Ok(_) => return Ok((Some(b), failed)),
            Err(_) => failed.push(b),
        }
    }
    Ok((None, failed))
}

/// Whether `path` names a snapshot Hearth may restore from: a file directly
/// in `backups/` with one of Hearth's names, or a file Hearth set aside.
pub(crate) fn restorable_location(data_dir: &Path, path: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    // A link is never followed: one named like a snapshot inside backups/
    // could point anywhere on the disk.
    if std::fs::symlink_metadata(path).map_or(true, |m| m.file_type().is_symlink()) {
        return false;
    }
    // The folder the file really is in (after `..` and linked folders are
    // resolved), not the one its path names.
    let Some(file) = canon(path) else {
        return false;
    };
    let Some(parent) = file.parent().map(Path::to_path_buf) else {
        return false;
    };
    let name_ok = file
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| parse_name(n).is_some() || n.ends_with(SUFFIX));
    let in_backups = canon(&data_dir.join(BACKUP_DIR)).is_some_and(|d| d == parent)
        && file
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| parse_name(n).is_some());
    let in_set_aside = canon(&data_dir.join(super::SET_ASIDE_DIR)).is_some_and(|d| d == parent);
    file.is_file() && name_ok && (in_backups || in_set_aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    #[test]
    fn names_carry_the_time_and_the_reason_and_read_back() {
        let name = file_name(at(22, 9), Reason::BeforeEmptyTrash, None);
        assert_eq!(name, "hearth-20261122T090000Z-before-empty-trash.sqlite3");
        assert_eq!(
            parse_name(&name),
            Some((at(22, 9), Reason::BeforeEmptyTrash))
        );
        let upgrade = file_name(at(22, 9), Reason::BeforeUpgrade, Some("v2-to-v3"));
        assert_eq!(
            parse_name(&upgrade),
            Some((at(22, 9), Reason::BeforeUpgrade))
        );
        assert_eq!(
            parse_name("hearth-20261122T090000Z-daily-2.sqlite3"),
            Some((at(22, 9), Reason::Daily)),
            "a second snapshot in the same second is still ours"
        );
        assert_eq!(
            parse_name("hearth-before-upgrade-v1-to-v2-20261122T090000Z.sqlite3"),
            Some((at(22, 9), Reason::BeforeUpgrade)),
            "copies named by Hearth 0.1 are still recognised"
        );
        for foreign in [
            "hearth.sqlite3",
            "hearth-20261122T090000Z-daily.sqlite3-wal",
            "hearth-20261122T090000Z-weekly.sqlite3",
            "hearth-20261122T090000Z-daily-Mine.sqlite3",
            "notes-20261122T090000Z-daily.sqlite3",
            "hearth-2026112T090000Z-daily.sqlite3",
            ".hearth-20261122T090000Z-daily.sqlite3.partial",
            "hearth-20261122T090000Z-daily.sqlite3.partial",
        ] {
            assert_eq!(parse_name(foreign), None, "{foreign} is not one of ours");
        }
    }

    #[test]
    fn a_snapshot_that_fails_integrity_check_is_never_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("h.sqlite3")).unwrap();
        store
            .conn
            .execute_batch(
                "CREATE TABLE t (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000)
                 INSERT INTO t SELECT printf('%0500d', i) FROM n; CREATE INDEX t_x ON t (x);",
            )
            .unwrap();
        let err = store
            .snapshot_named(Reason::Daily, at(22, 9), None, damage_middle)
            .unwrap_err();
        assert!(
            err.to_string().contains("failed its check"),
            "a failed check is reported: {err}"
        );
        let left: Vec<_> = std::fs::read_dir(store.backup_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            left.is_empty(),
            "a snapshot that fails integrity_check is never kept (left: {left:?})"
        );
        let good = store.snapshot(Reason::Daily, at(22, 9)).unwrap();
        verify_backup(&good.path).expect("an untampered snapshot passes");
    }

    /// Overwrites a page in the middle of the file: the header stays valid,
    /// the checks fail.
    pub(crate) fn damage_middle(path: &Path) {
        use std::io::{Seek, SeekFrom, Write};
        let len = std::fs::metadata(path).unwrap().len();
        let page = 4096;
        let middle = (len / page / 2).max(2) * page;
        let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        f.seek(SeekFrom::Start(middle)).unwrap();
        f.write_all(&vec![0xA5; page as usize]).unwrap();
        f.sync_all().unwrap();
    }
}
