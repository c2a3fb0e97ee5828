//! From the bytes of the chosen file to the text of each journal in it,
//! within limits, so that no file (a huge one, a cut-short zip, a zip bomb)
//! can make Hearth run out of memory or hang.
//!
//! - The file itself is at most [`JOURNAL_FILE_MAX_BYTES`].
//! - A zip's table of contents is read first, by hand: one that is missing
//!   (a file cut short) or that lists more than [`ZIP_FILES_MAX`] files is
//!   refused before the zip library sees it.
//! - The journals in it (`*.json`, Day One's `Journal.json` and the like)
//!   may unpack to at most [`JOURNAL_TEXT_MAX_BYTES`] together: the size
//!   each declares is checked first, and the bytes actually unpacked are
//!   counted as they come, so a zip that lies about its sizes stops there.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::refuse;
use crate::error::Result;

/// The largest file Hearth reads (a zip with photos in it can be large;
/// only its journal text is read).
pub const JOURNAL_FILE_MAX_BYTES: usize = 200 * 1024 * 1024;
/// The most journal text (JSON) Hearth unpacks from one file.
pub const JOURNAL_TEXT_MAX_BYTES: u64 = 100 * 1024 * 1024;
/// The most files a zip may list (photos included).
pub const ZIP_FILES_MAX: u64 = 100_000;
/// The most journal files (`*.json`) one zip may hold.
const JOURNALS_MAX: usize = 100;

/// "1.2 GB", "350 MB", "12 KB", rounded up (a file a byte over 200 MB is
/// "201 MB", never "200 MB").
pub(super) fn size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b >= 1024.0 * MB {
        format!("{:.1} GB", (b / (1024.0 * MB) * 10.0).ceil() / 10.0)
    } else if b >= MB {
        format!("{:.0} MB", (b / MB).ceil())
    } else {
        format!("{:.0} KB", (b / 1024.0).ceil())
    }
}

/// "200,000".
pub(super) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The texts of the journals in the file: itself, or each `*.json` in a zip.
pub(super) fn texts(bytes: &[u8]) -> Result<Vec<String>> {
    if bytes.len() > JOURNAL_FILE_MAX_BYTES {
        return Err(refuse(format!(
            "This file is {}; Hearth brings in journal files of up to {}. If it holds many \
             photos, try exporting fewer entries at a time.",
            size(bytes.len() as u64),
            size(JOURNAL_FILE_MAX_BYTES as u64)
        )));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse(
            "This file is empty, so there is nothing to bring in.",
        ));
    }
    if bytes.starts_with(b"PK") {
        return unzip(bytes);
    }
    if bytes.len() as u64 > JOURNAL_TEXT_MAX_BYTES {
        return Err(too_much_text());
    }
    Ok(vec![text(bytes.to_vec())?])
}

fn too_much_text() -> crate::error::Error {
    refuse(format!(
        "The journal in this file is larger than {}, more than Hearth reads in one go. \
         Please export it in parts (a range of dates each).",
        size(JOURNAL_TEXT_MAX_BYTES)
    ))
}

fn text(mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| super::formats::unknown())
}

fn damaged() -> crate::error::Error {
    refuse(
        "This zip file is damaged or cut short, so Hearth can't unpack it. Please copy or \
         export it again.",
    )
}

/// How many files the zip's table of contents lists (its "end of central
/// directory" record, and the Zip64 one when that says so); `None` when
/// there is no table of contents (a file cut short, or not a zip).
fn listed_files(bytes: &[u8]) -> Option<u64> {
    const END: &[u8] = b"PK\x05\x06";
    const END64: &[u8] = b"PK\x06\x06";
    const LOCATOR64: &[u8] = b"PK\x06\x07";
    let le16 = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let le64 = |at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    // The record is 22 bytes and may be followed by a comment of up to 64 KiB.
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(u16::MAX as usize);
    let end = (first..=last).rev().find(|&i| &bytes[i..i + 4] == END)?;
    let listed = u64::from(le16(end + 10)?);
    if listed != u64::from(u16::MAX) {
        return Some(listed);
    }
    let locator = end.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != LOCATOR64 {
        return Some(listed);
    }
    let record = usize::try_from(le64(locator + 8)?).ok()?;
    if bytes.get(record..record + 4)? != END64 {
        return None;
    }
    le64(record + 32)
}

fn unzip(bytes: &[u8]) -> Result<Vec<String>> {
    let listed = listed_files(bytes).ok_or_else(damaged)?;
    if listed > ZIP_FILES_MAX {
        return Err(refuse(format!(
            "This zip lists {} files, far more than a journal export holds (Hearth reads \
             zips of up to {} files).",
            thousands(listed),
            thousands(ZIP_FILES_MAX)
        )));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|name| name.ok())
        .filter(|name| is_journal(name))
        .map(|name| name.into_owned())
        .collect();
    if names.is_empty() {
        return Err(refuse(
            "This zip has no journal in it: Hearth looks for Day One's Journal.json (or another \
             journal's .json file) inside.",
        ));
    }
    if names.len() > JOURNALS_MAX {
        return Err(refuse(format!(
            "This zip holds {} journal files; Hearth reads up to {JOURNALS_MAX} at a time.",
            names.len()
        )));
    }
    let mut budget = JOURNAL_TEXT_MAX_BYTES;
    let mut texts = Vec::with_capacity(names.len());
    for name in names {
        let file = archive.by_name(&name).map_err(|_| damaged())?;
        if file.encrypted() {
            return Err(refuse(
                "This zip is locked with a password. Please export the journal again without one.",
            ));
        }
        // The size the zip declares, then the bytes really unpacked.
        if file.size() > budget {
            return Err(too_much_text());
        }
        let mut out = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
        file.take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|_| damaged())?;
        if out.len() as u64 > budget {
            return Err(too_much_text());
        }
        budget -= out.len() as u64;
        texts.push(text(out)?);
    }
    Ok(texts)
}

/// A journal's file in an export: `*.json`, not a macOS resource fork.
fn is_journal(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    name.to_ascii_lowercase().ends_with(".json")
        && !name.starts_with("__MACOSX/")
        && !base.starts_with("._")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(1024 * 1024 * 1024), "1.0 GB");
        assert_eq!(size(200 * 1024 * 1024), "200 MB");
        assert_eq!(size(10), "1 KB");
        assert_eq!(size(200 * 1024 * 1024 + 1), "201 MB", "rounded up");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn a_zip_without_its_table_of_contents_lists_nothing() {
        assert_eq!(listed_files(b"PK\x03\x04 and then nothing"), None);
        let mut empty = b"PK\x05\x06".to_vec();
        empty.extend([0u8; 18]);
        assert_eq!(listed_files(&empty), Some(0));
    }

    #[test]
    fn journals_are_the_json_files_but_not_resource_forks() {
        assert!(is_journal("Journal.json"));
        assert!(is_journal("Export/Travel.JSON"));
        assert!(!is_journal("photos/abc.jpeg"));
        assert!(!is_journal("__MACOSX/._Journal.json"));
        assert!(!is_journal("._Journal.json"));
    }
}
