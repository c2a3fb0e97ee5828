//! Pairing a second laptop: a short code read out, and `pairing.hsync` in
//! the sync folder, sealed with a key derived from that code.
//!
//! ```text
//! "HEARTHPR" · format (u16) · salt (16) · Argon2id memory, passes, lanes
//! (u32 each) · expires (i64, Unix seconds) · nonce (24)
//! · XChaCha20-Poly1305(invitation as JSON), associated data: all before the nonce
//! ```
//!
//! The code is 16 characters from 31 that can't be mistaken for one another
//! (no 0/O, 1/I/L): about 79 random bits, stretched with Argon2id (the
//! vault's derivation and its recovery-key cost), valid for 24 hours. The
//! invitation carries the journal's id, the couple's sync key and the
//! partners' key slots as stored (each already wrapped by its passphrase).

use chacha20poly1305::aead::rand_core::RngCore;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::vault::{derive_kek, KdfParams};

const MAGIC: &[u8; 8] = b"HEARTHPR";
const FORMAT: u16 = 1;
const HEAD_BYTES: usize = 8 + 2 + 16 + 12 + 8;
const NONCE_BYTES: usize = 24;
/// Letters and digits nobody reads wrong aloud or on a screen.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_CHARS: usize = 16;

/// One stored key slot, its columns as they are (all public).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SlotRow {
    pub partner: i64,
    pub kind: String,
    pub version: i64,
    pub kdf: String,
    pub memory_kib: i64,
    pub iterations: i64,
    pub lanes: i64,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    pub wrapped: Vec<u8>,
    pub checksum: Vec<u8>,
    pub created_at: String,
}

/// What the second laptop needs to join: never written anywhere plain.
#[derive(Serialize, Deserialize)]
pub(crate) struct Invitation {
    pub journal: Vec<u8>,
    pub key: Vec<u8>,
    pub slots: Vec<SlotRow>,
}

impl Drop for Invitation {
    fn drop(&mut self) {
        self.key.zeroize();
    }
}

/// Why a pairing file did not open.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    NotAPairing,
    Newer,
    Expired,
    WrongCode,
}

/// A new random code, as groups of four: `K7QM-2XRD-9TWA-HFPE`.
pub(crate) fn new_code() -> String {
    let mut chars = Vec::with_capacity(CODE_CHARS);
    while chars.len() < CODE_CHARS {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // 31 letters: 248 = 8 × 31, so keeping bytes below it is uniform.
        if byte[0] < 248 {
            chars.push(ALPHABET[(byte[0] % 31) as usize]);
        }
    }
    chars
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code as typed, in its one form (spaces, dashes and case ignored);
/// `None` when it can't be one Hearth made.
pub(crate) fn normalize(code: &str) -> Option<Zeroizing<String>> {
    let plain: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let fits = plain.len() == CODE_CHARS && plain.bytes().all(|b| ALPHABET.contains(&b));
    fits.then(|| Zeroizing::new(plain))
}

/// The pairing file's bytes.
pub(crate) fn seal(code: &str, invitation: &Invitation, expires: DateTime<Utc>) -> Vec<u8> {
    let code = normalize(code).expect("a code Hearth made");
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let params = KdfParams::RECOVERY;
    let mut head = Vec::with_capacity(HEAD_BYTES + NONCE_BYTES);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&FORMAT.to_be_bytes());
    head.extend_from_slice(&salt);
    for n in [params.memory_kib, params.iterations, params.lanes] {
        head.extend_from_slice(&n.to_be_bytes());
    }
    head.extend_from_slice(&expires.timestamp().to_be_bytes());
    let key = derive_kek(code.as_bytes(), &salt, &params).expect("the vault's own parameters");
    let plain = Zeroizing::new(serde_json::to_vec(invitation).expect("an invitation is JSON"));
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let sealed = XChaCha20Poly1305::new(key.expose().into())
        .encrypt(
            &nonce,
            Payload {
                msg: &plain,
                aad: &head,
            },
        )
        .expect("XChaCha20-Poly1305 seals any invitation");
    let mut out = head;
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Opens a pairing file with the code typed, at `now`.
pub(crate) fn open(bytes: &[u8], code: &str, now: DateTime<Utc>) -> Result<Invitation, Refusal> {
    if bytes.len() < HEAD_BYTES + NONCE_BYTES || &bytes[..8] != MAGIC {
        return Err(Refusal::NotAPairing);
    }
    if u16::from_be_bytes([bytes[8], bytes[9]]) > FORMAT {
        return Err(Refusal::Newer);
    }
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
    let params = KdfParams {
        memory_kib: number(26),
        iterations: number(30),
        lanes: number(34),
    };
    let expires = i64::from_be_bytes(bytes[38..46].try_into().unwrap_or_default());
    if now.timestamp() > expires {
        return Err(Refusal::Expired);
    }
    if params != KdfParams::RECOVERY {
        // Not parameters Hearth writes: refused before any work is done.
        return Err(Refusal::NotAPairing);
    }
    let code = normalize(code).ok_or(Refusal::WrongCode)?;
    let key =
        derive_kek(code.as_bytes(), &bytes[10..26], &params).map_err(|_| Refusal::WrongCode)?;
    let (head, rest) = bytes.split_at(HEAD_BYTES);
    let (nonce, sealed) = rest.split_at(NONCE_BYTES);
    let plain = XChaCha20Poly1305::new(key.expose().into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: head,
            },
        )
        .map_err(|_| Refusal::WrongCode)?;
    let plain = Zeroizing::new(plain);
    serde_json::from_slice(&plain).map_err(|_| Refusal::NotAPairing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_four_groups_of_unambiguous_characters_and_reads_back_in_any_case() {
        let code = new_code();
        assert_eq!(code.len(), 19, "four groups of four, three dashes: {code}");
        assert!(
            !code.contains(['0', 'O', '1', 'I', 'L']),
            "no ambiguous characters: {code}"
        );
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(normalize(&typed).unwrap().as_str(), code.replace('-', ""));
        assert_ne!(new_code(), code, "each code is drawn afresh");
    }
}
