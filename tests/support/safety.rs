//! Helpers for the data-safety tests: damaging files, checking them, and the
//! text the crash writer saves (so the test can tell what it must find).

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

/// Overwrites one page in the middle of a database file with junk: the
/// header stays valid (SQLite opens it), but `quick_check` fails.
pub fn damage_middle(path: &Path) {
    let len = std::fs::metadata(path).expect("the file to damage").len();
    let page = 4096;
    let pages = len / page;
    assert!(
        pages >= 8,
        "the file is big enough to damage in the middle ({pages} pages)"
    );
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("opening the file to damage");
    f.seek(SeekFrom::Start(pages / 2 * page)).unwrap();
    f.write_all(&vec![0xA5; page as usize]).unwrap();
    f.sync_all().unwrap();
}

/// `PRAGMA integrity_check` through a read-only connection: `"ok"` or the
/// complaints, joined.
pub fn integrity(path: &Path) -> String {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("a read-only connection");
    let mut stmt = conn.prepare("PRAGMA integrity_check").unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.join("; ")
}

/// The body the crash writer saves as entry `i` of run `run`: its length
/// varies from a line to several pages, so saves touch one page or many.
pub fn crash_body(run: u32, i: u32) -> String {
    let head = format!("run {run} entry {i}: what I want you to know today.");
    let words = (run as usize * 7919 + i as usize * 104_729) % 1200;
    let mut body = head;
    for w in 0..words {
        body.push(' ');
        body.push_str(["trust", "slowly", "coffee", "walk", "listen", "again"][w % 6]);
    }
    body
}

/// The data the crash writer keeps in its draft after entry `i` of `run`.
pub fn crash_draft(run: u32, i: u32) -> serde_json::Value {
    serde_json::json!({ "body": format!("half-written thought {i} of run {run}"), "run": run, "i": i })
}
