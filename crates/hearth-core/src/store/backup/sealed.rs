//! The encrypted backup file ("Save an encrypted backup"): the whole
//! journal in one file, sealed under a passphrase chosen when it is saved,
//! that opens on another laptop.
//!
//! ```text
//!  header (76 bytes, all of it the AEAD's associated data)
//!  ┌──────────────────┬─────────┬──────────────────────┬──────┬───────┬────────────┐
//!  │ "Hearth backup\0"│ format  │ Argon2id m · t · p   │ salt │ nonce │ sealed len │
//!  │ 14 bytes         │ u16 = 1 │ 3 × u32              │ 16   │ 24    │ u64        │
//!  └──────────────────┴─────────┴──────────────────────┴──────┴───────┴────────────┘
//!  sealed: XChaCha20-Poly1305(key = Argon2id(passphrase, salt, m, t, p), nonce,
//!          contents = u32 manifest length · manifest (JSON: schema version,
//!          whether Lock Hearth is on, the lengths) · the database · the key file)
//! ```
//!
//! The database is a checked snapshot: plain SQLite when Lock Hearth is off
//! (made in memory, never written to disk in the clear), the SQLCipher file
//! when it is on, with `hearth.keys` beside it so it opens with the
//! partners' own passphrases. Integers are little-endian. All numbers in
//! the header are bound to the key by the associated data: a changed byte
//! anywhere fails the tag. The stored length lets a file cut short be told
//! apart from a wrong passphrase.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::vault::{derive_kek, KdfParams};

/// The first bytes of every encrypted backup.
pub const MAGIC: &[u8; 14] = b"Hearth backup\0";
/// The format this Hearth writes and the newest it reads.
pub const FORMAT: u16 = 1;
/// The ending the save dialog offers.
pub const EXTENSION: &str = "hearthbackup";
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;
/// Magic, format, three parameters, salt, nonce, sealed length.
pub const HEADER_BYTES: usize = 14 + 2 + 12 + SALT_BYTES + NONCE_BYTES + 8;
/// The largest backup Hearth opens (it is held in memory whole).
pub const MAX_BYTES: usize = 2 * 1024 * 1024 * 1024 - 1;
/// The most memory a backup's Argon2id may ask for: 1 GiB. Hearth writes
/// 256 MiB; a file asking for more is not one Hearth wrote.
const MAX_MEMORY_KIB: u32 = 1024 * 1024;

const NOT_A_BACKUP: &str = "This file isn't an encrypted Hearth backup. Please choose the file \
     Hearth saved (its name ends in .hearthbackup). Nothing was changed.";
const NEWER: &str = "This backup was saved by a newer version of Hearth. Please update Hearth \
     on this laptop, then open the backup again. Nothing was changed.";
const CUT_SHORT: &str = "This backup file is incomplete: it ends before everything Hearth \
     saved in it (it may have been cut short while it was copied). Please copy it again \
     from where you keep it. Nothing was changed.";
const CHANGED: &str = "This backup file has been changed since Hearth saved it, so Hearth \
     won't open it. Please try another copy of it. Nothing was changed.";
const WRONG: &str = "That passphrase doesn't open this backup. Please check it and try again: \
     it is the one chosen when the backup was saved. If you are sure of it, this copy of the \
     file has been changed since; please try another copy. Nothing was changed.";

/// What the file carries, once opened.
pub(crate) struct Contents {
    /// `PRAGMA user_version` of the database inside.
    pub schema_version: i64,
    /// The database file's bytes: plain SQLite, or SQLCipher with `keys`.
    pub database: Zeroizing<Vec<u8>>,
    /// With Lock Hearth on: the key file's bytes.
    pub keys: Option<Vec<u8>>,
}

/// Prints sizes only, never the journal.
impl std::fmt::Debug for Contents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contents")
            .field("schema_version", &self.schema_version)
            .field("database_bytes", &self.database.len())
            .field("keys", &self.keys.as_ref().map(Vec::len))
            .finish()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Manifest {
    hearth: String,
    schema_version: i64,
    lock_hearth: bool,
    database_bytes: u64,
    keys_bytes: u64,
}

impl Contents {
    fn to_payload(&self) -> Zeroizing<Vec<u8>> {
        let keys = self.keys.as_deref().unwrap_or_default();
        let manifest = Manifest {
            hearth: "backup".into(),
            schema_version: self.schema_version,
            lock_hearth: self.keys.is_some(),
            database_bytes: self.database.len() as u64,
            keys_bytes: keys.len() as u64,
        };
        let manifest = serde_json::to_vec(&manifest).expect("a manifest is always JSON");
        let mut out = Zeroizing::new(Vec::with_capacity(
            4 + manifest.len() + self.database.len() + keys.len(),
        ));
        out.extend_from_slice(&(manifest.len() as u32).to_le_bytes());
        out.extend_from_slice(&manifest);
        out.extend_from_slice(&self.database);
        out.extend_from_slice(keys);
        out
    }

    /// Reads the opened contents back. They passed the tag, so anything
    /// odd here is a file Hearth didn't write (or a newer Hearth did).
    fn from_payload(payload: &[u8]) -> Result<Contents> {
        let changed = || Error::invalid(CHANGED);
        let len = payload.get(..4).ok_or_else(changed)?;
        let len = u32::from_le_bytes(len.try_into().expect("four bytes")) as usize;
        let manifest = payload.get(4..4 + len).ok_or_else(changed)?;
        let manifest: Manifest = serde_json::from_slice(manifest).map_err(|_| changed())?;
        if manifest.hearth != "backup" {
            return Err(changed());
        }
        if manifest.schema_version > crate::store::LATEST_VERSION {
            return Err(Error::invalid(NEWER));
        }
        let rest = &payload[4 + len..];
        let db_len = usize::try_from(manifest.database_bytes).map_err(|_| changed())?;
        let keys_len = usize::try_from(manifest.keys_bytes).map_err(|_| changed())?;
        if db_len.checked_add(keys_len) != Some(rest.len())
            || manifest.lock_hearth != (keys_len > 0)
        {
            return Err(changed());
        }
        Ok(Contents {
            schema_version: manifest.schema_version,
            database: Zeroizing::new(rest[..db_len].to_vec()),
            keys: manifest.lock_hearth.then(|| rest[db_len..].to_vec()),
        })
    }
}

/// Seals `contents` under `passphrase` with Argon2id at `params`, fresh
/// salt and nonce: the whole file's bytes.
pub(crate) fn seal(contents: &Contents, passphrase: &str, params: &KdfParams) -> Result<Vec<u8>> {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut salt = [0u8; SALT_BYTES];
    OsRng.fill_bytes(&mut salt);
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let payload = contents.to_payload();
    let sealed_len = payload.len() as u64 + 16;
    let header = header(params, &salt, nonce.as_slice(), sealed_len);
    let kek = derive_kek(passphrase.as_bytes(), &salt, params)?;
    let cipher = XChaCha20Poly1305::new(kek.expose().into());
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: &payload,
                aad: &header,
            },
        )
        .map_err(|_| Error::Storage("the backup couldn't be sealed".into()))?;
    let mut out = header;
    out.extend_from_slice(&sealed);
    Ok(out)
}

fn header(params: &KdfParams, salt: &[u8], nonce: &[u8], sealed_len: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER_BYTES);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&FORMAT.to_le_bytes());
    for n in [params.memory_kib, params.iterations, params.lanes] {
        h.extend_from_slice(&n.to_le_bytes());
    }
    h.extend_from_slice(salt);
    h.extend_from_slice(nonce);
    h.extend_from_slice(&sealed_len.to_le_bytes());
    h
}

/// Opens a backup file's bytes with `passphrase`: refuses, each in its own
/// words, a file that isn't one, one from a newer Hearth, one cut short or
/// changed, and a wrong passphrase.
pub(crate) fn open(file: &[u8], passphrase: &str) -> Result<Contents> {
    let head_len = MAGIC.len().min(file.len());
    if file.is_empty() || file.len() > MAX_BYTES || file[..head_len] != MAGIC[..head_len] {
        return Err(Error::invalid(NOT_A_BACKUP));
    }
    if file.len() < MAGIC.len() + 2 {
        return Err(Error::invalid(CUT_SHORT));
    }
    let format = u16::from_le_bytes([file[14], file[15]]);
    if format > FORMAT {
        return Err(Error::invalid(NEWER));
    }
    if format == 0 {
        return Err(Error::invalid(CHANGED));
    }
    if file.len() < HEADER_BYTES {
        return Err(Error::invalid(CUT_SHORT));
    }
    let u32_at = |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().expect("four bytes"));
    let params = KdfParams {
        memory_kib: u32_at(16),
        iterations: u32_at(20),
        lanes: u32_at(24),
    };
    let salt = &file[28..28 + SALT_BYTES];
    let nonce = &file[44..44 + NONCE_BYTES];
    let sealed_len = u64::from_le_bytes(file[68..76].try_into().expect("eight bytes"));
    let sealed = &file[HEADER_BYTES..];
    if (sealed.len() as u64) < sealed_len {
        return Err(Error::invalid(CUT_SHORT));
    }
    if sealed.len() as u64 > sealed_len || !params.plausible() || params.memory_kib > MAX_MEMORY_KIB
    {
        return Err(Error::invalid(CHANGED));
    }
    let kek = derive_kek(passphrase.as_bytes(), salt, &params)?;
    let cipher = XChaCha20Poly1305::new(kek.expose().into());
    let payload = cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: &file[..HEADER_BYTES],
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| Error::invalid(WRONG))?;
    Contents::from_payload(&payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents() -> Contents {
        Contents {
            schema_version: 3,
            database: Zeroizing::new(b"the database".to_vec()),
            keys: Some(b"the keys".to_vec()),
        }
    }

    #[test]
    fn a_sealed_backup_opens_with_its_passphrase_only() {
        let file = seal(&contents(), "a long walk home", &KdfParams::TESTS_ONLY).unwrap();
        let back = open(&file, "a long walk home").unwrap();
        assert_eq!(
            &back.database[..],
            b"the database",
            "the contents come back"
        );
        assert_eq!(back.keys.as_deref(), Some(&b"the keys"[..]));
        let err = open(&file, "a long walk hom").unwrap_err();
        assert_eq!(err.to_string(), WRONG, "a wrong passphrase is said as such");
    }

    #[test]
    fn each_damage_is_told_in_its_own_words() {
        let file = seal(&contents(), "a long walk home", &KdfParams::TESTS_ONLY).unwrap();
        let says = |bytes: &[u8]| open(bytes, "a long walk home").unwrap_err().to_string();
        assert_eq!(says(&file[..file.len() - 1]), CUT_SHORT, "one byte short");
        assert_eq!(says(&file[..40]), CUT_SHORT, "a header cut short");
        assert_eq!(says(b"{\"hearth\": 1}"), NOT_A_BACKUP, "another file");
        assert_eq!(says(b""), NOT_A_BACKUP, "an empty file");
        let mut newer = file.clone();
        newer[14] = 2;
        assert_eq!(says(&newer), NEWER, "a newer format");
        let mut longer = file.clone();
        longer.push(0);
        assert_eq!(says(&longer), CHANGED, "bytes added");
        let mut header = file.clone();
        header[30] ^= 1;
        assert_eq!(
            says(&header),
            WRONG,
            "a changed salt can't be told from a wrong passphrase"
        );
        let mut body = file;
        let last = body.len() - 20;
        body[last] ^= 1;
        assert_eq!(says(&body), WRONG, "a changed byte fails the tag");
    }
}
