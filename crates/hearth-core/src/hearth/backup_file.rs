//! The encrypted backup file through the door: "Save an encrypted backup"
//! in Settings, and "Bring back an encrypted backup" on a new laptop's
//! welcome. The format is `store::backup::sealed`.
//!
//! It carries the whole journal, both partners' pages, not one writer's
//! view: sealed private pages stay sealed to their authors inside it, and
//! with Lock Hearth on the journal inside is the encrypted file and its
//! key file, so on the new laptop it opens with the partners' own
//! passphrases, as at home. Putting it in place follows the rule of a Lock
//! Hearth conversion (`at_rest::settle`): the key file, written last,
//! decides, so a crash at any step leaves the empty new journal or the
//! whole backup.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::at_rest::{swap_into_place, write_key_file, write_synced, LOCKING};
use super::{AppState, BackupsHandle, Hearth, SaveTo};
use crate::error::{Error, Result};
use crate::store::backup::sealed::{self, Contents};
use crate::store::backup::{sync_dir, verify_plain_bytes};
use crate::vault::data_key::KeyFile;
use crate::vault::{check_new_passphrase, PASSPHRASE_MAX_CHARS};

/// Where the opened backup is written before it is renamed into place.
const IMPORTING: &str = ".hearth-importing.sqlite3";
/// Beside a locked journal brought from a backup: renew its sync device id
/// at the first unlock (it can't be written before).
pub(super) const NEW_DEVICE: &str = ".hearth-new-device";

impl BackupsHandle<'_> {
    /// "Save an encrypted backup": the whole journal, checked, sealed under
    /// `passphrase` (typed twice, with the rules of any new passphrase) and
    /// saved whole where `to` says as `Hearth backup <date>.hearthbackup`.
    /// Needs the writer able to act (unlocked, when they have a passphrase).
    pub fn save_encrypted(
        &mut self,
        to: &SaveTo,
        date: NaiveDate,
        passphrase: &str,
        repeat: &str,
    ) -> Result<PathBuf> {
        check_new_passphrase(passphrase, repeat)?;
        let hearth = &mut *self.0;
        let (database, schema_version) =
            hearth.as_writer(|store, _, clock| store.whole_copy(clock.now()))?;
        let keys = hearth.at_rest.as_ref().map(KeyFile::to_bytes);
        let contents = Contents {
            schema_version,
            database,
            keys,
        };
        let file = sealed::seal(&contents, passphrase, &hearth.vault.passphrase_params)?;
        hearth.save(
            to,
            &format!("Hearth backup {date}"),
            sealed::EXTENSION,
            &file,
        )
    }
}

impl Hearth {
    /// "Bring back an encrypted backup", on a laptop with no journal yet
    /// (the welcome, before setup): opens `file` with `passphrase`, checks
    /// what is inside, puts it in place as this laptop's journal and opens
    /// it. With Lock Hearth on in the backup, Hearth then shows its lock
    /// screen. Anything wrong is refused in its own words, nothing changed.
    pub fn import_encrypted_backup(&mut self, file: &[u8], passphrase: &str) -> Result<AppState> {
        if passphrase.trim().is_empty() {
            return Err(Error::invalid(
                "Please type the passphrase chosen when the backup was saved.",
            ));
        }
        if passphrase.chars().count() > PASSPHRASE_MAX_CHARS {
            return Err(Error::invalid(format!(
                "That's longer than any passphrase Hearth keeps (at most {PASSPHRASE_MAX_CHARS} \
                 characters), so it can't be this backup's. Nothing was changed."
            )));
        }
        self.refuse_if_journal_here()?;
        let contents = sealed::open(file, passphrase)?;
        let keys = match &contents.keys {
            Some(bytes) => Some(KeyFile::parse(bytes).map_err(|_| {
                Error::invalid(
                    "This backup's key file can't be read, so it wasn't opened. Nothing was changed.",
                )
            })?),
            None => {
                verify_plain_bytes(&contents.database)?;
                None
            }
        };
        self.put_in_place(&contents, keys.as_ref())?;
        self.plan.wake();
        self.state()
    }

    /// A backup is brought to a laptop without a journal, never over one.
    fn refuse_if_journal_here(&mut self) -> Result<()> {
        let has_journal = self.at_rest.is_some()
            || match &self.store {
                Ok(store) => !store.partners()?.is_empty(),
                Err(_) => true,
            };
        if has_journal {
            return Err(Error::NotAllowed(
                "This laptop already has a Hearth journal, so the backup wasn't opened here and \
                 nothing was changed. Please open it on a new laptop, or bring back one of this \
                 journal's own backups from Settings."
                    .into(),
            ));
        }
        Ok(())
    }

    /// Writes the opened journal beside the empty one, flushed, and swaps
    /// it in; with Lock Hearth, the key file is written between, as the
    /// moment it counts.
    fn put_in_place(&mut self, contents: &Contents, keys: Option<&KeyFile>) -> Result<()> {
        let dir = self.data_dir.clone();
        let staging = dir.join(IMPORTING);
        let fail = |e: std::io::Error| Error::DataDir {
            path: dir.clone(),
            reason: format!("the backup couldn't be put in place ({e})"),
        };
        if let Err(e) = write_synced(&staging, &contents.database) {
            let _ = std::fs::remove_file(&staging);
            return Err(fail(e));
        }
        // The empty journal closes; its -wal and -shm go with it.
        if let Ok(store) = &self.store {
            let _ = store.checkpoint();
        }
        self.store = Err(Error::Storage("the journal is being replaced".into()));
        self.sync = None;
        let database = self.database_path();
        let placed = match keys {
            None => swap_into_place(&staging, &database).map_err(fail),
            Some(keys) => std::fs::rename(&staging, dir.join(LOCKING))
                .and_then(|()| write_synced(&dir.join(NEW_DEVICE), b""))
                .map_err(fail)
                .and_then(|()| {
                    sync_dir(&dir);
                    write_key_file(&dir, keys)
                })
                .and_then(|()| swap_into_place(&dir.join(LOCKING), &database).map_err(fail)),
        };
        if placed.is_err() {
            let _ = std::fs::remove_file(&staging);
        }
        // Whatever happened, the folder is opened as at start: settling
        // finishes a swap the key file committed, or undoes one it didn't.
        self.open_store();
        self.find_recoverable();
        placed?;
        if let Ok(store) = &self.store {
            // Another laptop: its own device id, so no change is ever
            // numbered twice with different contents.
            crate::sync::renew_device(store.conn())?;
        }
        match &self.store {
            Ok(_) | Err(Error::Locked) => Ok(()),
            Err(e) => Err(super::reopen_error(e)),
        }
    }
}
