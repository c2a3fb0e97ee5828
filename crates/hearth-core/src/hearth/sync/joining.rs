//! "Join a journal from another laptop": the second laptop's first run.

use std::path::Path;

use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::hearth::{AppState, Hearth};
use crate::sync::config;
use crate::sync::files::PAIRING_NAME;
use crate::sync::pairing::{self, Refusal};
use crate::vault::SecretKey;

impl Hearth {
    /// On a new data folder (before setup): opens the pairing in `folder`
    /// with the code read out from the first laptop, keeps the journal's id,
    /// the sync key and the partners' key slots, and brings in every
    /// laptop's files there, so the couple is set up as on the first laptop.
    /// This laptop keeps its own device id. A wrong or expired code writes
    /// nothing.
    pub fn join_journal(
        &mut self,
        folder: &Path,
        code: &str,
        device_name: &str,
    ) -> Result<AppState> {
        if self.store()?.is_set_up()? {
            return Err(Error::NotAllowed(
                "This laptop already has a journal. Joining is for a laptop where Hearth \
                 is new."
                    .into(),
            ));
        }
        let bytes = std::fs::read(folder.join(PAIRING_NAME)).map_err(|_| {
            Error::NotFound(
                "There's no pairing waiting in that folder yet. On the other laptop, open \
                 Settings → Two laptops and make a pairing code, then let the folder sync."
                    .into(),
            )
        })?;
        let invitation = pairing::open(&bytes, code, self.clock.now()).map_err(|why| {
            Error::invalid(match why {
                Refusal::WrongCode => {
                    "That code doesn't open the pairing in this folder. Please check it on \
                     the other laptop and type it again."
                }
                Refusal::Expired => {
                    "That pairing code has expired (a code lasts 24 hours). Please make a \
                     new one on the other laptop."
                }
                Refusal::Newer => {
                    "That pairing was made by a newer Hearth. Please update Hearth on this \
                     laptop first."
                }
                Refusal::NotAPairing => {
                    "The pairing file in that folder isn't one this Hearth can read."
                }
            })
        })?;
        let shown = folder
            .canonicalize()
            .unwrap_or(folder.to_path_buf())
            .display()
            .to_string();
        let device = self.sync().device()?;
        let now = self.clock.now();
        let mut key = [0u8; 32];
        key.copy_from_slice(&invitation.key[..32.min(invitation.key.len())]);
        let key = SecretKey::from_bytes(key);
        let store = self.store()?;
        let tx = store.conn_mut().transaction()?;
        config::create(&tx, &invitation.journal, &key, &shown)?;
        tx.execute("DELETE FROM sync_peers", [])?;
        config::name_device(&tx, device, device_name, now)?;
        tx.commit()?;
        self.record_changes();
        self.sync().exchange()?;
        let store = self.store()?;
        if !store.is_set_up()? {
            return Err(Error::NotFound(
                "The other laptop's journal hasn't arrived in the folder yet. Please wait \
                 for the folder to finish syncing, then join again with the same code."
                    .into(),
            ));
        }
        // The slots name the partners, who have arrived by now.
        let tx = store.conn_mut().transaction()?;
        tx.execute("DELETE FROM key_slots", [])?;
        for slot in &invitation.slots {
            crate::sync::keys::save_row(&tx, slot)?;
        }
        tx.commit()?;
        if store.writer()?.is_none() {
            store.set_writer(PartnerId(1))?;
        }
        self.state()
    }
}
