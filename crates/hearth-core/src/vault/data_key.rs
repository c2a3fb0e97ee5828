//! "Lock Hearth": the data key the whole file is encrypted with, and the
//! key file (`hearth.keys`) that lets each partner open it.
//!
//! ```text
//!   passphrase ─Argon2id─▶ KEK ─▶ partner key ─XChaCha20-Poly1305─▶ data key ─▶ SQLCipher (raw key)
//! ```
//!
//! The data key is 256 random bits, wrapped once per partner under their
//! partner key (associated data: the partner), so unlocking costs one
//! Argon2id, not two. The encrypted database can't say who may open it
//! before it is open, so the key file beside it holds what the lock screen
//! and the unlock need: the partners' names and colours, their passphrase
//! and recovery slots (the same as in `key_slots`, copied there), and the
//! two wrapped data keys. None of it is secret without a passphrase or a
//! recovery key. A SHA-256 over the whole tells a damaged file apart from a
//! wrong passphrase.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::kdf::KdfParams;
use super::slot::{Slot, SlotKind};
use super::{SecretKey, KEY_BYTES};
use crate::couple::{Partner, PartnerId};
use crate::error::{Error, Result};

/// The name of the key file inside the data folder.
pub const KEY_FILE: &str = "hearth.keys";
const FORMAT: u32 = 1;

/// Everything needed to show the lock screen and open the file.
#[derive(Debug, Clone)]
pub struct KeyFile {
    pub partners: Vec<Partner>,
    pub slots: Vec<Slot>,
    wraps: Vec<Wrap>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Wrap {
    partner: i64,
    nonce: String,
    wrapped: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Raw {
    hearth: String,
    format: u32,
    partners: Vec<RawPartner>,
    slots: Vec<RawSlot>,
    data_keys: Vec<Wrap>,
    checksum: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartner {
    id: i64,
    name: String,
    color: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawSlot {
    partner: i64,
    kind: String,
    version: i64,
    memory_kib: u32,
    iterations: u32,
    lanes: u32,
    salt: String,
    nonce: String,
    wrapped: String,
    checksum: String,
}

impl KeyFile {
    /// A key file giving each partner (by their open partner key) the data key.
    pub(crate) fn new(
        partners: Vec<Partner>,
        slots: Vec<Slot>,
        data_key: &SecretKey,
        partner_keys: &[(PartnerId, &SecretKey)],
    ) -> KeyFile {
        let wraps = partner_keys
            .iter()
            .map(|(partner, key)| {
                let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
                let wrapped = XChaCha20Poly1305::new(key.expose().into())
                    .encrypt(
                        &nonce,
                        Payload {
                            msg: data_key.expose(),
                            aad: &aad(*partner),
                        },
                    )
                    .expect("XChaCha20-Poly1305 encrypts a 32-byte message");
                Wrap {
                    partner: partner.0,
                    nonce: hex(&nonce),
                    wrapped: hex(&wrapped),
                }
            })
            .collect();
        KeyFile {
            partners,
            slots,
            wraps,
        }
    }

    /// The stored slot of this partner and kind.
    pub fn slot(&self, partner: PartnerId, kind: SlotKind) -> Option<&Slot> {
        self.slots
            .iter()
            .find(|s| s.partner == partner && s.kind == kind)
    }

    /// Replaces (or adds) a slot, e.g. after a passphrase changed.
    pub(crate) fn put_slot(&mut self, slot: Slot) {
        self.slots
            .retain(|s| !(s.partner == slot.partner && s.kind == slot.kind));
        self.slots.push(slot);
    }

    /// The data key, opened with a partner's key. `None`: not theirs, or
    /// the wrap is damaged (the key file's checksum already passed, so in
    /// practice a partner key that isn't the one it was wrapped for).
    pub(crate) fn open_data_key(&self, partner: PartnerId, key: &SecretKey) -> Option<SecretKey> {
        let wrap = self.wraps.iter().find(|w| w.partner == partner.0)?;
        let nonce = unhex(&wrap.nonce).filter(|n| n.len() == 24)?;
        let wrapped = unhex(&wrap.wrapped)?;
        let plain = zeroize::Zeroizing::new(
            XChaCha20Poly1305::new(key.expose().into())
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &wrapped,
                        aad: &aad(partner),
                    },
                )
                .ok()?,
        );
        let bytes: [u8; KEY_BYTES] = plain.as_slice().try_into().ok()?;
        Some(SecretKey::from_bytes(bytes))
    }

    /// The file's bytes (JSON, with its checksum).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Raw {
            hearth: "keys".into(),
            format: FORMAT,
            partners: self
                .partners
                .iter()
                .map(|p| RawPartner {
                    id: p.id.0,
                    name: p.name.clone(),
                    color: p.color.clone(),
                })
                .collect(),
            slots: self
                .slots
                .iter()
                .map(|s| RawSlot {
                    partner: s.partner.0,
                    kind: s.kind.as_str().into(),
                    version: s.version,
                    memory_kib: s.params.memory_kib,
                    iterations: s.params.iterations,
                    lanes: s.params.lanes,
                    salt: hex(&s.salt),
                    nonce: hex(&s.nonce),
                    wrapped: hex(&s.wrapped),
                    checksum: hex(&s.checksum),
                })
                .collect(),
            data_keys: self.wraps.clone(),
            checksum: String::new(),
        };
        raw.checksum = checksum(&raw);
        serde_json::to_vec_pretty(&raw).expect("a key file serialises")
    }

    /// Reads a key file; anything not exactly as Hearth wrote it is damaged.
    pub fn parse(bytes: &[u8]) -> Result<KeyFile> {
        let damaged = || Error::DamagedKey(DAMAGED.into());
        let mut unsummed: Raw = serde_json::from_slice(bytes).map_err(|_| damaged())?;
        let stated = std::mem::take(&mut unsummed.checksum);
        if unsummed.hearth != "keys" || unsummed.format != FORMAT || checksum(&unsummed) != stated {
            return Err(damaged());
        }
        let partners = unsummed
            .partners
            .into_iter()
            .map(|p| Partner {
                id: PartnerId(p.id),
                name: p.name,
                color: p.color,
            })
            .collect::<Vec<_>>();
        let mut slots = Vec::new();
        for s in unsummed.slots {
            let kind = match s.kind.as_str() {
                "passphrase" => SlotKind::Passphrase,
                "recovery" => SlotKind::Recovery,
                _ => return Err(damaged()),
            };
            let part = |h: &str| unhex(h).ok_or_else(damaged);
            slots.push(Slot {
                partner: PartnerId(s.partner),
                kind,
                version: s.version,
                params: KdfParams {
                    memory_kib: s.memory_kib,
                    iterations: s.iterations,
                    lanes: s.lanes,
                },
                salt: part(&s.salt)?,
                nonce: part(&s.nonce)?,
                wrapped: part(&s.wrapped)?,
                checksum: part(&s.checksum)?,
            });
        }
        if partners.len() != 2 || unsummed.data_keys.len() != 2 {
            return Err(damaged());
        }
        Ok(KeyFile {
            partners,
            slots,
            wraps: unsummed.data_keys,
        })
    }
}

/// What a damaged key file is called, in the page's words.
pub const DAMAGED: &str = "Hearth's key file (hearth.keys, beside your journal) is damaged, \
so the locked journal can't be opened. Nothing was changed. If you have a copy of that \
file from a backup of this laptop, putting it back lets you unlock again.";

fn aad(partner: PartnerId) -> Vec<u8> {
    format!("hearth data key v1; partner {}", partner.0).into_bytes()
}

fn checksum(raw: &Raw) -> String {
    let bytes = serde_json::to_vec(raw).expect("a key file serialises");
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partners() -> Vec<Partner> {
        [(1, "Sam"), (2, "Alex")]
            .map(|(id, name)| Partner {
                id: PartnerId(id),
                name: name.into(),
                color: "#b4532a".into(),
            })
            .to_vec()
    }

    #[test]
    fn each_partner_opens_the_data_key_with_their_own_key_only() {
        let (data, k1, k2) = (
            SecretKey::random(),
            SecretKey::random(),
            SecretKey::random(),
        );
        let file = KeyFile::new(
            partners(),
            vec![],
            &data,
            &[(PartnerId(1), &k1), (PartnerId(2), &k2)],
        );
        let read = KeyFile::parse(&file.to_bytes()).unwrap();
        assert_eq!(read.open_data_key(PartnerId(1), &k1).as_ref(), Some(&data));
        assert_eq!(read.open_data_key(PartnerId(2), &k2).as_ref(), Some(&data));
        assert!(
            read.open_data_key(PartnerId(1), &k2).is_none(),
            "one partner's key doesn't open the other's wrap"
        );
        let bytes = file.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            !text.contains(&hex(data.expose())),
            "the data key is never stored in the clear"
        );
    }

    #[test]
    fn any_changed_byte_is_a_damaged_key_file() {
        let (data, k1, k2) = (
            SecretKey::random(),
            SecretKey::random(),
            SecretKey::random(),
        );
        let bytes = KeyFile::new(
            partners(),
            vec![],
            &data,
            &[(PartnerId(1), &k1), (PartnerId(2), &k2)],
        )
        .to_bytes();
        for at in [0, bytes.len() / 3, bytes.len() / 2, bytes.len() - 3] {
            let mut bad = bytes.clone();
            bad[at] ^= 0x01;
            let err = KeyFile::parse(&bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::DamagedDatabase, "byte {at}");
        }
        assert!(
            KeyFile::parse(&bytes[..bytes.len() / 2]).is_err(),
            "a file cut short is damaged"
        );
    }
}
