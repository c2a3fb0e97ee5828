//! Sealing one row's private words with its author's partner key.
//!
//! XChaCha20-Poly1305 (the same RustCrypto crate the key slots use), a fresh
//! random 192-bit nonce per seal, and associated data that binds the sealed
//! bytes to the row they belong to: the table, the row's stable id (an
//! entry's uid, a draft's key, a check-in's week), the author and the field.
//! A sealed value copied into another row, another partner's row or another
//! field fails its tag instead of showing up where it doesn't belong.
//!
//! Stored as `version (1 byte) · nonce (24) · ciphertext and tag`.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::SecretKey;
use crate::couple::PartnerId;

const VERSION: u8 = 1;
const NONCE_BYTES: usize = 24;

/// Where a sealed value lives: what its associated data binds it to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    pub table: &'a str,
    pub row: &'a str,
    pub author: PartnerId,
    pub field: &'a str,
}

impl Place<'_> {
    fn associated_data(&self) -> Vec<u8> {
        let mut aad = format!("hearth-seal/v{VERSION}").into_bytes();
        for part in [self.table, self.row, &self.author.0.to_string(), self.field] {
            aad.push(0);
            aad.extend_from_slice(part.as_bytes());
        }
        aad
    }
}

/// Seals `plain` for `place` with `key`.
pub(crate) fn seal(key: &SecretKey, place: Place, plain: &[u8]) -> Vec<u8> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let aad = place.associated_data();
    let sealed = XChaCha20Poly1305::new(key.expose().into())
        .encrypt(
            &nonce,
            Payload {
                msg: plain,
                aad: &aad,
            },
        )
        .expect("XChaCha20-Poly1305 seals any message Hearth stores");
    let mut out = Vec::with_capacity(1 + NONCE_BYTES + sealed.len());
    out.push(VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Opens what [`seal`] sealed for the same `place` with the same key;
/// `None` for another key, another place, or damaged bytes.
pub(crate) fn open(key: &SecretKey, place: Place, sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if sealed.len() < 1 + NONCE_BYTES || sealed[0] != VERSION {
        return None;
    }
    let (nonce, body) = sealed[1..].split_at(NONCE_BYTES);
    let aad = place.associated_data();
    XChaCha20Poly1305::new(key.expose().into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: &aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(row: &str) -> Place<'_> {
        Place {
            table: "entries",
            row,
            author: PartnerId(1),
            field: "text",
        }
    }

    #[test]
    fn a_sealed_value_opens_only_with_its_key_in_its_own_place() {
        let key = SecretKey::random();
        let sealed = seal(&key, place("a"), b"only mine");
        assert_eq!(
            open(&key, place("a"), &sealed)
                .as_deref()
                .map(Vec::as_slice),
            Some(&b"only mine"[..]),
            "the author's key opens their sealed words"
        );
        assert!(
            open(&SecretKey::random(), place("a"), &sealed).is_none(),
            "another key opens nothing"
        );
        assert!(
            open(&key, place("b"), &sealed).is_none(),
            "a sealed value moved to another row opens nothing"
        );
        let theirs = Place {
            author: PartnerId(2),
            ..place("a")
        };
        assert!(
            open(&key, theirs, &sealed).is_none(),
            "a sealed value moved to the other partner opens nothing"
        );
        let mut bent = sealed.clone();
        *bent.last_mut().unwrap() ^= 1;
        assert!(
            open(&key, place("a"), &bent).is_none(),
            "a changed byte opens nothing"
        );
        assert!(
            !sealed.windows(9).any(|w| w == b"only mine"),
            "the words are not in the sealed bytes"
        );
    }
}
