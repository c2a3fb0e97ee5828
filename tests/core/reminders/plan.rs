//! Reminders: paused rituals, pausing all reminders, quiet hours, snooze, coalescing, the weekly check-in, and what is said.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use hearth_core::checkins::CheckinInput;
use hearth_core::reminders::{PauseFor, MAX_SEPARATE};
use hearth_core::rituals::OutcomeStatus;
use hearth_core::ErrorKind;
use hearth_tests::reminders::Laptop;
use hearth_tests::rituals::{d, ritual, with, BERLIN};
use hearth_tests::By;
use hearth_tests::{ALEX, OFFSET, SAM};

/// Monday 23 November 2026.
const DAY: (i32, u32, u32) = (2026, 11, 23);

fn day() -> NaiveDate {
    d(DAY.0, DAY.1, DAY.2)
}

/// A wall time in Berlin on `date`.
fn at(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    let tz: Tz = BERLIN.parse().unwrap();
    tz.from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn laptop_at(h: u32, m: u32) -> Laptop {
    Laptop::new(BERLIN, at(day(), h, m))
}

fn status_of(laptop: &mut Laptop, title: &str) -> String {
    let log = laptop.hearth.reminder_log_for_tests(100).unwrap();
    let row = log
        .iter()
        .find(|l| l.title == title && l.origin.is_none())
        .unwrap_or_else(|| panic!("{title} is in the log"));
    serde_json::to_value(row.status)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_notice_names_the_ritual_and_gives_its_why_and_time() {
    let mut laptop = laptop_at(6, 0);
    laptop.add(&with(
        ritual("Morning walk", "FREQ=DAILY", "07:00", day()),
        |r| r.intention = Some("Ten minutes, phones away.".into()),
    ));
    laptop.run_until(at(day(), 7, 1));
    let notice = laptop.shown.last().notice;
    assert_eq!(notice.title, "Morning walk", "the title is the ritual");
    assert_eq!(
        notice.body, "Ten minutes, phones away. · 07:00",
        "the body: its why and time"
    );
}

#[test]
fn a_reminder_lead_brings_it_that_many_minutes_before() {
    let mut laptop = laptop_at(6, 0);
    laptop.add(&with(
        ritual("Morning walk", "FREQ=DAILY", "07:00", day()),
        |r| r.reminder_lead_minutes = 15,
    ));
    laptop.run_until(at(day(), 6, 44));
    assert!(laptop.shown.is_empty(), "not before 06:45");
    laptop.run_until(at(day(), 6, 46));
    assert_eq!(laptop.shown.len(), 1, "at 06:45, fifteen minutes before");
    assert!(
        laptop.shown.last().notice.body.ends_with("07:00"),
        "it says the ritual's time"
    );
}

#[test]
fn a_ritual_added_after_its_time_today_does_not_announce_itself_as_missed() {
    let mut laptop = laptop_at(7, 0);
    laptop.tick().unwrap();
    laptop.run_until(at(day(), 7, 30));
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.run_until(at(day(), 12, 0));
    assert!(
        laptop.shown.is_empty(),
        "today's 07:00 was before it existed"
    );
}

#[test]
fn a_paused_ritual_sends_nothing_and_resuming_brings_the_next_one() {
    let mut laptop = laptop_at(6, 0);
    let r = laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.by(SAM).rituals().set_active(r.id, false).unwrap();
    laptop.run_until(at(day(), 12, 0));
    assert!(laptop.shown.is_empty(), "a paused ritual has no reminder");
    laptop.by(SAM).rituals().set_active(r.id, true).unwrap();
    laptop.run_until(at(day().succ_opt().unwrap(), 8, 0));
    assert_eq!(laptop.shown.len(), 1, "resumed: tomorrow's comes");
}

#[test]
fn the_banners_done_and_skip_record_the_day_the_reminder_was_for() {
    let mut laptop = laptop_at(6, 0);
    let r = laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.run_until(at(day(), 7, 1));
    let key = laptop.shown.last().notice.items[0].key.clone();
    let done = laptop
        .by(ALEX)
        .reminders()
        .answer(&key, false)
        .unwrap()
        .expect("a ritual's reminder has an occurrence to answer");
    assert_eq!(
        (done.ritual_id, done.date),
        (r.id, day()),
        "Done answers the day the reminder was for"
    );
    let outcome = done.outcome.expect("Done records an outcome");
    assert_eq!(
        (outcome.status, outcome.by),
        (OutcomeStatus::Done, ALEX),
        "recorded as done, by the partner writing now"
    );
    let skipped = laptop
        .by(ALEX)
        .reminders()
        .answer(&key, true)
        .unwrap()
        .unwrap();
    assert_eq!(
        skipped.outcome.map(|o| o.status),
        Some(OutcomeStatus::Skipped),
        "Skip on the same banner changes the day to skipped"
    );
    let unknown = laptop
        .by(ALEX)
        .reminders()
        .answer("ritual:nothing:2026-11-23", false)
        .unwrap_err();
    assert_eq!(
        unknown.kind(),
        ErrorKind::NotFound,
        "a reminder Hearth never showed has nothing to answer"
    );
}

#[test]
fn a_ritual_deleted_while_due_sends_nothing() {
    let mut laptop = laptop_at(6, 0);
    let r = laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.run_until(at(day(), 6, 59));
    laptop.by(SAM).rituals().archive(r.id).unwrap();
    // The app pokes the scheduler on every change; even if it didn't, the
    // tick at 07:00 looks at the store as it is then.
    laptop.run_until(at(day(), 9, 0));
    assert!(
        laptop.shown.is_empty(),
        "nothing is sent for a deleted ritual"
    );
}

#[test]
fn a_done_or_skipped_occurrence_is_not_reminded() {
    let mut laptop = laptop_at(6, 0);
    let r = laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop
        .by(ALEX)
        .rituals()
        .skip(r.id, day(), Some("Travelling"))
        .unwrap();
    laptop.run_until(at(day(), 9, 0));
    assert!(
        laptop.shown.is_empty(),
        "skipped ahead: no reminder that day"
    );
}

#[test]
fn pausing_all_reminders_for_an_hour_holds_back_what_falls_in_it_and_not_later() {
    let mut laptop = laptop_at(6, 30);
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.add(&ritual("Coffee together", "FREQ=DAILY", "07:45", day()));
    let settings = laptop
        .hearth
        .reminders()
        .pause(PauseFor::Minutes { minutes: 60 })
        .unwrap();
    assert!(settings.paused);
    assert_eq!(settings.paused_until, Some(at(day(), 7, 30)));
    laptop.run_until(at(day(), 9, 0));
    let titles = laptop.shown.titles();
    assert_eq!(
        titles,
        ["Coffee together"],
        "07:00 fell in the pause and was not sent later; 07:45 came after it"
    );
    assert_eq!(status_of(&mut laptop, "Morning walk"), "paused");
}

#[test]
fn pausing_for_today_lasts_until_midnight_and_survives_a_restart() {
    let mut laptop = laptop_at(6, 0);
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    let settings = laptop.hearth.reminders().pause(PauseFor::Today).unwrap();
    assert_eq!(
        settings.paused_until,
        Some(at(day().succ_opt().unwrap(), 0, 0)),
        "until the next local midnight"
    );
    laptop.restart();
    laptop.run_until(at(day(), 23, 0));
    assert!(laptop.shown.is_empty(), "still paused after a restart");
    laptop.run_until(at(day().succ_opt().unwrap(), 7, 1));
    assert_eq!(laptop.shown.len(), 1, "tomorrow's comes");
}

#[test]
fn pausing_until_resumed_lasts_until_resumed() {
    let mut laptop = laptop_at(6, 0);
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop
        .hearth
        .reminders()
        .pause(PauseFor::UntilResumed)
        .unwrap();
    let tomorrow = day().succ_opt().unwrap();
    laptop.run_until(at(tomorrow, 8, 0));
    assert!(laptop.shown.is_empty(), "two mornings, no reminder");
    let settings = laptop.hearth.reminders().resume().unwrap();
    assert!(!settings.paused);
    laptop.run_until(at(tomorrow.succ_opt().unwrap(), 7, 1));
    assert_eq!(laptop.shown.len(), 1, "resumed: the next morning's comes");
}

#[test]
fn quiet_hours_hold_a_reminder_until_they_end_then_show_it_once() {
    let mut laptop = laptop_at(5, 0);
    laptop.add(&ritual("Early stretch", "FREQ=DAILY", "06:30", day()));
    let settings = laptop
        .hearth
        .reminders()
        .set_quiet_hours(Some("22:00"), Some("07:00"))
        .unwrap();
    assert_eq!(
        serde_json::to_value(settings.quiet_hours).unwrap(),
        serde_json::json!({"start": "22:00", "end": "07:00"})
    );
    laptop.run_until(at(day(), 6, 59));
    assert!(laptop.shown.is_empty(), "nothing inside quiet hours");
    laptop.run_until(at(day(), 9, 0));
    assert_eq!(laptop.shown.len(), 1, "shown once when they ended");
    let shown = laptop.shown.last();
    assert!(
        shown.at >= at(day(), 7, 0) && shown.at <= at(day(), 7, 0) + Duration::seconds(30),
        "at 07:00: {}",
        shown.at
    );
    assert!(
        shown.notice.body.starts_with("Was due at 06:30"),
        "{}",
        shown.notice.body
    );
}

#[test]
fn a_reminder_held_by_quiet_hours_past_its_grace_is_not_shown() {
    let mut laptop = laptop_at(20, 0);
    laptop.add(&ritual("Goodnight note", "FREQ=DAILY", "23:00", day()));
    laptop
        .hearth
        .reminders()
        .set_quiet_hours(Some("22:00"), Some("07:00"))
        .unwrap();
    laptop.run_until(at(day().succ_opt().unwrap(), 9, 0));
    assert!(
        laptop.shown.is_empty(),
        "23:00 is eight hours old at 07:00, past the two-hour grace"
    );
    assert_eq!(status_of(&mut laptop, "Goodnight note"), "expired");
}

#[test]
fn quiet_hours_are_off_by_default_and_can_be_turned_off() {
    let mut laptop = laptop_at(22, 0);
    assert_eq!(
        laptop.hearth.reminders().settings().unwrap().quiet_hours,
        None
    );
    laptop.add(&ritual("Goodnight note", "FREQ=DAILY", "23:00", day()));
    laptop
        .hearth
        .reminders()
        .set_quiet_hours(Some("22:00"), Some("07:00"))
        .unwrap();
    laptop
        .hearth
        .reminders()
        .set_quiet_hours(None, None)
        .unwrap();
    laptop.run_until(at(day(), 23, 1));
    assert_eq!(laptop.shown.len(), 1, "off again: shown on time");
}

#[test]
fn snooze_brings_a_reminder_back_once_after_10_30_or_60_minutes() {
    for minutes in [10, 30, 60] {
        let mut laptop = laptop_at(6, 0);
        laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
        laptop.run_until(at(day(), 7, 0));
        let key = laptop.shown.last().notice.items[0].key.clone();
        let now = laptop.now();
        let until = laptop.hearth.reminders().snooze(&key, minutes).unwrap();
        assert_eq!(until, now + Duration::minutes(minutes));
        laptop.run_until(until - Duration::seconds(30));
        assert_eq!(laptop.shown.len(), 1, "not back before {minutes} minutes");
        laptop.run_until(at(day(), 12, 0));
        assert_eq!(laptop.shown.len(), 2, "back once after {minutes} minutes");
        let back = laptop.shown.last();
        assert!(back.at - until <= Duration::seconds(30), "within one tick");
        assert_eq!(back.notice.title, "Morning walk");
    }
}

#[test]
fn a_snooze_survives_a_restart_and_can_be_snoozed_again() {
    let mut laptop = laptop_at(6, 0);
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.run_until(at(day(), 7, 0));
    let key = laptop.shown.last().notice.items[0].key.clone();
    laptop.hearth.reminders().snooze(&key, 30).unwrap();
    laptop.restart();
    laptop.run_until(at(day(), 7, 31));
    assert_eq!(laptop.shown.len(), 2, "back after the restart");
    let again = laptop.shown.last().notice.items[0].key.clone();
    laptop.hearth.reminders().snooze(&again, 10).unwrap();
    laptop.run_until(at(day(), 9, 0));
    assert_eq!(
        laptop.shown.len(),
        3,
        "and back again after the second snooze"
    );
}

#[test]
fn a_snoozed_reminder_does_not_come_back_once_done_or_deleted() {
    let mut laptop = laptop_at(6, 0);
    let walk = laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    let tea = laptop.add(&ritual("Tea", "FREQ=DAILY", "07:05", day()));
    laptop.run_until(at(day(), 7, 6));
    let keys: Vec<String> = laptop
        .shown
        .shown
        .borrow()
        .iter()
        .map(|s| s.notice.items[0].key.clone())
        .collect();
    for key in &keys {
        laptop.hearth.reminders().snooze(key, 10).unwrap();
    }
    laptop
        .by(SAM)
        .rituals()
        .mark_done(walk.id, day(), None, None, OFFSET)
        .unwrap();
    laptop.by(SAM).rituals().archive(tea.id).unwrap();
    laptop.run_until(at(day(), 9, 0));
    assert_eq!(
        laptop.shown.len(),
        2,
        "neither came back: one done, one deleted"
    );
}

#[test]
fn several_reminders_at_once_are_coalesced_past_three() {
    let mut laptop = laptop_at(6, 0);
    for i in 0..MAX_SEPARATE + 2 {
        laptop.add(&ritual(
            &format!("Ritual {i}"),
            "FREQ=DAILY",
            "07:00",
            day(),
        ));
    }
    laptop.run_until(at(day(), 7, 1));
    assert_eq!(
        laptop.shown.len(),
        1,
        "five at once: one notice, not a burst"
    );
    let notice = laptop.shown.last().notice;
    assert_eq!(notice.items.len(), MAX_SEPARATE + 2);
    assert_eq!(notice.title, "5 reminders now");

    let mut laptop = laptop_at(6, 0);
    for i in 0..MAX_SEPARATE {
        laptop.add(&ritual(
            &format!("Ritual {i}"),
            "FREQ=DAILY",
            "07:00",
            day(),
        ));
    }
    laptop.run_until(at(day(), 7, 1));
    assert_eq!(
        laptop.shown.len(),
        MAX_SEPARATE,
        "up to three come one by one"
    );
}

#[test]
fn the_weekly_check_in_is_reminded_on_sunday_evening_unless_both_checked_in() {
    // Sunday 29 November 2026, 19:00 by default.
    let sunday = d(2026, 11, 29);
    let mut laptop = Laptop::new(BERLIN, at(sunday, 18, 0));
    let settings = laptop.hearth.reminders().settings().unwrap();
    assert!(settings.checkin.enabled, "on by default");
    assert_eq!(settings.checkin.weekday, 7);
    laptop.run_until(at(sunday, 19, 1));
    assert_eq!(laptop.shown.titles(), ["Your weekly check-in"]);

    // The next week both check in on Saturday: no reminder on Sunday.
    let input = CheckinInput {
        trust: 6,
        safety: 7,
        closeness: 5,
        communication: 6,
        ..Default::default()
    };
    laptop.clock.set(at(d(2026, 12, 5), 12, 0));
    laptop.tick().unwrap();
    for who in [SAM, ALEX] {
        laptop
            .by(who)
            .checkins()
            .submit(d(2026, 12, 5), &input, OFFSET)
            .unwrap();
    }
    laptop.run_until(at(d(2026, 12, 6), 20, 0));
    assert_eq!(laptop.shown.len(), 1, "both checked in: no reminder");
}

#[test]
fn the_check_in_reminder_can_move_to_another_day_and_time_or_be_turned_off() {
    let wednesday = d(2026, 11, 25);
    let mut laptop = Laptop::new(BERLIN, at(wednesday, 12, 0));
    laptop
        .hearth
        .reminders()
        .set_checkin_reminder(true, 3, "20:30")
        .unwrap();
    laptop.run_until(at(wednesday, 20, 31));
    assert_eq!(
        laptop.shown.titles(),
        ["Your weekly check-in"],
        "Wednesday 20:30"
    );
    laptop
        .hearth
        .reminders()
        .set_checkin_reminder(false, 3, "20:30")
        .unwrap();
    laptop.run_until(at(d(2026, 12, 2), 21, 0));
    assert_eq!(laptop.shown.len(), 1, "turned off: not the next week");
}

#[test]
fn the_grace_window_is_configurable_and_kept() {
    let mut laptop = laptop_at(6, 0);
    assert_eq!(
        laptop.hearth.reminders().settings().unwrap().grace_minutes,
        120
    );
    laptop.hearth.reminders().set_grace(30).unwrap();
    laptop.restart();
    assert_eq!(
        laptop.hearth.reminders().settings().unwrap().grace_minutes,
        30
    );
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.run_until(at(day(), 6, 30));
    laptop.sleep_until(at(day(), 7, 45));
    assert!(
        laptop.shown.is_empty(),
        "45 minutes late is past a 30-minute grace"
    );
}

#[test]
fn an_idle_tick_does_not_touch_the_store_until_something_can_be_due() {
    let mut laptop = laptop_at(6, 0);
    laptop.add(&ritual("Morning walk", "FREQ=DAILY", "07:00", day()));
    laptop.tick().unwrap();
    let next = laptop.hearth.reminders().next_look().expect("a plan");
    assert!(
        next <= at(day(), 6, 15),
        "it looks again at least every 15 minutes: {next}"
    );
    laptop.run_until(at(day(), 6, 50));
    assert_eq!(
        laptop.hearth.reminders().next_look(),
        Some(at(day(), 7, 0)),
        "the next look is the ritual's time"
    );
}

/// Issue 17, item 2: the laptop's zone is read at every tick, not once.
mod the_laptops_zone {
    use super::*;

    const NEW_YORK: &str = "America/New_York";

    fn in_new_york(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
        let tz: Tz = NEW_YORK.parse().unwrap();
        tz.from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn quiet_hours_follow_the_laptop_to_its_new_zone() {
        // Quiet from 22:00 to 07:00 on the laptop's clock; a ritual kept in
        // New York time at 17:00, which is 23:00 in Berlin.
        let mut laptop = laptop_at(12, 0);
        laptop.add(&with(
            ritual("Call home", "FREQ=DAILY", "17:00", day()),
            |r| {
                r.zone = NEW_YORK.into();
            },
        ));
        laptop
            .hearth
            .reminders()
            .set_quiet_hours(Some("22:00"), Some("07:00"))
            .unwrap();
        laptop.tick().unwrap();
        // The couple lands in New York; the system's zone changes.
        let changed = laptop.hearth.reminders().follow_zone(NEW_YORK).unwrap();
        assert!(changed, "a new zone is noticed");
        assert_eq!(laptop.hearth.reminders().zone().name(), NEW_YORK);
        laptop.run_until(in_new_york(day(), 17, 1));
        assert_eq!(
            laptop.shown.titles(),
            ["Call home"],
            "17:00 in New York is outside quiet hours there, so it comes at its time"
        );
        assert!(
            laptop.shown.last().at <= in_new_york(day(), 17, 0) + Duration::seconds(30),
            "within one tick of its time"
        );
    }

    #[test]
    fn pause_for_today_ends_at_midnight_where_the_laptop_is_now() {
        let mut laptop = laptop_at(9, 0);
        laptop.hearth.reminders().pause(PauseFor::Today).unwrap();
        laptop.hearth.reminders().follow_zone(NEW_YORK).unwrap();
        let settings = laptop.hearth.reminders().settings().unwrap();
        assert_eq!(
            settings.paused_until,
            Some(in_new_york(day().succ_opt().unwrap(), 0, 0)),
            "\"for today\" lasts until midnight in the laptop's new zone"
        );
    }

    #[test]
    fn a_pause_for_an_hour_is_an_hour_in_any_zone() {
        let mut laptop = laptop_at(9, 0);
        let before = laptop
            .hearth
            .reminders()
            .pause(PauseFor::Minutes { minutes: 60 })
            .unwrap();
        laptop.hearth.reminders().follow_zone(NEW_YORK).unwrap();
        let after = laptop.hearth.reminders().settings().unwrap();
        assert_eq!(
            after.paused_until, before.paused_until,
            "an hour's pause is not moved by a change of zone"
        );
    }

    #[test]
    fn the_weekly_check_in_reminder_comes_at_its_time_in_the_new_zone() {
        // Sunday 29 November 2026, 19:00 by default, on the laptop's clock.
        let sunday = d(2026, 11, 29);
        let mut laptop = Laptop::new(BERLIN, at(sunday, 12, 0));
        laptop.tick().unwrap();
        laptop.hearth.reminders().follow_zone(NEW_YORK).unwrap();
        laptop.run_until(in_new_york(sunday, 18, 59));
        assert!(
            laptop.shown.is_empty(),
            "not at 19:00 Berlin time, which is 13:00 in New York: {:?}",
            laptop.shown.titles()
        );
        laptop.run_until(in_new_york(sunday, 19, 1));
        assert_eq!(
            laptop.shown.len(),
            1,
            "the check-in reminder comes at 19:00 on the laptop's new clock"
        );
    }

    #[test]
    fn a_name_that_is_not_a_zone_changes_nothing() {
        let mut laptop = laptop_at(9, 0);
        let changed = laptop
            .hearth
            .reminders()
            .follow_zone("Nowhere/Special")
            .unwrap();
        assert!(!changed, "an unknown zone is ignored");
        assert_eq!(
            laptop.hearth.reminders().zone().name(),
            BERLIN,
            "the last good zone stays"
        );
        let _ = laptop.tick();
    }

    #[test]
    fn the_localtime_link_names_the_laptops_zone() {
        use hearth_core::schedule::zone_of_localtime_link as zone_of;
        let named = |target: &str| zone_of(target).map(|tz| tz.name());
        for (target, zone) in [
            ("/usr/share/zoneinfo/Europe/Paris", "Europe/Paris"),
            ("../usr/share/zoneinfo/America/New_York", "America/New_York"),
            ("/var/db/timezone/zoneinfo/Asia/Tokyo", "Asia/Tokyo"),
            ("/usr/share/zoneinfo/posix/Europe/Berlin", "Europe/Berlin"),
            ("/usr/share/zoneinfo/Etc/UTC", "Etc/UTC"),
            // An old name is read as the place's current one.
            ("/usr/share/zoneinfo/Asia/Calcutta", "Asia/Kolkata"),
        ] {
            assert_eq!(named(target), Some(zone), "{target} is {zone}");
        }
        for target in [
            "/etc/localtime.copy",
            "/usr/share/zoneinfo/Nowhere/Special",
            "/usr/share/zoneinfo/",
        ] {
            assert_eq!(named(target), None, "{target} names no zone");
        }
    }
}
