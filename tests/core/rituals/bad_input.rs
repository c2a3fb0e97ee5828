//! Bad ritual, outcome, check-in and commitment requests get a clear error of the right kind and save nothing.

use hearth_core::checkins::CheckinInput;
use hearth_core::commitments::CommitmentInput;
use hearth_core::rituals::RitualInput;
use hearth_core::schedule::Schedule;
use hearth_core::{ErrorKind, PartnerId, Result};
use hearth_tests::rituals::{d, ritual, with, BERLIN};
use hearth_tests::By;
use hearth_tests::{Journal, OFFSET, SAM};

fn refused<T: std::fmt::Debug>(
    db: &std::path::Path,
    before: &str,
    what: &str,
    kind: ErrorKind,
    result: Result<T>,
) -> String {
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
    assert_eq!(hearth_tests::dump(db), before, "{what}: nothing was saved");
    message
}

fn base() -> RitualInput {
    ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 22))
}

#[test]
fn bad_rituals_are_refused_and_change_nothing() {
    let mut j = Journal::new();
    let existing = j.by(SAM).rituals().create(&base()).unwrap();
    let before = j.dump();
    let db = j.home.database();
    use ErrorKind::*;
    let cases: Vec<(&str, ErrorKind, RitualInput, &str)> = vec![
        (
            "an interval of zero weeks",
            InvalidInput,
            with(base(), |i| {
                i.schedule = "FREQ=WEEKLY;INTERVAL=0;BYDAY=MO".into()
            }),
            "1 week or more",
        ),
        (
            "a negative interval",
            InvalidInput,
            with(base(), |i| {
                i.schedule = "FREQ=WEEKLY;INTERVAL=-2;BYDAY=MO".into()
            }),
            "1 week or more",
        ),
        (
            "every zero days",
            InvalidInput,
            with(base(), |i| i.schedule = "FREQ=DAILY;INTERVAL=0".into()),
            "1 day or more",
        ),
        (
            "every 13 months",
            InvalidInput,
            with(base(), |i| {
                i.schedule = "FREQ=MONTHLY;INTERVAL=13;BYMONTHDAY=1".into()
            }),
            "from 1 to 12 months",
        ),
        (
            "a yearly 30 February",
            InvalidInput,
            with(base(), |i| {
                i.schedule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30".into()
            }),
            "February has no day 30",
        ),
        (
            "a bare yearly 29 February, which calendars skip three years in four",
            InvalidInput,
            with(base(), |i| {
                i.schedule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29".into()
            }),
            "28 February",
        ),
        (
            "every 2 years",
            InvalidInput,
            with(base(), |i| {
                i.schedule = "FREQ=YEARLY;INTERVAL=2;BYMONTH=6;BYMONTHDAY=21".into()
            }),
            "not every 2 years",
        ),
        (
            "a bare 31st, which calendars skip in short months",
            InvalidInput,
            with(base(), |i| i.schedule = "FREQ=MONTHLY;BYMONTHDAY=31".into()),
            "last day",
        ),
        (
            "day 32",
            InvalidInput,
            with(base(), |i| i.schedule = "FREQ=MONTHLY;BYMONTHDAY=32".into()),
            "32",
        ),
        (
            "a weekly rule without days",
            InvalidInput,
            with(base(), |i| i.schedule = "FREQ=WEEKLY".into()),
            "days",
        ),
        (
            "an end before the start",
            InvalidInput,
            with(base(), |i| i.end_date = Some(d(2026, 11, 21))),
            "before it starts",
        ),
        (
            "an unknown zone",
            InvalidInput,
            with(base(), |i| i.zone = "Mars/Olympus_Mons".into()),
            "Mars/Olympus_Mons",
        ),
        (
            "an empty zone",
            InvalidInput,
            with(base(), |i| i.zone = " ".into()),
            "time zone",
        ),
        (
            "25:61",
            InvalidInput,
            with(base(), |i| i.time = "25:61".into()),
            "25:61",
        ),
        (
            "24:00",
            InvalidInput,
            with(base(), |i| i.time = "24:00".into()),
            "07:30",
        ),
        (
            "a time without minutes",
            InvalidInput,
            with(base(), |i| i.time = "7".into()),
            "07:30",
        ),
        (
            "zero minutes long",
            InvalidInput,
            with(base(), |i| i.duration_minutes = 0),
            "600",
        ),
        (
            "negative minutes",
            InvalidInput,
            with(base(), |i| i.duration_minutes = -5),
            "600",
        ),
        (
            "601 minutes",
            InvalidInput,
            with(base(), |i| i.duration_minutes = 601),
            "600",
        ),
        (
            "a lead of -1 minutes",
            InvalidInput,
            with(base(), |i| i.reminder_lead_minutes = -1),
            "1440",
        ),
        (
            "a lead over a day",
            InvalidInput,
            with(base(), |i| i.reminder_lead_minutes = 1441),
            "1440",
        ),
        (
            "an empty name",
            InvalidInput,
            with(base(), |i| i.title = "  ".into()),
            "empty",
        ),
        (
            "a name of 81 characters",
            InvalidInput,
            with(base(), |i| i.title = "a".repeat(81)),
            "80",
        ),
        (
            "a why of 281 characters",
            InvalidInput,
            with(base(), |i| i.intention = Some("w".repeat(281))),
            "280",
        ),
        (
            "a third partner",
            NotFound,
            with(base(), |i| i.for_partner = Some(PartnerId(3))),
            "partner",
        ),
    ];
    for (what, kind, input, says) in &cases {
        let message = refused(&db, &before, what, *kind, j.by(SAM).rituals().create(input));
        assert!(
            message.contains(says),
            "{what}: the message says what is wrong: {message}"
        );
        let message = refused(
            &db,
            &before,
            what,
            *kind,
            j.by(SAM).rituals().update(existing.id, input),
        );
        assert!(message.contains(says), "{what} (changing): {message}");
    }
    refused(
        &db,
        &before,
        "changing an unknown ritual",
        NotFound,
        j.by(SAM).rituals().update(999, &base()),
    );
    refused(
        &db,
        &before,
        "pausing an unknown ritual",
        NotFound,
        j.by(SAM).rituals().set_active(999, false),
    );
    refused(
        &db,
        &before,
        "deleting an unknown ritual",
        NotFound,
        j.by(SAM).rituals().archive(999),
    );
    refused(
        &db,
        &before,
        "an unknown idea",
        NotFound,
        j.by(SAM)
            .rituals()
            .create_from_template("nope", BERLIN, d(2026, 11, 22)),
    );
    refused(
        &db,
        &before,
        "an idea in an unknown zone",
        InvalidInput,
        j.by(SAM)
            .rituals()
            .create_from_template("morning-coffee", "Nowhere", d(2026, 11, 22)),
    );
    refused(
        &db,
        &before,
        "an agenda of 0 days",
        InvalidInput,
        j.hearth.rituals().agenda(d(2026, 11, 22), 0, BERLIN),
    );
    refused(
        &db,
        &before,
        "an agenda of 32 days",
        InvalidInput,
        j.hearth.rituals().agenda(d(2026, 11, 22), 32, BERLIN),
    );
    refused(
        &db,
        &before,
        "a history ending before it starts",
        InvalidInput,
        j.hearth
            .rituals()
            .history(existing.id, d(2026, 11, 22), d(2026, 11, 1)),
    );
}

#[test]
fn the_31st_means_the_last_day_of_shorter_months() {
    let mut j = Journal::new();
    assert_eq!(
        Schedule::monthly_on_day(31).unwrap().to_rrule(),
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "day 31 is written as the last day"
    );
    let r = j
        .by(SAM)
        .rituals()
        .create(&ritual(
            "Look back",
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "20:00",
            d(2026, 4, 1),
        ))
        .unwrap();
    let dates: Vec<_> = j
        .hearth
        .rituals()
        .history(r.id, d(2026, 4, 1), d(2026, 7, 31))
        .unwrap()
        .into_iter()
        .map(|o| o.date)
        .collect();
    assert_eq!(
        dates,
        [
            d(2026, 4, 30),
            d(2026, 5, 31),
            d(2026, 6, 30),
            d(2026, 7, 31)
        ],
        "in a 30-day month the 31st falls on the 30th, as the schedule engine's policy says"
    );
    assert_eq!(r.description, "On the last day of each month at 20:00");
}

#[test]
fn bad_outcomes_are_refused_and_change_nothing() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create(&ritual(
            "Date",
            "FREQ=WEEKLY;BYDAY=MO",
            "19:00",
            d(2026, 11, 2),
        ))
        .unwrap();
    j.by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 9), None, None, OFFSET)
        .unwrap();
    let before = j.dump();
    let db = j.home.database();
    use ErrorKind::*;
    refused(
        &db,
        &before,
        "a day it doesn't fall on",
        InvalidInput,
        j.by(SAM)
            .rituals()
            .mark_done(r.id, d(2026, 11, 10), None, None, OFFSET),
    );
    refused(
        &db,
        &before,
        "a skip on a day it doesn't fall on",
        InvalidInput,
        j.by(SAM).rituals().skip(r.id, d(2026, 11, 11), None),
    );
    refused(
        &db,
        &before,
        "done ahead of time",
        InvalidInput,
        j.by(SAM)
            .rituals()
            .mark_done(r.id, d(2026, 11, 23), None, None, OFFSET),
    );
    refused(
        &db,
        &before,
        "an unknown ritual",
        NotFound,
        j.by(SAM)
            .rituals()
            .mark_done(42, d(2026, 11, 9), None, None, OFFSET),
    );
    refused(
        &db,
        &before,
        "an unknown partner",
        NotFound,
        // Through the door, a partner acts only as the writer, and no one
        // outside the couple can become it.
        j.hearth.set_writer(PartnerId(7)),
    );
    refused(
        &db,
        &before,
        "a note of 2,001 characters",
        InvalidInput,
        j.by(SAM)
            .rituals()
            .mark_done(r.id, d(2026, 11, 16), Some(&"n".repeat(2001)), None, OFFSET),
    );
    refused(
        &db,
        &before,
        "undoing nothing",
        NotFound,
        j.by(SAM).rituals().undo_outcome(r.id, d(2026, 11, 16)),
    );
    refused(
        &db,
        &before,
        "a note to the journal without a note",
        InvalidInput,
        j.by(SAM)
            .note_to_journal_for_tests(r.id, d(2026, 11, 9), Default::default(), OFFSET),
    );
}

fn ratings(trust: i64, safety: i64, closeness: i64, communication: i64) -> CheckinInput {
    CheckinInput {
        trust,
        safety,
        closeness,
        communication,
        ..Default::default()
    }
}

#[test]
fn bad_check_ins_and_commitments_are_refused_and_change_nothing() {
    let mut j = Journal::new();
    let before = j.dump();
    let db = j.home.database();
    use ErrorKind::*;
    for (what, input) in [
        ("trust 0", ratings(0, 5, 5, 5)),
        ("feeling safe 11", ratings(5, 11, 5, 5)),
        ("closeness -3", ratings(5, 5, -3, 5)),
        ("communication 100", ratings(5, 5, 5, 100)),
        (
            "an answer of 5,001 characters",
            CheckinInput {
                went_well: Some("a".repeat(5001)),
                ..ratings(5, 5, 5, 5)
            },
        ),
    ] {
        refused(
            &db,
            &before,
            what,
            InvalidInput,
            j.by(SAM).checkins().submit(d(2026, 11, 22), &input, OFFSET),
        );
    }
    refused(
        &db,
        &before,
        "a check-in by a third partner",
        NotFound,
        j.hearth.set_writer(PartnerId(3)),
    );

    let good = CommitmentInput {
        title: "Text when I leave work".into(),
        details: None,
        owner: Some(SAM),
        cadence: None,
        start_date: d(2026, 11, 16),
        zone: BERLIN.into(),
        review_on: None,
    };
    let bad: Vec<(&str, ErrorKind, CommitmentInput)> = vec![
        (
            "an empty promise",
            InvalidInput,
            CommitmentInput {
                title: " ".into(),
                ..good.clone()
            },
        ),
        (
            "a review before the start",
            InvalidInput,
            CommitmentInput {
                review_on: Some(d(2026, 11, 1)),
                ..good.clone()
            },
        ),
        (
            "a cadence of zero weeks",
            InvalidInput,
            CommitmentInput {
                cadence: Some("FREQ=WEEKLY;INTERVAL=0;BYDAY=MO".into()),
                ..good.clone()
            },
        ),
        (
            "an unknown zone",
            InvalidInput,
            CommitmentInput {
                zone: "Atlantis/Capital".into(),
                ..good.clone()
            },
        ),
        (
            "a third owner",
            NotFound,
            CommitmentInput {
                owner: Some(PartnerId(3)),
                ..good.clone()
            },
        ),
    ];
    for (what, kind, input) in &bad {
        refused(
            &db,
            &before,
            what,
            *kind,
            j.by(SAM).commitments().create(input),
        );
    }
    refused(
        &db,
        &before,
        "checking off an unknown commitment",
        NotFound,
        j.by(SAM).commitments().check_off(5, d(2026, 11, 20), None),
    );
}
