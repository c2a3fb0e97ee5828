//! From a passphrase to a wrapping key: Argon2id with stored parameters, and
//! the rules a new passphrase must meet.
//!
//! Argon2id is used in its raw form (`hash_password_into`): the output is
//! the key and goes nowhere else. The PHC string form would store a hash of
//! the passphrase beside the slot, which is exactly what must not exist.

use serde::Serialize;
use zeroize::Zeroizing;

use super::{SecretKey, KEY_BYTES};
use crate::error::{Error, Result};

/// Fewest characters a new passphrase may have.
pub const PASSPHRASE_MIN_CHARS: usize = 8;
/// Most characters a passphrase may have (a sentence or two is plenty).
pub const PASSPHRASE_MAX_CHARS: usize = 1024;

/// Argon2id's cost, stored with each slot so it can grow without breaking
/// an older slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes (degree of parallelism in the algorithm; computed on one thread).
    pub lanes: u32,
}

impl KdfParams {
    /// For passphrases: 256 MiB and 3 passes, 0.57 s on the 2-core machine
    /// it was measured on (`examples/kdf_cost.rs`; docs/SECURITY.md, "Key
    /// derivation"). Memory rather than passes, because memory is what
    /// makes guessing on graphics cards dear.
    pub const PASSPHRASE: KdfParams = {
        let p = KdfParams {
            memory_kib: 256 * 1024,
            iterations: 3,
            lanes: 1,
        };
        assert!(
            p.memory_kib >= 64 * 1024,
            "a passphrase is stretched with at least 64 MiB"
        );
        p
    };

    /// For the recovery key, which has 160 random bits of its own and needs
    /// no stretching to resist guessing: OWASP's smallest Argon2id setting.
    pub const RECOVERY: KdfParams = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        lanes: 1,
    };

    /// Far too cheap for real use; only for tests that derive many keys.
    #[doc(hidden)]
    pub const TESTS_ONLY: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        lanes: 1,
    };

    /// Whether a stored slot's parameters are ones Hearth would ever have
    /// written (a slot outside them is damaged, not a wrong passphrase), and
    /// small enough that checking a passphrase can't exhaust the laptop.
    pub(crate) fn plausible(&self) -> bool {
        (8..=4 * 1024 * 1024).contains(&self.memory_kib)
            && self.memory_kib >= 8 * self.lanes
            && (1..=64).contains(&self.iterations)
            && (1..=16).contains(&self.lanes)
    }
}

/// Derives the 256-bit wrapping key from a secret (the passphrase or the
/// recovery key's bytes) and a slot's salt and parameters.
pub fn derive_kek(secret: &[u8], salt: &[u8], params: &KdfParams) -> Result<SecretKey> {
    let argon_params = argon2::Params::new(
        params.memory_kib,
        params.iterations,
        params.lanes,
        Some(KEY_BYTES),
    )
    .map_err(|_| Error::invalid("Those key settings aren't ones Hearth can use."))?;
    let argon = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon_params,
    );
    let mut out = Zeroizing::new([0u8; KEY_BYTES]);
    argon
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|_| Error::invalid("Hearth couldn't work with that passphrase."))?;
    Ok(SecretKey::from_bytes(*out))
}

/// A passphrase given to unlock: something is written, and it isn't absurd.
pub(crate) fn check_given_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.is_empty() {
        return Err(Error::invalid("Please type your passphrase."));
    }
    if passphrase.chars().count() > PASSPHRASE_MAX_CHARS {
        return Err(Error::invalid(format!(
            "That's longer than any passphrase Hearth keeps (at most {PASSPHRASE_MAX_CHARS} characters)."
        )));
    }
    Ok(())
}

/// A new passphrase and its repeat: both typed the same, not blank, long
/// enough to be worth having, short enough to type again. Spaces count as
/// typed (nothing is trimmed), so what unlocks is exactly what was set.
pub fn check_new_passphrase(passphrase: &str, repeat: &str) -> Result<()> {
    if passphrase.is_empty() {
        return Err(Error::invalid("Please choose a passphrase."));
    }
    if passphrase.trim().is_empty() {
        return Err(Error::invalid(
            "A passphrase of only spaces would be easy to guess. Please use some words.",
        ));
    }
    if passphrase.chars().any(char::is_control) {
        return Err(Error::invalid(
            "Please use letters, numbers, spaces and punctuation only, without tabs or line breaks.",
        ));
    }
    let length = passphrase.chars().count();
    if length < PASSPHRASE_MIN_CHARS {
        return Err(Error::invalid(format!(
            "Please use at least {PASSPHRASE_MIN_CHARS} characters; a few words you'll remember work well."
        )));
    }
    if length > PASSPHRASE_MAX_CHARS {
        return Err(Error::invalid(format!(
            "That passphrase is {length} characters long; Hearth keeps at most {PASSPHRASE_MAX_CHARS}. \
             A short sentence is plenty."
        )));
    }
    if passphrase != repeat {
        return Err(Error::invalid(
            "The two passphrases aren't the same. Please type it again in both fields.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_costs_are_ones_a_stored_slot_may_have() {
        assert!(KdfParams::PASSPHRASE.plausible() && KdfParams::RECOVERY.plausible());
    }

    #[test]
    fn the_same_passphrase_and_salt_give_the_same_key_and_another_salt_another() {
        let p = KdfParams::TESTS_ONLY;
        let a = derive_kek(b"correct horse", &[1; 16], &p).unwrap();
        let b = derive_kek(b"correct horse", &[1; 16], &p).unwrap();
        let c = derive_kek(b"correct horse", &[2; 16], &p).unwrap();
        assert_eq!(a, b, "derivation is repeatable");
        assert_ne!(a, c, "the salt changes the key");
    }
}
