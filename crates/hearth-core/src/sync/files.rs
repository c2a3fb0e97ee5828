//! The files Hearth writes in the sync folder, and how they are read back.
//!
//! ```text
//! header  "HEARTHSY" · format (u16) · journal id (16) · device id (u64)
//!         · kind (u8: 1 changes, 2 snapshot, 3 keys) · generation (u32)  (plain)
//! frame*  length (u32) · nonce (24) · XChaCha20-Poly1305(Loro bytes)
//!         associated data: the header and the frame's index (u32)
//! ```
//!
//! All numbers big-endian. The header is plain so a file from another
//! journal or a newer Hearth is told apart without the key; everything else
//! needs the couple's sync key. A frame can't be moved to another place in
//! the file, to another file, laptop or journal: its tag would fail.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::Path;

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::vault::SecretKey;

const MAGIC: &[u8; 8] = b"HEARTHSY";
/// The newest format this Hearth writes and reads.
pub(crate) const FORMAT: u16 = 1;
pub(crate) const HEADER_BYTES: usize = 8 + 2 + 16 + 8 + 1 + 4;
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;
/// Larger than any frame Hearth writes (a whole journal's snapshot).
const FRAME_LIMIT: usize = 1 << 30;

/// What a file is, as its plain header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub format: u16,
    pub journal: [u8; 16],
    pub device: u64,
    /// 1: a changes file; 2: a snapshot.
    pub kind: u8,
    pub generation: u32,
}

pub(crate) const CHANGES: u8 = 1;
pub(crate) const SNAPSHOT: u8 = 2;
/// What this laptop holds of the partners' keys (`sync::keys`).
pub(crate) const KEYS: u8 = 3;

impl Header {
    pub fn encode(&self) -> [u8; HEADER_BYTES] {
        let mut out = [0u8; HEADER_BYTES];
        out[..8].copy_from_slice(MAGIC);
        out[8..10].copy_from_slice(&self.format.to_be_bytes());
        out[10..26].copy_from_slice(&self.journal);
        out[26..34].copy_from_slice(&self.device.to_be_bytes());
        out[34] = self.kind;
        out[35..39].copy_from_slice(&self.generation.to_be_bytes());
        out
    }

    fn decode(bytes: &[u8]) -> Option<Header> {
        if bytes.len() < HEADER_BYTES || &bytes[..8] != MAGIC {
            return None;
        }
        let mut journal = [0u8; 16];
        journal.copy_from_slice(&bytes[10..26]);
        Some(Header {
            format: u16::from_be_bytes([bytes[8], bytes[9]]),
            journal,
            device: u64::from_be_bytes(bytes[26..34].try_into().ok()?),
            kind: bytes[34],
            generation: u32::from_be_bytes(bytes[35..39].try_into().ok()?),
        })
    }

    fn associated_data(&self, index: u32) -> Vec<u8> {
        let mut aad = self.encode().to_vec();
        aad.extend_from_slice(&index.to_be_bytes());
        aad
    }
}

/// Why a file (or the rest of it) was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not a file Hearth wrote.
    NotHearths,
    /// Written by a newer Hearth.
    Newer(u16),
    /// Another journal's file.
    OtherJournal,
    /// A frame's tag failed (its bytes were changed, or another key).
    Damaged,
}

/// What reading a file from a frame on found.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// The plain bytes of each whole frame from the one asked for.
    pub frames: Vec<Vec<u8>>,
    /// The index after the last whole frame read.
    pub next: u32,
    /// The last frame is cut short (still arriving): read again later.
    pub cut_short: bool,
    pub refused: Option<Refusal>,
}

/// Reads the frames of `bytes` (a whole file) from `from` on, with `key`,
/// for the journal `journal`. Nothing is decrypted before the header
/// matches.
pub(crate) fn read(bytes: &[u8], key: &SecretKey, journal: &[u8; 16], from: u32) -> Read {
    let mut out = Read::default();
    if bytes.len() < HEADER_BYTES {
        // A file not yet whole: its header arrives first.
        out.cut_short = MAGIC.starts_with(&bytes[..bytes.len().min(8)]);
        if !out.cut_short {
            out.refused = Some(Refusal::NotHearths);
        }
        return out;
    }
    let Some(header) = Header::decode(bytes) else {
        out.refused = Some(Refusal::NotHearths);
        return out;
    };
    if header.format > FORMAT {
        out.refused = Some(Refusal::Newer(header.format));
        return out;
    }
    if &header.journal != journal {
        out.refused = Some(Refusal::OtherJournal);
        return out;
    }
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    let mut at = HEADER_BYTES;
    let mut index = 0u32;
    while at < bytes.len() {
        let Some(frame) = frame_at(bytes, at) else {
            out.cut_short = true;
            break;
        };
        let Ok(frame) = frame else {
            out.refused = Some(Refusal::Damaged);
            break;
        };
        if index >= from {
            let (nonce, sealed) = bytes[frame.clone()].split_at(NONCE_BYTES);
            let aad = header.associated_data(index);
            match cipher.decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            ) {
                Ok(plain) => out.frames.push(plain),
                Err(_) => {
                    out.refused = Some(Refusal::Damaged);
                    break;
                }
            }
        }
        at = frame.end;
        index += 1;
    }
    out.next = index;
    out
}

/// The frame starting at `at`: `None` when it is cut short, an error when
/// its length can't be one Hearth wrote; else its nonce and ciphertext.
fn frame_at(bytes: &[u8], at: usize) -> Option<Result<std::ops::Range<usize>, ()>> {
    let length = bytes.get(at..at + 4)?;
    let length = u32::from_be_bytes(length.try_into().ok()?) as usize;
    if !(TAG_BYTES..=FRAME_LIMIT).contains(&length) {
        return Some(Err(()));
    }
    let start = at + 4;
    let end = start + NONCE_BYTES + length;
    if end > bytes.len() {
        return None;
    }
    Some(Ok(start..end))
}

/// The number of whole frames in `bytes` and where they end (a tail cut
/// short by a crash is left out).
fn whole_frames(bytes: &[u8]) -> (u32, usize) {
    let (mut at, mut count) = (HEADER_BYTES, 0);
    while let Some(Ok(frame)) = frame_at(bytes, at) {
        at = frame.end;
        count += 1;
    }
    (count, at)
}

fn seal_frame(key: &SecretKey, header: &Header, index: u32, plain: &[u8]) -> Vec<u8> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let aad = header.associated_data(index);
    let sealed = XChaCha20Poly1305::new(key.expose().into())
        .encrypt(
            &nonce,
            Payload {
                msg: plain,
                aad: &aad,
            },
        )
        .expect("XChaCha20-Poly1305 seals any frame Hearth writes");
    let mut out = Vec::with_capacity(4 + NONCE_BYTES + sealed.len());
    out.extend_from_slice(&(sealed.len() as u32).to_be_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Appends one frame to this laptop's changes file, made with `header` if
/// it is new (or isn't this header's: then it is started again), then
/// flushes it to the disk. A tail cut short by an earlier crash is cut off.
/// Returns how many frames the file now has.
pub(crate) fn append(
    path: &Path,
    header: &Header,
    key: &SecretKey,
    plain: &[u8],
) -> io::Result<u32> {
    let existing = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let ours = existing.len() >= HEADER_BYTES && existing[..HEADER_BYTES] == header.encode();
    let (count, end) = if ours {
        whole_frames(&existing)
    } else {
        (0, 0)
    };
    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path)?;
    if end as u64 != existing.len() as u64 {
        file.set_len(end as u64)?;
    }
    file.seek(SeekFrom::Start(end as u64))?;
    let mut out = Vec::new();
    if !ours {
        out.extend_from_slice(&header.encode());
    }
    out.extend_from_slice(&seal_frame(key, header, count, plain));
    file.write_all(&out)?;
    file.sync_all()?;
    Ok(count + 1)
}

/// Writes a whole file of one frame under a temporary name in the same
/// folder, flushes it, then renames it into place (a reader sees the old
/// file or the new one, never half of one).
pub(crate) fn replace(
    path: &Path,
    header: &Header,
    key: &SecretKey,
    plain: &[u8],
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = dir.join(format!(".{name}.writing"));
    let mut file = File::create(&temporary)?;
    file.write_all(&header.encode())?;
    file.write_all(&seal_frame(key, header, 0, plain))?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temporary, path)?;
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The generation of a changes file's name (`changes-7.hsync` → 7).
pub(crate) fn changes_generation(name: &str) -> Option<u32> {
    name.strip_prefix("changes-")?
        .strip_suffix(".hsync")?
        .parse()
        .ok()
}

pub(crate) fn changes_name(generation: u32) -> String {
    format!("changes-{generation}.hsync")
}

pub(crate) const SNAPSHOT_NAME: &str = "snapshot.hsync";
pub(crate) const PAIRING_NAME: &str = "pairing.hsync";
pub(crate) const KEYS_NAME: &str = "keys.hsync";
pub(crate) const DEVICES_DIR: &str = "devices";

/// A device id as its folder's name: 16 lower-case hex digits.
pub(crate) fn device_hex(device: u64) -> String {
    format!("{device:016x}")
}
