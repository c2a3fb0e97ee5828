//! Every request that breaks a rule gets a clear error of the right kind and leaves the database exactly as it was.

use hearth_core::journal::{EntryInput, TimelineQuery};
use hearth_core::{ErrorKind, Result};
use hearth_tests::{note, private_note, Journal, ALEX, OFFSET, SAM};

fn refused<T: std::fmt::Debug>(
    db: &std::path::Path,
    before: &str,
    what: &str,
    kind: ErrorKind,
    result: Result<T>,
) {
    let err = result.expect_err(what);
    assert_eq!(err.kind(), kind, "{what}: {err}");
    let message = err.to_string();
    assert!(
        !message.is_empty() && message.len() < 300,
        "{what}: the message is short: {message}"
    );
    assert!(
        !message.contains("SQL") && !message.contains("constraint"),
        "{what}: the message is for people: {message}"
    );
    assert_eq!(hearth_tests::dump(db), before, "{what}: nothing changed");
}

fn with(f: impl FnOnce(&mut EntryInput)) -> EntryInput {
    let mut input = note("A fine body.");
    f(&mut input);
    input
}

#[test]
fn bad_entries_are_refused_and_change_nothing() {
    let mut j = Journal::new();
    let sams = j.write(SAM, "Sam's entry.");
    j.write_with(ALEX, &private_note("Alex's private entry."));
    let before = j.dump();
    let db = j.home.database();
    let c = j.clock.clone();
    use ErrorKind::*;

    let cases: Vec<(&str, ErrorKind, EntryInput)> = vec![
        ("an empty body", InvalidInput, with(|i| i.body = "".into())),
        (
            "a blank body",
            InvalidInput,
            with(|i| i.body = " \n\t ".into()),
        ),
        (
            "a body of 100,001 characters",
            InvalidInput,
            with(|i| i.body = "a".repeat(100_001)),
        ),
        (
            "a control character",
            InvalidInput,
            with(|i| i.body = "a\u{1b}[31m".into()),
        ),
        (
            "a search marker character",
            InvalidInput,
            with(|i| i.body = "a\u{E000}".into()),
        ),
        (
            "a title of 121 characters",
            InvalidInput,
            with(|i| i.title = Some("t".repeat(121))),
        ),
        (
            "a two-line title",
            InvalidInput,
            with(|i| i.title = Some("a\nb".into())),
        ),
        (
            "an unknown feeling",
            InvalidInput,
            with(|i| i.feeling = Some("furious".into())),
        ),
        (
            "a feeling in capitals",
            InvalidInput,
            with(|i| i.feeling = Some("HOPEFUL".into())),
        ),
        (
            "eleven tags",
            InvalidInput,
            with(|i| i.tags = (0..11).map(|n| format!("t{n}")).collect()),
        ),
        (
            "a tag of 31 characters",
            InvalidInput,
            with(|i| i.tags = vec!["t".repeat(31)]),
        ),
        (
            "a tag with a control character",
            InvalidInput,
            with(|i| i.tags = vec!["a\u{7}".into()]),
        ),
        (
            "an unknown prompt",
            NotFound,
            with(|i| i.prompt_id = Some("nope-99".into())),
        ),
    ];
    for (what, kind, input) in &cases {
        refused(
            &db,
            &before,
            what,
            *kind,
            j.store.create_entry(SAM, input, OFFSET, &c),
        );
        refused(
            &db,
            &before,
            &format!("editing with {what}"),
            *kind,
            j.store.edit_entry(SAM, sams.id, input, OFFSET, &c),
        );
    }
    assert!(
        j.store
            .create_entry(SAM, &with(|i| i.body = "a".repeat(100_000)), OFFSET, &c)
            .is_ok(),
        "100,000 characters fit"
    );
}

#[test]
fn bad_requests_are_refused_and_change_nothing() {
    let mut j = Journal::new();
    let sams = j.write(SAM, "Sam's entry.");
    let alex_private = j.write_with(ALEX, &private_note("Alex's private entry."));
    let trashed = j.write(ALEX, "Alex's trashed entry.");
    j.store.delete_entry(ALEX, trashed.id, &j.clock).unwrap();
    let before = j.dump();
    let db = j.home.database();
    let c = j.clock.clone();
    use ErrorKind::*;

    for offset in [-1081, 1081, i32::MIN, i32::MAX] {
        let what = format!("offset {offset}");
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.store.create_entry(SAM, &note("x"), offset, &c),
        );
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.store.reply(ALEX, sams.id, "x", offset, &c),
        );
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.store.mark_read(ALEX, sams.id, offset, &c),
        );
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.store.appreciate(SAM, "x", offset, &c),
        );
    }
    refused(
        &db,
        &before,
        "an unknown entry",
        NotFound,
        j.store.entry(SAM, 9999),
    );
    refused(
        &db,
        &before,
        "editing an unknown entry",
        NotFound,
        j.store.edit_entry(SAM, 9999, &note("x"), OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "replying to an unknown entry",
        NotFound,
        j.store.reply(SAM, 9999, "x", OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "editing someone else's entry",
        NotAllowed,
        j.store.edit_entry(ALEX, sams.id, &note("x"), OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "deleting someone else's entry",
        NotAllowed,
        j.store.delete_entry(ALEX, sams.id, &c),
    );
    refused(
        &db,
        &before,
        "replying to a private entry of the other",
        NotFound,
        j.store.reply(SAM, alex_private.id, "x", OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "replying to one's own private entry",
        InvalidInput,
        j.store.reply(ALEX, alex_private.id, "x", OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "replying to a trashed entry",
        NotFound,
        j.store.reply(SAM, trashed.id, "x", OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "replying to one's own trashed entry",
        NotFound,
        j.store.reply(ALEX, trashed.id, "x", OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "editing a trashed entry",
        NotFound,
        j.store.edit_entry(ALEX, trashed.id, &note("x"), OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "an empty reply",
        InvalidInput,
        j.store.reply(ALEX, sams.id, "  ", OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "a reply of 100,001 characters",
        InvalidInput,
        j.store
            .reply(ALEX, sams.id, &"a".repeat(100_001), OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "marking one's own entry read",
        InvalidInput,
        j.store.mark_read(SAM, sams.id, OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "restoring what isn't trashed",
        NotFound,
        j.store.restore_entry(SAM, sams.id),
    );
    refused(
        &db,
        &before,
        "an unknown partner",
        NotFound,
        j.store
            .create_entry(hearth_core::PartnerId(3), &note("x"), OFFSET, &c),
    );
    refused(
        &db,
        &before,
        "an unknown appreciation",
        NotFound,
        j.store.mark_appreciation_read(ALEX, 42, &c),
    );
    refused(
        &db,
        &before,
        "a page of 0",
        InvalidInput,
        j.store.timeline(
            SAM,
            &TimelineQuery {
                limit: Some(0),
                ..Default::default()
            },
        ),
    );
    refused(
        &db,
        &before,
        "a page of 101",
        InvalidInput,
        j.store.timeline(
            SAM,
            &TimelineQuery {
                limit: Some(101),
                ..Default::default()
            },
        ),
    );
    refused(
        &db,
        &before,
        "a forged cursor",
        InvalidInput,
        j.store.timeline(
            SAM,
            &TimelineQuery {
                cursor: Some("1 OR 1=1".into()),
                ..Default::default()
            },
        ),
    );
    refused(
        &db,
        &before,
        "an empty search",
        InvalidInput,
        j.store.search(SAM, "", 10),
    );
    refused(
        &db,
        &before,
        "an unknown prompt",
        NotFound,
        j.store.prompt("nope"),
    );
}

#[test]
fn nothing_can_be_written_before_the_couple_is_set_up() {
    let home = hearth_tests::TempHearth::new();
    let mut store = hearth_core::Store::open(home.database()).unwrap();
    let clock = hearth_tests::clock();
    let err = store
        .create_entry(SAM, &note("x"), OFFSET, &clock)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotSetUp, "{err}");
    assert_eq!(
        store
            .timeline(SAM, &TimelineQuery::default())
            .unwrap_err()
            .kind(),
        ErrorKind::NotSetUp
    );
}
