//! Private means sealed to its author: with a passphrase, a partner's private entries, drafts, unrevealed answers and unshared check-ins are in no file in the clear, and nobody else reads them through any command, search or export.

use hearth_tests::Exchange;
use std::path::Path;

use chrono::NaiveDate;
use hearth_core::checkins::CheckinInput;
use hearth_core::exchange::ExportOptions;
use hearth_core::journal::{EntryInput, TimelineQuery, Visibility};
use hearth_core::{ErrorKind, Hearth};
use hearth_tests::{clock, input, TempHearth, ALEX, OFFSET, SAM};

const SAMS: &str = "the lighthouse at dawn";
const ALL: ExportOptions = ExportOptions {
    include_private: true,
};

fn couple(home: &TempHearth) -> Hearth {
    let mut hearth = Hearth::open(home.path(), Box::new(clock()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// An entries row's id and stored words, as another SQLite tool reads them.
type EntryRow = (i64, Option<String>, String, Option<Vec<u8>>);

/// The canary words one partner writes into every private place.
struct Canaries {
    title: String,
    body: String,
    tag: String,
    draft: String,
    answer: String,
    checkin: String,
}

impl Canaries {
    fn new(who: &str) -> Canaries {
        let word = |what: &str| format!("{who}{what}canary");
        Canaries {
            title: word("title"),
            body: word("body"),
            tag: word("tag"),
            draft: word("draft"),
            answer: word("answer"),
            checkin: word("checkin"),
        }
    }

    fn all(&self) -> [&str; 6] {
        [
            &self.title,
            &self.body,
            &self.tag,
            &self.draft,
            &self.answer,
            &self.checkin,
        ]
    }
}

/// The writer writes each canary: a private entry (title, body, tag), a
/// draft, an answer to the prompt of `answer_day` (the other hasn't
/// answered it) and a check-in for the week of `answer_day` (the other
/// hasn't shared it). Returns the entry's id.
fn write_canaries(hearth: &mut Hearth, c: &Canaries, answer_day: NaiveDate) -> i64 {
    let entry = hearth
        .journal()
        .create_entry(
            &EntryInput {
                title: Some(c.title.clone()),
                body: format!("Only for me: {}.", c.body),
                tags: vec![c.tag.clone()],
                visibility: Visibility::Private,
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    hearth
        .journal()
        .save_draft("new", &serde_json::json!({ "body": c.draft }))
        .unwrap();
    hearth.journal().prompt_of_the_day(answer_day).unwrap();
    hearth
        .journal()
        .answer_prompt(
            answer_day,
            &EntryInput {
                body: c.answer.clone(),
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    hearth
        .checkins()
        .submit(answer_day, &checkin(&c.checkin), OFFSET)
        .unwrap();
    entry.id
}

fn checkin(words: &str) -> CheckinInput {
    CheckinInput {
        trust: 6,
        safety: 7,
        closeness: 5,
        communication: 6,
        went_well: Some(format!("{words} went well")),
        was_hard: Some(format!("{words} was hard")),
        need_from_you: Some(format!("{words} is what I need")),
    }
}

/// A value as the page gets it.
macro_rules! j {
    ($v:expr) => {
        serde_json::to_string($v).unwrap()
    };
}

/// Everything the writer can get from Hearth as text: timeline, trash,
/// search for each word, the prompts and check-ins, and both exports.
fn everything_shown(hearth: &mut Hearth, words: &[&str], days: &[NaiveDate]) -> String {
    let mut shown = String::new();
    let mut add = |v: String| shown.push_str(&v);
    add(j!(&hearth
        .journal()
        .timeline(&TimelineQuery::default())
        .unwrap()));
    add(j!(&hearth.journal().trash().unwrap()));
    for word in words {
        add(j!(&hearth.journal().search(word, 50).unwrap()));
    }
    for &d in days {
        add(j!(&hearth.journal().prompt_of_the_day(d).unwrap()));
        add(j!(&hearth.checkins().week(d).unwrap()));
        add(j!(&hearth.journal().draft("new").unwrap()));
    }
    add(j!(&hearth.checkins().history(50).unwrap()));
    add(j!(&hearth.checkins().trend().unwrap()));
    add(hearth.memory_book(&ALL).unwrap());
    add(j!(&hearth.export_file(&ALL).unwrap()));
    shown
}

/// Where each word is found among every byte of every file under `dir`
/// (database, WAL, shared memory, snapshots), in UTF-8 and UTF-16LE/BE.
fn found_in_files(dir: &Path, word: &str) -> Vec<String> {
    let mut found = vec![];
    let forms: Vec<(&str, Vec<u8>)> = vec![
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
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for (form, needle) in &forms {
            if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                found.push(format!("{} ({form})", path.display()));
            }
        }
    }
    found
}

#[test]
fn without_a_partners_passphrase_nothing_reveals_their_private_words_whoever_is_writing() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    let sams = Canaries::new("sam");
    let id = write_canaries(&mut hearth, &sams, day(20));

    hearth.set_writer(ALEX).unwrap();
    let shown = everything_shown(&mut hearth, &sams.all(), &[day(20)]);
    for word in sams.all() {
        assert!(
            !shown.contains(word),
            "without a partner's passphrase, no command, search or export reveals their private \
             text, unrevealed answer or unshared check-in, whoever is writing: Alex saw {word}"
        );
    }
    assert_eq!(
        hearth.journal().entry(id).unwrap_err().kind(),
        ErrorKind::NotFound,
        "Sam's private entry doesn't exist for Alex"
    );

    // Sam writing but locked: every command refuses; nothing is shown.
    hearth.unlock(SAM, SAMS).unwrap();
    hearth.lock().unwrap();
    for err in [
        hearth
            .journal()
            .timeline(&TimelineQuery::default())
            .unwrap_err(),
        hearth.journal().search(&sams.body, 10).unwrap_err(),
        hearth.journal().entry(id).unwrap_err(),
        hearth.checkins().week(day(20)).unwrap_err(),
        hearth.memory_book(&ALL).unwrap_err(),
    ] {
        assert_eq!(
            err.kind(),
            ErrorKind::NotAllowed,
            "a locked writer is refused, not shown their sealed pages"
        );
    }
}

#[test]
fn the_unlocked_author_reads_every_sealed_word_back_and_can_change_it() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    let sams = Canaries::new("sam");
    let id = write_canaries(&mut hearth, &sams, day(20));
    let shown = everything_shown(&mut hearth, &[], &[day(20)]);
    for word in sams.all() {
        assert!(
            shown.contains(word),
            "the unlocked author reads their own sealed words back ({word})"
        );
    }
    let entry = hearth.journal().entry(id).unwrap();
    assert_eq!(entry.title.as_deref(), Some(sams.title.as_str()));
    assert_eq!(
        entry.tags,
        vec![sams.tag.clone()],
        "tags are sealed and come back"
    );
    assert!(!entry.sealed, "the author's own entry opens");

    let edited = hearth
        .journal()
        .edit_entry(
            id,
            &EntryInput {
                title: Some("A new title".into()),
                body: "changed words".into(),
                tags: vec!["still".into()],
                visibility: Visibility::Private,
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    assert_eq!(
        edited.body, "changed words",
        "an edit of a sealed entry is kept"
    );
    assert_eq!(edited.tags, vec!["still".to_string()]);
    drop(hearth);
    assert!(
        found_in_files(home.path(), "changed words").is_empty(),
        "an edited private entry stays sealed in the file"
    );
}

#[test]
fn a_canary_scan_finds_no_sealed_word_in_any_file_but_finds_the_plain_ones() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    let sams = Canaries::new("sam");
    write_canaries(&mut hearth, &sams, day(9));
    // Alex has no passphrase: the same kinds of words, written plain.
    hearth.set_writer(ALEX).unwrap();
    let alexs = Canaries::new("alex");
    write_canaries(&mut hearth, &alexs, day(16));
    hearth.backups().take_snapshot().unwrap();

    let scan = |moment: &str| {
        for word in sams.all() {
            let found = found_in_files(home.path(), word);
            assert!(
                found.is_empty(),
                "{moment}: a sealed word of a partner with a passphrase is in no file under the \
                 data folder, in UTF-8 or UTF-16: {word} in {found:?}"
            );
        }
        for word in alexs.all() {
            assert!(
                !found_in_files(home.path(), word).is_empty(),
                "{moment}: the same words of a partner without a passphrase are plain in the file \
                 ({word}), so the scan can find what it looks for"
            );
        }
    };
    scan("while open, with the WAL");
    drop(hearth);
    scan("after closing");
}

#[test]
fn setting_a_passphrase_seals_what_was_written_before_and_removing_it_opens_it() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    let sams = Canaries::new("sam");
    let id = write_canaries(&mut hearth, &sams, day(20));
    assert!(
        !found_in_files(home.path(), &sams.body).is_empty(),
        "before a passphrase, private words are plain in the file"
    );

    hearth.set_passphrase(SAMS, SAMS).unwrap();
    for word in sams.all() {
        let found = found_in_files(home.path(), word);
        assert!(
            found.is_empty(),
            "setting a passphrase seals the private words already written, and leaves no plain \
             copy in the file, its WAL or the search index: {word} in {found:?}"
        );
    }
    let entries = |home: &TempHearth| {
        let conn = rusqlite::Connection::open(home.database()).unwrap();
        let mut stmt = conn
            .prepare("SELECT id, title, body, sealed FROM entries ORDER BY id")
            .unwrap();
        let rows: Vec<EntryRow> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    };
    let sealed = entries(&home);
    hearth
        .change_passphrase(SAMS, "a new long passphrase", "a new long passphrase")
        .unwrap();
    assert_eq!(
        entries(&home),
        sealed,
        "changing the passphrase rewraps the key and leaves every sealed row as it was"
    );
    assert_eq!(
        hearth.journal().entry(id).unwrap().body,
        format!("Only for me: {}.", sams.body)
    );

    hearth.remove_passphrase("a new long passphrase").unwrap();
    assert_eq!(
        hearth.journal().entry(id).unwrap().title.as_deref(),
        Some(sams.title.as_str()),
        "removing the passphrase opens the private words again"
    );
    assert!(
        !found_in_files(home.path(), &sams.body).is_empty(),
        "without a passphrase, private pages are plain again: protected only once one is set"
    );
    assert_eq!(
        hearth.journal().search(&sams.body, 10).unwrap().len(),
        1,
        "opened again, a private entry is back in the search index for its author"
    );
}

#[test]
fn answers_both_have_written_open_for_both_the_next_time_the_first_author_unlocks() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    let sams = Canaries::new("sam");
    write_canaries(&mut hearth, &sams, day(20));

    hearth.set_writer(ALEX).unwrap();
    hearth.journal().prompt_of_the_day(day(20)).unwrap();
    let daily = hearth
        .journal()
        .answer_prompt(day(20), &hearth_tests::note("alex answers too"), OFFSET)
        .unwrap();
    let theirs = daily
        .partner_answer
        .expect("both answered: Sam's answer is there");
    assert!(
        theirs.sealed && theirs.body.is_empty(),
        "until Sam unlocks, Alex is told Sam's answer is there, sealed, without its words"
    );
    hearth
        .checkins()
        .submit(day(20), &checkin("alex"), OFFSET)
        .unwrap();
    let week = hearth.checkins().week(day(20)).unwrap();
    let sams_checkin = week.partner.expect("both shared: Sam's check-in is there");
    assert!(
        sams_checkin.sealed && sams_checkin.went_well.is_none(),
        "Sam's written check-in answers wait, sealed, for Sam to unlock"
    );
    assert_eq!(
        sams_checkin.ratings.trust, 6,
        "the ratings are shared at once"
    );
    let shown = everything_shown(&mut hearth, &[], &[day(20)]);
    assert!(!shown.contains(&sams.answer) && !shown.contains(&sams.checkin));

    hearth.unlock(SAM, SAMS).unwrap();
    hearth.set_writer(ALEX).unwrap();
    let daily = hearth.journal().prompt_of_the_day(day(20)).unwrap();
    let theirs = daily.partner_answer.unwrap();
    assert_eq!(
        (theirs.sealed, theirs.body.as_str()),
        (false, sams.answer.as_str()),
        "once Sam has unlocked, the answer both have written is readable to both"
    );
    let week = hearth.checkins().week(day(20)).unwrap();
    assert_eq!(
        week.partner.unwrap().went_well,
        Some(format!("{} went well", sams.checkin)),
        "and so is Sam's check-in"
    );
    assert!(
        found_in_files(home.path(), &sams.body).is_empty(),
        "Sam's private entry stays sealed through the reveal"
    );
}

#[test]
fn a_partner_without_a_passphrase_writes_plain_as_before_and_a_locked_one_cannot_write_plain() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    let entry = hearth
        .journal()
        .create_entry(&hearth_tests::private_note("plainprivatecanary"), OFFSET)
        .unwrap();
    assert!(!entry.sealed);
    assert_eq!(
        hearth
            .journal()
            .search("plainprivatecanary", 5)
            .unwrap()
            .len(),
        1,
        "without a passphrase, a private entry is searched as before"
    );
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    hearth.lock().unwrap();
    assert_eq!(hearth.state().unwrap().writer_id, Some(SAM));
    let refused = hearth
        .journal()
        .create_entry(&hearth_tests::private_note("x"), OFFSET)
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::NotAllowed);
    // Straight to the store without the door's key: refused too (a unit
    // test of the core's, `store_rules.rs`, since nothing here reaches it).
}

#[test]
fn the_unlocked_partner_finds_their_own_sealed_entries_through_an_index_in_memory_only() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    let private = hearth
        .journal()
        .create_entry(
            &hearth_tests::private_note("a lanternfish at the harbour"),
            OFFSET,
        )
        .unwrap();
    let shared = hearth
        .journal()
        .create_entry(&hearth_tests::note("lanterns on the harbour wall"), OFFSET)
        .unwrap();
    let ids = |hits: Vec<hearth_core::journal::SearchHit>| -> Vec<i64> {
        hits.into_iter().map(|h| h.entry.id).collect()
    };
    let found = ids(hearth.journal().search("harbour lantern", 20).unwrap());
    assert_eq!(
        found,
        vec![private.id, shared.id],
        "the unlocked partner's sealed entry is found beside the shared one, its own first"
    );
    let hit = &hearth.journal().search("lanternfish", 5).unwrap()[0];
    assert!(
        hit.snippet.iter().any(|s| s.hit && s.text == "lanternfish"),
        "a sealed hit has a snippet like any other: {:?}",
        hit.snippet
    );
    let conn = rusqlite::Connection::open(home.database()).unwrap();
    let in_fts: i64 = conn
        .query_row(
            "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'lanternfish'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        in_fts, 0,
        "sealed words never go into the FTS5 index in the file"
    );
    drop(conn);

    hearth
        .journal()
        .edit_entry(
            private.id,
            &EntryInput {
                body: "a seahorse at the harbour".into(),
                visibility: Visibility::Private,
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    assert_eq!(
        ids(hearth.journal().search("seahorse", 5).unwrap()),
        vec![private.id],
        "a sealed entry's new words are found after an edit"
    );
    assert!(hearth
        .journal()
        .search("lanternfish", 5)
        .unwrap()
        .is_empty());

    hearth.set_writer(ALEX).unwrap();
    assert!(
        hearth.journal().search("seahorse", 5).unwrap().is_empty(),
        "the other partner's search never finds a sealed entry"
    );
    hearth.unlock(SAM, SAMS).unwrap();
    assert_eq!(
        ids(hearth.journal().search("seahorse", 5).unwrap()),
        vec![private.id],
        "built again at unlock"
    );
    hearth.lock().unwrap();
    assert_eq!(
        hearth.journal().search("seahorse", 5).unwrap_err().kind(),
        ErrorKind::NotAllowed,
        "locked, search refuses; the index went with the key"
    );
}
