//! Rituals: adding, changing, pausing, deleting and restoring; templates; recording done/skip/undo; Today, the agenda and reminders.

use hearth_core::rituals::{templates, OccurrenceState, OutcomeStatus};
use hearth_core::schedule::Schedule;
use hearth_core::{Clock, ErrorKind};
use hearth_tests::rituals::{d, ritual, utc, with, BERLIN};
use hearth_tests::By;
use hearth_tests::Exchange;
use hearth_tests::{Journal, ALEX, OFFSET, SAM};

// The fixed clock: Sunday 22 November 2026, 09:30 UTC (10:30 in Berlin).

#[test]
fn a_ritual_is_saved_with_everything_it_was_given() {
    let mut j = Journal::new();
    let input = with(
        ritual(
            "Morning coffee",
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "7:30",
            d(2026, 11, 23),
        ),
        |i| {
            i.end_date = Some(d(2027, 3, 31));
            i.for_partner = Some(ALEX);
            i.reminder_lead_minutes = 10;
        },
    );
    let r = j.by(SAM).rituals().create(&input).unwrap();
    assert_eq!(r.title, "Morning coffee");
    assert_eq!(
        r.schedule.to_rrule(),
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "the schedule is kept as RRULE text"
    );
    assert_eq!(r.time, "07:30", "times are stored as HH:MM");
    assert_eq!(r.zone, BERLIN);
    assert_eq!(r.end_date, Some(d(2027, 3, 31)));
    assert_eq!(r.for_partner, Some(ALEX));
    assert_eq!(r.reminder_lead_minutes, 10);
    assert!(
        r.active && r.archived_at.is_none(),
        "a new ritual is active"
    );
    assert_eq!(
        r.description,
        "Every Monday and Thursday at 07:30, until 31 March 2027"
    );
    assert_eq!(r.created_by, SAM);
    assert_eq!(
        j.hearth.rituals().list(false).unwrap(),
        vec![r.clone()],
        "it is listed"
    );

    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json["schedule"], "FREQ=WEEKLY;BYDAY=MO,TH",
        "the page gets RRULE text"
    );
    assert_eq!(json["forPartner"], 2);
    assert!(json.get("tz").is_none(), "internal fields stay internal");

    let changed = j
        .by(ALEX)
        .rituals()
        .update(r.id, &with(input, |i| i.title = "Slow coffee".into()))
        .unwrap();
    assert_eq!(changed.title, "Slow coffee");
    assert_eq!(changed.created_by, SAM, "the creator doesn't change");
}

#[test]
fn every_template_makes_a_warm_valid_ritual_starting_at_its_first_time() {
    let mut j = Journal::new();
    let all = templates();
    assert!(all.len() >= 8, "at least eight ideas");
    for id in [
        "morning-coffee",
        "evening-walk",
        "phone-free-hour",
        "weekly-check-in",
        "weekly-date",
        "old-letters",
        "fun-trip",
        "thinking-of-you",
    ] {
        assert!(
            all.iter().any(|t| t.id == id),
            "the ideas from the domain brief include {id}"
        );
    }
    let mut ids: Vec<_> = all.iter().map(|t| t.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "template ids are unique");
    for t in all {
        let r = j
            .by(SAM)
            .rituals()
            .create_from_template(t.id, BERLIN, d(2026, 11, 22))
            .unwrap_or_else(|e| panic!("{} makes a valid ritual: {e}", t.id));
        assert_eq!(r.template_id.as_deref(), Some(t.id));
        let first = r.timing().first().expect("a first occurrence");
        assert!(
            first.at >= j.clock.now() && (first.date == r.start_date),
            "{} starts with its first time at or after the moment it was added",
            t.id
        );
        assert!(
            r.start_date >= d(2026, 11, 22),
            "{} starts today or later, never before it was added",
            t.id
        );
        assert_eq!(r.zone, BERLIN, "in the zone the shell passed");
        assert_eq!(
            r.intention.as_deref(),
            Some(t.intention),
            "with its one-line why"
        );
        assert!(t.intention.chars().count() <= 280 && !t.intention.contains('\n'));
        assert!(
            r.timing().occurrences_after(j.clock.now()).next().is_some(),
            "{} happens at some point",
            t.id
        );
        assert_eq!(
            t.describe(),
            r.description,
            "the idea is described in the same words as the ritual it makes"
        );
    }
    let err = j
        .by(SAM)
        .rituals()
        .create_from_template("sky-diving", BERLIN, d(2026, 11, 22))
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotFound,
        "an unknown idea is not found"
    );
}

#[test]
fn a_ritual_from_a_template_stays_editable() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create_from_template("weekly-date", BERLIN, d(2026, 11, 22))
        .unwrap();
    let t = hearth_core::rituals::template("weekly-date").unwrap();
    let input = with(t.input(BERLIN, r.start_date), |i| {
        i.time = "20:00".into();
        i.schedule = "FREQ=WEEKLY;BYDAY=SA".into();
    });
    let r = j.by(SAM).rituals().update(r.id, &input).unwrap();
    assert_eq!(
        (r.time.as_str(), r.schedule.to_rrule().as_str()),
        ("20:00", "FREQ=WEEKLY;BYDAY=SA")
    );
    assert_eq!(
        r.template_id.as_deref(),
        Some("weekly-date"),
        "where it came from is kept"
    );
}

#[test]
fn done_skip_and_undo_are_recorded_per_local_date() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create(&ritual("Walk", "FREQ=DAILY", "07:30", d(2026, 11, 16)))
        .unwrap();
    let done = j
        .by(SAM)
        .rituals()
        .mark_done(
            r.id,
            d(2026, 11, 20),
            Some("  Lovely, cold morning. "),
            None,
            OFFSET,
        )
        .unwrap();
    assert_eq!(done.state, OccurrenceState::Done);
    let outcome = done.outcome.unwrap();
    assert_eq!(
        (outcome.by, outcome.note.as_deref()),
        (SAM, Some("Lovely, cold morning."))
    );
    let skipped = j
        .by(ALEX)
        .rituals()
        .skip(r.id, d(2026, 11, 21), Some("Visiting my sister"))
        .unwrap();
    assert_eq!(skipped.state, OccurrenceState::Skipped);
    assert_eq!(skipped.outcome.unwrap().by, ALEX, "who recorded it is kept");

    let states: Vec<_> = j
        .hearth
        .rituals()
        .history(r.id, d(2026, 11, 19), d(2026, 11, 23))
        .unwrap()
        .into_iter()
        .map(|o| (o.date, o.state))
        .collect();
    assert_eq!(
        states,
        [
            (d(2026, 11, 19), OccurrenceState::Missed),
            (d(2026, 11, 20), OccurrenceState::Done),
            (d(2026, 11, 21), OccurrenceState::Skipped),
            (d(2026, 11, 22), OccurrenceState::Due),
            (d(2026, 11, 23), OccurrenceState::Upcoming),
        ],
        "missed is derived once the local day has passed; today is due all day"
    );

    let undone = j
        .by(SAM)
        .rituals()
        .undo_outcome(r.id, d(2026, 11, 20))
        .unwrap();
    assert_eq!(
        undone.state,
        OccurrenceState::Missed,
        "undo deletes what was recorded"
    );
    let again = j
        .by(SAM)
        .rituals()
        .undo_outcome(r.id, d(2026, 11, 20))
        .unwrap_err();
    assert_eq!(again.kind(), ErrorKind::NotFound, "undoing nothing says so");

    let over = j
        .by(ALEX)
        .rituals()
        .mark_done(r.id, d(2026, 11, 21), None, None, OFFSET)
        .unwrap();
    assert_eq!(over.state, OccurrenceState::Done, "done replaces a skip");

    let conn = rusqlite::Connection::open(j.home.database()).unwrap();
    let log: Vec<String> = conn
        .prepare("SELECT action FROM ritual_outcome_log ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        log,
        ["done", "skipped", "undone", "done"],
        "every mark and undo is logged"
    );
}

#[test]
fn only_the_days_a_ritual_falls_on_can_be_marked() {
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
    let tuesday = j
        .by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 17), None, None, OFFSET)
        .unwrap_err();
    assert_eq!(
        tuesday.kind(),
        ErrorKind::InvalidInput,
        "a Monday ritual has no Tuesday"
    );
    assert!(
        tuesday.to_string().contains("isn't planned for that day"),
        "{tuesday}"
    );
    let before_start = j
        .by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 10, 26), None, None, OFFSET);
    assert_eq!(
        before_start.unwrap_err().kind(),
        ErrorKind::InvalidInput,
        "nothing before the start"
    );
    let ahead = j
        .by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 23), None, None, OFFSET)
        .unwrap_err();
    assert!(
        ahead.to_string().contains("hasn't come yet"),
        "done can't be ahead: {ahead}"
    );
    let skip_ahead = j
        .by(SAM)
        .rituals()
        .skip(r.id, d(2026, 11, 30), None)
        .unwrap();
    assert_eq!(
        skip_ahead.state,
        OccurrenceState::Skipped,
        "a skip may be planned ahead"
    );
    let unknown = j
        .by(SAM)
        .rituals()
        .mark_done(999, d(2026, 11, 16), None, None, OFFSET)
        .unwrap_err();
    assert_eq!(unknown.kind(), ErrorKind::NotFound);
}

#[test]
fn paused_rituals_have_no_occurrences_and_no_reminders() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create(&ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 16)))
        .unwrap();
    let paused = j.by(SAM).rituals().set_active(r.id, false).unwrap();
    assert!(!paused.active);
    assert_eq!(
        paused.timing().occurrences_after(j.clock.now()).next(),
        None,
        "a paused ritual has no occurrences"
    );
    assert!(
        j.hearth
            .rituals()
            .today(d(2026, 11, 22), BERLIN)
            .unwrap()
            .items
            .is_empty(),
        "nor a place on Today"
    );
    let agenda = j
        .hearth
        .rituals()
        .agenda(d(2026, 11, 22), 7, BERLIN)
        .unwrap();
    assert!(
        agenda.iter().all(|day| day.items.is_empty()),
        "nor on the agenda"
    );
    let now = j.clock.now();
    assert!(
        j.hearth
            .upcoming_reminders_for_tests(now, now + chrono::Duration::days(7))
            .unwrap()
            .is_empty(),
        "nor any reminder"
    );
    let refused = j
        .by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 22), None, None, OFFSET)
        .unwrap_err();
    assert!(refused.to_string().contains("paused"), "{refused}");

    j.clock.set(utc(2026, 11, 25, 10, 0));
    let resumed = j.by(ALEX).rituals().set_active(r.id, true).unwrap();
    assert!(resumed.active);
    let history: Vec<_> = j
        .hearth
        .rituals()
        .history(r.id, d(2026, 11, 20), d(2026, 11, 26))
        .unwrap()
        .into_iter()
        .map(|o| (o.date, o.state))
        .collect();
    assert_eq!(
        history,
        [
            (d(2026, 11, 20), OccurrenceState::Missed),
            (d(2026, 11, 21), OccurrenceState::Missed),
            (d(2026, 11, 25), OccurrenceState::Due),
            (d(2026, 11, 26), OccurrenceState::Upcoming),
        ],
        "the paused days (22 to 24) have no occurrences, so nothing on them is missed"
    );
    let reminders = j
        .hearth
        .upcoming_reminders_for_tests(utc(2026, 11, 25, 10, 0), utc(2026, 11, 27, 10, 0))
        .unwrap();
    assert_eq!(reminders.len(), 2, "reminders come back after resuming");
}

#[test]
fn deleting_archives_the_ritual_with_its_history_and_restore_brings_it_back() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create(&ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 16)))
        .unwrap();
    j.by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 21), None, None, OFFSET)
        .unwrap();
    let archived = j.by(SAM).rituals().archive(r.id).unwrap();
    assert!(archived.is_archived());
    assert!(
        j.hearth.rituals().list(false).unwrap().is_empty(),
        "a deleted ritual leaves the list"
    );
    assert_eq!(
        j.hearth.rituals().list(true).unwrap().len(),
        1,
        "and waits among the deleted"
    );
    assert!(j
        .hearth
        .rituals()
        .today(d(2026, 11, 22), BERLIN)
        .unwrap()
        .items
        .is_empty());
    let now = j.clock.now();
    assert!(j
        .hearth
        .upcoming_reminders_for_tests(now, now + chrono::Duration::days(3))
        .unwrap()
        .is_empty());
    assert!(!j.hearth.calendar(None).unwrap().contains("VEVENT"));
    let kept = j
        .hearth
        .occurrence_for_tests(r.id, d(2026, 11, 21))
        .unwrap();
    assert_eq!(kept.state, OccurrenceState::Done, "its history stays");
    assert_eq!(
        j.by(SAM)
            .rituals()
            .mark_done(r.id, d(2026, 11, 20), None, None, OFFSET)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput,
        "a deleted ritual can't be marked until restored"
    );

    j.clock.set(utc(2026, 11, 24, 9, 0));
    let restored = j.by(ALEX).rituals().restore(r.id).unwrap();
    assert!(!restored.is_archived());
    let history: Vec<_> = j
        .hearth
        .rituals()
        .history(r.id, d(2026, 11, 21), d(2026, 11, 24))
        .unwrap()
        .into_iter()
        .map(|o| (o.date, o.state))
        .collect();
    assert_eq!(
        history,
        [
            (d(2026, 11, 21), OccurrenceState::Done),
            (d(2026, 11, 24), OccurrenceState::Due)
        ],
        "the days it was deleted count as a pause"
    );
}

#[test]
fn today_and_the_agenda_show_each_ritual_on_its_own_clock_and_the_viewers() {
    let mut j = Journal::new();
    let coffee = j
        .by(SAM)
        .rituals()
        .create(&ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 1)))
        .unwrap();
    let call = j
        .by(SAM)
        .rituals()
        .create(&with(
            ritual(
                "Call from New York",
                "FREQ=WEEKLY;BYDAY=MO",
                "18:00",
                d(2026, 11, 1),
            ),
            |i| i.zone = "America/New_York".into(),
        ))
        .unwrap();
    let agenda = j
        .hearth
        .rituals()
        .agenda(d(2026, 11, 22), 7, BERLIN)
        .unwrap();
    assert_eq!(agenda.len(), 7, "seven days");
    assert_eq!(agenda[0].date, d(2026, 11, 22));
    assert!(agenda.iter().all(|day| day
        .items
        .iter()
        .filter(|i| i.occurrence.ritual_id == coffee.id)
        .count()
        == 1));
    let monday_call: Vec<_> = agenda
        .iter()
        .flat_map(|day| day.items.iter().map(move |i| (day.date, i)))
        .filter(|(_, i)| i.occurrence.ritual_id == call.id)
        .collect();
    assert_eq!(monday_call.len(), 1);
    let (viewer_day, item) = monday_call[0];
    assert_eq!(
        item.occurrence.date,
        d(2026, 11, 23),
        "keyed by Monday in New York"
    );
    assert_eq!(
        item.occurrence.local_time, "18:00",
        "18:00 on its own clock"
    );
    assert_eq!(item.viewer_time, "00:00", "which is midnight in Berlin");
    assert_eq!(
        viewer_day,
        d(2026, 11, 24),
        "so it is on Tuesday of the Berlin agenda"
    );

    let today = j.hearth.rituals().today(d(2026, 11, 22), BERLIN).unwrap();
    assert_eq!(today.items.len(), 1);
    assert_eq!(today.items[0].occurrence.state, OccurrenceState::Due);
    j.by(ALEX)
        .rituals()
        .mark_done(coffee.id, d(2026, 11, 22), None, None, OFFSET)
        .unwrap();
    let today = j.hearth.rituals().today(d(2026, 11, 22), BERLIN).unwrap();
    let outcome = today.items[0].occurrence.outcome.as_ref().unwrap();
    assert_eq!(
        (outcome.status, outcome.by),
        (OutcomeStatus::Done, ALEX),
        "one click shows at once"
    );
    let err = j
        .hearth
        .rituals()
        .agenda(d(2026, 11, 22), 7, "Nowhere/Special")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn reminders_come_at_the_time_minus_the_lead_once_per_window() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create(&with(
            ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 16)),
            |i| i.reminder_lead_minutes = 15,
        ))
        .unwrap();
    let (a, b, c) = (
        utc(2026, 11, 22, 9, 30),
        utc(2026, 11, 24, 6, 15),
        utc(2026, 11, 26, 0, 0),
    );
    let all = j.hearth.upcoming_reminders_for_tests(a, c).unwrap();
    let at: Vec<_> = all
        .iter()
        .map(|r| (r.date, r.at, r.local_time.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (d(2026, 11, 23), utc(2026, 11, 23, 6, 15), "07:30"),
            (d(2026, 11, 24), utc(2026, 11, 24, 6, 15), "07:30"),
            (d(2026, 11, 25), utc(2026, 11, 25, 6, 15), "07:30"),
        ],
        "07:30 in Berlin (06:30 UTC) minus 15 minutes"
    );
    assert_eq!(all[0].ritual_id, Some(r.id));
    assert_eq!(all[0].title, "Coffee");
    assert_eq!(all[0].intention.as_deref(), Some("Because it helps."));
    let mut split = j.hearth.upcoming_reminders_for_tests(a, b).unwrap();
    split.extend(j.hearth.upcoming_reminders_for_tests(b, c).unwrap());
    assert_eq!(
        split, all,
        "windows that share an end hold each reminder once"
    );
    let mut keys: Vec<_> = all.iter().map(|r| r.key.clone()).collect();
    keys.dedup();
    assert_eq!(keys.len(), 3, "each reminder has its own key");

    j.by(ALEX)
        .rituals()
        .skip(r.id, d(2026, 11, 24), None)
        .unwrap();
    let after_skip = j.hearth.upcoming_reminders_for_tests(a, c).unwrap();
    assert_eq!(
        after_skip.len(),
        2,
        "a skipped occurrence isn't reminded about"
    );
}

#[test]
fn we_did_it_with_to_journal_copies_only_a_note_that_exists() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create(&ritual(
            "Evening walk",
            "FREQ=DAILY",
            "19:00",
            d(2026, 11, 16),
        ))
        .unwrap();
    let journal = Some(Default::default());
    let with_note = j
        .by(SAM)
        .rituals()
        .mark_done(
            r.id,
            d(2026, 11, 20),
            Some("The long way round."),
            journal,
            OFFSET,
        )
        .unwrap();
    let outcome = with_note.outcome.unwrap();
    assert_eq!(outcome.status, OutcomeStatus::Done);
    assert!(
        outcome.journal_entry_id.is_some(),
        "a note sent to the journal comes back linked to its entry"
    );
    let without_note = j
        .by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 21), None, journal, OFFSET)
        .unwrap();
    let outcome = without_note.outcome.unwrap();
    assert_eq!(outcome.status, OutcomeStatus::Done);
    assert_eq!(
        outcome.journal_entry_id, None,
        "with no note there is nothing to copy, and it is a plain \"we did it\""
    );
}

#[test]
fn a_done_note_can_become_a_journal_entry_of_its_writer() {
    let mut j = Journal::new();
    let r = j
        .by(SAM)
        .rituals()
        .create(&ritual(
            "Evening walk",
            "FREQ=DAILY",
            "19:00",
            d(2026, 11, 16),
        ))
        .unwrap();
    j.by(SAM)
        .rituals()
        .mark_done(
            r.id,
            d(2026, 11, 21),
            Some("We talked about the summer."),
            None,
            OFFSET,
        )
        .unwrap();
    let entry = j
        .by(SAM)
        .note_to_journal_for_tests(r.id, d(2026, 11, 21), Default::default(), OFFSET)
        .unwrap();
    assert_eq!(entry.body, "We talked about the summer.");
    assert_eq!(
        entry.title.as_deref(),
        Some("Evening walk, 21 November 2026")
    );
    assert_eq!(entry.tags, ["ritual"]);
    let again = j
        .by(SAM)
        .note_to_journal_for_tests(r.id, d(2026, 11, 21), Default::default(), OFFSET)
        .unwrap();
    assert_eq!(
        again.id, entry.id,
        "asking twice doesn't make a second entry"
    );
    let link = j
        .hearth
        .occurrence_for_tests(r.id, d(2026, 11, 21))
        .unwrap();
    assert_eq!(link.outcome.unwrap().journal_entry_id, Some(entry.id));
    let other = j
        .by(ALEX)
        .note_to_journal_for_tests(r.id, d(2026, 11, 21), Default::default(), OFFSET)
        .unwrap_err();
    assert_eq!(
        other.kind(),
        ErrorKind::NotAllowed,
        "only the note's writer can publish it"
    );
}

#[test]
fn changing_when_a_ritual_happens_counts_afresh_from_that_day() {
    let mut j = Journal::new();
    let input = ritual("Date", "FREQ=WEEKLY;BYDAY=MO", "19:00", d(2026, 11, 2));
    let r = j.by(SAM).rituals().create(&input).unwrap();
    j.by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 2), None, None, OFFSET)
        .unwrap();
    j.by(SAM)
        .rituals()
        .mark_done(r.id, d(2026, 11, 9), None, None, OFFSET)
        .unwrap();
    let daily = with(input, |i| i.schedule = Schedule::daily().to_rrule());
    j.by(SAM).rituals().update(r.id, &daily).unwrap();
    let history: Vec<_> = j
        .hearth
        .rituals()
        .history(r.id, d(2026, 11, 1), d(2026, 11, 23))
        .unwrap()
        .into_iter()
        .map(|o| (o.date, o.state))
        .collect();
    assert_eq!(
        history,
        [
            (d(2026, 11, 2), OccurrenceState::Done),
            (d(2026, 11, 9), OccurrenceState::Done),
            (d(2026, 11, 22), OccurrenceState::Due),
            (d(2026, 11, 23), OccurrenceState::Upcoming),
        ],
        "past days of the new schedule aren't missed; what was done stays"
    );
    let c = j
        .hearth
        .rituals()
        .one_consistency(r.id)
        .unwrap()
        .consistency;
    assert_eq!(c.current_run, 2, "the run before the change carries on");
}

/// Issue 19: when a new ritual first happens, and when each one is next.
mod first_and_next {
    use super::*;
    use hearth_core::rituals::preview;

    // The clock: Sunday 22 November 2026, 10:30 in Berlin.

    #[test]
    fn a_ritual_added_after_todays_time_first_happens_on_its_next_day() {
        let mut j = Journal::new();
        let r = j
            .by(SAM)
            .rituals()
            .create(&ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 22)))
            .unwrap();
        assert_eq!(
            r.start_date,
            d(2026, 11, 23),
            "a ritual added at 10:30 for 07:30 today starts tomorrow"
        );
        let today = j.hearth.rituals().today(d(2026, 11, 22), BERLIN).unwrap();
        assert!(
            today.items.is_empty(),
            "this morning is not a day to mark for a ritual added after it"
        );
        let history = j
            .hearth
            .rituals()
            .history(r.id, d(2026, 11, 1), d(2026, 11, 22))
            .unwrap();
        assert!(
            history.is_empty(),
            "no day before it existed is listed: {history:?}"
        );
        let c = j.hearth.rituals().one_consistency(r.id).unwrap();
        assert!(
            c.consistency.summary.contains("still ahead"),
            "the summary agrees that the first one is still ahead: {}",
            c.consistency.summary
        );
        assert!(
            j.by(SAM)
                .rituals()
                .skip(r.id, d(2026, 11, 22), None)
                .is_err(),
            "a morning before the ritual existed can't be marked skipped"
        );
    }

    #[test]
    fn a_ritual_whose_time_is_still_ahead_today_starts_today() {
        let mut j = Journal::new();
        let r = j
            .by(SAM)
            .rituals()
            .create(&ritual("Walk", "FREQ=DAILY", "19:00", d(2026, 11, 22)))
            .unwrap();
        assert_eq!(r.start_date, d(2026, 11, 22), "its first time is tonight");
        let next = r.next.expect("a next time");
        assert_eq!((next.date, next.time.as_str()), (d(2026, 11, 22), "19:00"));
    }

    #[test]
    fn a_day_marked_before_its_time_is_not_next_any_more() {
        let mut j = Journal::new();
        let r = j
            .by(SAM)
            .rituals()
            .create(&ritual("Walk", "FREQ=DAILY", "19:00", d(2026, 11, 22)))
            .unwrap();
        j.by(SAM)
            .rituals()
            .mark_done(r.id, d(2026, 11, 22), None, None, OFFSET)
            .unwrap();
        let next = j.hearth.rituals().get(r.id).unwrap().next.unwrap();
        assert_eq!(
            (next.date, next.time.as_str()),
            (d(2026, 11, 23), "19:00"),
            "tonight's walk, done early, is not \"next\": tomorrow's is"
        );
        let listed = j.hearth.rituals().list(false).unwrap();
        assert_eq!(listed[0].next, Some(next), "the list says the same");
        j.by(SAM)
            .rituals()
            .skip(r.id, d(2026, 11, 23), None)
            .unwrap();
        let after_skip = j.hearth.rituals().get(r.id).unwrap().next.unwrap();
        assert_eq!(
            after_skip.date,
            d(2026, 11, 24),
            "a day skipped ahead is stepped over too"
        );
        j.by(SAM)
            .rituals()
            .undo_outcome(r.id, d(2026, 11, 22))
            .unwrap();
        let undone = j.hearth.rituals().get(r.id).unwrap().next.unwrap();
        assert_eq!(
            undone.date,
            d(2026, 11, 22),
            "once the mark is undone, tonight is next again"
        );
    }

    #[test]
    fn an_earlier_start_chosen_on_purpose_is_kept() {
        let mut j = Journal::new();
        let r = j
            .by(SAM)
            .rituals()
            .create(&ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 20)))
            .unwrap();
        assert_eq!(
            r.start_date,
            d(2026, 11, 20),
            "a start in the past is the couple's choice"
        );
    }

    #[test]
    fn every_ritual_says_when_it_is_next() {
        let mut j = Journal::new();
        // Made on a Sunday: the next Tuesday is in an "off" week.
        let r = j
            .by(SAM)
            .rituals()
            .create(&ritual(
                "Date night",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
                "19:30",
                d(2026, 11, 22),
            ))
            .unwrap();
        let next = r.next.clone().expect("a next time");
        assert_eq!(
            (next.date, next.time.as_str()),
            (d(2026, 12, 1), "19:30"),
            "every 2 weeks on Tuesday, made on a Sunday, is next on the Tuesday nine days later"
        );
        let listed = j.hearth.rituals().list(false).unwrap();
        assert_eq!(listed[0].next, Some(next.clone()), "the list says the same");
        let json = serde_json::to_value(&listed[0]).unwrap();
        assert_eq!(
            json["next"]["date"], "2026-12-01",
            "the page gets the next date"
        );

        let paused = j.by(SAM).rituals().set_active(r.id, false).unwrap();
        assert_eq!(paused.next, None, "a paused ritual has no next time");
    }

    #[test]
    fn the_form_sees_the_first_time_and_the_kept_rule_before_saving() {
        let j = Journal::new();
        let p = preview(
            &ritual(
                "Pay day",
                "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
                "18:00",
                d(2026, 11, 22),
            ),
            &j.clock,
        )
        .unwrap();
        assert_eq!(p.schedule, "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1");
        let next = p.next.expect("a first time");
        assert_eq!(
            next.date,
            d(2026, 11, 30),
            "the 30th of November comes first"
        );
        assert!(p.description.contains("30th"), "{}", p.description);

        let coffee = preview(
            &ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 22)),
            &j.clock,
        )
        .unwrap();
        assert_eq!(
            coffee.next.unwrap().date,
            d(2026, 11, 23),
            "the preview and saving agree on the first day"
        );

        let calcutta = preview(
            &with(
                ritual("Chai", "FREQ=DAILY", "17:00", d(2026, 11, 22)),
                |i| {
                    i.zone = "Asia/Calcutta".into();
                },
            ),
            &j.clock,
        )
        .unwrap();
        assert_eq!(
            (calcutta.zone.name, calcutta.zone.city.as_str()),
            ("Asia/Kolkata", "Kolkata"),
            "the zone is shown by its current name and its city"
        );

        let err = preview(
            &ritual(
                "Bad",
                "FREQ=MONTHLY;BYMONTHDAY=30",
                "18:00",
                d(2026, 11, 22),
            ),
            &j.clock,
        )
        .unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidInput,
            "the preview refuses what saving would"
        );
    }

    #[test]
    fn a_ritual_saved_under_an_old_zone_name_reads_as_the_current_one() {
        let mut j = Journal::new();
        let r = j
            .by(SAM)
            .rituals()
            .create(&with(
                ritual("Chai", "FREQ=DAILY", "17:00", d(2026, 11, 23)),
                |i| {
                    i.zone = "Asia/Calcutta".into();
                },
            ))
            .unwrap();
        assert_eq!(
            (r.zone.as_str(), r.zone_city.as_str()),
            ("Asia/Kolkata", "Kolkata"),
            "Asia/Calcutta is kept and shown as Asia/Kolkata"
        );
    }
}
