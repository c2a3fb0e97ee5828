//! Bad reminder requests (snooze, pause, quiet hours, grace, check-in day) get a clear error, change nothing, and never panic.

use chrono::{Duration, TimeZone, Utc};
use hearth_core::reminders::PauseFor;
use hearth_core::{ErrorKind, Result};
use hearth_tests::reminders::Laptop;
use hearth_tests::rituals::{d, ritual, BERLIN};

fn laptop() -> Laptop {
    // Monday 23 November 2026, 06:00 in Berlin.
    Laptop::new(BERLIN, Utc.with_ymd_and_hms(2026, 11, 23, 5, 0, 0).unwrap())
}

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
        !message.is_empty() && message.len() < 300 && !message.contains("SQL"),
        "{what}: a short message for people: {message}"
    );
    assert_eq!(hearth_tests::dump(db), before, "{what}: nothing was saved");
    message
}

#[test]
fn snooze_takes_only_10_30_or_60_minutes_and_only_a_shown_reminder() {
    let mut l = laptop();
    l.add(&ritual(
        "Morning walk",
        "FREQ=DAILY",
        "07:00",
        d(2026, 11, 23),
    ));
    l.run_until(Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 30).unwrap());
    let key = l.shown.last().notice.items[0].key.clone();
    let db = l.home.database();
    let before = hearth_tests::dump(&db);
    for minutes in [0, -10, 5, 15, 61, i64::MAX, i64::MIN] {
        let m = refused(
            &db,
            &before,
            &format!("snooze {minutes}"),
            ErrorKind::InvalidInput,
            l.hearth.reminders().snooze(&key, minutes),
        );
        assert!(m.contains("10, 30 or 60"), "{m}");
    }
    refused(
        &db,
        &before,
        "snooze an unknown reminder",
        ErrorKind::NotFound,
        l.hearth.reminders().snooze("ritual:nope:2026-11-23", 10),
    );
}

#[test]
fn pause_refuses_lengths_out_of_range() {
    let mut l = laptop();
    let db = l.home.database();
    let before = hearth_tests::dump(&db);
    for minutes in [0, -60, 1441, i64::MAX, i64::MIN] {
        refused(
            &db,
            &before,
            &format!("pause {minutes} minutes"),
            ErrorKind::InvalidInput,
            l.hearth.reminders().pause(PauseFor::Minutes { minutes }),
        );
    }
    let parsed: std::result::Result<PauseFor, _> =
        serde_json::from_value(serde_json::json!({"kind": "forAWeek"}));
    assert!(
        parsed.is_err(),
        "an unknown kind of pause is refused when read"
    );
}

#[test]
fn quiet_hours_that_start_and_end_together_or_are_not_times_are_refused() {
    let mut l = laptop();
    let db = l.home.database();
    let before = hearth_tests::dump(&db);
    let m = refused(
        &db,
        &before,
        "quiet 22:00 to 22:00",
        ErrorKind::InvalidInput,
        l.hearth
            .reminders()
            .set_quiet_hours(Some("22:00"), Some("22:00")),
    );
    assert!(m.contains("different times"), "{m}");
    for (start, end) in [
        ("25:00", "07:00"),
        ("22:00", "7"),
        ("", "07:00"),
        ("late", "early"),
    ] {
        refused(
            &db,
            &before,
            &format!("quiet {start:?} to {end:?}"),
            ErrorKind::InvalidInput,
            l.hearth.reminders().set_quiet_hours(Some(start), Some(end)),
        );
    }
}

#[test]
fn grace_and_check_in_settings_out_of_range_are_refused() {
    let mut l = laptop();
    let db = l.home.database();
    let before = hearth_tests::dump(&db);
    for minutes in [-1, 721, i64::MAX] {
        refused(
            &db,
            &before,
            &format!("grace {minutes}"),
            ErrorKind::InvalidInput,
            l.hearth.reminders().set_grace(minutes),
        );
    }
    for day in [0, 8, -1] {
        refused(
            &db,
            &before,
            &format!("check-in on day {day}"),
            ErrorKind::InvalidInput,
            l.hearth
                .reminders()
                .set_checkin_reminder(true, day, "19:00"),
        );
    }
    refused(
        &db,
        &before,
        "check-in at 19h",
        ErrorKind::InvalidInput,
        l.hearth.reminders().set_checkin_reminder(true, 7, "19h"),
    );
}

#[test]
fn a_bad_zone_is_refused_and_a_tick_far_from_anything_is_calm() {
    let err = hearth_core::reminders::Scheduler::new("Mars/Olympus").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let mut l = laptop();
    l.add(&ritual(
        "Morning walk",
        "FREQ=DAILY",
        "07:00",
        d(2026, 11, 23),
    ));
    // A clock wildly wrong in both directions: no panic, nothing shown twice.
    for jump in [
        Duration::days(3650),
        Duration::days(-7300),
        Duration::days(3650),
    ] {
        l.clock.advance(jump);
        l.tick().expect("a tick on a strange clock");
    }
    assert!(
        l.shown.counts().values().all(|&n| n == 1),
        "never twice, whatever the clock says"
    );
}
