//! Reminders and time: each exactly once within one tick over a month, after sleep, a clock stepping back, a restart, and across DST.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use hearth_core::reminders::{GRACE_DEFAULT_MINUTES, TICK_SECONDS};
use hearth_tests::reminders::Laptop;
use hearth_tests::rituals::{d, ritual, utc, with, BERLIN};

const NEW_YORK: &str = "America/New_York";

/// The instant of a wall time in a zone (an unambiguous one).
fn local(zone: &str, date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    let tz: Tz = zone.parse().unwrap();
    tz.from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
        .single()
        .expect("an unambiguous local time")
        .with_timezone(&Utc)
}

#[test]
fn over_a_thousand_occurrences_each_is_shown_exactly_once_within_one_tick() {
    // 40 daily rituals, half in Berlin and half in New York, every 20 minutes
    // from 06:00 to 19:00 local, for 30 days that include both zones' autumn
    // DST changes; the app ticks every 30 seconds the whole time.
    let start = utc(2026, 10, 15, 0, 0);
    let mut laptop = Laptop::new(BERLIN, start);
    let first = d(2026, 10, 15);
    let last = d(2026, 11, 13);
    let mut expected: HashMap<String, (Tz, String)> = HashMap::new();
    for i in 0..40u32 {
        let zone = if i % 2 == 0 { BERLIN } else { NEW_YORK };
        let minutes = 6 * 60 + 20 * i;
        let time = format!("{:02}:{:02}", minutes / 60, minutes % 60);
        let r = laptop.add(&with(
            ritual(&format!("Ritual {i}"), "FREQ=DAILY", &time, first),
            |r| {
                r.zone = zone.into();
                r.end_date = Some(last);
            },
        ));
        let mut date = first;
        while date <= last {
            expected.insert(
                format!("ritual:{}:{}", r.uid, date.format("%Y-%m-%d")),
                (zone.parse().unwrap(), time.clone()),
            );
            date = date.succ_opt().unwrap();
        }
    }
    assert_eq!(expected.len(), 1200, "40 rituals × 30 days");

    laptop.run_until(utc(2026, 11, 14, 6, 0));

    let counts = laptop.shown.counts();
    for key in expected.keys() {
        assert_eq!(
            counts.get(key),
            Some(&1),
            "each due reminder is shown exactly once: {key}"
        );
    }
    let checkins: Vec<_> = counts
        .keys()
        .filter(|k| k.starts_with("checkin:"))
        .collect();
    assert_eq!(
        checkins.len(),
        4,
        "the weekly check-in came once on each of the 4 Sundays: {checkins:?}"
    );
    assert_eq!(
        counts.len(),
        expected.len() + 4,
        "nothing else was shown: {:?}",
        counts
            .keys()
            .filter(|k| !expected.contains_key(*k) && !k.starts_with("checkin:"))
            .collect::<Vec<_>>()
    );
    for shown in laptop.shown.shown.borrow().iter() {
        assert_eq!(
            shown.notice.items.len(),
            1,
            "reminders at different times come one by one"
        );
        let item = &shown.notice.items[0];
        let delay = shown.at - item.due_at;
        assert!(
            delay >= Duration::zero() && delay <= Duration::seconds(TICK_SECONDS as i64),
            "{} was shown {delay} after its time: within one tick, never early",
            item.key
        );
        assert!(!item.late, "nothing here is late");
        if let Some((tz, time)) = expected.get(&item.key) {
            assert_eq!(
                &item.due_at.with_timezone(tz).format("%H:%M").to_string(),
                time,
                "{} comes at the ritual's wall time in its own zone, before and after DST",
                item.key
            );
        }
    }
}

#[test]
fn a_laptop_asleep_from_six_to_half_past_nine_gets_one_missed_notice_and_nothing_older_than_the_grace(
) {
    // Monday 23 November 2026 in Berlin (UTC+1). With a three-hour grace the
    // 07:00 and 08:00 rituals are within it at 09:30, the 06:15 one is not.
    let day = d(2026, 11, 23);
    let mut laptop = Laptop::new(BERLIN, local(BERLIN, day, 5, 0));
    laptop.add(&ritual("Early stretch", "FREQ=DAILY", "06:15", day));
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day));
    laptop.add(&ritual("Coffee together", "FREQ=DAILY", "08:00", day));
    laptop.hearth.reminders().set_grace(180).unwrap();
    laptop.run_until(local(BERLIN, day, 6, 0));
    assert!(laptop.shown.is_empty(), "nothing was due before 06:00");

    laptop.sleep_until(local(BERLIN, day, 9, 30));
    assert_eq!(
        laptop.shown.len(),
        1,
        "one coalesced notice on waking, never a burst"
    );
    let notice = laptop.shown.last().notice;
    let titles: Vec<_> = notice.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Morning walk", "Coffee together"],
        "the two within the grace"
    );
    assert!(
        notice.body.contains("Morning walk was due at 07:00"),
        "it says when it was due: {}",
        notice.body
    );
    assert!(notice.items.iter().all(|i| i.late), "both are marked late");

    laptop.run_until(local(BERLIN, day, 12, 0));
    assert_eq!(laptop.shown.len(), 1, "and nothing more that morning");
    let log = laptop.hearth.reminder_log_for_tests(10).unwrap();
    let stretch = log.iter().find(|l| l.title == "Early stretch").unwrap();
    assert_eq!(
        serde_json::to_value(stretch.status).unwrap(),
        "expired",
        "the one older than the grace is not notified (the agenda shows it missed)"
    );
}

#[test]
fn with_the_default_two_hour_grace_the_seven_oclock_reminder_is_too_old_at_half_past_nine() {
    let day = d(2026, 11, 23);
    let mut laptop = Laptop::new(BERLIN, local(BERLIN, day, 5, 0));
    assert_eq!(GRACE_DEFAULT_MINUTES, 120);
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day));
    laptop.add(&ritual("Coffee together", "FREQ=DAILY", "07:45", day));
    laptop.add(&ritual("Plan the day", "FREQ=DAILY", "08:30", day));
    laptop.run_until(local(BERLIN, day, 6, 0));
    laptop.sleep_until(local(BERLIN, day, 9, 30));
    assert_eq!(laptop.shown.len(), 1, "one notice on waking");
    let titles: Vec<_> = laptop
        .shown
        .last()
        .notice
        .items
        .iter()
        .map(|i| i.title.clone())
        .collect();
    assert_eq!(
        titles,
        ["Coffee together", "Plan the day"],
        "07:00 is 2 h 30 min old at 09:30, past the two-hour grace"
    );
}

#[test]
fn a_single_missed_reminder_says_when_it_was_due() {
    let day = d(2026, 11, 23);
    let mut laptop = Laptop::new(BERLIN, local(BERLIN, day, 5, 0));
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day));
    laptop.run_until(local(BERLIN, day, 6, 0));
    laptop.sleep_until(local(BERLIN, day, 8, 10));
    let notice = laptop.shown.last().notice;
    assert_eq!(notice.title, "Morning walk", "the title is the ritual");
    assert!(
        notice.body.starts_with("Was due at 07:00"),
        "the body says it was due at 07:00: {}",
        notice.body
    );
}

#[test]
fn the_clock_stepping_back_an_hour_sends_nothing_twice() {
    let day = d(2026, 11, 23);
    let mut laptop = Laptop::new(BERLIN, local(BERLIN, day, 6, 0));
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day));
    laptop.add(&ritual("Coffee together", "FREQ=DAILY", "07:30", day));
    laptop.add(&ritual("Lunch call", "FREQ=DAILY", "12:00", day));
    laptop.run_until(local(BERLIN, day, 8, 0));
    assert_eq!(laptop.shown.len(), 2, "07:00 and 07:30 were shown");

    // The clock is set back to 07:00 and runs on from there.
    laptop.clock.set(local(BERLIN, day, 7, 0));
    laptop.tick().unwrap();
    laptop.run_until(local(BERLIN, day, 13, 0));
    let counts = laptop.shown.counts();
    assert!(
        counts.values().all(|&n| n == 1),
        "no reminder was shown twice: {counts:?}"
    );
    assert_eq!(counts.len(), 3, "and the noon one still came: {counts:?}");
}

#[test]
fn a_restart_mid_day_sends_nothing_again() {
    let day = d(2026, 11, 23);
    let mut laptop = Laptop::new(BERLIN, local(BERLIN, day, 6, 0));
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day));
    laptop.add(&ritual("Coffee together", "FREQ=DAILY", "10:00", day));
    laptop.add(&ritual("Evening tea", "FREQ=DAILY", "19:00", day));
    laptop.run_until(local(BERLIN, day, 10, 1));
    assert_eq!(laptop.shown.len(), 2);

    laptop.restart();
    laptop.tick().unwrap();
    laptop.run_until(local(BERLIN, day, 20, 0));
    let counts = laptop.shown.counts();
    assert_eq!(counts.len(), 3, "the evening one came after the restart");
    assert!(
        counts.values().all(|&n| n == 1),
        "nothing came twice: {counts:?}"
    );
}

#[test]
fn a_crash_between_recording_and_showing_loses_at_most_that_notice_never_repeats_it() {
    let day = d(2026, 11, 23);
    let mut laptop = Laptop::new(BERLIN, local(BERLIN, day, 6, 59));
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day));
    laptop.tick().unwrap();
    laptop.clock.set(local(BERLIN, day, 7, 0));
    let decided = laptop.hearth.reminders().tick().unwrap();
    assert_eq!(decided.len(), 1, "the tick decided to show it");
    // The process dies before the notice reaches the desktop.
    drop(decided);
    laptop.restart();
    laptop.run_until(local(BERLIN, day, 9, 0));
    assert!(
        laptop.shown.is_empty(),
        "it was recorded before it was sent, so it is not sent again"
    );
}

#[test]
fn a_reminder_the_desktop_refused_is_tried_again_a_few_times_then_given_up() {
    let day = d(2026, 11, 23);
    let mut laptop = Laptop::new(BERLIN, local(BERLIN, day, 6, 59));
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day));
    laptop.run_until(local(BERLIN, day, 6, 59) + Duration::seconds(30));
    *laptop.shown.refuse.borrow_mut() = true;
    laptop.clock.set(local(BERLIN, day, 7, 0));
    assert!(laptop.tick().is_err(), "the refusal is reported");
    *laptop.shown.refuse.borrow_mut() = false;
    laptop.run_until(local(BERLIN, day, 7, 5));
    assert_eq!(laptop.shown.len(), 1, "the next tick showed it, once");

    // A desktop that keeps refusing: three tries in all, then no more.
    laptop.add(&ritual("Coffee together", "FREQ=DAILY", "08:00", day));
    laptop.run_until(local(BERLIN, day, 7, 59) + Duration::seconds(30));
    *laptop.shown.refuse.borrow_mut() = true;
    let mut refusals: i64 = 0;
    for _ in 0..20 {
        laptop.clock.advance(Duration::seconds(30));
        if laptop.tick().is_err() {
            refusals += 1;
        }
    }
    assert_eq!(
        refusals,
        hearth_core::reminders::MAX_ATTEMPTS,
        "tried three times, no burst"
    );
}

/// Ticks every 30 s through a whole local day and returns when each
/// reminder for `date` was shown.
fn one_day(zone: &str, time: &str, date: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let start = utc(2026, 1, 1, 0, 0).max(
        date.pred_opt()
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc(),
    );
    let mut laptop = Laptop::new(zone, start);
    let r = laptop.add(&with(ritual("Night owls", "FREQ=DAILY", time, date), |r| {
        r.zone = zone.into();
        r.end_date = Some(date);
    }));
    laptop.run_until(
        date.succ_opt()
            .unwrap()
            .succ_opt()
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc(),
    );
    let key = format!("ritual:{}:{}", r.uid, date.format("%Y-%m-%d"));
    let shown = laptop.shown.shown.borrow();
    shown
        .iter()
        .filter(|s| s.notice.keys().any(|k| k == key))
        .map(|s| (s.at, s.notice.items[0].due_at))
        .collect::<Vec<_>>()
}

fn assert_once_at(zone: &str, time: &str, date: NaiveDate, policy: DateTime<Utc>, rule: &str) {
    let shown = one_day(zone, time, date);
    assert_eq!(
        shown.len(),
        1,
        "{zone} {date} {time}: shown exactly once ({rule})"
    );
    let (at, due) = shown[0];
    assert_eq!(
        due, policy,
        "{zone} {date} {time}: due at the policy's instant ({rule})"
    );
    assert!(
        at >= policy && at - policy <= Duration::seconds(TICK_SECONDS as i64),
        "{zone} {date}: shown within one tick of {policy}, at {at}"
    );
}

#[test]
fn on_spring_forward_days_a_ritual_in_the_gap_comes_once_moved_forward_by_the_gap() {
    // 02:30 does not exist: the policy moves it forward by the gap, to 03:30.
    assert_once_at(
        NEW_YORK,
        "02:30",
        d(2026, 3, 8),
        utc(2026, 3, 8, 7, 30),
        "03:30 EDT",
    );
    assert_once_at(
        BERLIN,
        "02:30",
        d(2026, 3, 29),
        utc(2026, 3, 29, 1, 30),
        "03:30 CEST",
    );
    // A time outside the gap is simply on time in the new offset.
    assert_once_at(
        NEW_YORK,
        "07:00",
        d(2026, 3, 8),
        utc(2026, 3, 8, 11, 0),
        "07:00 EDT",
    );
}

#[test]
fn on_fall_back_days_a_ritual_in_the_repeated_hour_comes_once_at_the_first() {
    // 01:30 happens twice: the policy takes the first (still summer time).
    assert_once_at(
        NEW_YORK,
        "01:30",
        d(2026, 11, 1),
        utc(2026, 11, 1, 5, 30),
        "01:30 EDT",
    );
    assert_once_at(
        BERLIN,
        "02:30",
        d(2026, 10, 25),
        utc(2026, 10, 25, 0, 30),
        "02:30 CEST",
    );
    assert_once_at(
        BERLIN,
        "07:00",
        d(2026, 10, 25),
        utc(2026, 10, 25, 6, 0),
        "07:00 CET",
    );
}
