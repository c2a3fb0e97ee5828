//! A damaged database: refused untouched at open, then moved aside (never deleted) when the newest good snapshot is brought back.

use chrono::Duration;
use hearth_core::{ErrorKind, FixedClock, Hearth, Phase};
use hearth_tests::safety::{damage_middle, integrity};
use hearth_tests::{bytes, clock, input, note, TempHearth, OFFSET};
use rusqlite::Connection;

/// A journal of `n` longish entries, closed (so the -wal is folded in).
fn journal(home: &TempHearth, clock: &FixedClock, n: usize) -> Hearth {
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    add(&mut hearth, clock, 0..n);
    hearth
}

fn add(hearth: &mut Hearth, clock: &FixedClock, range: std::ops::Range<usize>) {
    for i in range {
        clock.advance(Duration::minutes(1));
        let body = format!("Entry {i}. {}", "We walked and talked. ".repeat(40));
        hearth.journal().create_entry(&note(&body), OFFSET).unwrap();
    }
}

fn count(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_damaged_file_opens_the_unavailable_screen_and_is_left_untouched() {
    let home = TempHearth::new();
    let clock = clock();
    drop(journal(&home, &clock, 120));
    damage_middle(&home.database());
    let before = bytes(&home.database());

    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    let state = hearth.state().unwrap();
    assert_eq!(state.phase, Phase::Unavailable);
    let problem = state.problem.expect("a problem to show");
    assert_eq!(
        problem.kind,
        ErrorKind::DamagedDatabase,
        "{}",
        problem.message
    );
    assert_eq!(problem.path, home.database().display().to_string());
    assert!(problem.message.contains("damaged"));
    assert_eq!(
        problem.recoverable, None,
        "no snapshot, so nothing is offered"
    );
    let json = serde_json::to_value(hearth.state().unwrap()).unwrap();
    assert_eq!(json["problem"]["kind"], "damaged_database");
    assert!(json["problem"]["recoverable"].is_null());

    let err = hearth.backups().recover_from_newest().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    drop(hearth);
    assert_eq!(
        bytes(&home.database()),
        before,
        "a damaged file is never modified"
    );
    let mut wal = home.database().into_os_string();
    wal.push("-wal");
    // The file was in WAL mode; SQLite's read-only look may leave an empty -wal.
    let wal_len = std::fs::metadata(&wal).map_or(0, |m| m.len());
    assert_eq!(
        wal_len, 0,
        "nothing was written for the damaged file, not even to its -wal"
    );
}

#[test]
fn a_file_sqlite_calls_corrupt_while_opening_is_a_damaged_database() {
    let home = TempHearth::new();
    let clock = clock();
    drop(journal(&home, &clock, 5));
    // Keep the 100-byte header, wreck the schema page behind it.
    let mut raw = bytes(&home.database());
    raw[100..4096].fill(0x5A);
    std::fs::write(home.database(), &raw).unwrap();

    let mut hearth = Hearth::open(home.path(), Box::new(clock));
    let problem = hearth.state().unwrap().problem.expect("a problem");
    assert_eq!(
        problem.kind,
        ErrorKind::DamagedDatabase,
        "{}",
        problem.message
    );
    assert_eq!(bytes(&home.database()), raw, "left untouched");
}

#[test]
fn the_newest_good_snapshot_is_brought_back_and_the_damaged_file_kept() {
    let home = TempHearth::new();
    let clock = clock();
    let mut hearth = journal(&home, &clock, 100);
    let good = hearth.backups().snapshot_if_due().unwrap().unwrap();
    add(&mut hearth, &clock, 100..110);
    clock.advance(Duration::days(1));
    let newest = hearth.backups().snapshot_if_due().unwrap().unwrap();
    add(&mut hearth, &clock, 110..120);
    drop(hearth);
    damage_middle(&newest.path);
    damage_middle(&home.database());
    let damaged = bytes(&home.database());

    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    let problem = hearth.state().unwrap().problem.expect("a problem");
    let offered = problem.recoverable.expect("a good snapshot is offered");
    assert_eq!(
        offered.path,
        good.path.display().to_string(),
        "the newest snapshot that passes its check is offered, not a damaged one"
    );
    assert_eq!(offered.taken_at, good.taken_at);
    let json = problem_json(&mut hearth);
    assert!(
        json["recoverable"]["takenAt"].is_string(),
        "camelCase for the page: {json}"
    );

    let report = hearth.backups().recover_from_newest().unwrap();
    assert_eq!(
        report.restored_from, good.path,
        "the report names the snapshot used"
    );
    assert_eq!(report.skipped, vec![newest.path.clone()]);
    let aside = report.set_aside.expect("the damaged file is moved aside");
    assert_eq!(
        bytes(&aside),
        damaged,
        "the damaged file is moved aside, never deleted, byte for byte"
    );
    assert!(aside.starts_with(home.path().join("set-aside")));
    let state = hearth.state().unwrap();
    assert_eq!(state.phase, Phase::Ready);
    assert_eq!(state.problem, None);
    drop(hearth);
    assert_eq!(
        count(&home.database()),
        100,
        "the journal as of the good snapshot"
    );
    assert_eq!(integrity(&home.database()), "ok");
    assert!(
        newest.path.exists(),
        "a damaged snapshot is reported, not deleted"
    );
}

fn problem_json(hearth: &mut Hearth) -> serde_json::Value {
    serde_json::to_value(hearth.state().unwrap().problem).unwrap()
}

#[test]
fn a_journal_that_opens_fine_is_not_recovered_over() {
    let home = TempHearth::new();
    let clock = clock();
    let mut hearth = journal(&home, &clock, 3);
    hearth.backups().snapshot_if_due().unwrap().unwrap();
    let err = hearth.backups().recover_from_newest().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(!home.path().join("set-aside").exists());
}

#[test]
fn try_again_opens_the_file_once_it_is_put_right_and_changes_nothing_before() {
    let home = TempHearth::new();
    let clock = clock();
    drop(journal(&home, &clock, 4));
    let good = home.path().join("good-copy.sqlite3");
    std::fs::rename(home.database(), &good).unwrap();
    std::fs::write(home.database(), b"not a journal at all").unwrap();

    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    assert_eq!(hearth.state().unwrap().phase, Phase::Unavailable);
    let state = hearth.try_again().unwrap();
    assert_eq!(
        state.phase,
        Phase::Unavailable,
        "nothing was put right yet, so the screen stays"
    );
    assert_eq!(state.problem.unwrap().kind, ErrorKind::NotADatabase);
    assert_eq!(
        bytes(&home.database()),
        b"not a journal at all",
        "trying again never touches the file"
    );

    // The person puts their journal back in its place, then presses Try again.
    std::fs::rename(&good, home.database()).unwrap();
    let state = hearth.try_again().unwrap();
    assert_eq!(state.phase, Phase::Ready, "{:?}", state.problem);
    assert_eq!(count(&home.database()), 4);

    // On a journal that is open, trying again is harmless.
    let again = hearth.try_again().unwrap();
    assert_eq!(again, state);
}
