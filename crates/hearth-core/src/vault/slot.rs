//! A key slot: one partner's key wrapped under one secret, and its row in
//! `key_slots`.
//!
//! The associated data binds the slot to its partner, its kind and its
//! Argon2id parameters, so a slot copied onto the other partner's row, or
//! relabelled as the other kind, or given cheaper parameters, opens nothing.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::kdf::{derive_kek, KdfParams};
use super::{SecretKey, KEY_BYTES};
use crate::couple::PartnerId;
use crate::error::Result;

/// The layout of a slot; a new one gets a new number, old ones still open.
const VERSION: i64 = 1;
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    Passphrase,
    Recovery,
}

impl SlotKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Passphrase => "passphrase",
            SlotKind::Recovery => "recovery",
        }
    }
}

/// Why a slot didn't open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotProblem {
    /// The secret was not the one the slot was sealed with.
    WrongSecret,
    /// The slot's stored parts are not what Hearth wrote.
    Damaged,
}

/// One stored slot. Everything in it is public: salt, nonce, parameters and
/// the wrapped key, which is useless without the secret.
#[derive(Debug, Clone)]
pub struct Slot {
    pub partner: PartnerId,
    pub kind: SlotKind,
    pub version: i64,
    pub params: KdfParams,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    pub wrapped: Vec<u8>,
    pub checksum: Vec<u8>,
}

impl Slot {
    /// Wraps `key` under a fresh salt and nonce with the KEK from `secret`.
    pub fn seal(
        partner: PartnerId,
        kind: SlotKind,
        secret: &[u8],
        key: &SecretKey,
        params: KdfParams,
    ) -> Result<Slot> {
        let mut salt = vec![0u8; SALT_BYTES];
        chacha20poly1305::aead::rand_core::RngCore::fill_bytes(&mut OsRng, &mut salt);
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let kek = derive_kek(secret, &salt, &params)?;
        let aad = associated_data(partner, kind, VERSION, &params);
        let wrapped = XChaCha20Poly1305::new(kek.expose().into())
            .encrypt(
                &nonce,
                Payload {
                    msg: key.expose(),
                    aad: &aad,
                },
            )
            .expect("XChaCha20-Poly1305 encrypts a 32-byte message");
        let mut slot = Slot {
            partner,
            kind,
            version: VERSION,
            params,
            salt,
            nonce: nonce.to_vec(),
            wrapped,
            checksum: vec![],
        };
        slot.checksum = slot.expected_checksum();
        Ok(slot)
    }

    /// Unwraps the partner key with `secret`. A slot whose stored parts are
    /// not what Hearth wrote is `Damaged` before any key is derived.
    pub fn open(&self, secret: &[u8]) -> std::result::Result<SecretKey, SlotProblem> {
        if !self.intact() {
            return Err(SlotProblem::Damaged);
        }
        let kek = derive_kek(secret, &self.salt, &self.params).map_err(|_| SlotProblem::Damaged)?;
        let aad = associated_data(self.partner, self.kind, self.version, &self.params);
        let plain = zeroize::Zeroizing::new(
            XChaCha20Poly1305::new(kek.expose().into())
                .decrypt(
                    XNonce::from_slice(&self.nonce),
                    Payload {
                        msg: &self.wrapped,
                        aad: &aad,
                    },
                )
                .map_err(|_| SlotProblem::WrongSecret)?,
        );
        let mut bytes = [0u8; KEY_BYTES];
        if plain.len() != KEY_BYTES {
            return Err(SlotProblem::Damaged);
        }
        bytes.copy_from_slice(&plain);
        Ok(SecretKey::from_bytes(bytes))
    }

    /// Shapes, parameters and checksum all as Hearth writes them.
    fn intact(&self) -> bool {
        self.version == VERSION
            && self.params.plausible()
            && self.salt.len() == SALT_BYTES
            && self.nonce.len() == NONCE_BYTES
            && self.wrapped.len() == KEY_BYTES + TAG_BYTES
            && self.checksum == self.expected_checksum()
    }

    /// SHA-256 over the slot's public parts only (never the secret or a key).
    fn expected_checksum(&self) -> Vec<u8> {
        let mut hash = Sha256::new();
        hash.update(associated_data(
            self.partner,
            self.kind,
            self.version,
            &self.params,
        ));
        for part in [&self.salt, &self.nonce, &self.wrapped] {
            hash.update((part.len() as u32).to_be_bytes());
            hash.update(part);
        }
        hash.finalize().to_vec()
    }

    /// Writes (or replaces) this slot.
    pub(crate) fn save(&self, conn: &Connection, now: &str) -> Result<()> {
        conn.execute(
            "INSERT INTO key_slots (partner, kind, version, kdf, memory_kib, iterations, lanes,
                                    salt, nonce, wrapped, checksum, created_at)
             VALUES (?1, ?2, ?3, 'argon2id', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (partner, kind) DO UPDATE SET
                version = excluded.version, kdf = excluded.kdf,
                memory_kib = excluded.memory_kib, iterations = excluded.iterations,
                lanes = excluded.lanes, salt = excluded.salt, nonce = excluded.nonce,
                wrapped = excluded.wrapped, checksum = excluded.checksum,
                created_at = excluded.created_at",
            rusqlite::params![
                self.partner.0,
                self.kind.as_str(),
                self.version,
                self.params.memory_kib,
                self.params.iterations,
                self.params.lanes,
                self.salt,
                self.nonce,
                self.wrapped,
                self.checksum,
                now
            ],
        )?;
        Ok(())
    }

    /// The stored slot of this partner and kind, if there is one. A row
    /// whose columns aren't even the right types reads as a slot that can't
    /// be intact (so it is reported damaged, not missing).
    pub(crate) fn load(
        conn: &Connection,
        partner: PartnerId,
        kind: SlotKind,
    ) -> Result<Option<Slot>> {
        let mut stmt = conn.prepare_cached(
            "SELECT version, kdf, memory_kib, iterations, lanes, salt, nonce, wrapped, checksum
             FROM key_slots WHERE partner = ?1 AND kind = ?2",
        )?;
        let row = stmt
            .query_row(rusqlite::params![partner.0, kind.as_str()], |r| {
                let kdf: String = r.get(1)?;
                let u32_or_zero = |i: usize| -> rusqlite::Result<u32> {
                    Ok(u32::try_from(r.get::<_, i64>(i)?).unwrap_or(0))
                };
                Ok(Slot {
                    partner,
                    kind,
                    version: if kdf == "argon2id" { r.get(0)? } else { 0 },
                    params: KdfParams {
                        memory_kib: u32_or_zero(2)?,
                        iterations: u32_or_zero(3)?,
                        lanes: u32_or_zero(4)?,
                    },
                    salt: r.get(5)?,
                    nonce: r.get(6)?,
                    wrapped: r.get(7)?,
                    checksum: r.get(8)?,
                })
            })
            .optional()?;
        Ok(row)
    }

    /// Whether this partner has a slot of this kind.
    pub(crate) fn exists(conn: &Connection, partner: PartnerId, kind: SlotKind) -> Result<bool> {
        let mut stmt =
            conn.prepare_cached("SELECT 1 FROM key_slots WHERE partner = ?1 AND kind = ?2")?;
        Ok(stmt.exists(rusqlite::params![partner.0, kind.as_str()])?)
    }

    /// Removes every slot of this partner.
    pub(crate) fn delete_all(conn: &Connection, partner: PartnerId) -> Result<()> {
        conn.execute("DELETE FROM key_slots WHERE partner = ?1", [partner.0])?;
        Ok(())
    }
}

/// What the AEAD binds each wrapped key to.
fn associated_data(partner: PartnerId, kind: SlotKind, version: i64, p: &KdfParams) -> Vec<u8> {
    format!(
        "hearth key slot v{version}; partner {}; {}; argon2id m={} t={} p={}",
        partner.0,
        kind.as_str(),
        p.memory_kib,
        p.iterations,
        p.lanes
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed() -> (SecretKey, Slot) {
        let key = SecretKey::random();
        let slot = Slot::seal(
            PartnerId(1),
            SlotKind::Passphrase,
            b"a long walk home",
            &key,
            KdfParams::TESTS_ONLY,
        )
        .unwrap();
        (key, slot)
    }

    #[test]
    fn the_right_secret_opens_and_a_wrong_one_does_not() {
        let (key, slot) = sealed();
        assert_eq!(slot.open(b"a long walk home").unwrap(), key);
        assert_eq!(
            slot.open(b"a long walk hom").unwrap_err(),
            SlotProblem::WrongSecret
        );
    }

    #[test]
    fn a_slot_moved_to_the_other_partner_or_kind_opens_nothing() {
        let (_, slot) = sealed();
        for (partner, kind) in [
            (PartnerId(2), SlotKind::Passphrase),
            (PartnerId(1), SlotKind::Recovery),
        ] {
            let mut moved = slot.clone();
            moved.partner = partner;
            moved.kind = kind;
            moved.checksum = moved.expected_checksum();
            assert_eq!(
                moved.open(b"a long walk home").unwrap_err(),
                SlotProblem::WrongSecret,
                "the associated data binds the slot to its partner and kind"
            );
        }
    }

    #[test]
    fn a_changed_byte_is_damage_not_a_wrong_passphrase() {
        let (_, slot) = sealed();
        let mut flipped = slot.clone();
        flipped.wrapped[3] ^= 1;
        assert_eq!(
            flipped.open(b"a long walk home").unwrap_err(),
            SlotProblem::Damaged
        );
        let mut short = slot;
        short.nonce.pop();
        assert_eq!(
            short.open(b"a long walk home").unwrap_err(),
            SlotProblem::Damaged
        );
    }
}
