//! Names, the integrity check of a kept snapshot, and a damaged file for other tests.

use super::*;
use chrono::TimeZone;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

#[test]
fn names_carry_the_time_and_the_reason_and_read_back() {
    let name = file_name(at(22, 9), Reason::BeforeEmptyTrash, None);
    assert_eq!(name, "hearth-20261122T090000Z-before-empty-trash.sqlite3");
    assert_eq!(
        parse_name(&name),
        Some((at(22, 9), Reason::BeforeEmptyTrash))
    );
    let upgrade = file_name(at(22, 9), Reason::BeforeUpgrade, Some("v2-to-v3"));
    assert_eq!(
        parse_name(&upgrade),
        Some((at(22, 9), Reason::BeforeUpgrade))
    );
    assert_eq!(
        parse_name("hearth-20261122T090000Z-daily-2.sqlite3"),
        Some((at(22, 9), Reason::Daily)),
        "a second snapshot in the same second is still ours"
    );
    assert_eq!(
        parse_name("hearth-before-upgrade-v1-to-v2-20261122T090000Z.sqlite3"),
        Some((at(22, 9), Reason::BeforeUpgrade)),
        "copies named by Hearth 0.1 are still recognised"
    );
    for foreign in [
        "hearth.sqlite3",
        "hearth-20261122T090000Z-daily.sqlite3-wal",
        "hearth-20261122T090000Z-weekly.sqlite3",
        "hearth-20261122T090000Z-daily-Mine.sqlite3",
        "notes-20261122T090000Z-daily.sqlite3",
        "hearth-2026112T090000Z-daily.sqlite3",
        ".hearth-20261122T090000Z-daily.sqlite3.partial",
        "hearth-20261122T090000Z-daily.sqlite3.partial",
    ] {
        assert_eq!(parse_name(foreign), None, "{foreign} is not one of ours");
    }
}

#[test]
fn a_snapshot_that_fails_integrity_check_is_never_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("h.sqlite3")).unwrap();
    store
        .conn
        .execute_batch(
            "CREATE TABLE t (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT printf('%0500d', i) FROM n; CREATE INDEX t_x ON t (x);",
        )
        .unwrap();
    let err = store
        .snapshot_named(Reason::Daily, at(22, 9), None, damage_middle)
        .unwrap_err();
    assert!(
        err.to_string().contains("failed its check"),
        "a failed check is reported: {err}"
    );
    let left: Vec<_> = std::fs::read_dir(store.backup_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        left.is_empty(),
        "a snapshot that fails integrity_check is never kept (left: {left:?})"
    );
    let good = store.snapshot(Reason::Daily, at(22, 9)).unwrap();
    verify_backup(&good.path).expect("an untampered snapshot passes");
}

/// Overwrites a page in the middle of the file: the header stays valid,
/// the checks fail.
pub(crate) fn damage_middle(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(path).unwrap().len();
    let page = 4096;
    let middle = (len / page / 2).max(2) * page;
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(middle)).unwrap();
    f.write_all(&vec![0xA5; page as usize]).unwrap();
    f.sync_all().unwrap();
}
