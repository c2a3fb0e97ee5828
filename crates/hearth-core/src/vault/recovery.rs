//! The recovery key: 160 random bits a person can write on paper.
//!
//! Shown once as 32 characters of Crockford's base32 in eight groups of four
//! (`7K2M-…`). That alphabet has no I, L, O or U, so what is read back off
//! paper is forgiving: lower case, spaces or dashes anywhere, O for 0 and
//! I or L for 1 all read as meant. Base32 is a spelling, not cryptography.

use std::fmt;

use serde::{Serialize, Serializer};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Random bytes in a recovery key (160 bits).
pub const RECOVERY_BYTES: usize = 20;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHARS: usize = RECOVERY_BYTES * 8 / 5;

/// A recovery key in its written form. Wiped on drop; Debug is redacted.
/// It serialises as its text, because the page must show it once.
pub struct RecoveryKey(Zeroizing<String>);

impl RecoveryKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> RecoveryKey {
        use chacha20poly1305::aead::rand_core::RngCore;
        let mut bytes = Zeroizing::new([0u8; RECOVERY_BYTES]);
        chacha20poly1305::aead::OsRng.fill_bytes(bytes.as_mut());
        RecoveryKey(Zeroizing::new(spell(bytes.as_ref())))
    }

    /// Reads a key typed back in; refuses anything that can't be one.
    pub fn parse(typed: &str) -> Result<RecoveryKey> {
        let mut clean = Zeroizing::new(String::with_capacity(CHARS));
        for c in typed.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
                _ => return Err(not_a_key()),
            };
            clean.push(c);
        }
        if clean.len() != CHARS {
            return Err(not_a_key());
        }
        Ok(RecoveryKey(Zeroizing::new(group(&clean))))
    }

    /// The key as it is written down.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The 20 bytes the written form spells: the secret Argon2id stretches.
    pub fn secret(&self) -> Zeroizing<Vec<u8>> {
        let mut bits: u64 = 0;
        let mut held = 0;
        let mut out = Zeroizing::new(Vec::with_capacity(RECOVERY_BYTES));
        for c in self.0.bytes().filter(|c| *c != b'-') {
            let value = ALPHABET.iter().position(|a| *a == c).unwrap_or(0) as u64;
            bits = (bits << 5) | value;
            held += 5;
            if held >= 8 {
                held -= 8;
                out.push((bits >> held) as u8);
                bits &= (1 << held) - 1;
            }
        }
        zeroize::Zeroize::zeroize(&mut bits);
        out
    }
}

fn not_a_key() -> Error {
    Error::invalid(
        "That isn't a recovery key: it is 32 letters and digits, in eight groups of four.",
    )
}

fn spell(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(CHARS);
    let mut bits: u64 = 0;
    let mut held = 0;
    for b in bytes {
        bits = (bits << 8) | u64::from(*b);
        held += 8;
        while held >= 5 {
            held -= 5;
            out.push(ALPHABET[((bits >> held) & 31) as usize] as char);
        }
        bits &= (1 << held) - 1;
    }
    let grouped = group(&out);
    zeroize::Zeroize::zeroize(&mut out);
    grouped
}

fn group(clean: &str) -> String {
    let mut out = String::with_capacity(CHARS + CHARS / 4);
    for (i, c) in clean.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey([redacted])")
    }
}

impl Serialize for RecoveryKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_reads_back_from_paper_however_it_is_copied() {
        let key = RecoveryKey::generate();
        let written = key.expose().to_string();
        assert_eq!(
            written.len(),
            39,
            "eight groups of four with dashes: {written}"
        );
        let sloppy = written.to_lowercase().replace('-', " ").replace('0', "o");
        let read = RecoveryKey::parse(&sloppy).unwrap();
        assert_eq!(
            read.expose(),
            written,
            "lower case, spaces and O for 0 read as meant"
        );
        assert_eq!(read.secret().as_slice(), key.secret().as_slice());
        assert_eq!(key.secret().len(), RECOVERY_BYTES);
    }

    #[test]
    fn the_spelling_round_trips_every_byte() {
        let bytes: Vec<u8> = (0..RECOVERY_BYTES as u8)
            .map(|b| b.wrapping_mul(37))
            .collect();
        let key = RecoveryKey(Zeroizing::new(spell(&bytes)));
        assert_eq!(key.secret().as_slice(), bytes.as_slice());
    }

    #[test]
    fn what_cannot_be_a_key_is_refused() {
        for typed in [
            "",
            "ABCD",
            "UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU",
            &"A".repeat(33),
        ] {
            assert!(RecoveryKey::parse(typed).is_err(), "{typed:?} is not a key");
        }
    }

    #[test]
    fn debug_hides_the_key() {
        let key = RecoveryKey::generate();
        assert!(!format!("{key:?}").contains(&key.expose()[..4]));
    }
}
