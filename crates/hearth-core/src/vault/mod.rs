//! The vault: each partner's key, and the passphrase that guards it.
//!
//! The design is the usual key hierarchy of encrypted journals, built only
//! from well-kept RustCrypto crates (nothing here is our own cryptography):
//!
//! ```text
//!   passphrase ──Argon2id(salt, m, t, p)──▶ KEK ─┐
//!                                              ├─ XChaCha20-Poly1305 wraps ─▶ partner key (random, 256 bits)
//!   recovery key ─Argon2id(salt, m, t, p)─▶ KEK ─┘   (associated data: partner, slot kind, parameters)
//! ```
//!
//! - The **partner key** is random, drawn from the OS, and never stored in
//!   the clear. It is what private pages will be sealed with; changing the
//!   passphrase rewraps it without touching anything it sealed.
//! - Each **slot** (one per partner and kind: `passphrase`, `recovery`)
//!   stores the Argon2id parameters beside its salt, nonce and wrapped key,
//!   so the cost can grow later without breaking an old slot. The wrapping
//!   key (KEK) itself is never stored, nor anything derived from it: a wrong
//!   passphrase is known only by the AEAD tag failing. (One desktop diary
//!   keeps the KDF output beside the wrapped key; `tests/core/vault.rs` scans the
//!   file for the KEK and its digests to prove Hearth does not.)
//! - Each slot carries a SHA-256 **checksum of its public parts**, so a slot
//!   damaged on disk is told apart from a wrong passphrase. It hashes nothing
//!   secret and protects nothing: it only lets Hearth say which it is.
//! - The **recovery key** is 160 random bits, shown once as 32 letters and
//!   digits in groups of four. It is strong by itself, so its slot uses a
//!   lighter Argon2id than the passphrase's.
//!
//! Keys in memory live in `Zeroizing` buffers, are wiped when dropped, and
//! print as `[redacted]`.

pub mod data_key;
mod kdf;
mod recovery;
pub(crate) mod seal;
mod slot;
mod unlock;

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

pub(crate) use kdf::check_given_passphrase;
pub use kdf::{
    check_new_passphrase, derive_kek, KdfParams, PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS,
};
pub use recovery::RecoveryKey;
pub use slot::{Slot, SlotKind, SlotProblem};
pub(crate) use unlock::Vault;
pub use unlock::{wait_after, FREE_TRIES};
/// The wiping buffer the shell puts passphrases in as they arrive.
pub use zeroize::Zeroizing;

/// Length of every key here: 256 bits.
pub const KEY_BYTES: usize = 32;

/// A 256-bit secret: a partner key or a wrapping key. Wiped on drop; never
/// printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct SecretKey([u8; KEY_BYTES]);

impl SecretKey {
    /// A fresh random key from the operating system.
    pub fn random() -> SecretKey {
        use chacha20poly1305::aead::{KeyInit, OsRng};
        let key = chacha20poly1305::XChaCha20Poly1305::generate_key(&mut OsRng);
        let mut bytes = [0u8; KEY_BYTES];
        bytes.copy_from_slice(&key);
        let mut key = key;
        key.zeroize();
        SecretKey(bytes)
    }

    pub(crate) fn from_bytes(bytes: [u8; KEY_BYTES]) -> SecretKey {
        SecretKey(bytes)
    }

    /// The key's bytes, for the AEAD and for tests that look for them.
    pub fn expose(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_never_prints_its_bytes() {
        let key = SecretKey::from_bytes([0xab; KEY_BYTES]);
        let shown = format!("{key:?}");
        assert!(
            !shown.contains("ab") && !shown.contains("171") && shown.contains("redacted"),
            "a key's Debug is redacted: {shown}"
        );
    }

    #[test]
    fn random_keys_differ() {
        assert_ne!(
            SecretKey::random().expose(),
            SecretKey::random().expose(),
            "each key is drawn afresh from the OS"
        );
    }
}
