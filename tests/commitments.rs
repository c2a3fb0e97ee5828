//! Commitments and agreements: owners, cadence, check-offs, follow-through, ending, and review dates for reminders.

use hearth_core::commitments::CommitmentInput;
use hearth_core::rituals::ReminderKind;
use hearth_core::ErrorKind;
use hearth_tests::rituals::{d, utc, BERLIN};
use hearth_tests::{Journal, ALEX, SAM};

// The fixed clock: Sunday 22 November 2026 in Berlin.

fn promise() -> CommitmentInput {
    CommitmentInput {
        title: "Text when I leave work".into(),
        details: None,
        owner: Some(SAM),
        cadence: Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".into()),
        start_date: d(2026, 11, 16),
        zone: BERLIN.into(),
        review_on: Some(d(2026, 12, 14)),
    }
}

#[test]
fn a_promise_with_a_cadence_shows_its_follow_through() {
    let mut j = Journal::new();
    let c = j
        .store
        .create_commitment(SAM, &promise(), &j.clock)
        .unwrap();
    assert_eq!(c.owner, Some(SAM));
    assert_eq!(
        c.cadence_description.as_deref(),
        Some("Every weekday, Monday to Friday")
    );
    for day in [16, 17, 19] {
        j.store
            .check_off_commitment(SAM, c.id, d(2026, 11, day), None, &j.clock)
            .unwrap();
    }
    let c = j
        .store
        .check_off_commitment(
            ALEX,
            c.id,
            d(2026, 11, 19),
            Some("Got it, thank you"),
            &j.clock,
        )
        .unwrap();
    assert_eq!(c.checks.len(), 4, "each check-off keeps who made it");
    assert_eq!(
        c.follow_through.checked, 3,
        "a day counts once, whoever checked it"
    );
    assert_eq!(
        c.follow_through.due,
        Some(5),
        "Monday to Friday have passed"
    );
    assert!((c.follow_through.share.unwrap() - 0.6).abs() < 1e-9);

    let saturday = j
        .store
        .check_off_commitment(SAM, c.id, d(2026, 11, 21), None, &j.clock);
    assert_eq!(
        saturday.unwrap_err().kind(),
        ErrorKind::InvalidInput,
        "not a day of its cadence"
    );
    let ahead = j
        .store
        .check_off_commitment(SAM, c.id, d(2026, 11, 23), None, &j.clock);
    assert_eq!(
        ahead.unwrap_err().kind(),
        ErrorKind::InvalidInput,
        "not ahead of time"
    );

    let c = j
        .store
        .undo_check_off(ALEX, c.id, d(2026, 11, 19), &j.clock)
        .unwrap();
    assert_eq!(
        (c.checks.len(), c.follow_through.checked),
        (3, 3),
        "undo takes back one check-off"
    );
    let none = j
        .store
        .undo_check_off(ALEX, c.id, d(2026, 11, 19), &j.clock)
        .unwrap_err();
    assert_eq!(none.kind(), ErrorKind::NotFound);
}

#[test]
fn a_commitment_can_keep_every_few_days_months_or_once_a_year() {
    let mut j = Journal::new();
    let every_3 = CommitmentInput {
        title: "A long walk together".into(),
        cadence: Some("FREQ=DAILY;INTERVAL=3".into()),
        start_date: d(2026, 11, 10),
        review_on: None,
        ..promise()
    };
    let c = j.store.create_commitment(SAM, &every_3, &j.clock).unwrap();
    assert_eq!(c.cadence_description.as_deref(), Some("Every 3 days"));
    for day in [13, 19] {
        j.store
            .check_off_commitment(SAM, c.id, d(2026, 11, day), None, &j.clock)
            .unwrap();
    }
    let c = j.store.commitment(c.id, &j.clock).unwrap();
    assert_eq!(
        (c.follow_through.checked, c.follow_through.due),
        (2, Some(4)),
        "every 3 days from 10 November: the 10th, 13th, 16th and 19th have passed; today, the 22nd, counts once checked"
    );
    let off_day = j
        .store
        .check_off_commitment(SAM, c.id, d(2026, 11, 14), None, &j.clock)
        .unwrap_err();
    assert!(
        off_day.to_string().contains("(every 3 days)"),
        "a day between is refused, saying the rhythm: {off_day}"
    );

    let anniversary = CommitmentInput {
        title: "Plan our anniversary together".into(),
        cadence: Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1".into()),
        start_date: d(2024, 1, 1),
        review_on: None,
        ..promise()
    };
    let c = j
        .store
        .create_commitment(SAM, &anniversary, &j.clock)
        .unwrap();
    assert_eq!(
        c.cadence_description.as_deref(),
        Some("Every year on 29 February (28 February when there is none)")
    );
    let c = j
        .store
        .check_off_commitment(ALEX, c.id, d(2025, 2, 28), None, &j.clock)
        .unwrap();
    assert_eq!(
        (c.follow_through.checked, c.follow_through.due),
        (1, Some(3)),
        "29 February 2024, then 28 February in 2025 and 2026"
    );
    let wrong = j
        .store
        .check_off_commitment(ALEX, c.id, d(2025, 3, 1), None, &j.clock)
        .unwrap_err();
    assert!(
        wrong.to_string().contains("every year on 29 February"),
        "names of months keep their capitals in the middle of a sentence: {wrong}"
    );

    let quarterly = CommitmentInput {
        title: "Review our budget together".into(),
        cadence: Some("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1".into()),
        start_date: d(2026, 1, 1),
        review_on: None,
        ..promise()
    };
    let c = j
        .store
        .create_commitment(SAM, &quarterly, &j.clock)
        .unwrap();
    assert_eq!(
        c.cadence_description.as_deref(),
        Some("Every 3 months on the last day")
    );
    assert_eq!(
        c.follow_through.due,
        Some(4),
        "31 January, 30 April, 31 July and 31 October have passed"
    );
}

#[test]
fn an_agreement_without_cadence_keeps_its_check_offs_and_can_end_and_reopen() {
    let mut j = Journal::new();
    let input = CommitmentInput {
        title: "Shared calendars until March".into(),
        details: Some("Both calendars visible to each other.\nWe look again in March.".into()),
        owner: None,
        cadence: None,
        start_date: d(2026, 11, 1),
        zone: BERLIN.into(),
        review_on: Some(d(2027, 3, 1)),
    };
    let c = j.store.create_commitment(ALEX, &input, &j.clock).unwrap();
    assert_eq!(c.owner, None, "an agreement belongs to both");
    let c = j
        .store
        .check_off_commitment(SAM, c.id, d(2026, 11, 10), None, &j.clock)
        .unwrap();
    assert_eq!(
        (
            c.follow_through.checked,
            c.follow_through.due,
            c.follow_through.share
        ),
        (1, None, None)
    );
    let ended = j
        .store
        .set_commitment_ended(SAM, c.id, true, &j.clock)
        .unwrap();
    assert!(!ended.active && ended.ended_on == Some(d(2026, 11, 22)));
    assert!(
        j.store.commitments(false, &j.clock).unwrap().is_empty(),
        "ended ones are left out unless asked"
    );
    assert_eq!(
        j.store.commitments(true, &j.clock).unwrap()[0].checks.len(),
        1,
        "and keep their record"
    );
    let refused = j
        .store
        .check_off_commitment(SAM, c.id, d(2026, 11, 20), None, &j.clock);
    assert_eq!(refused.unwrap_err().kind(), ErrorKind::InvalidInput);
    let reopened = j
        .store
        .set_commitment_ended(SAM, c.id, false, &j.clock)
        .unwrap();
    assert!(reopened.active);
}

#[test]
fn review_dates_of_open_commitments_are_reminded_at_nine() {
    let mut j = Journal::new();
    let c = j
        .store
        .create_commitment(SAM, &promise(), &j.clock)
        .unwrap();
    let due = j
        .store
        .upcoming_reminders(utc(2026, 12, 13, 0, 0), utc(2026, 12, 15, 0, 0))
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, ReminderKind::CommitmentReview);
    assert_eq!(due[0].commitment_id, Some(c.id));
    assert_eq!(due[0].at, utc(2026, 12, 14, 8, 0), "09:00 in Berlin");
    assert_eq!(due[0].local_time, "09:00");
    j.store
        .set_commitment_ended(SAM, c.id, true, &j.clock)
        .unwrap();
    let after = j
        .store
        .upcoming_reminders(utc(2026, 12, 13, 0, 0), utc(2026, 12, 15, 0, 0))
        .unwrap();
    assert!(after.is_empty(), "an ended commitment isn't reminded about");
}
