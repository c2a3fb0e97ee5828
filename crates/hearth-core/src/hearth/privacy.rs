//! A passphrase per partner, and "writing as" meaning "unlocked as".
//!
//! A partner without a passphrase is switched to as before. Once a partner
//! has one, the only way to become them is [`Hearth::unlock`] with it (or
//! with the recovery key, which sets a new one): [`Hearth::set_writer`]
//! refuses, and every command that acts as the writer
//! ([`Hearth::as_writer`]) refuses while the stored writer is locked, so a
//! restart or a "Switch to" never shows their pages. The decision is here,
//! in the core, not in the page.
//!
//! The partner key seals their private words (`sealing.rs`): setting a
//! passphrase seals what is theirs alone, removing it opens it again, and
//! unlocking opens the answers both have written (the reveal). See
//! docs/SECURITY.md for what holds today and what doesn't.

use serde::Serialize;

use super::{reopen_error, AppState, Hearth};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::vault::{
    check_new_passphrase, wait_after, KdfParams, RecoveryKey, SecretKey, Slot, SlotKind,
    SlotProblem, Vault,
};

/// What the page needs to know about passphrases.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Privacy {
    /// The partners who have a passphrase, in id order.
    pub with_passphrase: Vec<PartnerId>,
    /// The partner whose key is open now, if any.
    pub unlocked: Option<PartnerId>,
    /// The stored writer has a passphrase and hasn't typed it: the page shows
    /// the unlock step and nothing else.
    pub locked: bool,
    /// "Lock Hearth" is on: the whole journal is encrypted at rest. While
    /// `locked` with no writer, the page asks "Who's here?".
    pub lock_hearth: bool,
}

/// The answer to setting a passphrase: the recovery key, shown once.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassphraseSet {
    pub recovery_key: RecoveryKey,
    pub state: AppState,
}

pub(super) fn describe(store: &Store, vault: &Vault, writer: Option<PartnerId>) -> Result<Privacy> {
    let mut with_passphrase = vec![];
    for id in [PartnerId(1), PartnerId(2)] {
        if Slot::exists(store.conn(), id, SlotKind::Passphrase)? {
            with_passphrase.push(id);
        }
    }
    let locked = writer.is_some_and(|w| with_passphrase.contains(&w) && !vault.is_unlocked_as(w));
    Ok(Privacy {
        with_passphrase,
        unlocked: vault.unlocked(),
        locked,
        lock_hearth: false,
    })
}

/// Refuses to act as a writer who has a passphrase and hasn't unlocked.
pub(super) fn may_act_as(store: &Store, vault: &Vault, writer: PartnerId) -> Result<()> {
    if vault.is_unlocked_as(writer) || !Slot::exists(store.conn(), writer, SlotKind::Passphrase)? {
        return Ok(());
    }
    let name = store.partner(writer)?.name;
    Err(Error::NotAllowed(format!(
        "{name}'s pages are locked. Please unlock them with {name}'s passphrase first."
    )))
}

impl Hearth {
    /// Unlocks `partner` with their passphrase and makes them the writer.
    /// A wrong passphrase changes nothing; after five in a row each try
    /// waits a little longer (never a lockout).
    pub fn unlock(&mut self, partner: PartnerId, passphrase: &str) -> Result<AppState> {
        crate::vault::check_given_passphrase(passphrase)?;
        let key = self.open_partner_key(partner, SlotKind::Passphrase, passphrase.as_bytes())?;
        self.finish_unlock(partner, key)
    }

    /// Opens `partner`'s key with the secret of their slot of `kind`: from
    /// the key file while the whole journal is closed (Lock Hearth, which
    /// the key then opens), else from the journal. One wording per kind.
    fn open_partner_key(
        &mut self,
        partner: PartnerId,
        kind: SlotKind,
        secret: &[u8],
    ) -> Result<SecretKey> {
        if self.closed_at_rest() {
            let key = self.open_closed_slot(partner, kind, secret)?;
            self.open_at_rest(partner, &key)?;
            return Ok(key);
        }
        let (store, vault, clock) = self.parts()?;
        let name = store.partner(partner)?.name;
        let slot = Slot::load(store.conn(), partner, kind)?.ok_or_else(|| {
            Error::invalid(match kind {
                SlotKind::Passphrase => {
                    format!("{name} has no passphrase. Choose \"Switch to {name}\" instead.")
                }
                SlotKind::Recovery => {
                    format!("{name} has no recovery key, because {name} has no passphrase.")
                }
            })
        })?;
        open(vault, clock, &slot, secret, || wrong_secret(kind, &name))
    }

    /// `partner`'s key is open: they become the writer, the answers both
    /// wrote open (the reveal), and their sealed pages are indexed.
    fn finish_unlock(&mut self, partner: PartnerId, key: SecretKey) -> Result<AppState> {
        let store = self.store()?;
        store.set_writer(partner)?;
        // A sealed row that won't open must not keep its author out of their
        // own pages: the reveal is tried again at the next unlock.
        let sealed = super::sealing::on_unlock(store, partner, &key).unwrap_or(0);
        if sealed > 0 {
            // Words that were plain until now: the record keeps its present
            // state (sealed), not its history, as when a passphrase is set.
            self.forget_sync_history()?;
            super::sealing::scrub(self.store()?)?;
        }
        self.vault.hold(partner, key);
        self.index_private_pages()?;
        self.note_activity();
        self.state()
    }

    /// Opens `partner`'s slot of `kind` from the key file, while the whole
    /// journal is closed (Lock Hearth).
    fn open_closed_slot(
        &mut self,
        partner: PartnerId,
        kind: SlotKind,
        secret: &[u8],
    ) -> Result<SecretKey> {
        let name = self
            .at_rest
            .as_ref()
            .and_then(|k| k.partners.iter().find(|p| p.id == partner))
            .map(|p| p.name.clone())
            .ok_or_else(|| Error::NotFound("There's no such partner here.".into()))?;
        let slot = self
            .closed_slot(partner, kind)
            .ok_or_else(|| Error::DamagedKey(crate::vault::data_key::DAMAGED.into()))?;
        open(&mut self.vault, &*self.clock, &slot, secret, || {
            wrong_secret(kind, &name)
        })
    }

    /// Locks now: wipes the key. The writer stays who it was, locked.
    pub fn lock(&mut self) -> Result<AppState> {
        self.forget_keys();
        self.state()
    }

    /// Sets the writer's first passphrase: a new random key, wrapped under
    /// it and under a new recovery key, which is returned to be shown once.
    pub fn set_passphrase(&mut self, passphrase: &str, repeat: &str) -> Result<PassphraseSet> {
        let writer = self.as_writer(|store, writer, _| {
            if Slot::exists(store.conn(), writer, SlotKind::Passphrase)? {
                return Err(Error::invalid(
                    "You already have a passphrase. You can change it or remove it here.",
                ));
            }
            Ok(writer)
        })?;
        check_new_passphrase(passphrase, repeat)?;
        let key = SecretKey::random();
        let recovery = RecoveryKey::generate();
        let (p, r) = (self.vault.passphrase_params, self.vault.recovery_params);
        let slots = [
            Slot::seal(writer, SlotKind::Passphrase, passphrase.as_bytes(), &key, p)?,
            Slot::seal(writer, SlotKind::Recovery, &recovery.secret(), &key, r)?,
        ];
        super::sealing::zero_freed_pages(self.store()?)?;
        self.save_slots_and(&slots, |tx| {
            super::sealing::seal_all(tx, writer, &key).map(drop)
        })?;
        // The record of changes held the words plain until now: keep its
        // present state (sealed), not its history.
        self.forget_sync_history()?;
        super::sealing::scrub(self.store()?)?;
        self.vault.hold(writer, key);
        self.index_private_pages()?;
        self.note_activity();
        Ok(PassphraseSet {
            recovery_key: recovery,
            state: self.state()?,
        })
    }

    /// Changes the writer's passphrase, given the current one. The key (and
    /// the recovery key) stay the same; only its wrapping changes.
    pub fn change_passphrase(
        &mut self,
        current: &str,
        new: &str,
        repeat: &str,
    ) -> Result<AppState> {
        check_new_passphrase(new, repeat)?;
        let key = self.check_current(current)?;
        let writer = self.vault.unlocked().ok_or(Error::NotSetUp)?;
        let slot = Slot::seal(
            writer,
            SlotKind::Passphrase,
            new.as_bytes(),
            &key,
            self.vault.passphrase_params,
        )?;
        self.slot_changed(&slot)?;
        self.save_slots(&[slot])?;
        self.vault.hold(writer, key);
        self.note_activity();
        self.state()
    }

    /// Removes the writer's passphrase (and recovery key), given the
    /// current passphrase: they are switched to as anyone is, again.
    pub fn remove_passphrase(&mut self, current: &str) -> Result<AppState> {
        if self.lock_hearth_on() {
            return Err(Error::invalid(
                "Lock Hearth needs a passphrase for each of you, so this one can't be removed \
                 while it is on. Turn Lock Hearth off first (both of you), then remove it.",
            ));
        }
        let key = self.check_current(current)?;
        let writer = self.vault.unlocked().ok_or(Error::NotSetUp)?;
        let tx = self.store()?.conn_mut().transaction()?;
        if let Some(recovery) = Slot::load(&tx, writer, SlotKind::Recovery)? {
            crate::sync::keys::changed(&tx, writer, &recovery.salt, true)?;
        }
        Slot::delete_all(&tx, writer)?;
        super::sealing::unseal_all(&tx, writer, &key)?;
        tx.commit()?;
        self.vault.forget();
        self.state()
    }

    /// With the recovery key, sets a new passphrase for `partner` (who may
    /// have forgotten theirs) and unlocks them.
    pub fn reset_passphrase(
        &mut self,
        partner: PartnerId,
        recovery_key: &str,
        new: &str,
        repeat: &str,
    ) -> Result<AppState> {
        check_new_passphrase(new, repeat)?;
        let recovery = RecoveryKey::parse(recovery_key)?;
        let key = self.open_partner_key(partner, SlotKind::Recovery, &recovery.secret())?;
        let params = self.vault.passphrase_params;
        let new_slot = Slot::seal(partner, SlotKind::Passphrase, new.as_bytes(), &key, params)?;
        self.slot_changed(&new_slot)?;
        self.save_slots(&[new_slot])?;
        self.finish_unlock(partner, key)
    }

    /// Before [`Hearth::set_writer`]: a partner with a passphrase is become
    /// only by unlocking. Becoming anyone else wipes the unlocked key.
    pub(super) fn may_become(&mut self, id: PartnerId) -> Result<()> {
        let (store, vault, _) = self.parts()?;
        if vault.is_unlocked_as(id) {
            return Ok(());
        }
        let name = store.partner(id)?.name;
        if Slot::exists(store.conn(), id, SlotKind::Passphrase)? {
            return Err(Error::NotAllowed(format!(
                "{name} has a passphrase. Please type it to switch to {name}."
            )));
        }
        vault.forget();
        Ok(())
    }

    /// Derives keys cheaply, for tests that set many passphrases. Never
    /// called by the app.
    #[doc(hidden)]
    pub fn use_cheap_keys_for_tests(&mut self) {
        self.vault.passphrase_params = KdfParams::TESTS_ONLY;
        self.vault.recovery_params = KdfParams::TESTS_ONLY;
    }

    /// The unlocked writer's key, opened again with `current` to prove it.
    fn check_current(&mut self, current: &str) -> Result<SecretKey> {
        crate::vault::check_given_passphrase(current)?;
        let writer = self.as_writer(|_, writer, _| Ok(writer))?;
        let (store, vault, clock) = self.parts()?;
        let slot = Slot::load(store.conn(), writer, SlotKind::Passphrase)?
            .ok_or_else(|| Error::invalid("You don't have a passphrase yet."))?;
        open(vault, clock, &slot, current.as_bytes(), || {
            "That isn't your current passphrase.".to_string()
        })
    }

    fn save_slots(&mut self, slots: &[Slot]) -> Result<()> {
        self.save_slots_and(slots, |_| Ok(()))
    }

    /// Saves `slots` (all of one partner's) and runs `then` in the same
    /// transaction.
    fn save_slots_and(
        &mut self,
        slots: &[Slot],
        then: impl FnOnce(&rusqlite::Connection) -> Result<()>,
    ) -> Result<()> {
        let now = self
            .clock
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let tx = self.store()?.conn_mut().transaction()?;
        for slot in slots {
            slot.save(&tx, &now)?;
        }
        // Counted, so the other laptops take the newest (`sync::keys`); the
        // key (one partner's, whose slots these are) is named by its
        // recovery slot.
        if let Some(slot) = slots.first() {
            if let Some(recovery) = Slot::load(&tx, slot.partner, SlotKind::Recovery)? {
                crate::sync::keys::changed(&tx, slot.partner, &recovery.salt, false)?;
            }
        }
        then(&tx)?;
        tx.commit()?;
        Ok(())
    }

    fn parts(&mut self) -> Result<(&mut Store, &mut Vault, &dyn Clock)> {
        match &mut self.store {
            Ok(store) => Ok((store, &mut self.vault, &*self.clock)),
            Err(err) => Err(reopen_error(err)),
        }
    }
}

/// What a secret that doesn't open `name`'s slot of `kind` is told.
fn wrong_secret(kind: SlotKind, name: &str) -> String {
    match kind {
        SlotKind::Passphrase => format!("That passphrase didn't open {name}'s pages."),
        SlotKind::Recovery => {
            format!("That recovery key doesn't open {name}'s pages. Please check each group.")
        }
    }
}

/// Opens a slot, counting a wrong secret and saying so calmly; a damaged
/// slot is said to be damaged.
pub(super) fn open_slot(
    vault: &mut Vault,
    clock: &dyn Clock,
    slot: &Slot,
    secret: &[u8],
    wrong: impl FnOnce() -> String,
) -> Result<SecretKey> {
    open(vault, clock, slot, secret, wrong)
}

fn open(
    vault: &mut Vault,
    clock: &dyn Clock,
    slot: &Slot,
    secret: &[u8],
    wrong: impl FnOnce() -> String,
) -> Result<SecretKey> {
    let now = clock.now();
    vault.may_try(slot.partner, now)?;
    match slot.open(secret) {
        Ok(key) => Ok(key),
        Err(SlotProblem::WrongSecret) => {
            let failures = vault.failed(slot.partner, now);
            let wait = wait_after(failures).num_seconds();
            let mut message = wrong();
            if wait > 0 {
                message.push_str(&format!(" You can try again in {wait} seconds."));
            } else {
                message.push_str(" Please try again.");
            }
            Err(Error::NotAllowed(message))
        }
        Err(SlotProblem::Damaged) => Err(Error::DamagedKey(
            match slot.kind {
                SlotKind::Passphrase => {
                    "This passphrase's lock is damaged in the file, so Hearth can't check it. \
                 Nothing was changed. The recovery key can still set a new passphrase."
                }
                SlotKind::Recovery => {
                    "The recovery key's lock is damaged in the file, so Hearth can't check it. \
                 Nothing was changed. The passphrase still works if you know it."
                }
            }
            .into(),
        )),
    }
}
