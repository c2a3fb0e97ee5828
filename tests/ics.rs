//! The calendar export reads back in an independent iCalendar parser with the right zone, times, rule and text.

use hearth_core::rituals::RitualInput;
use hearth_core::schedule::Schedule;
use hearth_tests::rituals::{d, ritual, utc, with};
use hearth_tests::{Journal, SAM};
use icalendar::{Calendar, Component};

fn tricky() -> RitualInput {
    with(
        ritual(
            "Coffee, tea; and \\ biscuits",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            "07:30",
            d(2026, 11, 22),
        ),
        |i| {
            i.intention = Some(format!(
                "Slow mornings, just us: no phones; no plans. Ça fait du bien, vraiment — {}",
                "é".repeat(60)
            ));
            i.duration_minutes = 90;
            i.end_date = Some(d(2027, 3, 31));
        },
    )
}

#[test]
fn the_ics_export_parses_with_an_independent_parser() {
    let mut j = Journal::new();
    let input = tricky();
    let r = j.store.create_ritual(SAM, &input, &j.clock).unwrap();
    let last_day = with(
        ritual(
            "Look back",
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "20:00",
            d(2026, 11, 1),
        ),
        |i| {
            i.zone = "America/New_York".into();
            i.intention = None;
        },
    );
    let r2 = j.store.create_ritual(SAM, &last_day, &j.clock).unwrap();
    let paused = j
        .store
        .create_ritual(
            SAM,
            &ritual("Paused one", "FREQ=DAILY", "08:00", d(2026, 11, 1)),
            &j.clock,
        )
        .unwrap();
    j.store
        .set_ritual_active(SAM, paused.id, false, &j.clock)
        .unwrap();

    let text = j.store.rituals_ics(None, &j.clock).unwrap();
    for physical in text.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "lines fold at 75 octets: {physical:?}"
        );
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"), "lines end in CRLF");
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare newlines");

    let calendar: Calendar = text.parse().expect("the export parses");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(
        events.len(),
        2,
        "one event per active ritual; paused ones stay out"
    );

    let e = events
        .iter()
        .find(|e| e.get_uid() == Some(&format!("{}@hearth.app", r.uid)))
        .unwrap();
    assert_eq!(
        e.get_summary(),
        Some(input.title.as_str()),
        "commas, semicolons and backslashes survive"
    );
    assert_eq!(
        e.get_description(),
        input.intention.as_deref(),
        "the why is the description, folded and unfolded"
    );
    let start = &e.properties()["DTSTART"];
    assert_eq!(
        start.value(),
        "20261130T073000",
        "the first occurrence at its wall time: Monday the 30th, as every other week counts from the start's week (of the 16th)"
    );
    assert_eq!(start.params()["TZID"].value(), "Europe/Berlin");
    assert_eq!(e.property_value("DURATION"), Some("PT1H30M"));
    let rrule = e.property_value("RRULE").unwrap();
    assert_eq!(
        rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO;UNTIL=20270331T215959Z",
        "the engine's rule, ending at the last second of the end date in Berlin"
    );
    let without_until = rrule.split(";UNTIL=").next().unwrap();
    assert_eq!(
        Schedule::parse_rrule(without_until).unwrap(),
        r.schedule,
        "the rule reads back to the same schedule"
    );

    let e2 = events
        .iter()
        .find(|e| e.get_summary() == Some("Look back"))
        .unwrap();
    assert_eq!(
        e2.properties()["DTSTART"].params()["TZID"].value(),
        "America/New_York"
    );
    assert_eq!(e2.properties()["DTSTART"].value(), "20261130T200000");
    assert_eq!(
        e2.property_value("RRULE"),
        Some("FREQ=MONTHLY;BYMONTHDAY=-1"),
        "the last day of each month"
    );
    assert_eq!(e2.get_description(), None, "no why, no description");
    assert_eq!(r2.id, r.id + 1);

    j.clock.set(utc(2026, 12, 1, 8, 0));
    let again: Calendar = j
        .store
        .rituals_ics(Some(&[r.id]), &j.clock)
        .unwrap()
        .parse()
        .unwrap();
    let uids: Vec<_> = again
        .events()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    assert_eq!(
        uids,
        [format!("{}@hearth.app", r.uid)],
        "the UID is stable, so a re-import updates"
    );
}

#[test]
fn yearly_and_every_few_days_or_months_export_so_calendar_apps_agree() {
    // RFC 5545 counts an interval from DTSTART, and Hearth from the start:
    // DTSTART is the first occurrence, which is always in step.
    let mut j = Journal::new();
    let rituals = [
        (
            "The day we met",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
            d(2026, 11, 22),
            "20270228T190000",
            "29 February falls on 28 February in 2027, and the rule says so to calendar apps",
        ),
        (
            "A long walk",
            "FREQ=DAILY;INTERVAL=3",
            d(2026, 11, 25),
            "20261125T190000",
            "every 3 days counts from the start date, which is the first occurrence",
        ),
        (
            "Our budget talk",
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
            d(2026, 11, 22),
            "20270215T190000",
            "the 15th of November has passed; three months after November is February",
        ),
        (
            "Look back together",
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1",
            d(2026, 12, 1),
            "20261231T190000",
            "the last day of every other month, from December",
        ),
    ];
    for (title, rrule, start, _, _) in rituals {
        j.store
            .create_ritual(SAM, &ritual(title, rrule, "19:00", start), &j.clock)
            .unwrap();
    }
    let calendar: Calendar = j
        .store
        .rituals_ics(None, &j.clock)
        .unwrap()
        .parse()
        .expect("the export parses");
    for (title, rrule, _, dtstart, why) in rituals {
        let e = calendar
            .events()
            .find(|e| e.get_summary() == Some(title))
            .unwrap();
        assert_eq!(e.properties()["DTSTART"].value(), dtstart, "{why}");
        assert_eq!(e.property_value("RRULE"), Some(rrule), "{why}");
        assert_eq!(
            Schedule::parse_rrule(rrule).unwrap().to_rrule(),
            rrule,
            "the rule reads back unchanged"
        );
    }
}
