//! Saving the recovery key as a file the person chooses (issue 15, item 7).
//!
//! The page shows the key once, right after the passphrase is set, and may
//! ask to save it. The core checks that what it was given is the writer's
//! own recovery key (it must open their recovery slot: a typo or another
//! key is refused, so nobody keeps a useless file) and writes it with a
//! few plain sentences, where [`SaveTo`] says. The text is wiped from
//! memory once written. The file is as secret as the key: it says so.

use std::path::PathBuf;

use chrono::NaiveDate;
use zeroize::Zeroizing;

use super::{Hearth, SaveTo};
use crate::error::{Error, Result};
use crate::vault::{RecoveryKey, Slot, SlotKind};

impl Hearth {
    /// Saves the writer's recovery key as `Hearth recovery key.txt` where
    /// `to` says; `date` is the local date it was saved on.
    pub fn save_recovery_key(
        &mut self,
        recovery_key: &str,
        date: NaiveDate,
        to: &SaveTo,
    ) -> Result<PathBuf> {
        let key = RecoveryKey::parse(recovery_key)?;
        let name = self.as_writer(|store, writer, _| {
            let slot = Slot::load(store.conn(), writer, SlotKind::Recovery)?.ok_or_else(|| {
                Error::invalid("You don't have a recovery key yet: it comes with a passphrase.")
            })?;
            slot.open(&key.secret())
                .map_err(|_| Error::invalid("That isn't your recovery key, so it wasn't saved."))?;
            Ok(store.partner(writer)?.name)
        })?;
        let text = Zeroizing::new(format!(
            "Hearth recovery key for {name}\n\n{}\n\n\
             If {name} ever forgets their passphrase, this key sets a new one: on the\n\
             lock screen, choose \"Forgot it? Use {name}'s recovery key\".\n\n\
             Keep it somewhere safe, away from this laptop. Anyone who has this key\n\
             and the laptop can open {name}'s private pages.\n\n\
             Saved on {date}.\n",
            key.expose()
        ));
        self.save(to, "Hearth recovery key", "txt", text.as_bytes())
    }
}
