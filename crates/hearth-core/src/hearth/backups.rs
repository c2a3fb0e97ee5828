//! Backups seen from the app: list, preview, restore, recover, and the
//! snapshots taken before the acts that can't be undone.
//!
//! Replacing the database file always goes the same way: the snapshot is
//! copied to a hidden file beside the database and checked there; the current
//! file (with its `-wal` and `-shm`) is moved to `set-aside/` under a name
//! that is never reused; the checked copy is renamed into place; the store is
//! opened again (and upgraded, when the snapshot is older). Nothing in
//! `set-aside/` is ever overwritten or deleted by Hearth.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{reopen_error, Hearth};
use crate::error::{Error, ErrorKind, Result};
use crate::store::backup::{self, move_no_clobber, private_dir, sync_dir};
use crate::store::{Backup, BackupPreview, Reason, Store, BACKUP_DIR, SET_ASIDE_DIR};

/// The snapshot a damaged file can be recovered from, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recoverable {
    pub path: String,
    pub taken_at: DateTime<Utc>,
    pub reason: Reason,
}

impl From<&Backup> for Recoverable {
    fn from(b: &Backup) -> Self {
        Recoverable {
            path: b.path.display().to_string(),
            taken_at: b.taken_at,
            reason: b.reason,
        }
    }
}

/// What a restore or a recovery did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    /// The snapshot now in use.
    pub restored_from: PathBuf,
    /// When that snapshot was taken (from its name).
    pub taken_at: Option<DateTime<Utc>>,
    /// Where the file it replaced now is (`None` if there was no file).
    pub set_aside: Option<PathBuf>,
    /// The snapshot of the current file taken first (a restore over a file
    /// that opened fine; not when recovering a damaged one).
    pub before_restore: Option<Backup>,
    /// Newer snapshots passed over because they failed their check.
    pub skipped: Vec<PathBuf>,
}

/// The hidden copy a snapshot is checked in before it replaces the file.
const STAGING: &str = ".hearth-restoring.sqlite3";

/// Snapshots, restore and recovery. Replacing the file wakes the reminder
/// plan: everything that was due may have changed.
pub struct BackupsHandle<'a>(pub(super) &'a mut Hearth);

impl BackupsHandle<'_> {
    /// `<data>/backups/`: where snapshots are kept (shown in Settings).
    pub fn folder(&self) -> PathBuf {
        self.0.backup_dir()
    }

    /// `<data>/set-aside/`: where replaced and damaged files are kept.
    pub fn set_aside_folder(&self) -> PathBuf {
        self.0.set_aside_dir()
    }

    /// Every snapshot, newest first. Works while the file is unavailable.
    pub fn list(&self) -> Result<Vec<Backup>> {
        self.0.list_backups()
    }

    /// What a snapshot (from `list`, or a file in `set-aside/`) holds; it is
    /// opened read-only and never changed.
    pub fn preview(&self, path: &Path) -> Result<BackupPreview> {
        self.0.preview_backup(path)
    }

    /// Takes the daily snapshot when the newest is a day old (the shell
    /// calls this on a slow timer). `None` when none was due.
    pub fn snapshot_if_due(&mut self) -> Result<Option<Backup>> {
        self.0.snapshot_if_due()
    }

    /// "Take a snapshot now".
    pub fn take_snapshot(&mut self) -> Result<Backup> {
        self.0.take_snapshot()
    }

    /// Replaces the journal with a snapshot, after a `before-restore`
    /// snapshot of the current file, which is set aside, never deleted.
    pub fn restore(&mut self, path: &Path) -> Result<RestoreReport> {
        let report = self.0.restore_backup(path);
        if report.is_ok() {
            self.0.plan.wake();
        }
        report
    }

    /// For a damaged file: sets it aside and brings back the newest good
    /// snapshot.
    pub fn recover_from_newest(&mut self) -> Result<RestoreReport> {
        let report = self.0.recover_from_newest_backup();
        if report.is_ok() {
            self.0.plan.wake();
        }
        report
    }
}

impl Hearth {
    /// `<data>/backups/`: where snapshots are kept (shown in Settings).
    pub(crate) fn backup_dir(&self) -> PathBuf {
        self.data_dir.join(BACKUP_DIR)
    }

    /// `<data>/set-aside/`: where replaced and damaged files are kept.
    pub(crate) fn set_aside_dir(&self) -> PathBuf {
        self.data_dir.join(SET_ASIDE_DIR)
    }

    /// Every snapshot, newest first. Works while the file is unavailable.
    pub(crate) fn list_backups(&self) -> Result<Vec<Backup>> {
        backup::list_backups(&self.backup_dir())
    }

    /// What a snapshot (from `list_backups`, or a file in `set-aside/`)
    /// holds; it is opened read-only and never changed.
    pub(crate) fn preview_backup(&self, path: &Path) -> Result<BackupPreview> {
        self.check_location(path)?;
        backup::preview_backup_with(path, self.cipher.as_ref())
    }

    /// Takes the daily snapshot when the newest is a day old (the shell calls
    /// this on a slow timer). `None` when none was due.
    pub(crate) fn snapshot_if_due(&mut self) -> Result<Option<Backup>> {
        let clock = &*self.clock;
        match &self.store {
            Ok(store) => store.snapshot_if_due(clock),
            Err(err) => Err(reopen_error(err)),
        }
    }

    /// "Take a snapshot now": a verified snapshot of the journal as it is,
    /// kept like the other named ones (30 days, and always the newest).
    pub(crate) fn take_snapshot(&mut self) -> Result<Backup> {
        let clock = &*self.clock;
        match &self.store {
            Ok(store) => store.snapshot(Reason::Manual, clock.now()),
            Err(err) => Err(reopen_error(err)),
        }
    }

    /// Replaces the journal with a snapshot: checks it, takes a
    /// `before-restore` snapshot of the current file, moves the current file
    /// to `set-aside/`, puts a copy of the snapshot in its place and opens it
    /// (upgrading it if it is older).
    pub(crate) fn restore_backup(&mut self, path: &Path) -> Result<RestoreReport> {
        self.check_location(path)?;
        backup::verify_backup_with(path, self.cipher.as_ref())?;
        let staging = self.stage(path)?;
        let before_restore = match &self.store {
            Ok(store) => match store.snapshot(Reason::BeforeRestore, self.clock.now()) {
                Ok(b) => Some(b),
                Err(err) => {
                    let _ = std::fs::remove_file(&staging);
                    return Err(err);
                }
            },
            Err(_) => None,
        };
        let set_aside = self.swap_in(&staging)?;
        Ok(RestoreReport {
            restored_from: path.to_path_buf(),
            taken_at: named_time(path),
            set_aside,
            before_restore,
            skipped: vec![],
        })
    }

    /// For a damaged file (or one that isn't a database): moves it to
    /// `set-aside/` (never deleting it) and brings back the newest snapshot
    /// that passes `integrity_check`. With no good snapshot, nothing moves.
    pub(crate) fn recover_from_newest_backup(&mut self) -> Result<RestoreReport> {
        match &self.store {
            Ok(_) => {
                return Err(Error::invalid(
                    "Your journal opens fine, so there is nothing to recover. \
                     To go back to an earlier backup, restore it from Settings.",
                ))
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::DamagedDatabase | ErrorKind::NotADatabase
                ) => {}
            Err(e) => return Err(reopen_error(e)),
        }
        let (good, failed) = backup::newest_good_backup(&self.backup_dir(), self.cipher.as_ref())?;
        let skipped: Vec<PathBuf> = failed.into_iter().map(|b| b.path).collect();
        let Some(good) = good else {
            return Err(Error::NotFound(
                "There's no good backup to bring back. Your journal file was left as it is.".into(),
            ));
        };
        let staging = self.stage(&good.path)?;
        let set_aside = self.swap_in(&staging)?;
        Ok(RestoreReport {
            restored_from: good.path,
            taken_at: Some(good.taken_at),
            set_aside,
            before_restore: None,
            skipped,
        })
    }

    /// Looks for the snapshot a damaged file could be recovered from.
    pub(super) fn find_recoverable(&mut self) {
        self.recoverable = match &self.store {
            // A damaged key file is not helped by a snapshot: those are
            // encrypted with the key it holds.
            Err(Error::DamagedKey(_)) => None,
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::DamagedDatabase | ErrorKind::NotADatabase
                ) =>
            {
                backup::newest_good_backup(&self.backup_dir(), self.cipher.as_ref())
                    .ok()
                    .and_then(|(good, _)| good)
            }
            _ => None,
        };
    }

    /// Refuses paths outside Hearth's own backup and set-aside folders, so
    /// the page can't point the core at any file on the disk.
    fn check_location(&self, path: &Path) -> Result<()> {
        if backup::restorable_location(&self.data_dir, path) {
            Ok(())
        } else {
            Err(Error::NotFound(
                "That backup isn't in Hearth's backup folder (it may have been removed).".into(),
            ))
        }
    }

    /// Copies a snapshot beside the database and checks the copy.
    fn stage(&self, snapshot: &Path) -> Result<PathBuf> {
        let staging = self.data_dir.join(STAGING);
        let copied = std::fs::copy(snapshot, &staging)
            .and_then(|_| std::fs::File::open(&staging)?.sync_all())
            .map_err(|e| Error::DataDir {
                path: self.data_dir.clone(),
                reason: format!("the backup couldn't be copied ({e})"),
            })
            .and_then(|()| backup::verify_backup_with(&staging, self.cipher.as_ref()).map(|_| ()));
        if let Err(err) = copied {
            let _ = std::fs::remove_file(&staging);
            return Err(match err {
                Error::DamagedBackup { detail, .. } => Error::DamagedBackup {
                    path: snapshot.to_path_buf(),
                    detail,
                },
                other => other,
            });
        }
        Ok(staging)
    }

    /// Closes the store, sets the current file aside, renames the staged copy
    /// into place and opens it. Returns where the old file went.
    fn swap_in(&mut self, staging: &Path) -> Result<Option<PathBuf>> {
        let database = self.database_path();
        if let Ok(store) = &self.store {
            // Best effort: a file we can't checkpoint keeps its -wal beside it.
            let _ = store.checkpoint();
        }
        // Another file, other keys: whoever was unlocked must unlock again.
        self.vault.forget();
        // Closing the last connection folds the -wal into the file.
        self.store = Err(Error::Storage("the journal is being replaced".into()));
        let set_aside = match self.set_aside_current(&database) {
            Ok(moved) => moved,
            Err(err) => {
                let _ = std::fs::remove_file(staging);
                self.reopen();
                return Err(err);
            }
        };
        if let Err(e) = std::fs::rename(staging, &database) {
            // Put the old file back rather than leave no journal at all.
            if let Some(old) = &set_aside {
                let _ = std::fs::rename(old, &database);
                for suffix in ["-wal", "-shm"] {
                    let _ =
                        std::fs::rename(with_suffix(old, suffix), with_suffix(&database, suffix));
                }
            }
            self.reopen();
            return Err(Error::DataDir {
                path: self.data_dir.clone(),
                reason: format!("the backup couldn't be put in place ({e})"),
            });
        }
        sync_dir(&self.data_dir);
        self.reopen();
        match &self.store {
            Ok(_) => Ok(set_aside),
            Err(e) => Err(reopen_error(e)),
        }
    }

    /// Moves the database and its `-wal`/`-shm` to `set-aside/`, as a set.
    fn set_aside_current(&self, database: &Path) -> Result<Option<PathBuf>> {
        if !database.exists() {
            return Ok(None);
        }
        let dir = self.set_aside_dir();
        private_dir(&dir)?;
        let fail = |e: std::io::Error| Error::DataDir {
            path: dir.clone(),
            reason: format!("the current journal couldn't be moved aside ({e})"),
        };
        let name = format!(
            "hearth-{}.sqlite3",
            self.clock.now().format("%Y%m%dT%H%M%SZ")
        );
        // A number is added to the name until neither it nor its -wal exists.
        let mut n = 1;
        let target = loop {
            let candidate = backup::numbered(&dir.join(&name), n);
            if !candidate.exists()
                && !with_suffix(&candidate, "-wal").exists()
                && !with_suffix(&candidate, "-shm").exists()
            {
                break candidate;
            }
            n += 1;
        };
        let moved = move_no_clobber(database, &target).map_err(fail)?;
        for suffix in ["-wal", "-shm"] {
            let side = with_suffix(database, suffix);
            if side.exists() {
                let to = with_suffix(&moved, suffix);
                if let Err(e) = move_no_clobber(&side, &to) {
                    // Undo, so the file and its -wal never part.
                    let _ = std::fs::rename(&moved, database);
                    return Err(fail(e));
                }
            }
        }
        sync_dir(&dir);
        sync_dir(&self.data_dir);
        Ok(Some(moved))
    }

    fn reopen(&mut self) {
        self.store = Store::open_keyed(
            &self.database_path(),
            self.cipher.clone(),
            self.clock.as_ref(),
        );
        self.find_recoverable();
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn named_time(path: &Path) -> Option<DateTime<Utc>> {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(backup::parse_name)
        .map(|(at, _)| at)
}
