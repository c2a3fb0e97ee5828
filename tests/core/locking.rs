//! When Hearth locks (idle time on the injected clock, the tray, the screen locker) and what a locked Hearth's reminders say and still record.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use hearth_core::hearth::{LockedNotice, PRIVATE_REMINDER};
use hearth_core::reminders::{NotificationAction, Response};
use hearth_core::rituals::OutcomeStatus;
use hearth_core::{Clock, ErrorKind, FixedClock, Hearth};
use hearth_tests::reminders::Recorder;
use hearth_tests::rituals::{d, ritual, BERLIN};
use hearth_tests::{input, TempHearth, ALEX, SAM};

const SAMS: &str = "the lighthouse at dawn";

/// 06:00 in Berlin on Monday 23 November 2026.
fn six() -> DateTime<Utc> {
    let tz: Tz = BERLIN.parse().unwrap();
    tz.with_ymd_and_hms(2026, 11, 23, 6, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// Sam and Alex, Sam writing with a passphrase and unlocked, on a clock the
/// test moves.
fn sam_unlocked(home: &TempHearth) -> (Hearth, FixedClock) {
    let clock = FixedClock::at(six());
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth.reminders().start_in_zone(BERLIN);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    (hearth, clock)
}

fn locked(hearth: &mut Hearth) -> bool {
    hearth.state().unwrap().privacy.locked
}

#[test]
fn idle_time_locks_after_ten_minutes_by_default_and_activity_puts_it_off() {
    let home = TempHearth::new();
    let (mut hearth, clock) = sam_unlocked(&home);
    assert_eq!(hearth.lock_settings().unwrap().lock_after, Some(10));

    clock.advance(Duration::minutes(9));
    assert!(
        !hearth.lock_if_idle().unwrap(),
        "nine idle minutes don't lock"
    );
    hearth.note_activity();
    clock.advance(Duration::minutes(9));
    assert!(
        !hearth.lock_if_idle().unwrap(),
        "a touch of the window starts the ten minutes again"
    );
    clock.advance(Duration::minutes(1));
    assert!(
        hearth.lock_if_idle().unwrap(),
        "ten minutes without a touch lock"
    );
    assert!(
        locked(&mut hearth),
        "the writer is locked after the idle time"
    );
    assert_eq!(
        hearth.journal().unread_count().unwrap_err().kind(),
        ErrorKind::NotAllowed,
        "nothing is read as the locked writer"
    );
    assert!(
        !hearth.lock_if_idle().unwrap(),
        "a locked Hearth has nothing more to lock"
    );
}

#[test]
fn unlocking_counts_as_a_touch_so_an_old_one_never_locks_at_once() {
    let home = TempHearth::new();
    let (mut hearth, clock) = sam_unlocked(&home);
    hearth.lock().unwrap();
    clock.advance(Duration::hours(3));
    hearth.unlock(SAM, SAMS).unwrap();
    clock.advance(Duration::minutes(9));
    assert!(
        !hearth.lock_if_idle().unwrap(),
        "the idle time counts from the unlock, not the touch before the lock"
    );
}

#[test]
fn each_partner_chooses_their_own_lock_after_and_never_means_never() {
    let home = TempHearth::new();
    let (mut hearth, clock) = sam_unlocked(&home);
    assert_eq!(hearth.set_lock_after(Some(5)).unwrap().lock_after, Some(5));
    clock.advance(Duration::minutes(5));
    assert!(hearth.lock_if_idle().unwrap(), "Sam chose five minutes");

    hearth.unlock(SAM, SAMS).unwrap();
    assert_eq!(hearth.set_lock_after(None).unwrap().lock_after, None);
    clock.advance(Duration::days(2));
    assert!(!hearth.lock_if_idle().unwrap(), "never locks never");

    hearth.lock().unwrap();
    hearth.set_writer(ALEX).unwrap();
    assert_eq!(
        hearth.lock_settings().unwrap().lock_after,
        Some(10),
        "Alex's own choice is still the default"
    );
    for bad in [0, 1, 15, 60, u32::MAX] {
        let err = hearth.set_lock_after(Some(bad)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad} minutes: {err}");
    }
    assert_eq!(hearth.lock_settings().unwrap().lock_after, Some(10));
}

#[test]
fn the_test_harness_can_only_shorten_the_idle_time() {
    let home = TempHearth::new();
    let (mut hearth, clock) = sam_unlocked(&home);
    hearth.shorten_idle_for_tests(Duration::seconds(3));
    clock.advance(Duration::seconds(3));
    assert!(hearth.lock_if_idle().unwrap(), "three seconds, as told");

    hearth.unlock(SAM, SAMS).unwrap();
    hearth.set_lock_after(None).unwrap();
    clock.advance(Duration::hours(1));
    assert!(
        !hearth.lock_if_idle().unwrap(),
        "a shorter idle time never turns on a lock the partner turned off"
    );
}

#[test]
fn a_writer_without_a_passphrase_has_nothing_to_lock() {
    let home = TempHearth::new();
    let (mut hearth, clock) = sam_unlocked(&home);
    hearth.set_writer(ALEX).unwrap();
    assert!(!hearth.lock_if_open(), "Alex has no key to wipe");
    clock.advance(Duration::hours(1));
    assert!(!hearth.lock_if_idle().unwrap());
    assert!(!locked(&mut hearth), "Alex carries on");
}

#[test]
fn the_screen_locker_or_a_suspend_locks_at_once_and_only_once() {
    let home = TempHearth::new();
    let (mut hearth, _) = sam_unlocked(&home);
    assert!(hearth.lock_if_open(), "Sam's key was open: it is wiped");
    assert!(locked(&mut hearth));
    assert!(
        !hearth.lock_if_open(),
        "a second signal has nothing to lock"
    );
    assert_eq!(hearth.state().unwrap().privacy.unlocked, None);
}

/// Sam adds a daily 07:00 walk; Sam locks; the laptop ticks past 07:00.
fn walk_due_while_locked(
    notice: Option<LockedNotice>,
) -> (TempHearth, Hearth, FixedClock, Recorder, i64) {
    let home = TempHearth::new();
    let (mut hearth, clock) = sam_unlocked(&home);
    let walk = hearth
        .rituals()
        .create(&ritual(
            "Morning walk",
            "FREQ=DAILY",
            "07:00",
            d(2026, 11, 23),
        ))
        .unwrap();
    if let Some(choice) = notice {
        hearth.set_locked_notice(choice).unwrap();
    }
    hearth.lock().unwrap();
    let shown = Recorder::default();
    while clock.now() < six() + Duration::minutes(61) {
        clock.advance(Duration::seconds(30));
        *shown.now.borrow_mut() = Some(clock.now());
        hearth.reminders().run(&shown).unwrap();
    }
    (home, hearth, clock, shown, walk.id)
}

#[test]
fn reminders_keep_coming_while_locked_and_name_nothing_unless_the_couple_chose_names() {
    let (_home, mut hearth, _, shown, _) = walk_due_while_locked(None);
    assert_eq!(shown.len(), 1, "the reminder comes while locked, once");
    let notice = shown.last().notice;
    let text = serde_json::to_string(&notice).unwrap();
    assert_eq!(
        notice.title, PRIVATE_REMINDER,
        "private unless chosen: {text}"
    );
    assert!(
        !text.contains("Morning walk") && !text.contains("Because it helps"),
        "nothing of the ritual is in the locked notice: {text}"
    );
    assert_eq!(
        hearth.lock_settings().unwrap_err().kind(),
        ErrorKind::NotAllowed,
        "the settings themselves wait for the unlock"
    );

    let (_home, _, _, shown, _) = walk_due_while_locked(Some(LockedNotice::Name));
    assert_eq!(
        shown.last().notice.title,
        "Morning walk",
        "the couple chose names: the ritual is named while locked"
    );
}

#[test]
fn we_did_it_from_a_locked_notification_records_once_and_says_nothing_private() {
    let (_home, mut hearth, clock, shown, walk) = walk_due_while_locked(None);
    let notice = shown.last().notice;
    let Response::Answer { key, action } = notice.respond("done") else {
        panic!("the hidden notice still carries its answers");
    };
    assert_eq!(action, NotificationAction::Done);
    let first = hearth
        .reminders()
        .answer_from_notification(&key, action)
        .expect("an answer from a locked notification records");
    assert!(first.recorded);
    assert!(!first.said.contains("Morning walk"), "{}", first.said);
    let again = hearth
        .reminders()
        .answer_from_notification(&key, action)
        .unwrap();
    assert!(!again.recorded, "a second press changes nothing");
    assert!(!again.said.contains("Morning walk"), "{}", again.said);
    assert!(locked(&mut hearth), "answering doesn't unlock");

    hearth.unlock(SAM, SAMS).unwrap();
    let day = hearth
        .rituals()
        .history(walk, d(2026, 11, 23), d(2026, 11, 23))
        .unwrap();
    let outcome = day[0].outcome.as_ref().expect("the walk has an outcome");
    assert_eq!((outcome.status, outcome.by), (OutcomeStatus::Done, SAM));
    assert_eq!(day.len(), 1);
    let _ = clock;
}
