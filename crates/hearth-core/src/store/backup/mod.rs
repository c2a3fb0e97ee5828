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

mod check;
mod retention;
pub(crate) mod sealed;
mod take;
mod whole;

pub(crate) use check::{check_in_background, integrity, DeferredCheck};
pub use check::{preview_backup, preview_backup_with, verify_backup, verify_backup_with};
pub use sealed::{EXTENSION as ENCRYPTED_EXTENSION, FORMAT as ENCRYPTED_FORMAT};
pub(crate) use whole::verify_plain_bytes;

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

fn dir_error(dir: &Path, e: std::io::Error) -> Error {
    Error::DataDir {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    }
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

pub(crate) fn backup_dir_of(database: &Path) -> PathBuf {
    database
        .parent()
        .map(|p| p.join(BACKUP_DIR))
        .unwrap_or_else(|| PathBuf::from(BACKUP_DIR))
}

/// The newest snapshot that passes `integrity_check`, and those that didn't.
pub fn newest_good_backup(
    dir: &Path,
    key: Option<&crate::vault::SecretKey>,
) -> Result<(Option<Backup>, Vec<Backup>)> {
    let mut failed = Vec::new();
    for b in list_backups(dir)? {
        match verify_backup_with(&b.path, key) {
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
mod tests;
