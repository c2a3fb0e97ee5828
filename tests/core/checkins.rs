//! The weekly check-in: answers hidden until both have submitted, weeks by their first day, a trend per rating per partner.

use chrono::Weekday;
use hearth_core::checkins::{CheckinInput, Rating};
use hearth_core::ErrorKind;
use hearth_tests::rituals::{d, utc};
use hearth_tests::By;
use hearth_tests::{Journal, ALEX, OFFSET, SAM};

// The fixed clock: Sunday 22 November 2026; its ISO week starts Monday the 16th.

fn answers(trust: i64, hard: &str) -> CheckinInput {
    CheckinInput {
        trust,
        safety: 6,
        closeness: 7,
        communication: 5,
        went_well: Some("The walk on Thursday.".into()),
        was_hard: Some(hard.into()),
        need_from_you: Some("Tell me when you're running late.".into()),
    }
}

#[test]
fn answers_stay_hidden_until_both_have_submitted() {
    let mut j = Journal::new();
    let sams = j
        .by(SAM)
        .checkins()
        .submit(d(2026, 11, 22), &answers(6, "Tuesday evening."), OFFSET)
        .unwrap();
    assert_eq!(
        sams.week,
        d(2026, 11, 16),
        "weeks start on Monday by default"
    );
    assert_eq!(sams.last_day, d(2026, 11, 22));
    assert!(sams.mine.is_some() && !sams.revealed && !sams.partner_has_submitted);

    let alex_sees = j.by(ALEX).checkins().week(d(2026, 11, 18)).unwrap();
    assert!(
        alex_sees.partner_has_submitted,
        "Alex is told Sam's check-in is waiting"
    );
    assert_eq!(alex_sees.partner, None, "but not what it says");
    let json = serde_json::to_string(&alex_sees).unwrap();
    assert!(
        !json.contains("Tuesday evening"),
        "not even in what reaches the page"
    );
    let history = j.by(ALEX).checkins().history(10).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].partner, None, "nor in the history");
    let trend = j.by(ALEX).checkins().trend().unwrap();
    assert!(
        trend.series.iter().all(|s| s.points.is_empty()),
        "nor in the trend"
    );

    let both = j
        .by(ALEX)
        .checkins()
        .submit(d(2026, 11, 20), &answers(4, "Sunday."), OFFSET)
        .unwrap();
    assert!(both.revealed, "once both have submitted, both can read");
    assert_eq!(
        both.partner.unwrap().was_hard.as_deref(),
        Some("Tuesday evening.")
    );
    let sam_now = j.by(SAM).checkins().week(d(2026, 11, 16)).unwrap();
    assert_eq!(sam_now.partner.unwrap().ratings.trust, 4);

    let locked = j
        .by(SAM)
        .checkins()
        .submit(d(2026, 11, 22), &answers(9, "Changed."), OFFSET)
        .unwrap_err();
    assert_eq!(
        locked.kind(),
        ErrorKind::NotAllowed,
        "a shared week stays as it is"
    );
}

#[test]
fn a_check_in_can_be_changed_until_the_other_has_shared_too() {
    let mut j = Journal::new();
    j.by(SAM)
        .checkins()
        .submit(d(2026, 11, 22), &answers(6, "First."), OFFSET)
        .unwrap();
    let changed = j
        .by(SAM)
        .checkins()
        .submit(d(2026, 11, 17), &answers(7, "Second."), OFFSET)
        .unwrap();
    let mine = changed.mine.unwrap();
    assert_eq!(
        (mine.ratings.trust, mine.was_hard.as_deref()),
        (7, Some("Second."))
    );
    assert_eq!(
        hearth_tests::rows(&j.home.database(), "checkins"),
        1,
        "still one check-in for the week"
    );
}

#[test]
fn weeks_can_start_on_another_day_but_not_while_someone_waits() {
    let mut j = Journal::new();
    assert_eq!(j.hearth.checkins().week_start().unwrap(), Weekday::Mon);
    j.hearth.checkins().set_week_start(Weekday::Sun).unwrap();
    let week = j.by(SAM).checkins().week(d(2026, 11, 22)).unwrap();
    assert_eq!(
        week.week,
        d(2026, 11, 22),
        "a Sunday week starts on the Sunday"
    );
    j.by(SAM)
        .checkins()
        .submit(d(2026, 11, 22), &answers(6, "x"), OFFSET)
        .unwrap();
    let err = j
        .hearth
        .checkins()
        .set_week_start(Weekday::Mon)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "both answers must land in one week"
    );
    assert_eq!(
        j.hearth.checkins().week_start().unwrap(),
        Weekday::Sun,
        "nothing changed"
    );
}

#[test]
fn check_ins_are_for_this_week_or_earlier() {
    let mut j = Journal::new();
    let ahead = j
        .by(SAM)
        .checkins()
        .submit(d(2026, 11, 23), &answers(6, "x"), OFFSET)
        .unwrap_err();
    assert_eq!(
        ahead.kind(),
        ErrorKind::InvalidInput,
        "next week hasn't started"
    );
    let late = j
        .by(SAM)
        .checkins()
        .submit(d(2026, 11, 1), &answers(6, "x"), OFFSET)
        .unwrap();
    assert_eq!(
        late.week,
        d(2026, 10, 26),
        "an earlier week can be filled in late"
    );
}

#[test]
fn the_trend_has_each_rating_for_both_over_the_shared_weeks() {
    let mut j = Journal::new();
    for (i, date) in [d(2026, 11, 2), d(2026, 11, 9), d(2026, 11, 16)]
        .into_iter()
        .enumerate()
    {
        let i = i as i64;
        j.by(SAM)
            .checkins()
            .submit(date, &answers(5 + i, "x"), OFFSET)
            .unwrap();
        if i < 2 {
            j.by(ALEX)
                .checkins()
                .submit(date, &answers(3 + i, "y"), OFFSET)
                .unwrap();
        }
    }
    j.clock.set(utc(2026, 11, 22, 20, 0));
    let trend = j.by(SAM).checkins().trend().unwrap();
    assert_eq!(trend.series.len(), 8, "four ratings for each partner");
    let trust = |who| {
        trend
            .series
            .iter()
            .find(|s| s.partner == who && s.rating == Rating::Trust)
            .unwrap()
            .points
            .iter()
            .map(|p| (p.week, p.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        trust(SAM),
        [
            (d(2026, 11, 2), 5),
            (d(2026, 11, 9), 6),
            (d(2026, 11, 16), 7)
        ],
        "the viewer sees every week of their own"
    );
    assert_eq!(
        trust(ALEX),
        [(d(2026, 11, 2), 3), (d(2026, 11, 9), 4)],
        "and the other's only for weeks both shared"
    );
    let alex_view = j.by(ALEX).checkins().trend().unwrap();
    let sams_in_alex = alex_view
        .series
        .iter()
        .find(|s| s.partner == SAM && s.rating == Rating::Trust)
        .unwrap();
    assert_eq!(
        sams_in_alex.points.len(),
        2,
        "Sam's third week waits for Alex"
    );
    assert_eq!(sams_in_alex.label, "Trust");
    assert_eq!(
        trend.weeks,
        [d(2026, 11, 2), d(2026, 11, 9), d(2026, 11, 16)]
    );
}
