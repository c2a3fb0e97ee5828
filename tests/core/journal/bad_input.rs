//! Every request that breaks a rule gets a clear error of the right kind and leaves the database exactly as it was.

use hearth_core::journal::{EntryInput, TimelineQuery};
use hearth_core::{ErrorKind, Result};
use hearth_tests::By;
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
            j.by(SAM).journal().create_entry(input, OFFSET),
        );
        refused(
            &db,
            &before,
            &format!("editing with {what}"),
            *kind,
            j.by(SAM).journal().edit_entry(sams.id, input, OFFSET),
        );
    }
    assert!(
        j.by(SAM)
            .journal()
            .create_entry(&with(|i| i.body = "a".repeat(100_000)), OFFSET)
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
    j.by(ALEX).journal().delete_entry(trashed.id).unwrap();
    let before = j.dump();
    let db = j.home.database();
    use ErrorKind::*;

    for offset in [-1081, 1081, i32::MIN, i32::MAX] {
        let what = format!("offset {offset}");
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.by(SAM).journal().create_entry(&note("x"), offset),
        );
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.by(ALEX).journal().reply(sams.id, "x", offset),
        );
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.by(ALEX).journal().mark_read(sams.id, offset),
        );
        refused(
            &db,
            &before,
            &what,
            InvalidInput,
            j.by(SAM).journal().appreciate("x", offset),
        );
    }
    refused(
        &db,
        &before,
        "an unknown entry",
        NotFound,
        j.by(SAM).journal().entry(9999),
    );
    refused(
        &db,
        &before,
        "editing an unknown entry",
        NotFound,
        j.by(SAM).journal().edit_entry(9999, &note("x"), OFFSET),
    );
    refused(
        &db,
        &before,
        "replying to an unknown entry",
        NotFound,
        j.by(SAM).journal().reply(9999, "x", OFFSET),
    );
    refused(
        &db,
        &before,
        "editing someone else's entry",
        NotAllowed,
        j.by(ALEX).journal().edit_entry(sams.id, &note("x"), OFFSET),
    );
    refused(
        &db,
        &before,
        "deleting someone else's entry",
        NotAllowed,
        j.by(ALEX).journal().delete_entry(sams.id),
    );
    refused(
        &db,
        &before,
        "replying to a private entry of the other",
        NotFound,
        j.by(SAM).journal().reply(alex_private.id, "x", OFFSET),
    );
    refused(
        &db,
        &before,
        "replying to one's own private entry",
        InvalidInput,
        j.by(ALEX).journal().reply(alex_private.id, "x", OFFSET),
    );
    refused(
        &db,
        &before,
        "replying to a trashed entry",
        NotFound,
        j.by(SAM).journal().reply(trashed.id, "x", OFFSET),
    );
    refused(
        &db,
        &before,
        "replying to one's own trashed entry",
        NotFound,
        j.by(ALEX).journal().reply(trashed.id, "x", OFFSET),
    );
    refused(
        &db,
        &before,
        "editing a trashed entry",
        NotFound,
        j.by(ALEX)
            .journal()
            .edit_entry(trashed.id, &note("x"), OFFSET),
    );
    refused(
        &db,
        &before,
        "an empty reply",
        InvalidInput,
        j.by(ALEX).journal().reply(sams.id, "  ", OFFSET),
    );
    refused(
        &db,
        &before,
        "a reply of 100,001 characters",
        InvalidInput,
        j.by(ALEX)
            .journal()
            .reply(sams.id, &"a".repeat(100_001), OFFSET),
    );
    refused(
        &db,
        &before,
        "marking one's own entry read",
        InvalidInput,
        j.by(SAM).journal().mark_read(sams.id, OFFSET),
    );
    refused(
        &db,
        &before,
        "restoring what isn't trashed",
        NotFound,
        j.by(SAM).journal().restore_entry(sams.id),
    );
    refused(
        &db,
        &before,
        "an unknown partner",
        NotFound,
        // Through the door a partner writes only as the writer, and no one
        // outside the couple can become it.
        j.hearth.set_writer(hearth_core::PartnerId(3)),
    );
    refused(
        &db,
        &before,
        "an unknown appreciation",
        NotFound,
        j.by(ALEX).journal().mark_appreciation_read(42),
    );
    refused(
        &db,
        &before,
        "a page of 0",
        InvalidInput,
        j.by(SAM).journal().timeline(&TimelineQuery {
            limit: Some(0),
            ..Default::default()
        }),
    );
    refused(
        &db,
        &before,
        "a page of 101",
        InvalidInput,
        j.by(SAM).journal().timeline(&TimelineQuery {
            limit: Some(101),
            ..Default::default()
        }),
    );
    refused(
        &db,
        &before,
        "a forged cursor",
        InvalidInput,
        j.by(SAM).journal().timeline(&TimelineQuery {
            cursor: Some("1 OR 1=1".into()),
            ..Default::default()
        }),
    );
    refused(
        &db,
        &before,
        "an empty search",
        InvalidInput,
        j.by(SAM).journal().search("", 10),
    );
    refused(
        &db,
        &before,
        "an unknown prompt",
        NotFound,
        j.hearth.prompt_for_tests("nope"),
    );
}

#[test]
fn nothing_can_be_written_before_the_couple_is_set_up() {
    let home = hearth_tests::TempHearth::new();
    let mut hearth = home.open();
    let err = hearth
        .journal()
        .create_entry(&note("x"), OFFSET)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotSetUp, "{err}");
    assert_eq!(
        hearth
            .journal()
            .timeline(&TimelineQuery::default())
            .unwrap_err()
            .kind(),
        ErrorKind::NotSetUp
    );
}
