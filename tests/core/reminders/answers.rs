//! Answering a reminder from its desktop notification: what it offers, what each button means, and that only the first answer counts.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use hearth_core::commitments::CommitmentInput;
use hearth_core::reminders::{Notice, NotificationAction, Response, MAX_SEPARATE};
use hearth_core::rituals::{OutcomeStatus, RitualInput};
use hearth_core::ErrorKind;
use hearth_tests::reminders::Laptop;
use hearth_tests::rituals::{d, ritual, BERLIN};
use hearth_tests::By;
use hearth_tests::{ALEX, SAM};

use NotificationAction::{Done, Open, Skip, Snooze};

/// Monday 23 November 2026.
fn day() -> NaiveDate {
    d(2026, 11, 23)
}

fn at(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    let tz: Tz = BERLIN.parse().unwrap();
    tz.from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// A laptop at 06:00 with a daily 07:00 walk, run until its reminder came.
fn walk_reminded() -> (Laptop, i64, Notice) {
    let mut laptop = Laptop::new(BERLIN, at(day(), 6, 0));
    let r = laptop.add(&walk());
    laptop.run_until(at(day(), 7, 1));
    let notice = laptop.shown.last().notice;
    (laptop, r.id, notice)
}

fn walk() -> RitualInput {
    ritual("Morning walk", "FREQ=DAILY", "07:00", day())
}

/// What `action` on `notice` does, as the app does it: as the writer now.
fn press(
    laptop: &mut Laptop,
    notice: &Notice,
    action: NotificationAction,
) -> hearth_core::Result<hearth_core::reminders::Answered> {
    let Response::Answer { key, action } = notice.respond(action.key()) else {
        panic!("{action:?} on this notice is an answer");
    };
    laptop
        .hearth
        .reminders()
        .answer_from_notification(&key, action)
}

fn outcome(laptop: &mut Laptop, ritual_id: i64) -> Option<(OutcomeStatus, hearth_core::PartnerId)> {
    laptop
        .hearth
        .occurrence_for_tests(ritual_id, day())
        .unwrap()
        .outcome
        .map(|o| (o.status, o.by))
}

mod what_a_notification_offers {
    use super::*;

    #[test]
    fn a_ritual_offers_we_did_it_snooze_and_skip_where_the_desktop_has_buttons() {
        let (_, id, notice) = walk_reminded();
        let offered: Vec<_> = notice
            .notification_actions(true)
            .into_iter()
            .map(|a| (a.key(), a.label()))
            .collect();
        assert_eq!(
            offered,
            [
                ("done", "We did it"),
                ("snooze", "Snooze 10 min"),
                ("skip", "Skip this time"),
                ("default", "Open Hearth"),
            ],
            "the three answers, by their visible labels, and a click that opens Hearth"
        );
        assert_eq!(
            notice.notification_actions(false),
            [Open],
            "a desktop without buttons gets only the click that opens Hearth"
        );
        assert_eq!(
            notice.respond("default"),
            Response::Open {
                route: format!("rituals/ritual/{id}")
            },
            "clicking the notification opens Hearth on that ritual"
        );
    }

    #[test]
    fn each_button_answers_the_reminder_it_came_with() {
        let (_, _, notice) = walk_reminded();
        let key = notice.items[0].key.clone();
        for action in NotificationAction::ANSWERS {
            assert_eq!(
                notice.respond(action.key()),
                Response::Answer {
                    key: key.clone(),
                    action
                },
                "{} answers this notice's reminder",
                action.label()
            );
        }
        assert_eq!(
            notice.respond("open-the-pod-bay-doors"),
            Response::Nothing,
            "an action Hearth never offered does nothing"
        );
    }

    #[test]
    fn several_reminders_at_once_only_open_today() {
        let mut laptop = Laptop::new(BERLIN, at(day(), 6, 0));
        for n in 0..=MAX_SEPARATE {
            laptop.add(&ritual(
                &format!("Ritual {n}"),
                "FREQ=DAILY",
                "07:00",
                day(),
            ));
        }
        laptop.run_until(at(day(), 7, 1));
        let notice = laptop.shown.last().notice;
        assert!(notice.items.len() > 1, "coalesced into one notice");
        assert_eq!(
            notice.notification_actions(true),
            [Open],
            "one set of buttons for several rituals would be a guess: no answers"
        );
        assert_eq!(notice.respond("done"), Response::Nothing);
        assert_eq!(
            notice.respond("default"),
            Response::Open {
                route: "today".into()
            },
            "the click opens Today, where they all are"
        );
    }

    #[test]
    fn the_weekly_check_in_opens_the_check_ins_and_has_no_buttons() {
        // Sunday 29 November, 19:00: the check-in reminder's default time.
        let sunday = d(2026, 11, 29);
        let mut laptop = Laptop::new(BERLIN, at(sunday, 18, 0));
        laptop.run_until(at(sunday, 19, 1));
        let notice = laptop.shown.last().notice;
        assert_eq!(notice.title, "Your weekly check-in");
        assert_eq!(notice.notification_actions(true), [Open]);
        assert_eq!(
            notice.respond("default"),
            Response::Open {
                route: "checkins".into()
            }
        );
    }

    #[test]
    fn a_commitment_review_offers_the_answers_and_opens_the_commitments() {
        let (mut laptop, notice) = review_reminded();
        assert_eq!(
            notice.notification_actions(true),
            [Done, Snooze, Skip, Open]
        );
        assert_eq!(
            notice.respond("default"),
            Response::Open {
                route: "rituals/commitments".into()
            }
        );
        let first = press(&mut laptop, &notice, Done).unwrap();
        assert!(first.recorded, "the first answer to a review counts");
        let second = press(&mut laptop, &notice, Snooze).unwrap();
        assert!(
            !second.recorded,
            "a review answered once takes no second answer"
        );
        laptop.run_until(at(d(2026, 12, 14), 10, 0));
        assert_eq!(laptop.shown.len(), 1, "so no snooze brings it back");
    }
}

/// A commitment reviewed on Monday 14 December, reminded at 09:00.
fn review_reminded() -> (Laptop, Notice) {
    let review = d(2026, 12, 14);
    let mut laptop = Laptop::new(BERLIN, at(review, 8, 0));
    let input = CommitmentInput {
        title: "Shared calendars".into(),
        details: None,
        owner: None,
        cadence: None,
        start_date: d(2026, 11, 1),
        zone: BERLIN.into(),
        review_on: Some(review),
    };
    laptop.by(SAM).commitments().create(&input).unwrap();
    laptop.run_until(at(review, 9, 1));
    let notice = laptop.shown.last().notice;
    assert_eq!(notice.title, "Time to look at: Shared calendars");
    (laptop, notice)
}

mod only_the_first_answer_counts {
    use super::*;

    #[test]
    fn we_did_it_records_the_day_as_done_by_the_partner_writing_now() {
        let (mut laptop, id, notice) = walk_reminded();
        laptop.by(ALEX);
        let answered = press(&mut laptop, &notice, Done).unwrap();
        assert!(answered.recorded);
        assert_eq!(answered.said, "Marked “Morning walk” done.");
        assert_eq!(
            outcome(&mut laptop, id),
            Some((OutcomeStatus::Done, ALEX)),
            "done for the day the reminder was for, by whoever is writing"
        );
    }

    #[test]
    fn pressed_twice_or_then_skip_changes_nothing() {
        let (mut laptop, id, notice) = walk_reminded();
        press(&mut laptop, &notice, Done).unwrap();
        for again in [Done, Skip, Snooze] {
            let answered = press(&mut laptop, &notice, again).unwrap();
            assert!(
                !answered.recorded,
                "{} after We did it is not a second answer",
                again.label()
            );
            assert_eq!(
                answered.said,
                "“Morning walk” was already answered, so nothing changed."
            );
        }
        assert_eq!(
            outcome(&mut laptop, id),
            Some((OutcomeStatus::Done, SAM)),
            "still done, as first answered"
        );
        laptop.run_until(at(day(), 8, 0));
        assert_eq!(laptop.shown.len(), 1, "and no snooze brings it back");
    }

    #[test]
    fn after_the_window_answered_the_notification_changes_nothing() {
        let (mut laptop, id, notice) = walk_reminded();
        let key = notice.items[0].key.clone();
        // The banner's Skip, in the window.
        laptop.by(SAM).reminders().answer(&key, true).unwrap();
        let answered = press(&mut laptop, &notice, Done).unwrap();
        assert!(!answered.recorded, "the window answered first");
        assert_eq!(
            outcome(&mut laptop, id).map(|o| o.0),
            Some(OutcomeStatus::Skipped),
            "the window's answer stands"
        );
    }

    #[test]
    fn a_snooze_in_the_window_is_an_answer_too() {
        let (mut laptop, _, notice) = walk_reminded();
        let key = notice.items[0].key.clone();
        laptop.hearth.reminders().snooze(&key, 30).unwrap();
        let answered = press(&mut laptop, &notice, Snooze).unwrap();
        assert!(!answered.recorded, "already snoozed from the banner");
        laptop.run_until(at(day(), 7, 40));
        assert_eq!(
            laptop.shown.len(),
            2,
            "it comes back once, at the banner's 30 minutes"
        );
        assert!(laptop.shown.last().at >= at(day(), 7, 31));
    }

    #[test]
    fn snooze_brings_it_back_once_in_ten_minutes_and_that_one_can_be_answered() {
        let (mut laptop, id, notice) = walk_reminded();
        let snoozed = press(&mut laptop, &notice, Snooze).unwrap();
        assert!(snoozed.recorded);
        assert_eq!(snoozed.said, "“Morning walk” will come back in 10 minutes.");
        assert!(
            !press(&mut laptop, &notice, Snooze).unwrap().recorded,
            "a second press does not snooze again"
        );
        laptop.run_until(at(day(), 7, 10));
        assert_eq!(laptop.shown.len(), 1, "not before ten minutes");
        laptop.run_until(at(day(), 8, 0));
        assert_eq!(laptop.shown.len(), 2, "back once, ten minutes later");
        let back = laptop.shown.last();
        assert!(back.at <= at(day(), 7, 12), "within a tick of 07:11");
        assert!(
            !press(&mut laptop, &notice, Done).unwrap().recorded,
            "the first notification was answered with the snooze"
        );
        let done = press(&mut laptop, &back.notice, Done).unwrap();
        assert!(
            done.recorded,
            "the notification that came back takes its own answer"
        );
        assert_eq!(
            outcome(&mut laptop, id).map(|o| o.0),
            Some(OutcomeStatus::Done),
            "for the day of the first reminder"
        );
    }

    #[test]
    fn an_answer_survives_a_restart() {
        let (mut laptop, id, notice) = walk_reminded();
        press(&mut laptop, &notice, Skip).unwrap();
        laptop.restart();
        assert!(
            !press(&mut laptop, &notice, Done).unwrap().recorded,
            "a notification still on screen after a restart takes no second answer"
        );
        assert_eq!(
            outcome(&mut laptop, id).map(|o| o.0),
            Some(OutcomeStatus::Skipped)
        );
    }
}

mod refused {
    use super::*;

    #[test]
    fn a_ritual_deleted_since_records_nothing_and_says_so() {
        let (mut laptop, id, notice) = walk_reminded();
        laptop.by(SAM).rituals().archive(id).unwrap();
        let err = press(&mut laptop, &notice, Done).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(
            err.to_string().contains("“Morning walk” is deleted"),
            "the message names the ritual and why: {err}"
        );
        laptop.by(SAM).rituals().restore(id).unwrap();
        assert_eq!(outcome(&mut laptop, id), None, "nothing was recorded");
        assert!(
            press(&mut laptop, &notice, Done).unwrap().recorded,
            "a refused answer was not counted as the answer"
        );
    }

    #[test]
    fn a_ritual_moved_off_that_day_records_nothing() {
        let (mut laptop, id, notice) = walk_reminded();
        // Now only on Sundays: Monday 23 November is no longer one of its days.
        let mut sundays = walk();
        sundays.schedule = "FREQ=WEEKLY;BYDAY=SU".into();
        sundays.start_date = d(2026, 11, 29);
        laptop.by(SAM).rituals().update(id, &sundays).unwrap();
        let err = press(&mut laptop, &notice, Skip).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        assert!(
            laptop
                .hearth
                .rituals()
                .history(id, day(), day())
                .unwrap()
                .is_empty(),
            "nothing recorded for a day it no longer has"
        );
    }

    #[test]
    fn a_reminder_never_shown_or_opening_is_not_an_answer() {
        let (mut laptop, _, _) = walk_reminded();
        let err = laptop
            .by(SAM)
            .reminders()
            .answer_from_notification("ritual:nothing:2026-11-23", Done)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        let (mut laptop, _, notice) = walk_reminded();
        let key = notice.items[0].key.clone();
        let err = laptop
            .by(SAM)
            .reminders()
            .answer_from_notification(&key, Open)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
}
