//! Turning "Lock Hearth" on and off: the couple's whole journal copied into
//! the other form, checked, and swapped in so a crash at any moment leaves
//! one whole journal, old or new.
//!
//! On: `sqlcipher_export` into `hearth.sqlite3.locking`, checked
//! (`integrity_check`, the rows of every table), flushed; the file closed;
//! the key file written (the commit: from here the journal is the
//! encrypted one); the copy renamed over the plain file (whose `-wal` and
//! `-shm` go first); then each snapshot and set-aside file encrypted in
//! place the same way. Off is the mirror: snapshots first (while the key
//! file still says "encrypted", so a crash leaves them to be encrypted
//! again at the next unlock), then the journal, and removing the key file
//! is the commit. `at_rest::settle` finishes or undoes the rest at start.
//!
//! It is a couple setting, so it needs both: the partner writing is
//! unlocked, and the other types their passphrase (which opens their
//! partner key, so the data key can be wrapped for them too).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::at_rest::{swap_into_place, write_key_file, LOCKING, UNLOCKING};
use super::Hearth;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::store::backup::sync_dir;
use crate::store::cipher::{self, FileForm};
use crate::store::{Store, BACKUP_DIR, SET_ASIDE_DIR};
use crate::vault::data_key::{KeyFile, KEY_FILE};
use crate::vault::{SecretKey, Slot, SlotKind};

/// A step of a conversion, named for the tests that stop it there.
pub type ConversionHook = Box<dyn Fn(&str) + Send + Sync>;

/// What Settings → Privacy shows about Lock Hearth.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LockHearthState {
    pub on: bool,
    /// The partners who still need a passphrase before it can be turned on.
    pub missing_passphrase: Vec<String>,
    /// The other partner, whose passphrase turning it on or off needs.
    pub other: Option<PartnerId>,
    /// Snapshots and set-aside copies that will be converted along.
    pub copies: usize,
}

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    pub on: bool,
    /// Snapshots and set-aside copies converted.
    pub copies_converted: usize,
    /// Copies that couldn't be (damaged ones): left exactly as they were.
    pub copies_left: Vec<PathBuf>,
}

impl Hearth {
    /// Lock Hearth's state for Settings → Privacy.
    pub fn lock_hearth(&mut self) -> Result<LockHearthState> {
        let writer = self.as_writer(|_, w, _| Ok(w))?;
        let store = self.store()?;
        let mut missing = vec![];
        for p in store.partners()? {
            if !Slot::exists(store.conn(), p.id, SlotKind::Passphrase)? {
                missing.push(p.name);
            }
        }
        Ok(LockHearthState {
            on: self.at_rest.is_some(),
            missing_passphrase: missing,
            other: Some(other_of(writer)),
            copies: self.copies().len(),
        })
    }

    /// Turns Lock Hearth on: the writer is unlocked, and `other_passphrase`
    /// is the other partner's.
    pub fn turn_on_lock_hearth(&mut self, other_passphrase: &str) -> Result<Conversion> {
        if self.at_rest.is_some() {
            return Err(Error::invalid("Lock Hearth is already on."));
        }
        let (writer, mine, theirs) = self.both_keys(other_passphrase)?;
        let store = self.store()?;
        let partners = store.partners()?;
        let mut slots = vec![];
        for p in [writer, other_of(writer)] {
            for kind in [SlotKind::Passphrase, SlotKind::Recovery] {
                slots.extend(Slot::load(store.conn(), p, kind)?);
            }
        }
        let data = SecretKey::random();
        let keys = KeyFile::new(
            partners,
            slots,
            &data,
            &[(writer, &mine), (other_of(writer), &theirs)],
        );
        drop((mine, theirs));
        self.step("start");
        let copy = self.data_dir.join(LOCKING);
        self.export_checked(&copy, Some(&data))?;
        self.close_for_swap();
        self.step("closed");
        if let Err(err) = write_key_file(&self.data_dir, &keys) {
            let _ = std::fs::remove_file(&copy);
            self.store = Store::open_at(self.database_path(), self.clock.as_ref());
            return Err(err);
        }
        self.step("committed");
        let swapped = swap_into_place(&copy, &self.database_path());
        self.step("swapped");
        self.at_rest = Some(keys);
        self.cipher = Some(data.clone());
        swapped.map_err(|e| Error::DataDir {
            path: self.data_dir.clone(),
            reason: format!("the encrypted journal couldn't be put in place ({e})"),
        })?;
        self.store = Store::open_keyed(&self.database_path(), Some(data), self.clock.as_ref());
        self.store()?;
        let (copies_converted, copies_left) = self.encrypt_plain_snapshots()?;
        Ok(Conversion {
            on: true,
            copies_converted,
            copies_left,
        })
    }

    /// Turns Lock Hearth off: the journal and its copies become plain
    /// SQLite again. Needs both partners, like turning it on.
    pub fn turn_off_lock_hearth(&mut self, other_passphrase: &str) -> Result<Conversion> {
        if self.at_rest.is_none() {
            return Err(Error::invalid("Lock Hearth is already off."));
        }
        let (_, mine, theirs) = self.both_keys(other_passphrase)?;
        drop((mine, theirs));
        let data = self.cipher.clone().ok_or(Error::Locked)?;
        self.step("start");
        let mut converted = 0;
        let mut left = vec![];
        for path in self.copies() {
            if cipher::file_form(&path) != FileForm::Opaque {
                continue;
            }
            match convert_file(&path, Some(&data), None) {
                Ok(()) => converted += 1,
                Err(_) => left.push(path),
            }
            self.step("copy");
        }
        if !left.is_empty() {
            // An encrypted copy that can't be opened now couldn't be ever
            // after the key file goes: stop before the commit.
            return Err(Error::Storage(format!(
                "{} backup cop{} couldn't be opened to convert, so Lock Hearth stays on",
                left.len(),
                if left.len() == 1 { "y" } else { "ies" }
            )));
        }
        let copy = self.data_dir.join(UNLOCKING);
        self.export_checked(&copy, None)?;
        self.close_for_swap();
        self.step("closed");
        let removed = std::fs::remove_file(self.data_dir.join(KEY_FILE));
        sync_dir(&self.data_dir);
        if let Err(e) = removed {
            let _ = std::fs::remove_file(&copy);
            self.store = Store::open_keyed(&self.database_path(), Some(data), self.clock.as_ref());
            return Err(Error::DataDir {
                path: self.data_dir.clone(),
                reason: format!("the key file couldn't be removed ({e})"),
            });
        }
        self.step("committed");
        let swapped = swap_into_place(&copy, &self.database_path());
        self.step("swapped");
        self.at_rest = None;
        self.cipher = None;
        swapped.map_err(|e| Error::DataDir {
            path: self.data_dir.clone(),
            reason: format!("the plain journal couldn't be put in place ({e})"),
        })?;
        self.store = Store::open_at(self.database_path(), self.clock.as_ref());
        self.store()?;
        Ok(Conversion {
            on: false,
            copies_converted: converted,
            copies_left: vec![],
        })
    }

    /// With Lock Hearth on: each snapshot or set-aside copy still plain is
    /// encrypted in place (after turning it on, or after a crash).
    pub(super) fn encrypt_plain_snapshots(&mut self) -> Result<(usize, Vec<PathBuf>)> {
        let Some(data) = self.cipher.clone() else {
            return Ok((0, vec![]));
        };
        let mut converted = 0;
        let mut left = vec![];
        for path in self.copies() {
            if cipher::file_form(&path) != FileForm::Plain {
                continue;
            }
            match convert_file(&path, None, Some(&data)) {
                Ok(()) => converted += 1,
                Err(_) => left.push(path),
            }
            self.step("copy");
        }
        Ok((converted, left))
    }

    /// Runs the tests' hook at a named step (they stop the process there).
    fn step(&self, name: &str) {
        if let Some(hook) = &self.conversion_hook {
            hook(name);
        }
    }

    /// Calls `hook` at each step of a conversion. Only for the tests that
    /// kill the process at each one.
    #[doc(hidden)]
    pub fn on_conversion_step_for_tests(&mut self, hook: ConversionHook) {
        self.conversion_hook = Some(hook);
    }

    /// The writer (unlocked), their key and the other partner's, opened with
    /// `other_passphrase`.
    fn both_keys(&mut self, other_passphrase: &str) -> Result<(PartnerId, SecretKey, SecretKey)> {
        crate::vault::check_given_passphrase(other_passphrase)?;
        let writer = self.as_writer(|_, w, _| Ok(w))?;
        let other = other_of(writer);
        let state = self.lock_hearth()?;
        if !state.missing_passphrase.is_empty() {
            return Err(Error::invalid(format!(
                "Lock Hearth needs a passphrase for each of you, and {} hasn't set one yet. \
                 Each of you can set one here, in Settings → Privacy.",
                state.missing_passphrase.join(" and ")
            )));
        }
        let (_, mine) = self
            .vault
            .key()
            .filter(|(p, _)| *p == writer)
            .ok_or(Error::Locked)?;
        let name = self.store()?.partner(other)?.name;
        let slot = Slot::load(self.store()?.conn(), other, SlotKind::Passphrase)?
            .ok_or_else(|| Error::invalid("Both of you need a passphrase first."))?;
        let theirs = super::privacy::open_slot(
            &mut self.vault,
            &*self.clock,
            &slot,
            other_passphrase.as_bytes(),
            || format!("That passphrase isn't {name}'s."),
        )?;
        Ok((writer, mine, theirs))
    }

    /// A checked, flushed copy of the open journal at `target`.
    fn export_checked(&mut self, target: &Path, key: Option<&SecretKey>) -> Result<()> {
        let _ = std::fs::remove_file(target);
        let store = match &self.store {
            Ok(store) => store,
            Err(err) => return Err(super::reopen_error(err)),
        };
        store.checkpoint()?;
        let made = (|| {
            let expected = cipher::row_counts(store.conn())?;
            cipher::export(store.conn(), target, key)?;
            self.step("exported");
            cipher::verify_copy(target, key, &expected)
        })();
        if made.is_err() {
            let _ = std::fs::remove_file(target);
        }
        made?;
        self.step("verified");
        Ok(())
    }

    /// Closes the journal so its file can be swapped (the key stays).
    fn close_for_swap(&mut self) {
        self.vault.index = None;
        self.store = Err(Error::Storage("the journal is being converted".into()));
    }

    /// Every snapshot and set-aside copy of the journal.
    fn copies(&self) -> Vec<PathBuf> {
        let mut out = vec![];
        for dir in [BACKUP_DIR, SET_ASIDE_DIR] {
            let Ok(read) = std::fs::read_dir(self.data_dir.join(dir)) else {
                continue;
            };
            for entry in read.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".sqlite3") && !name.starts_with('.') && path.is_file() {
                    out.push(path);
                }
            }
        }
        out.sort();
        out
    }
}

/// Converts one copy in place: exported beside it, checked, renamed over it.
fn convert_file(path: &Path, from: Option<&SecretKey>, to: Option<&SecretKey>) -> Result<()> {
    let partial = super::at_rest::with_suffix(path, ".converting");
    let _ = std::fs::remove_file(&partial);
    let made = (|| {
        // CREATE: the copy is attached to this connection, and is made by it.
        let conn = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        cipher::maybe_key(&conn, from)?;
        crate::store::backup::integrity(&conn, "integrity_check").map_err(Error::Storage)?;
        let expected = cipher::row_counts(&conn)?;
        cipher::export(&conn, &partial, to)?;
        drop(conn);
        cipher::verify_copy(&partial, to, &expected)?;
        swap_into_place(&partial, path).map_err(|e| Error::Storage(e.to_string()))
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    made
}

fn other_of(p: PartnerId) -> PartnerId {
    PartnerId(if p.0 == 1 { 2 } else { 1 })
}
