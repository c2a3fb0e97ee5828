//! Commitments and agreements: owners, cadence, check-offs, follow-through, ending, and review dates for reminders.

use hearth_core::commitments::CommitmentInput;
use hearth_core::rituals::ReminderKind;
use hearth_core::ErrorKind;
use hearth_tests::rituals::{d, utc, BERLIN};
use hearth_tests::By;
use hearth_tests::{Journal, ALEX, SAM};

/// One commitment as the list shows it (ended ones too).
fn commitment(j: &mut Journal, id: i64) -> hearth_core::commitments::Commitment {
    let all = j.hearth.commitments().list(true).expect("the list");
    all.into_iter()
        .find(|c| c.id == id)
        .expect("the commitment is listed")
}

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
    let c = j.by(SAM).commitments().create(&promise()).unwrap();
    assert_eq!(c.owner, Some(SAM));
    assert_eq!(
        c.cadence_description.as_deref(),
        Some("Every weekday, Monday to Friday")
    );
    for day in [16, 17, 19] {
        j.by(SAM)
            .commitments()
            .check_off(c.id, d(2026, 11, day), None)
            .unwrap();
    }
    let c = j
        .by(ALEX)
        .commitments()
        .check_off(c.id, d(2026, 11, 19), Some("Got it, thank you"))
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
        .by(SAM)
        .commitments()
        .check_off(c.id, d(2026, 11, 21), None);
    assert_eq!(
        saturday.unwrap_err().kind(),
        ErrorKind::InvalidInput,
        "not a day of its cadence"
    );
    let ahead = j
        .by(SAM)
        .commitments()
        .check_off(c.id, d(2026, 11, 23), None);
    assert_eq!(
        ahead.unwrap_err().kind(),
        ErrorKind::InvalidInput,
        "not ahead of time"
    );

    let c = j
        .by(ALEX)
        .commitments()
        .undo_check_off(c.id, d(2026, 11, 19))
        .unwrap();
    assert_eq!(
        (c.checks.len(), c.follow_through.checked),
        (3, 3),
        "undo takes back one check-off"
    );
    let none = j
        .by(ALEX)
        .commitments()
        .undo_check_off(c.id, d(2026, 11, 19))
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
    let c = j.by(SAM).commitments().create(&every_3).unwrap();
    assert_eq!(c.cadence_description.as_deref(), Some("Every 3 days"));
    for day in [13, 19] {
        j.by(SAM)
            .commitments()
            .check_off(c.id, d(2026, 11, day), None)
            .unwrap();
    }
    let c = commitment(&mut j, c.id);
    assert_eq!(
        (c.follow_through.checked, c.follow_through.due),
        (2, Some(4)),
        "every 3 days from 10 November: the 10th, 13th, 16th and 19th have passed; today, the 22nd, counts once checked"
    );
    let off_day = j
        .by(SAM)
        .commitments()
        .check_off(c.id, d(2026, 11, 14), None)
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
    let c = j.by(SAM).commitments().create(&anniversary).unwrap();
    assert_eq!(
        c.cadence_description.as_deref(),
        Some("Every year on 29 February (28 February when there is none)")
    );
    let c = j
        .by(ALEX)
        .commitments()
        .check_off(c.id, d(2025, 2, 28), None)
        .unwrap();
    assert_eq!(
        (c.follow_through.checked, c.follow_through.due),
        (1, Some(3)),
        "29 February 2024, then 28 February in 2025 and 2026"
    );
    let wrong = j
        .by(ALEX)
        .commitments()
        .check_off(c.id, d(2025, 3, 1), None)
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
    let c = j.by(SAM).commitments().create(&quarterly).unwrap();
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
    let c = j.by(ALEX).commitments().create(&input).unwrap();
    assert_eq!(c.owner, None, "an agreement belongs to both");
    let c = j
        .by(SAM)
        .commitments()
        .check_off(c.id, d(2026, 11, 10), None)
        .unwrap();
    assert_eq!(
        (
            c.follow_through.checked,
            c.follow_through.due,
            c.follow_through.share
        ),
        (1, None, None)
    );
    let ended = j.by(SAM).commitments().set_ended(c.id, true).unwrap();
    assert!(!ended.active && ended.ended_on == Some(d(2026, 11, 22)));
    assert!(
        j.hearth.commitments().list(false).unwrap().is_empty(),
        "ended ones are left out unless asked"
    );
    assert_eq!(
        j.hearth.commitments().list(true).unwrap()[0].checks.len(),
        1,
        "and keep their record"
    );
    let refused = j
        .by(SAM)
        .commitments()
        .check_off(c.id, d(2026, 11, 20), None);
    assert_eq!(refused.unwrap_err().kind(), ErrorKind::InvalidInput);
    let reopened = j.by(SAM).commitments().set_ended(c.id, false).unwrap();
    assert!(reopened.active);
}

#[test]
fn review_dates_of_open_commitments_are_reminded_at_nine() {
    let mut j = Journal::new();
    let c = j.by(SAM).commitments().create(&promise()).unwrap();
    let due = j
        .hearth
        .upcoming_reminders_for_tests(utc(2026, 12, 13, 0, 0), utc(2026, 12, 15, 0, 0))
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, ReminderKind::CommitmentReview);
    assert_eq!(due[0].commitment_id, Some(c.id));
    assert_eq!(due[0].at, utc(2026, 12, 14, 8, 0), "09:00 in Berlin");
    assert_eq!(due[0].local_time, "09:00");
    j.by(SAM).commitments().set_ended(c.id, true).unwrap();
    let after = j
        .hearth
        .upcoming_reminders_for_tests(utc(2026, 12, 13, 0, 0), utc(2026, 12, 15, 0, 0))
        .unwrap();
    assert!(after.is_empty(), "an ended commitment isn't reminded about");
}

fn alexs_promise() -> CommitmentInput {
    CommitmentInput {
        owner: Some(ALEX),
        title: "Call when I'm running late".into(),
        ..promise()
    }
}

#[test]
fn every_commitment_keeps_who_added_it() {
    let mut j = Journal::new();
    let own = j.by(SAM).commitments().create(&promise()).unwrap();
    let agreement = CommitmentInput {
        owner: None,
        ..promise()
    };
    let together = j.by(ALEX).commitments().create(&agreement).unwrap();
    let proposed = j.by(SAM).commitments().create(&alexs_promise()).unwrap();
    assert_eq!(own.added_by, SAM, "who added a commitment is kept");
    assert_eq!(together.added_by, ALEX, "who added an agreement is kept");
    assert_eq!(
        proposed.added_by, SAM,
        "a promise in Alex's name still says Sam added it"
    );
    assert!(
        own.accepted && together.accepted,
        "your own promise, and an agreement, count from the start"
    );
    let listed = j.hearth.commitments().list(true).unwrap();
    assert_eq!(
        listed.iter().map(|c| c.added_by).collect::<Vec<_>>(),
        [SAM, ALEX, SAM],
        "the list says who added each one"
    );
    let page = serde_json::to_value(&proposed).unwrap();
    assert_eq!(page["addedBy"], 1, "the page gets addedBy");
    assert_eq!(page["accepted"], false, "the page gets accepted");
}

#[test]
fn a_promise_in_the_other_partners_name_is_a_proposal_until_they_accept_it() {
    let mut j = Journal::new();
    let c = j.by(SAM).commitments().create(&alexs_promise()).unwrap();
    assert!(
        !c.accepted,
        "a promise Sam writes in Alex's name is a proposal"
    );
    assert_eq!(
        (c.follow_through.due, c.follow_through.share),
        (None, None),
        "nothing is owed on a proposal, so it has no follow-through share"
    );
    for by in [SAM, ALEX] {
        let refused = j
            .by(by)
            .commitments()
            .check_off(c.id, d(2026, 11, 16), None);
        assert_eq!(
            refused.unwrap_err().kind(),
            ErrorKind::InvalidInput,
            "a proposal can't be checked off before it is accepted"
        );
    }
    let reminders = j
        .hearth
        .upcoming_reminders_for_tests(utc(2026, 12, 13, 0, 0), utc(2026, 12, 15, 0, 0))
        .unwrap();
    assert!(
        reminders.is_empty(),
        "a proposal's review date reminds no one: {reminders:?}"
    );

    let not_yours = j.by(SAM).commitments().accept(c.id).unwrap_err();
    assert_eq!(
        not_yours.kind(),
        ErrorKind::NotAllowed,
        "only the owner can accept a promise in their name"
    );
    assert!(
        not_yours.to_string().contains("Alex"),
        "and the refusal names them: {not_yours}"
    );
    assert!(!commitment(&mut j, c.id).accepted);

    let c = j.by(ALEX).commitments().accept(c.id).unwrap();
    assert!(c.accepted, "Alex accepted it: now it is Alex's promise");
    assert_eq!(c.added_by, SAM, "accepting doesn't change who added it");
    assert_eq!(
        c.follow_through.due,
        Some(5),
        "once accepted, its days count"
    );
    j.by(ALEX)
        .commitments()
        .check_off(c.id, d(2026, 11, 16), None)
        .expect("an accepted promise can be checked off");
    let reminders = j
        .hearth
        .upcoming_reminders_for_tests(utc(2026, 12, 13, 0, 0), utc(2026, 12, 15, 0, 0))
        .unwrap();
    assert_eq!(
        reminders.len(),
        1,
        "once accepted, its review date is reminded about"
    );
    let again = j.by(ALEX).commitments().accept(c.id).unwrap();
    assert_eq!(again, commitment(&mut j, c.id));
    assert!(again.accepted, "accepting twice changes nothing");
}

#[test]
fn the_one_who_proposed_can_change_or_withdraw_it_and_the_owner_accepts_first() {
    let mut j = Journal::new();
    let c = j.by(SAM).commitments().create(&alexs_promise()).unwrap();
    let reworded = CommitmentInput {
        title: "Call if I'll be more than ten minutes late".into(),
        ..alexs_promise()
    };
    let changed = j
        .by(SAM)
        .commitments()
        .update(c.id, &reworded)
        .expect("the one who proposed it can reword it");
    assert!(
        !changed.accepted,
        "a reworded proposal is still a proposal: Alex hasn't said yes to it"
    );
    let before = j.dump();
    let owner_edits = j
        .by(ALEX)
        .commitments()
        .update(c.id, &alexs_promise())
        .unwrap_err();
    assert_eq!(
        owner_edits.kind(),
        ErrorKind::NotAllowed,
        "the owner accepts a proposal (or talks about it) before changing it"
    );
    assert_eq!(j.dump(), before, "a refused change changes nothing");

    let withdrawn = j
        .by(SAM)
        .commitments()
        .set_ended(c.id, true)
        .expect("the one who proposed it can withdraw it");
    assert!(!withdrawn.active, "withdrawing ends it; its record stays");
    let late = j.by(ALEX).commitments().accept(c.id).unwrap_err();
    assert_eq!(
        late.kind(),
        ErrorKind::InvalidInput,
        "a withdrawn proposal can't be accepted until it is reopened"
    );
    let reopened = j.by(SAM).commitments().set_ended(c.id, false).unwrap();
    assert!(
        reopened.active && !reopened.accepted,
        "reopened, it is a proposal again"
    );

    let mine = CommitmentInput {
        owner: Some(SAM),
        ..reworded
    };
    let taken_on = j.by(SAM).commitments().update(c.id, &mine).unwrap();
    assert!(
        taken_on.accepted,
        "Sam takes the promise on himself: his own promise needs no one's yes"
    );
}

#[test]
fn an_accepted_promise_is_its_owners_to_change() {
    let mut j = Journal::new();
    let c = j.by(SAM).commitments().create(&alexs_promise()).unwrap();
    j.by(ALEX).commitments().accept(c.id).unwrap();
    let before = j.dump();
    let reworded = CommitmentInput {
        title: "Call every time".into(),
        ..alexs_promise()
    };
    let err = j.by(SAM).commitments().update(c.id, &reworded).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "once Alex accepted it, only Alex changes Alex's promise"
    );
    assert_eq!(j.dump(), before, "a refused change changes nothing");
    let changed = j.by(ALEX).commitments().update(c.id, &reworded).unwrap();
    assert!(
        changed.accepted && changed.title == "Call every time",
        "the owner changes their own promise, and it stays accepted"
    );
}

#[test]
fn changing_a_commitment_cannot_put_a_promise_in_the_others_name() {
    let mut j = Journal::new();
    let agreement = CommitmentInput {
        owner: None,
        ..promise()
    };
    let together = j.by(ALEX).commitments().create(&agreement).unwrap();
    let before = j.dump();
    let handed = j
        .by(SAM)
        .commitments()
        .update(together.id, &alexs_promise())
        .unwrap_err();
    assert_eq!(
        handed.kind(),
        ErrorKind::NotAllowed,
        "Sam can't turn Alex's agreement into a promise in Alex's name"
    );
    assert_eq!(j.dump(), before, "a refused change changes nothing");

    let own = j.by(SAM).commitments().create(&promise()).unwrap();
    let offered = j
        .by(SAM)
        .commitments()
        .update(own.id, &alexs_promise())
        .unwrap();
    assert!(
        !offered.accepted && offered.added_by == SAM,
        "Sam handing his own promise to Alex makes it Sam's proposal, for Alex to accept"
    );
}

#[test]
fn commitments_from_before_proposals_count_as_accepted_and_keep_who_added_them() {
    use hearth_core::store::migrations::STEPS;
    let home = hearth_tests::TempHearth::new();
    {
        let conn = rusqlite::Connection::open(home.database()).unwrap();
        for step in &STEPS[..5] {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO partners VALUES (1, 'Sam', '#b4532a', '2026-11-01T10:00:00Z'),
                                         (2, 'Alex', '#2a6fb4', '2026-11-01T10:00:00Z');
             INSERT INTO commitments (uid, title, owner, start_date, zone, created_by,
                created_at, updated_at)
             VALUES ('0123456789abcdef0123456789abcdef', 'Text when I leave work', 2,
                '2026-11-16', 'Europe/Berlin', 1, '2026-11-16T10:00:00Z', '2026-11-16T10:00:00Z');
             PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    let mut hearth = home.open();
    let c = &hearth.by(SAM).commitments().list(true).unwrap()[0];
    assert_eq!(
        c.added_by, SAM,
        "an older commitment was added by the writer who created it"
    );
    assert!(
        c.accepted,
        "a commitment from before proposals has been lived with: it stays accepted"
    );
}
