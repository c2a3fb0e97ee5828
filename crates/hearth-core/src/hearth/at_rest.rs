//! "Lock Hearth" through the door: a journal encrypted at rest is opened
//! only by a partner's passphrase, and closed again by every lock.
//!
//! With Lock Hearth on, the key file (`hearth.keys`, see
//! `vault::data_key`) is all Hearth reads at start: the lock screen ("Who's
//! here?") is drawn from it, and no database work happens until a
//! passphrase opens a partner key, which opens the data key, which opens
//! the file. Locking (by hand, idle, screen lock, suspend) closes the file
//! and wipes the data key with the partner key.
//!
//! A conversion (`conversion.rs`) swaps the journal file and the key file
//! in a fixed order, so whatever step a crash stops it at, [`settle`] finds
//! one whole journal at the next start, old or new.

use std::path::{Path, PathBuf};

use super::Hearth;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::reminders::{RestPlan, PLAN_FILE};
use crate::store::backup::sync_dir;
use crate::store::{Store, DATABASE_FILE};
use crate::vault::data_key::{KeyFile, KEY_FILE};
use crate::vault::{SecretKey, SlotKind};

/// Where an encrypted copy waits while Lock Hearth is being turned on.
pub(super) const LOCKING: &str = "hearth.sqlite3.locking";
/// Where a plain copy waits while Lock Hearth is being turned off.
pub(super) const UNLOCKING: &str = "hearth.sqlite3.unlocking";
/// The ending of a key file or plan being written.
const PARTIAL: &str = ".partial";

/// The key file of this data folder: `None` when Lock Hearth is off.
pub(super) fn read_key_file(data_dir: &Path) -> Result<Option<KeyFile>> {
    match std::fs::read(data_dir.join(KEY_FILE)) {
        Ok(bytes) => KeyFile::parse(&bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::DataDir {
            path: data_dir.join(KEY_FILE),
            reason: format!("the key file can't be read ({e})"),
        }),
    }
}

/// Writes the key file whole or not at all: a partial file, flushed,
/// renamed over the old one, the folder flushed.
pub(super) fn write_key_file(data_dir: &Path, file: &KeyFile) -> Result<()> {
    write_whole(data_dir, KEY_FILE, &file.to_bytes())
}

/// Writes `name` in `data_dir` whole or not at all.
fn write_whole(data_dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let partial = data_dir.join(format!(".{name}{PARTIAL}"));
    let fail = |e: std::io::Error| Error::DataDir {
        path: data_dir.to_path_buf(),
        reason: format!("{name} couldn't be written ({e})"),
    };
    write_synced(&partial, bytes).map_err(fail)?;
    std::fs::rename(&partial, data_dir.join(name)).map_err(fail)?;
    sync_dir(data_dir);
    Ok(())
}

pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Finishes or undoes a conversion a crash interrupted, by the one rule
/// that decides it: the key file. With a key file, the journal is the
/// encrypted one (a waiting encrypted copy is put in place; a waiting plain
/// one was never committed and goes); without, the plain one.
pub(super) fn settle(data_dir: &Path) -> Result<()> {
    for name in [KEY_FILE, PLAN_FILE] {
        let _ = std::fs::remove_file(data_dir.join(format!(".{name}{PARTIAL}")));
    }
    let locked = data_dir.join(KEY_FILE).exists();
    let (finish, undo) = if locked {
        (LOCKING, UNLOCKING)
    } else {
        (UNLOCKING, LOCKING)
    };
    let fail = |e: std::io::Error| Error::DataDir {
        path: data_dir.to_path_buf(),
        reason: format!("a conversion couldn't be finished ({e})"),
    };
    match std::fs::remove_file(data_dir.join(undo)) {
        Ok(()) => sync_dir(data_dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(fail(e)),
    }
    let waiting = data_dir.join(finish);
    if waiting.exists() {
        swap_into_place(&waiting, &data_dir.join(DATABASE_FILE)).map_err(fail)?;
    }
    // A copy of a snapshot half-converted: the snapshot itself is whole.
    for dir in [crate::store::BACKUP_DIR, crate::store::SET_ASIDE_DIR] {
        for entry in std::fs::read_dir(data_dir.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            if entry.file_name().to_string_lossy().ends_with(".converting") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// Renames a checked, flushed copy over the journal, after removing the
/// old file's `-wal` and `-shm` (they belong to the old file, and a WAL
/// left beside the new one would be read into it).
pub(super) fn swap_into_place(copy: &Path, database: &Path) -> std::io::Result<()> {
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(with_suffix(database, suffix)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    std::fs::rename(copy, database)?;
    if let Some(dir) = database.parent() {
        sync_dir(dir);
    }
    Ok(())
}

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

impl Hearth {
    /// Whether Lock Hearth is on (the journal is encrypted at rest).
    pub fn lock_hearth_on(&self) -> bool {
        self.at_rest.is_some()
    }

    /// True while Lock Hearth is on and nobody has opened the file.
    pub(super) fn closed_at_rest(&self) -> bool {
        self.at_rest.is_some() && matches!(self.store, Err(Error::Locked))
    }

    /// The store as it is opened at start or "Try again": with a key file,
    /// closed until a passphrase opens it.
    pub(super) fn open_store(&mut self) {
        self.cipher = None;
        self.at_rest = None;
        let dir = self.data_dir.clone();
        self.store = super::prepare_dir(&dir)
            .and_then(|()| settle(&dir))
            .and_then(|()| read_key_file(&dir))
            .and_then(|keys| match keys {
                Some(keys) => {
                    self.at_rest = Some(keys);
                    self.rest_plan = std::fs::read(dir.join(PLAN_FILE))
                        .ok()
                        .and_then(|b| RestPlan::parse(&b));
                    Err(Error::Locked)
                }
                None => Store::open_at(dir.join(DATABASE_FILE), self.clock.as_ref()),
            });
        self.attach_sync();
    }

    /// Opens the encrypted journal with `partner`'s key (already unwrapped
    /// from their slot in the key file), and catches up on what a crash
    /// may have left: snapshots still plain, slots changed only in the key
    /// file.
    pub(super) fn open_at_rest(&mut self, partner: PartnerId, key: &SecretKey) -> Result<()> {
        let keys = self.at_rest.as_ref().ok_or(Error::Locked)?;
        let data = keys
            .open_data_key(partner, key)
            .ok_or_else(|| Error::DamagedKey(crate::vault::data_key::DAMAGED.into()))?;
        let store = Store::open_keyed(
            &self.database_path(),
            Some(data.clone()),
            self.clock.as_ref(),
        )?;
        // The key file is the truth for slots while the file was closed.
        for slot in &keys.slots {
            let stored = crate::vault::Slot::load(store.conn(), slot.partner, slot.kind)?;
            if stored.map(|s| s.checksum) != Some(slot.checksum.clone()) {
                let now = self
                    .clock
                    .now()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                slot.save(store.conn(), &now)?;
            }
        }
        self.deferred_check = Some(crate::store::check_in_background(
            self.database_path(),
            data.clone(),
        ));
        // A journal brought from another laptop's backup gets its own
        // device id at its first unlock (see `backup_file.rs`).
        let marker = self.data_dir.join(super::backup_file::NEW_DEVICE);
        if marker.exists() && crate::sync::renew_device(store.conn()).is_ok() {
            let _ = std::fs::remove_file(&marker);
        }
        self.store = Ok(store);
        self.attach_sync();
        self.cipher = Some(data);
        self.find_recoverable();
        // What was shown while locked is logged, then a fresh plan kept (a
        // crash while open still leaves one for the next start).
        if let (Some(plan), Ok(store)) = (self.rest_plan.take(), &mut self.store) {
            let _ = plan.record_shown(store, self.clock.now());
        }
        let _ = self.write_rest_plan();
        // Housekeeping: a snapshot left plain by an interrupted conversion
        // is encrypted now; failing that never keeps anyone out.
        let _ = self.encrypt_plain_snapshots();
        Ok(())
    }

    /// Once the deferred whole-file check has finished: damage it found
    /// closes the file, as it would have at opening, and the newest good
    /// snapshot is offered.
    pub(super) fn take_deferred_check(&mut self) {
        if !self
            .deferred_check
            .as_ref()
            .is_some_and(|h| h.is_finished())
        {
            return;
        }
        let found = self.deferred_check.take().map(|check| check.answer());
        if let Some(Err(damaged)) = found {
            self.store = Err(damaged);
            self.sync = None;
            self.find_recoverable();
        }
    }

    /// Every lock: the partner key and, with Lock Hearth on, the file and
    /// its data key (the connection closes; SQLCipher wipes its copy).
    pub(super) fn forget_keys(&mut self) {
        self.vault.forget();
        // The deferred check holds the data key too: called off (at once,
        // whether or not it has started), its thread ended.
        if let Some(check) = self.deferred_check.take() {
            check.call_off();
        }
        if self.at_rest.is_some() && self.store.is_ok() {
            // Best effort: without a plan, reminders wait for the unlock.
            let _ = self.write_rest_plan();
            if let Ok(store) = &self.store {
                let _ = store.checkpoint();
            }
            self.store = Err(Error::Locked);
            self.sync = None;
            self.cipher = None;
        }
    }

    /// Writes the plan of the next two weeks' reminders beside the
    /// encrypted journal (whole or not at all) and keeps it for the loop.
    pub(super) fn write_rest_plan(&mut self) -> Result<()> {
        let now = self.clock.now();
        let store = match &self.store {
            Ok(store) => store,
            Err(err) => return Err(super::reopen_error(err)),
        };
        let plan = self.plan.scheduler.rest_plan(store, now)?;
        write_whole(&self.data_dir, PLAN_FILE, &plan.to_bytes())?;
        self.rest_plan = Some(plan);
        self.rest_plan_wakes = self.plan.wakes();
        Ok(())
    }

    /// While open with Lock Hearth on: a new plan when what is due changed
    /// or the last is six hours old.
    pub(super) fn refresh_rest_plan(&mut self) {
        if self.at_rest.is_none() || self.store.is_err() {
            return;
        }
        let stale = self.rest_plan.as_ref().map_or(true, |p| {
            self.clock.now() - p.written_at > chrono::Duration::hours(6)
        });
        if stale || self.rest_plan_wakes != self.plan.wakes() {
            let _ = self.write_rest_plan();
        }
    }

    /// One tick of the loop while the journal is closed: the plan's
    /// notices due now, naming nothing; the plan file keeps what was shown.
    pub(super) fn tick_at_rest(&mut self) -> Vec<crate::reminders::Notice> {
        let now = self.clock.now();
        let Some(plan) = &mut self.rest_plan else {
            return vec![];
        };
        let notices = plan.tick(now);
        if !notices.is_empty() {
            let bytes = plan.to_bytes();
            let _ = write_whole(&self.data_dir, PLAN_FILE, &bytes);
        }
        notices
    }

    /// A passphrase or recovery slot changed: with Lock Hearth on, the key
    /// file gets it first, so the slot that opens the file is always the
    /// newest (`open_at_rest` copies it into the database if a crash came
    /// in between).
    pub(super) fn slot_changed(&mut self, slot: &crate::vault::Slot) -> Result<()> {
        if let Some(keys) = &mut self.at_rest {
            keys.put_slot(slot.clone());
            let keys = keys.clone();
            write_key_file(&self.data_dir, &keys)?;
        }
        Ok(())
    }

    /// The partners' names or colours changed: the lock screen's copy too.
    pub(super) fn partners_changed(&mut self) -> Result<()> {
        if self.at_rest.is_none() {
            return Ok(());
        }
        let partners = self.store()?.partners()?;
        if let Some(keys) = &mut self.at_rest {
            keys.partners = partners;
            let keys = keys.clone();
            write_key_file(&self.data_dir, &keys)?;
        }
        Ok(())
    }

    /// The slot of `partner` and `kind` from the key file while the journal
    /// is closed, else from the database.
    pub(super) fn closed_slot(
        &self,
        partner: PartnerId,
        kind: SlotKind,
    ) -> Option<crate::vault::Slot> {
        self.at_rest
            .as_ref()
            .and_then(|k| k.slot(partner, kind).cloned())
    }
}
