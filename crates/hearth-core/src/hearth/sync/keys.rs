//! The partners' key slots through the sync folder (the rules are in
//! `sync::keys`): this laptop's `keys.hsync`, written when what it holds
//! changed, and every other laptop's, taken here.

use std::fs;
use std::io;
use std::path::Path;

use super::SyncHandle;
use crate::couple::PartnerId;
use crate::error::Result;
use crate::hearth::{sealing, Hearth};
use crate::sync::config::Config;
use crate::sync::files::{self, Header, Refusal, KEYS, KEYS_NAME};
use crate::sync::keys::{self, Keys, Step};
use crate::vault::{Slot, SlotKind};

impl SyncHandle<'_> {
    /// Writes this laptop's keys file into `dir` (its own part of the
    /// folder) when what it holds differs from what the file says.
    pub(super) fn write_keys(&mut self, kept: &Config, dir: &Path, device: u64) -> io::Result<()> {
        let keys = self.keys_here().map_err(io::Error::other)?;
        let nothing = keys
            .partners
            .iter()
            .all(|p| p.current.is_none() && p.removed.is_empty());
        if nothing {
            // No passphrase was ever set: no file (and once one was, there
            // is always something to say).
            return Ok(());
        }
        let plain = serde_json::to_vec(&keys).map_err(io::Error::other)?;
        let path = dir.join(KEYS_NAME);
        if let Ok(bytes) = fs::read(&path) {
            let read = files::read(&bytes, &kept.key, &kept.journal, 0);
            if read.refused.is_none() && read.frames.first() == Some(&plain) {
                return Ok(());
            }
        }
        let header = Header {
            format: files::FORMAT,
            journal: kept.journal,
            device,
            kind: KEYS,
            generation: 0,
        };
        files::replace(&path, &header, &kept.key, &plain)
    }

    /// Takes here what another laptop's keys file in `dir` holds, by the
    /// rules. A line for Settings when a step waits, or the file can't be
    /// used (`{laptop}` stands for the laptop's name).
    pub(super) fn take_keys(&mut self, kept: &Config, dir: &Path) -> Result<Option<String>> {
        let Ok(bytes) = fs::read(dir.join(KEYS_NAME)) else {
            return Ok(None);
        };
        let read = files::read(&bytes, &kept.key, &kept.journal, 0);
        if let Some(refusal) = read.refused {
            return Ok(Some(refusal.words(Some("{laptop}"))));
        }
        // Cut short: still arriving, read at a later look.
        let Some(frame) = read.frames.first() else {
            return Ok(None);
        };
        let Ok(there) = serde_json::from_slice::<Keys>(frame) else {
            return Ok(Some(Refusal::Damaged.words(Some("{laptop}"))));
        };
        let here = self.keys_here()?;
        let mut notes = vec![];
        for step in keys::steps(&here, &there) {
            notes.extend(self.0.follow(step)?);
        }
        Ok((!notes.is_empty()).then(|| notes.join(" ")))
    }

    /// What this laptop holds of each partner's key.
    fn keys_here(&mut self) -> Result<Keys> {
        let store = self.0.store()?;
        let partners: Vec<PartnerId> = store.partners()?.iter().map(|p| p.id).collect();
        keys::here(store.conn(), &partners)
    }
}

impl Hearth {
    /// One step of another laptop's keys, taken here.
    fn follow(&mut self, step: Step) -> Result<Option<String>> {
        match step {
            Step::Take(key) | Step::Rewrap(key) => {
                let store = self.store()?;
                let tx = store.conn_mut().transaction()?;
                keys::take(&tx, &key)?;
                tx.commit()?;
                // With Lock Hearth on, the key file keeps a copy of the slots.
                let partner = PartnerId(key.recovery.partner);
                for kind in [SlotKind::Passphrase, SlotKind::Recovery] {
                    if let Some(slot) = Slot::load(self.store()?.conn(), partner, kind)? {
                        self.slot_changed(&slot)?;
                    }
                }
                Ok(None)
            }
            Step::Removed {
                partner,
                key_id,
                current: false,
            } => {
                keys::note_removed(self.store()?.conn(), partner, &key_id)?;
                Ok(None)
            }
            Step::Removed {
                partner, key_id, ..
            } => self.remove_key_here(PartnerId(partner), &key_id),
            Step::TwoKeys { partner } => {
                let name = self.store()?.partner(PartnerId(partner))?.name;
                Ok(Some(format!(
                    "{name} set a passphrase on this laptop and on {{laptop}} before the two \
                     met, so each laptop keeps its own for now. To use one passphrase on both, \
                     {name} can remove it on one of them (Settings → Privacy); the other \
                     laptop's then arrives there."
                )))
            }
        }
    }

    /// A partner's passphrase was removed on another laptop: removed here
    /// too, unless something here is still sealed with it and they aren't
    /// unlocked to open it (then it waits, and says so).
    fn remove_key_here(&mut self, partner: PartnerId, key_id: &[u8]) -> Result<Option<String>> {
        let name = self.store()?.partner(partner)?.name;
        if self.lock_hearth_on() {
            return Ok(Some(format!(
                "{name} removed their passphrase on {{laptop}}. Lock Hearth is on here and needs \
                 a passphrase for each of you, so it stays on this laptop until Lock Hearth is \
                 turned off here."
            )));
        }
        let held = self.vault.key().filter(|(p, _)| *p == partner);
        let store = self.store()?;
        if held.is_none() && sealing::has_sealed(store.conn(), partner)? {
            return Ok(Some(format!(
                "{name} removed their passphrase on {{laptop}}. Some of {name}'s private pages \
                 here are still sealed with it, so it stays on this laptop until {name} unlocks \
                 here once more; then those pages open and the passphrase goes."
            )));
        }
        let tx = store.conn_mut().transaction()?;
        if let Some((_, key)) = &held {
            sealing::unseal_all(&tx, partner, key)?;
        }
        Slot::delete_all(&tx, partner)?;
        keys::note_removed(&tx, partner.0, key_id)?;
        tx.commit()?;
        if held.is_some() {
            self.vault.forget();
        }
        Ok(None)
    }
}
