//! Settings → Two laptops: the folder chosen, the pairing code, the laptops
//! sharing the journal, and stopping.

use std::path::Path;

use chrono::Duration;

use super::SyncHandle;
use crate::error::{Error, Result};
use crate::sync::config::{self, stamp};
use crate::sync::files::{device_hex, PAIRING_NAME};
use crate::sync::pairing::{self, Invitation};
use crate::sync::{PairingCode, SyncState};
use crate::vault::SecretKey;

/// How long a pairing code opens the pairing file.
const PAIRING_HOURS: i64 = 24;

impl SyncHandle<'_> {
    /// What Settings → Two laptops shows.
    pub fn state(&mut self) -> Result<SyncState> {
        let device = self.device()?;
        config::describe(self.0.store()?.conn(), device)
    }

    /// Starts syncing through `folder`, this laptop named `device_name`.
    /// The first laptop makes the journal's id and the couple's sync key;
    /// a folder other than the last one starts this laptop's files afresh.
    pub fn choose_folder(&mut self, folder: &Path, device_name: &str) -> Result<SyncState> {
        let folder = self.check_folder(folder)?;
        let device = self.device()?;
        let now = self.0.clock.now();
        let store = self.0.store()?;
        if !store.is_set_up()? {
            return Err(Error::NotSetUp);
        }
        let shown = folder.display().to_string();
        let conn = store.conn();
        match config::load(conn)? {
            None => {
                let mut journal = [0u8; 16];
                journal.copy_from_slice(&SecretKey::random().expose()[..16]);
                config::create(conn, &journal, &SecretKey::random(), &shown)?;
            }
            Some(kept) if kept.folder.as_deref() != Some(folder.as_path()) => {
                conn.execute(
                    "UPDATE sync_folder SET folder = ?1, written_device = 0,
                        written_counter = 0, note = NULL, pairing_since = NULL WHERE id = 1",
                    [&shown],
                )?;
                conn.execute("DELETE FROM sync_peers", [])?;
            }
            Some(_) => {}
        }
        config::name_device(conn, device, device_name, now)?;
        self.0.record_changes();
        self.exchange()
    }

    /// The folder as chosen, made absolute; never Hearth's own data folder
    /// or one inside it (the live database never goes in the sync folder).
    fn check_folder(&mut self, folder: &Path) -> Result<std::path::PathBuf> {
        let found = folder.canonicalize().ok().filter(|f| f.is_dir());
        let Some(found) = found else {
            return Err(Error::invalid(
                "Hearth can't find that folder. Please choose a folder that is there now.",
            ));
        };
        let data = self
            .0
            .data_dir
            .canonicalize()
            .unwrap_or(self.0.data_dir.clone());
        if found.starts_with(&data) || data.starts_with(&found) {
            return Err(Error::invalid(
                "Please choose a folder apart from Hearth's own data folder: the sync folder \
                 holds only what Hearth writes for the other laptop.",
            ));
        }
        Ok(found)
    }

    /// Makes a pairing code and writes `pairing.hsync` into the folder,
    /// sealed with it: the second laptop joins with the code for 24 hours.
    pub fn pairing_code(&mut self) -> Result<PairingCode> {
        // This laptop's files first, so the second finds the whole journal.
        self.exchange()?;
        let now = self.0.clock.now();
        let conn = self.0.store()?.conn();
        let kept = config::load(conn)?;
        let Some((kept, folder)) = kept.and_then(|k| k.folder.clone().map(|f| (k, f))) else {
            return Err(Error::NotAllowed(
                "Please choose a sync folder first; the pairing is written there.".into(),
            ));
        };
        let invitation = Invitation {
            journal: kept.journal.to_vec(),
            key: kept.key.expose().to_vec(),
            slots: crate::sync::keys::slot_rows(conn)?,
        };
        let code = pairing::new_code();
        let expires_at = now + Duration::hours(PAIRING_HOURS);
        let bytes = pairing::seal(&code, &invitation, expires_at);
        write_whole(&folder.join(PAIRING_NAME), &bytes).map_err(|e| {
            Error::Desktop(format!(
                "Hearth couldn't write the pairing into the sync folder ({e}). \
                 Please check the folder is there and can be written to, then try again."
            ))
        })?;
        conn.execute(
            "UPDATE sync_folder SET pairing_since = ?1 WHERE id = 1",
            [stamp(now)],
        )?;
        Ok(PairingCode { code, expires_at })
    }

    /// A lost laptop: its later files are ignored here and, once this
    /// change reaches them, on the other laptops.
    pub fn remove_device(&mut self, device: &str) -> Result<SyncState> {
        let this = device_hex(self.device()?);
        if device == this {
            return Err(Error::invalid(
                "That's this laptop. To stop syncing here, choose \"Stop syncing\".",
            ));
        }
        let now = self.0.clock.now();
        let conn = self.0.store()?.conn();
        let known = conn.execute(
            "UPDATE sync_devices SET removed_at = coalesce(removed_at, ?2) WHERE id = ?1",
            [device, &stamp(now)],
        )?;
        if known == 0 {
            return Err(Error::NotFound(
                "Hearth doesn't know that laptop. It may have been removed already.".into(),
            ));
        }
        self.0.record_changes();
        self.exchange()
    }

    /// Stops syncing: the journal here is kept as it is and the folder is
    /// left alone; choosing a folder again carries on.
    pub fn stop(&mut self) -> Result<SyncState> {
        self.0.record_changes();
        self.0.store()?.conn().execute(
            "UPDATE sync_folder SET folder = NULL, note = NULL, pairing_since = NULL WHERE id = 1",
            [],
        )?;
        self.state()
    }
}

/// Writes a small file whole: a temporary name, flushed, then renamed.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let temporary = path.with_extension("writing");
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
}
