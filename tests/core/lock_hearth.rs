//! Lock Hearth: with it on, no file under the data folder holds any journal text, the file opens only with a partner's passphrase, and turning it on or off keeps every row, whatever step a crash stops it at.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hearth_core::checkins::CheckinInput;
use hearth_core::commitments::CommitmentInput;
use hearth_core::journal::{EntryInput, RepairInput, TimelineQuery, Visibility};
use hearth_core::{ErrorKind, Hearth, Phase};
use hearth_tests::rituals::{ritual, BERLIN};
use hearth_tests::{clock, input, TempHearth, ALEX, OFFSET, SAM};

use hearth_tests::lock::{ALEXS, SAMS};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Sam and Alex, each with a passphrase; Sam unlocked and writing.
pub(crate) fn couple(home: &TempHearth) -> Hearth {
    let mut hearth = Hearth::open(home.path(), Box::new(clock()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth.set_writer(ALEX).unwrap();
    hearth.set_passphrase(ALEXS, ALEXS).unwrap();
    hearth.lock().unwrap();
    hearth.set_writer(SAM).unwrap();
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    hearth
}

pub(crate) fn reopen(home: &TempHearth) -> Hearth {
    let mut hearth = Hearth::open(home.path(), Box::new(clock()));
    hearth.use_cheap_keys_for_tests();
    hearth
}

/// Writes `word` with a suffix into every kind of text field Hearth keeps,
/// shared and private, as Sam (who is unlocked).
pub(crate) fn write_everywhere(hearth: &mut Hearth, word: &str, d: u32) -> Vec<String> {
    let w = |what: &str| format!("{word}{what}");
    let shared = hearth
        .journal()
        .create_entry(
            &EntryInput {
                title: Some(w("sharedtitle")),
                body: w("sharedbody"),
                tags: vec![w("sharedtag")],
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    hearth
        .journal()
        .reply(shared.id, &w("reply"), OFFSET)
        .unwrap();
    hearth
        .journal()
        .create_entry(
            &EntryInput {
                title: Some(w("privatetitle")),
                body: w("privatebody"),
                tags: vec![w("privatetag")],
                visibility: Visibility::Private,
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    hearth
        .journal()
        .create_repair(
            &RepairInput {
                title: Some(w("repairtitle")),
                what_i_did: w("whatidid"),
                how_it_affected_you: w("affected"),
                what_i_feel: w("feel"),
                what_i_will_do_differently: w("differently"),
                feeling: None,
                tags: vec![],
                visibility: Visibility::Shared,
            },
            OFFSET,
        )
        .unwrap();
    hearth
        .journal()
        .save_draft("new", &serde_json::json!({ "body": w("draft") }))
        .unwrap();
    hearth.journal().prompt_of_the_day(day(d)).unwrap();
    hearth
        .journal()
        .answer_prompt(
            day(d),
            &EntryInput {
                body: w("answer"),
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    hearth
        .journal()
        .add_prompt("hopes", &format!("{}?", w("customprompt")))
        .unwrap();
    hearth.journal().appreciate(&w("thanks"), OFFSET).unwrap();
    hearth
        .checkins()
        .submit(
            day(d),
            &CheckinInput {
                trust: 6,
                safety: 7,
                closeness: 5,
                communication: 6,
                went_well: Some(w("wentwell")),
                was_hard: Some(w("washard")),
                need_from_you: Some(w("needfromyou")),
            },
            OFFSET,
        )
        .unwrap();
    let r = hearth
        .rituals()
        .create(&ritual(&w("ritualtitle"), "FREQ=DAILY", "07:30", day(d)))
        .unwrap();
    hearth
        .rituals()
        .mark_done(r.id, day(d + 1), Some(&w("ritualnote")), None, OFFSET)
        .unwrap();
    hearth
        .commitments()
        .create(&CommitmentInput {
            title: w("promisetitle"),
            details: Some(w("promisedetails")),
            owner: None,
            cadence: None,
            start_date: day(d),
            zone: BERLIN.into(),
            review_on: None,
        })
        .unwrap();
    [
        "sharedtitle",
        "sharedbody",
        "sharedtag",
        "reply",
        "privatetitle",
        "privatebody",
        "privatetag",
        "repairtitle",
        "whatidid",
        "affected",
        "feel",
        "differently",
        "draft",
        "answer",
        "customprompt",
        "thanks",
        "wentwell",
        "washard",
        "needfromyou",
        "ritualtitle",
        "ritualnote",
        "promisetitle",
        "promisedetails",
    ]
    .iter()
    .map(|s| w(s))
    .collect()
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            out.push(path);
        }
    }
    out
}

/// Where `word` is found in any file under `dir`, in UTF-8 or UTF-16LE/BE.
pub(crate) fn found_in_files(dir: &Path, word: &str) -> Vec<String> {
    let forms: [(&str, Vec<u8>); 3] = [
        ("UTF-8", word.as_bytes().to_vec()),
        (
            "UTF-16LE",
            word.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ),
        (
            "UTF-16BE",
            word.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
    ];
    let mut found = vec![];
    for path in files_under(dir) {
        let bytes = std::fs::read(&path).unwrap();
        for (form, needle) in &forms {
            if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                found.push(format!("{} ({form})", path.display()));
            }
        }
    }
    found
}

/// Every file's bytes, by path, to prove nothing changed.
pub(crate) fn snapshot_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<_> = files_under(dir)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    all.sort();
    all
}

/// Entry bodies Sam sees on the timeline.
pub(crate) fn bodies(hearth: &mut Hearth) -> Vec<String> {
    let page = hearth
        .journal()
        .timeline(&TimelineQuery::default())
        .unwrap();
    let mut out: Vec<String> = page.entries.into_iter().map(|e| e.body).collect();
    out.sort();
    out
}

#[test]
fn with_lock_hearth_on_no_file_under_the_data_folder_holds_any_journal_text() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    let before_words = write_everywhere(&mut hearth, "beforecanary", 10);
    hearth.backups().take_snapshot().unwrap();
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    let after_words = write_everywhere(&mut hearth, "aftercanary", 20);
    hearth.backups().take_snapshot().unwrap();
    // While open, the WAL holds the newest pages: still no text.
    for word in after_words.iter().chain(&before_words) {
        assert_eq!(
            found_in_files(home.path(), word),
            Vec::<String>::new(),
            "with Lock Hearth on, the database, its -wal and -shm and every snapshot hold \
             no journal text while Hearth is open: {word}"
        );
    }
    drop(hearth);
    for word in after_words.iter().chain(&before_words) {
        assert_eq!(
            found_in_files(home.path(), word),
            Vec::<String>::new(),
            "with Lock Hearth on, no file under the data folder contains any journal text, \
             in UTF-8 or UTF-16, after quitting: {word}"
        );
    }
    let raw = rusqlite::Connection::open(home.database()).unwrap();
    assert!(
        raw.query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
            .is_err(),
        "the file does not open as SQLite without the key"
    );

    let mut hearth = reopen(&home);
    let state = hearth.state().unwrap();
    assert!(
        state.privacy.locked && state.privacy.lock_hearth && state.writer_id.is_none(),
        "opening a locked-at-rest Hearth shows the lock screen: {state:?}"
    );
    assert_eq!(
        state
            .partners
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Sam", "Alex"],
        "the lock screen names who may unlock, from the key file alone"
    );
    assert_eq!(
        hearth
            .journal()
            .timeline(&TimelineQuery::default())
            .unwrap_err()
            .kind(),
        ErrorKind::NotAllowed,
        "nothing is read before a passphrase"
    );
    hearth.unlock(SAM, SAMS).unwrap();
    let shown = bodies(&mut hearth);
    assert!(
        shown.contains(&"beforecanaryprivatebody".to_string())
            && shown.contains(&"aftercanarysharedbody".to_string()),
        "unlocking shows everything written before and after: {shown:?}"
    );
}

#[test]
fn a_wrong_passphrase_at_the_lock_screen_changes_nothing_and_the_right_one_opens() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    write_everywhere(&mut hearth, "canary", 10);
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    drop(hearth);
    let before = snapshot_of(home.path());
    let mut hearth = reopen(&home);
    for (who, wrong) in [(SAM, "not the lighthouse"), (ALEX, SAMS)] {
        let err = hearth.unlock(who, wrong).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotAllowed, "{err}");
    }
    assert!(hearth.state().unwrap().privacy.locked);
    drop(hearth);
    assert!(
        snapshot_of(home.path()) == before,
        "a wrong passphrase changes no byte of any file"
    );
    let mut hearth = reopen(&home);
    let state = hearth.unlock(ALEX, ALEXS).unwrap();
    assert_eq!(
        state.writer_id,
        Some(ALEX),
        "Alex's own passphrase opens it as Alex"
    );
    assert!(!state.privacy.locked);
}

#[test]
fn locking_closes_the_file_and_a_locked_journal_reads_nothing() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    hearth.lock().unwrap();
    let state = hearth.state().unwrap();
    assert!(
        state.privacy.locked && state.writer_id.is_none(),
        "{state:?}"
    );
    assert_eq!(
        hearth.checkins().history(5).unwrap_err().kind(),
        ErrorKind::NotAllowed
    );
    assert!(
        !home.path().join("hearth.sqlite3-wal").exists(),
        "locking closes the file: its -wal is folded in and gone"
    );
    hearth.unlock(SAM, SAMS).unwrap();
    assert!(hearth.journal().timeline(&TimelineQuery::default()).is_ok());
}

#[test]
fn turning_lock_hearth_on_and_off_keeps_every_row_and_every_snapshot() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    write_everywhere(&mut hearth, "first", 10);
    hearth.backups().take_snapshot().unwrap();
    let plain = hearth_tests::dump(&home.database());
    let snapshots_before = hearth.backups().list().unwrap().len();

    let on = hearth.turn_on_lock_hearth(ALEXS).unwrap();
    assert!(on.on && on.copies_left.is_empty());
    assert!(on.copies_converted >= 1, "the snapshot is encrypted too");
    for b in hearth.backups().list().unwrap() {
        assert_ne!(
            &std::fs::read(&b.path).unwrap()[..16],
            b"SQLite format 3\0",
            "no plain snapshot stays once Lock Hearth is on: {}",
            b.path.display()
        );
        hearth
            .backups()
            .preview(&b.path)
            .expect("an encrypted snapshot is checked and read");
    }
    let snapshot = hearth.backups().take_snapshot().unwrap();
    write_everywhere(&mut hearth, "second", 20);
    let report = hearth.backups().restore(&snapshot.path).unwrap();
    assert!(report.set_aside.is_some());
    hearth.unlock(SAM, SAMS).unwrap();
    assert!(
        !bodies(&mut hearth).contains(&"secondsharedbody".to_string())
            && bodies(&mut hearth).contains(&"firstsharedbody".to_string()),
        "an encrypted snapshot restores, and the journal stays encrypted"
    );
    let err = hearth.turn_off_lock_hearth("not Alex's").unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "turning it off needs both: {err}"
    );

    let off = hearth.turn_off_lock_hearth(ALEXS).unwrap();
    assert!(!off.on);
    drop(hearth);
    assert!(!home.path().join("hearth.keys").exists());
    // The restore on the way gave this laptop a new device id for the
    // record of changes, as every restore does (docs/SYNC.md).
    assert_eq!(
        without_table(&hearth_tests::dump(&home.database()), "sync_device"),
        without_table(&plain, "sync_device"),
        "on and off again, every row of every table is as it was"
    );
    let hearth = reopen(&home);
    assert!(!hearth.lock_hearth_on());
    drop(hearth);
    let mut hearth = reopen(&home);
    assert!(hearth.backups().list().unwrap().len() > snapshots_before);
    for b in hearth.backups().list().unwrap() {
        hearth
            .backups()
            .preview(&b.path)
            .expect("every snapshot is plain and readable again");
    }
}

#[test]
fn lock_hearth_needs_a_passphrase_for_each_partner_and_the_others_consent() {
    let home = TempHearth::new();
    let mut hearth = Hearth::open(home.path(), Box::new(clock()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    let err = hearth.turn_on_lock_hearth(ALEXS).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.to_string().contains("Alex hasn't set one yet"),
        "the refusal says plainly who needs a passphrase: {err}"
    );
    assert_eq!(
        hearth.lock_hearth().unwrap().missing_passphrase,
        vec!["Alex".to_string()]
    );
    hearth.lock().unwrap();
    hearth.set_writer(ALEX).unwrap();
    hearth.set_passphrase(ALEXS, ALEXS).unwrap();
    let err = hearth.turn_on_lock_hearth(ALEXS).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "the other's passphrase, not one's own: {err}"
    );
    assert!(
        !home.path().join("hearth.keys").exists(),
        "a refusal changes nothing"
    );
    hearth.turn_on_lock_hearth(SAMS).unwrap();
    let err = hearth.remove_passphrase(ALEXS).unwrap_err();
    assert!(
        err.to_string().contains("Turn Lock Hearth off first"),
        "a passphrase Lock Hearth needs can't be removed while it is on: {err}"
    );
}

#[test]
fn a_changed_passphrase_and_the_recovery_key_open_the_locked_journal() {
    let home = TempHearth::new();
    let mut hearth = Hearth::open(home.path(), Box::new(clock()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth.set_writer(ALEX).unwrap();
    hearth.set_passphrase(ALEXS, ALEXS).unwrap();
    hearth.lock().unwrap();
    hearth.set_writer(SAM).unwrap();
    let recovery = hearth.set_passphrase(SAMS, SAMS).unwrap().recovery_key;
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    hearth
        .change_passphrase(SAMS, "a new lighthouse", "a new lighthouse")
        .unwrap();
    drop(hearth);
    let mut hearth = reopen(&home);
    assert_eq!(
        hearth.unlock(SAM, SAMS).unwrap_err().kind(),
        ErrorKind::NotAllowed
    );
    hearth.unlock(SAM, "a new lighthouse").unwrap();
    hearth.lock().unwrap();
    let shown = serde_json::to_value(&recovery).unwrap();
    let state = hearth
        .reset_passphrase(
            SAM,
            shown.as_str().unwrap(),
            "third time lucky",
            "third time lucky",
        )
        .unwrap();
    assert_eq!(
        state.writer_id,
        Some(SAM),
        "the recovery key opens the locked journal"
    );
    drop(hearth);
    let mut hearth = reopen(&home);
    hearth.unlock(SAM, "third time lucky").unwrap();
}

#[test]
fn a_damaged_key_file_is_refused_clearly_and_nothing_changes() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    drop(hearth);
    let keys = home.path().join("hearth.keys");
    let mut bytes = std::fs::read(&keys).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x04;
    std::fs::write(&keys, &bytes).unwrap();
    let before = snapshot_of(home.path());

    let mut hearth = reopen(&home);
    let state = hearth.state().unwrap();
    assert_eq!(
        state.phase,
        Phase::Unavailable,
        "a damaged key file gets the calm screen"
    );
    let problem = state.problem.unwrap();
    assert_eq!(problem.kind, ErrorKind::DamagedDatabase);
    assert!(
        problem.message.contains("hearth.keys") && problem.message.contains("Nothing was changed"),
        "the refusal says which file and that nothing changed: {}",
        problem.message
    );
    assert!(hearth.unlock(SAM, SAMS).is_err());
    assert!(hearth.try_again().is_ok());
    drop(hearth);
    assert!(
        snapshot_of(home.path()) == before,
        "a damaged key file changes nothing"
    );
}

#[test]
fn a_damaged_page_found_after_unlocking_closes_the_journal_and_changes_nothing() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    for n in 0..400 {
        let body = format!("entry {n} {}", "words that fill pages ".repeat(40));
        hearth
            .journal()
            .create_entry(
                &EntryInput {
                    body,
                    ..Default::default()
                },
                OFFSET,
            )
            .unwrap();
    }
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    drop(hearth);
    let database = home.path().join("hearth.sqlite3");
    let mut bytes = std::fs::read(&database).unwrap();
    let at = bytes.len() * 3 / 5;
    bytes[at] ^= 0x10;
    std::fs::write(&database, &bytes).unwrap();
    let before = snapshot_of(home.path());

    // Unlocking doesn't walk the whole file (that would be seconds for a
    // big journal); the walk runs beside it and its finding closes the file.
    let mut hearth = reopen(&home);
    let _ = hearth.unlock(SAM, SAMS);
    // Locking at once calls the check off (it waits a moment so the first
    // screen has the file to itself): called off, it says nothing.
    hearth.lock().unwrap();
    assert!(
        hearth.state().unwrap().problem.is_none(),
        "a check called off by locking reports nothing"
    );
    let _ = hearth.unlock(SAM, SAMS);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let problem = loop {
        let state = hearth.state().unwrap();
        if let Some(problem) = state.problem {
            break problem;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the deferred check finds the damaged page"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        matches!(
            problem.kind,
            ErrorKind::DamagedDatabase | ErrorKind::NotADatabase
        ),
        "a damaged page is reported as damage, not as a wrong passphrase: {problem:?}"
    );
    drop(hearth);
    assert!(
        snapshot_of(home.path()) == before,
        "a damaged encrypted file is left exactly as it was"
    );
}

/// A dump without one table's section.
fn without_table(dump: &str, table: &str) -> String {
    let mut keep = true;
    dump.lines()
        .filter(|line| {
            if let Some(name) = line.strip_prefix("== ") {
                keep = !name.starts_with(&format!("{table} ("));
            }
            keep
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every entry body Sam sees, and how many snapshots open: the journal as a
/// whole, whichever form it is in.
fn whole_journal(home: &TempHearth) -> (bool, Vec<String>, usize) {
    let mut hearth = reopen(home);
    let on = hearth.lock_hearth_on();
    let state = hearth.state().unwrap();
    assert_ne!(state.phase, Phase::Unavailable, "{:?}", state.problem);
    hearth.unlock(SAM, SAMS).unwrap();
    let page = hearth
        .journal()
        .timeline(&TimelineQuery {
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    let mut bodies: Vec<String> = page.entries.into_iter().map(|e| e.body).collect();
    bodies.sort();
    let snapshots = hearth.backups().list().unwrap();
    for b in &snapshots {
        hearth
            .backups()
            .preview(&b.path)
            .unwrap_or_else(|e| panic!("every snapshot opens after the crash: {e}"));
    }
    (on, bodies, snapshots.len())
}

#[test]
fn a_sigkill_at_any_step_of_a_conversion_leaves_one_whole_journal_old_or_new() {
    use std::process::Command;
    let steps = [
        ("start", 1),
        ("exported", 1),
        ("verified", 1),
        ("closed", 1),
        ("committed", 1),
        ("swapped", 1),
        ("copy", 1),
        ("copy", 2),
    ];
    for direction in ["on", "off"] {
        for (step, nth) in steps {
            let home = TempHearth::new();
            let mut hearth = couple(&home);
            write_everywhere(&mut hearth, "kept", 10);
            hearth.backups().take_snapshot().unwrap();
            hearth.backups().take_snapshot().unwrap();
            if direction == "off" {
                hearth.turn_on_lock_hearth(ALEXS).unwrap();
            }
            drop(hearth);
            let (was_on, expected, snapshots) = whole_journal(&home);
            assert_eq!(was_on, direction == "off");
            let out = Command::new(env!("CARGO_BIN_EXE_lock_converter"))
                .args([
                    home.path().to_str().unwrap(),
                    direction,
                    step,
                    &nth.to_string(),
                ])
                .output()
                .unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                assert_eq!(
                    out.status.signal(),
                    Some(9),
                    "turning {direction}, the converter died by SIGKILL at {step} #{nth}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            let (on, bodies, after) = whole_journal(&home);
            assert_eq!(
                bodies,
                expected,
                "a SIGKILL at {step} #{nth} turning Lock Hearth {direction} leaves one whole \
                 journal (it is {}), every entry in it",
                if on { "encrypted" } else { "plain" }
            );
            assert_eq!(after, snapshots, "and every snapshot, readable");
            let leftovers: Vec<_> = files_under(home.path())
                .into_iter()
                .filter(|p| {
                    let n = p.to_string_lossy();
                    n.ends_with(".locking")
                        || n.ends_with(".unlocking")
                        || n.ends_with(".converting")
                })
                .collect();
            assert!(
                leftovers.is_empty(),
                "no half-made copy stays: {leftovers:?}"
            );
            if on {
                for word in ["keptsharedbody", "keptreply", "keptritualnote"] {
                    assert_eq!(
                        found_in_files(home.path(), word),
                        Vec::<String>::new(),
                        "encrypted after a crash at {step} #{nth} turning {direction} and an \
                         unlock: no file holds journal text"
                    );
                }
            }
        }
    }
}

#[test]
fn reminders_keep_coming_while_the_whole_journal_is_locked_once_each_and_name_nothing() {
    use chrono::{Duration, TimeZone, Utc};
    use hearth_core::hearth::PRIVATE_REMINDER;
    use hearth_core::{Clock, FixedClock};
    use hearth_tests::reminders::Recorder;
    let tz: chrono_tz::Tz = BERLIN.parse().unwrap();
    let six = tz
        .with_ymd_and_hms(2026, 11, 23, 6, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let home = TempHearth::new();
    let clock = FixedClock::at(six);
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth.reminders().start_in_zone(BERLIN);
    hearth.set_writer(ALEX).unwrap();
    hearth.set_passphrase(ALEXS, ALEXS).unwrap();
    hearth.lock().unwrap();
    hearth.set_writer(SAM).unwrap();
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    for (title, time) in [("Morning walk", "07:00"), ("Evening tea", "21:00")] {
        hearth
            .rituals()
            .create(&ritual(
                title,
                "FREQ=DAILY",
                time,
                NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            ))
            .unwrap();
    }
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    hearth.lock().unwrap();
    drop(hearth);

    let plan = std::fs::read_to_string(home.path().join("hearth.plan")).unwrap();
    assert!(
        !plan.contains("Morning walk") && !plan.contains("Because it helps"),
        "the plan the loop reads while locked holds no words: {plan}"
    );
    // Hearth starts hidden after login, locked: the morning walk still comes.
    let shown = Recorder::default();
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.reminders().start_in_zone(BERLIN);
    let walk = |hearth: &mut Hearth, until: chrono::DateTime<Utc>| {
        while clock.now() < until {
            clock.advance(Duration::seconds(30));
            *shown.now.borrow_mut() = Some(clock.now());
            hearth.reminders().run(&shown).unwrap();
        }
    };
    walk(&mut hearth, six + Duration::minutes(61));
    assert_eq!(
        shown.len(),
        1,
        "the reminder comes while the whole journal is locked, once"
    );
    let text = serde_json::to_string(&shown.last().notice).unwrap();
    assert_eq!(shown.last().notice.title, PRIVATE_REMINDER);
    assert!(
        !text.contains("Morning walk"),
        "a locked notice names nothing: {text}"
    );
    // A restart while locked doesn't show it again.
    drop(hearth);
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.reminders().start_in_zone(BERLIN);
    walk(&mut hearth, six + Duration::minutes(65));
    assert_eq!(
        shown.len(),
        1,
        "never twice for the same moment, across a restart"
    );
    // Unlocked, the open journal knows it was shown.
    hearth.use_cheap_keys_for_tests();
    hearth.unlock(SAM, SAMS).unwrap();
    walk(&mut hearth, six + Duration::minutes(70));
    assert_eq!(shown.len(), 1, "nor after the unlock");
    walk(
        &mut hearth,
        six + Duration::hours(15) + Duration::minutes(1),
    );
    assert_eq!(
        shown.len(),
        2,
        "and the evening tea comes, open: {:?}",
        shown.titles()
    );
    assert_eq!(shown.last().notice.title, "Evening tea");
}
