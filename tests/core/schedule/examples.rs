//! Ritual schedules by example: exact instants across daylight saving and
//! time zones, month ends, pausing and end dates (words and RRULE text are
//! in schedule_text.rs).

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use hearth_core::schedule::{parse_time, parse_zone, Occurrence, RitualTiming, Schedule, Tz};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
}

fn zone(name: &str) -> Tz {
    parse_zone(name).unwrap()
}

fn daily(zone_name: &str, time: &str, start: NaiveDate) -> RitualTiming {
    RitualTiming::new(
        Schedule::daily(),
        start,
        parse_time(time).unwrap(),
        zone(zone_name),
    )
}

/// The occurrences whose local date is in `from..=to`.
fn on_dates(timing: &RitualTiming, from: NaiveDate, to: NaiveDate) -> Vec<Occurrence> {
    let after = utc(from.year(), from.month(), from.day(), 0, 0) - chrono::Duration::days(2);
    timing
        .occurrences_after(after)
        .skip_while(|o| o.date < from)
        .take_while(|o| o.date <= to)
        .collect()
}

fn instants(occurrences: &[Occurrence]) -> Vec<(NaiveDate, DateTime<Utc>)> {
    occurrences.iter().map(|o| (o.date, o.at)).collect()
}

mod daylight_saving {
    //! Skipped times move forward by the gap; doubled times happen once, first.
    use super::*;

    #[test]
    fn new_york_springs_forward_to_0330_and_falls_back_once_at_0130_edt() {
        let spring = daily("America/New_York", "02:30", d(2026, 3, 1));
        assert_eq!(
            instants(&on_dates(&spring, d(2026, 3, 7), d(2026, 3, 9))),
            [
                (d(2026, 3, 7), utc(2026, 3, 7, 7, 30)),
                (d(2026, 3, 8), utc(2026, 3, 8, 7, 30)),
                (d(2026, 3, 9), utc(2026, 3, 9, 6, 30)),
            ],
            "02:30 doesn't exist on 8 March; it is read as 02:30 EST, which is 03:30 EDT"
        );
        let moved = on_dates(&spring, d(2026, 3, 8), d(2026, 3, 8))[0];
        assert_eq!(
            moved.local().time(),
            NaiveTime::from_hms_opt(3, 30, 0).unwrap()
        );

        let fall = daily("America/New_York", "01:30", d(2026, 10, 1));
        assert_eq!(
            instants(&on_dates(&fall, d(2026, 10, 31), d(2026, 11, 2))),
            [
                (d(2026, 10, 31), utc(2026, 10, 31, 5, 30)),
                (d(2026, 11, 1), utc(2026, 11, 1, 5, 30)),
                (d(2026, 11, 2), utc(2026, 11, 2, 6, 30)),
            ],
            "01:30 happens twice on 1 November; the ritual happens once, at 01:30 EDT"
        );
    }

    #[test]
    fn berlin_springs_forward_to_0330_and_falls_back_once_at_0230_cest() {
        let spring = daily("Europe/Berlin", "02:30", d(2026, 3, 1));
        assert_eq!(
            instants(&on_dates(&spring, d(2026, 3, 28), d(2026, 3, 30))),
            [
                (d(2026, 3, 28), utc(2026, 3, 28, 1, 30)),
                (d(2026, 3, 29), utc(2026, 3, 29, 1, 30)),
                (d(2026, 3, 30), utc(2026, 3, 30, 0, 30)),
            ],
            "02:30 doesn't exist on 29 March in Berlin; it becomes 03:30 CEST"
        );
        let fall = daily("Europe/Berlin", "02:30", d(2026, 10, 1));
        assert_eq!(
            instants(&on_dates(&fall, d(2026, 10, 24), d(2026, 10, 26))),
            [
                (d(2026, 10, 24), utc(2026, 10, 24, 0, 30)),
                (d(2026, 10, 25), utc(2026, 10, 25, 0, 30)),
                (d(2026, 10, 26), utc(2026, 10, 26, 1, 30)),
            ],
            "02:30 happens twice on 25 October in Berlin; the ritual is at the first, CEST"
        );
    }

    #[test]
    fn lord_howe_moves_by_its_half_hour_gap() {
        // Lord Howe Island: UTC+10:30 in winter, +11 in summer; the clocks
        // move 30 minutes at 02:00 on the first Sundays of October and April.
        let spring = daily("Australia/Lord_Howe", "02:15", d(2026, 9, 1));
        let around = on_dates(&spring, d(2026, 10, 3), d(2026, 10, 5));
        assert_eq!(
            instants(&around),
            [
                (d(2026, 10, 3), utc(2026, 10, 2, 15, 45)),
                (d(2026, 10, 4), utc(2026, 10, 3, 15, 45)),
                (d(2026, 10, 5), utc(2026, 10, 4, 15, 15)),
            ],
            "02:15 doesn't exist on 4 October; it moves forward 30 minutes to 02:45"
        );
        assert_eq!(
            around[1].local().time(),
            NaiveTime::from_hms_opt(2, 45, 0).unwrap()
        );

        let fall = daily("Australia/Lord_Howe", "01:45", d(2026, 3, 1));
        assert_eq!(
            instants(&on_dates(&fall, d(2026, 4, 4), d(2026, 4, 6))),
            [
                (d(2026, 4, 4), utc(2026, 4, 3, 14, 45)),
                (d(2026, 4, 5), utc(2026, 4, 4, 14, 45)),
                (d(2026, 4, 6), utc(2026, 4, 5, 15, 15)),
            ],
            "01:45 happens twice on 5 April; the ritual is at the first, UTC+11"
        );
    }

    #[test]
    fn kolkata_has_no_daylight_saving() {
        let timing = daily("Asia/Kolkata", "02:30", d(2026, 1, 1));
        for o in timing.occurrences_after(utc(2026, 1, 1, 0, 0)).take(400) {
            assert_eq!(
                o.at,
                Utc.from_utc_datetime(&o.date.and_hms_opt(2, 30, 0).unwrap())
                    - chrono::Duration::minutes(330),
                "India stays at UTC+5:30 all year"
            );
        }
    }

    #[test]
    fn a_trip_changes_how_a_ritual_is_shown_not_when_it_happens() {
        // Berlin 07:30 coffee, seen from a laptop set to New York. In the
        // weeks when America has changed its clocks and Europe hasn't, the
        // displayed time shifts; the ritual stays at 07:30 Berlin time.
        let coffee = daily("Europe/Berlin", "07:30", d(2026, 3, 1));
        let ny = zone("America/New_York");
        let days = on_dates(&coffee, d(2026, 3, 6), d(2026, 3, 30));
        for o in &days {
            assert_eq!(
                o.local().time(),
                NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
                "07:30 in Berlin, every day"
            );
        }
        let shown = |date| {
            days.iter()
                .find(|o| o.date == date)
                .unwrap()
                .in_zone(&ny)
                .time()
                .hour()
        };
        assert_eq!(
            shown(d(2026, 3, 6)),
            1,
            "both zones in winter time: 6 hours apart"
        );
        assert_eq!(
            shown(d(2026, 3, 10)),
            2,
            "New York already on summer time: 5 hours apart"
        );
        assert_eq!(
            shown(d(2026, 3, 30)),
            1,
            "both on summer time again: 6 hours apart"
        );

        let moved = coffee.with_zone(ny);
        let first = on_dates(&moved, d(2026, 3, 10), d(2026, 3, 10))[0];
        assert_eq!(
            (first.local().time().hour(), first.at),
            (7, utc(2026, 3, 10, 11, 30)),
            "moving the ritual to New York on purpose keeps 07:30, now New York time"
        );
    }
}

mod month_ends {
    //! Days 29 to 31 fall on the last day of shorter months, in Hearth and in calendar apps.
    use super::*;

    fn dates(schedule: Schedule, start: NaiveDate, n: usize) -> Vec<NaiveDate> {
        RitualTiming::new(
            schedule,
            start,
            parse_time("10:00").unwrap(),
            zone("Europe/Berlin"),
        )
        .occurrences_after(utc(2000, 1, 1, 0, 0))
        .take(n)
        .map(|o| o.date)
        .collect()
    }

    #[test]
    fn the_31st_is_the_last_day_of_every_month() {
        let got = dates(Schedule::monthly_on_day(31).unwrap(), d(2027, 1, 1), 4);
        assert_eq!(
            got,
            [
                d(2027, 1, 31),
                d(2027, 2, 28),
                d(2027, 3, 31),
                d(2027, 4, 30)
            ]
        );
        assert_eq!(
            Schedule::monthly_on_day(31).unwrap(),
            Schedule::monthly_on_last_day()
        );
        assert_eq!(
            Schedule::monthly_on_last_day().to_rrule(),
            "FREQ=MONTHLY;BYMONTHDAY=-1"
        );
    }

    #[test]
    fn the_29th_and_30th_fall_back_to_the_end_of_february() {
        let thirtieth = dates(Schedule::monthly_on_day(30).unwrap(), d(2028, 1, 1), 3);
        assert_eq!(
            thirtieth,
            [d(2028, 1, 30), d(2028, 2, 29), d(2028, 3, 30)],
            "2028 is a leap year"
        );
        let twenty_ninth = dates(Schedule::monthly_on_day(29).unwrap(), d(2027, 1, 1), 3);
        assert_eq!(
            twenty_ninth,
            [d(2027, 1, 29), d(2027, 2, 28), d(2027, 3, 29)]
        );
        assert_eq!(
            Schedule::monthly_on_day(30).unwrap().to_rrule(),
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
            "exported so calendar apps pick the same dates instead of skipping February"
        );
    }

    #[test]
    fn nth_weekdays_of_the_month() {
        let first_sat = dates(
            Schedule::monthly_on_nth_weekday(1, Weekday::Sat).unwrap(),
            d(2026, 1, 1),
            3,
        );
        assert_eq!(first_sat, [d(2026, 1, 3), d(2026, 2, 7), d(2026, 3, 7)]);
        let last_fri = dates(
            Schedule::monthly_on_nth_weekday(-1, Weekday::Fri).unwrap(),
            d(2026, 1, 1),
            3,
        );
        assert_eq!(last_fri, [d(2026, 1, 30), d(2026, 2, 27), d(2026, 3, 27)]);
    }
}

mod lifecycle {
    //! Pausing, start and end dates, and windows that never repeat an occurrence.
    use super::*;

    #[test]
    fn a_paused_ritual_has_no_occurrences() {
        let timing = daily("Europe/Berlin", "07:30", d(2026, 1, 1)).with_active(false);
        assert_eq!(
            timing.occurrences_after(utc(2026, 1, 1, 0, 0)).next(),
            None,
            "paused means nothing is due"
        );
        assert_eq!(timing.occurrence_on(d(2026, 1, 5)), None);
        assert_eq!(timing.first(), None);
        let resumed = timing.with_active(true);
        assert_eq!(
            resumed
                .occurrences_after(utc(2026, 2, 1, 12, 0))
                .next()
                .map(|o| o.date),
            Some(d(2026, 2, 2)),
            "resuming brings back the occurrences after now, not the missed ones"
        );
    }

    #[test]
    fn the_end_date_is_included_and_nothing_comes_after_it() {
        let timing = daily("America/New_York", "20:00", d(2026, 3, 1))
            .with_end(Some(d(2026, 3, 31)))
            .unwrap();
        let all: Vec<_> = timing.occurrences_after(utc(2026, 1, 1, 0, 0)).collect();
        assert_eq!(all.len(), 31, "1 to 31 March, both ends included");
        assert_eq!(all.last().unwrap().date, d(2026, 3, 31));
        assert!(
            timing.occurrence_on(d(2026, 4, 1)).is_none(),
            "nothing after the end date"
        );
        assert!(
            timing.occurrence_on(d(2026, 2, 28)).is_none(),
            "nothing before the start date"
        );
        assert_eq!(
            timing.to_rrule(),
            "FREQ=DAILY;UNTIL=20260401T035959Z",
            "UNTIL is the last second of 31 March in New York, in UTC"
        );
    }

    #[test]
    fn fortnightly_counts_from_the_week_it_starts() {
        // Starts Wednesday 2026-03-04; Saturdays of every other week.
        let timing = RitualTiming::new(
            Schedule::every_n_weeks(2, [Weekday::Sat]).unwrap(),
            d(2026, 3, 4),
            parse_time("19:00").unwrap(),
            zone("Europe/Berlin"),
        );
        let got: Vec<_> = timing
            .occurrences_after(utc(2026, 1, 1, 0, 0))
            .take(3)
            .map(|o| o.date)
            .collect();
        assert_eq!(got, [d(2026, 3, 7), d(2026, 3, 21), d(2026, 4, 4)]);
        assert_eq!(
            timing.first().map(|o| o.date),
            Some(d(2026, 3, 7)),
            "DTSTART is the first occurrence"
        );
    }

    #[test]
    fn back_to_back_windows_share_no_occurrence() {
        let timing = daily("Europe/Berlin", "07:30", d(2026, 1, 1));
        let edge = utc(2026, 1, 5, 6, 30); // exactly 07:30 CET on 5 January
        let before: Vec<_> = timing
            .occurrences_between(utc(2026, 1, 4, 0, 0), edge)
            .collect();
        let after: Vec<_> = timing
            .occurrences_between(edge, utc(2026, 1, 6, 0, 0))
            .collect();
        assert_eq!(
            before.last().map(|o| o.date),
            Some(d(2026, 1, 5)),
            "a window includes its end"
        );
        assert!(
            after.is_empty(),
            "and the next window starts strictly after it"
        );
    }

    #[test]
    fn occurrences_travel_to_the_page_as_plain_json() {
        let o = daily("Europe/Berlin", "07:30", d(2026, 1, 1))
            .first()
            .unwrap();
        assert_eq!(
            serde_json::to_value(o).unwrap(),
            serde_json::json!({"date": "2026-01-01", "at": "2026-01-01T06:30:00Z", "zone": "Europe/Berlin"})
        );
        let s = Schedule::weekly([Weekday::Mon, Weekday::Thu]).unwrap();
        assert_eq!(
            serde_json::to_value(s).unwrap(),
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "a schedule is its RRULE"
        );
        assert_eq!(
            serde_json::from_value::<Schedule>("FREQ=WEEKLY;BYDAY=MO,TH".into()).unwrap(),
            s
        );
        assert!(serde_json::from_value::<Schedule>("FREQ=HOURLY".into()).is_err());
    }
}

mod intervals_and_years {
    //! Every N days, every N months and once a year: counted from the start,
    //! with the month-end and daylight-saving rules of every schedule.
    use super::*;

    fn dates(schedule: Schedule, start: NaiveDate, n: usize) -> Vec<NaiveDate> {
        RitualTiming::new(
            schedule,
            start,
            parse_time("10:00").unwrap(),
            zone("Europe/Berlin"),
        )
        .occurrences_after(utc(2000, 1, 1, 0, 0))
        .take(n)
        .map(|o| o.date)
        .collect()
    }

    #[test]
    fn every_few_days_counts_from_the_start_date() {
        let every_3 = Schedule::every_n_days(3).unwrap();
        assert_eq!(
            dates(every_3, d(2026, 12, 28), 4),
            [
                d(2026, 12, 28),
                d(2026, 12, 31),
                d(2027, 1, 3),
                d(2027, 1, 6)
            ],
            "every 3 days runs on across the new year from the start date"
        );
        let timing = RitualTiming::new(
            every_3,
            d(2026, 12, 28),
            parse_time("10:00").unwrap(),
            zone("Europe/Berlin"),
        );
        let later = timing
            .occurrences_after(utc(2027, 3, 1, 12, 0))
            .next()
            .unwrap();
        assert_eq!(
            later.date,
            d(2027, 3, 4),
            "asked after 10:00 on 1 March (63 days in), the next is 3 days later: \
             the days are still counted from the start date"
        );
        assert!(timing.occurrence_on(d(2027, 3, 1)).is_some());
        assert!(
            timing.occurrence_on(d(2027, 3, 2)).is_none()
                && timing.occurrence_on(d(2027, 3, 3)).is_none(),
            "the days in between are free"
        );
    }

    #[test]
    fn every_few_days_keeps_the_daylight_saving_rules() {
        let timing = RitualTiming::new(
            Schedule::every_n_days(3).unwrap(),
            d(2026, 3, 2),
            parse_time("02:30").unwrap(),
            zone("America/New_York"),
        );
        assert_eq!(
            instants(&on_dates(&timing, d(2026, 3, 5), d(2026, 3, 11))),
            [
                (d(2026, 3, 5), utc(2026, 3, 5, 7, 30)),
                (d(2026, 3, 8), utc(2026, 3, 8, 7, 30)),
                (d(2026, 3, 11), utc(2026, 3, 11, 6, 30)),
            ],
            "02:30 on the spring-forward night is read as 02:30 EST, which is 03:30 EDT"
        );
    }

    #[test]
    fn every_few_months_counts_from_the_month_it_starts_in() {
        assert_eq!(
            dates(
                Schedule::every_n_months_on_day(3, 15).unwrap(),
                d(2027, 1, 20),
                3
            ),
            [d(2027, 4, 15), d(2027, 7, 15), d(2027, 10, 15)],
            "the 15th of January has passed on the 20th, so the first is April's, \
             three months after January, not February's"
        );
        assert_eq!(
            dates(
                Schedule::every_n_months_on_nth_weekday(2, -1, Weekday::Fri).unwrap(),
                d(2026, 1, 1),
                3
            ),
            [d(2026, 1, 30), d(2026, 3, 27), d(2026, 5, 29)],
            "the last Friday of every other month"
        );
    }

    #[test]
    fn every_few_months_on_a_late_day_lands_on_short_months_last_day() {
        assert_eq!(
            dates(
                Schedule::every_n_months_on_day(2, 31).unwrap(),
                d(2027, 1, 10),
                6
            ),
            [
                d(2027, 1, 31),
                d(2027, 3, 31),
                d(2027, 5, 31),
                d(2027, 7, 31),
                d(2027, 9, 30),
                d(2027, 11, 30)
            ],
            "every 2 months on the 31st is the last day of September and November"
        );
        assert_eq!(
            dates(
                Schedule::every_n_months_on_day(2, 30).unwrap(),
                d(2027, 12, 1),
                3
            ),
            [d(2027, 12, 30), d(2028, 2, 29), d(2028, 4, 30)],
            "every 2 months on the 30th falls on 29 February in a leap year"
        );
        assert_eq!(
            Schedule::every_n_months_on_day(2, 30).unwrap().to_rrule(),
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=28,29,30;BYSETPOS=-1",
            "exported so calendar apps pick the same dates instead of skipping February"
        );
    }

    #[test]
    fn a_yearly_ritual_on_29_february_falls_on_28_february_in_other_years() {
        assert_eq!(
            dates(Schedule::yearly(2, 29).unwrap(), d(2027, 1, 1), 6),
            [
                d(2027, 2, 28),
                d(2028, 2, 29),
                d(2029, 2, 28),
                d(2030, 2, 28),
                d(2031, 2, 28),
                d(2032, 2, 29)
            ],
            "a yearly ritual on 29 February falls on 28 February in other years"
        );
        assert_eq!(
            dates(Schedule::yearly(2, 29).unwrap(), d(2099, 3, 1), 2),
            [d(2100, 2, 28), d(2101, 2, 28)],
            "2100 is not a leap year"
        );
        assert_eq!(
            Schedule::yearly(2, 29).unwrap().to_rrule(),
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
            "exported as the last of 28 and 29 February, so calendar apps agree"
        );
    }

    #[test]
    fn a_yearly_ritual_comes_once_a_year_on_its_date() {
        assert_eq!(
            dates(Schedule::yearly(2, 14).unwrap(), d(2026, 2, 15), 3),
            [d(2027, 2, 14), d(2028, 2, 14), d(2029, 2, 14)],
            "started the day after, the first is next year's"
        );
        assert_eq!(
            dates(Schedule::yearly(2, 14).unwrap(), d(2026, 2, 14), 1),
            [d(2026, 2, 14)],
            "started on the day itself, that day is the first"
        );
        assert_eq!(
            dates(Schedule::yearly(12, 31).unwrap(), d(2026, 6, 1), 2),
            [d(2026, 12, 31), d(2027, 12, 31)]
        );
    }

    #[test]
    fn a_yearly_ritual_keeps_the_daylight_saving_rules() {
        // "The day we met", at 02:30 on 29 March in Berlin: in 2026 the
        // clocks spring forward over 02:30 that very night.
        let met = RitualTiming::new(
            Schedule::yearly(3, 29).unwrap(),
            d(2025, 1, 1),
            parse_time("02:30").unwrap(),
            zone("Europe/Berlin"),
        );
        assert_eq!(
            instants(&on_dates(&met, d(2025, 1, 1), d(2027, 12, 31))),
            [
                (d(2025, 3, 29), utc(2025, 3, 29, 1, 30)),
                (d(2026, 3, 29), utc(2026, 3, 29, 1, 30)),
                (d(2027, 3, 29), utc(2027, 3, 29, 0, 30)),
            ],
            "02:30 doesn't exist on 29 March 2026 in Berlin; it becomes 03:30 CEST"
        );
        let fall = RitualTiming::new(
            Schedule::yearly(11, 1).unwrap(),
            d(2026, 1, 1),
            parse_time("01:30").unwrap(),
            zone("America/New_York"),
        );
        assert_eq!(
            instants(&on_dates(&fall, d(2026, 1, 1), d(2026, 12, 31))),
            [(d(2026, 11, 1), utc(2026, 11, 1, 5, 30))],
            "01:30 happens twice on 1 November 2026; the ritual happens once, at 01:30 EDT"
        );
    }

    #[test]
    fn an_end_date_ends_the_new_schedules_too() {
        let timing = RitualTiming::new(
            Schedule::yearly(2, 29).unwrap(),
            d(2027, 1, 1),
            parse_time("10:00").unwrap(),
            zone("Europe/Berlin"),
        )
        .with_end(Some(d(2028, 2, 28)))
        .unwrap();
        assert_eq!(
            on_dates(&timing, d(2027, 1, 1), d(2040, 1, 1))
                .iter()
                .map(|o| o.date)
                .collect::<Vec<_>>(),
            [d(2027, 2, 28)],
            "ending on 28 February 2028 leaves out the 29th"
        );
        assert_eq!(
            timing.to_rrule(),
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1;UNTIL=20280228T225959Z"
        );
    }
}

/// The ritual form and the core write one schedule the same way.
mod shared_with_the_form {
    use super::*;

    #[test]
    fn every_form_choice_is_kept_as_the_exact_text_the_form_writes() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schedules.json");
        let text = std::fs::read_to_string(path).expect("tests/fixtures/schedules.json");
        let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pairs = fixture["pairs"].as_array().unwrap();
        assert!(
            pairs.len() >= 10,
            "the fixture covers every kind of schedule"
        );
        for pair in pairs {
            let rrule = pair["rrule"].as_str().unwrap();
            let schedule = Schedule::parse_rrule(rrule).unwrap_or_else(|e| {
                panic!(
                    "the core accepts what the form sends for {}: {e}",
                    pair["form"]
                )
            });
            assert_eq!(
                schedule.to_rrule(),
                rrule,
                "the core keeps the form's text for {} unchanged",
                pair["form"]
            );
        }
    }

    #[test]
    fn days_29_to_31_are_accepted_and_land_on_short_months_last_day() {
        for (day, rrule) in [
            (29, "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1"),
            (30, "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"),
            (31, "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ] {
            let schedule = Schedule::parse_rrule(rrule).unwrap();
            let timing = RitualTiming::new(
                schedule,
                d(2027, 1, 1),
                parse_time("19:00").unwrap(),
                zone("Europe/Berlin"),
            );
            let february = on_dates(&timing, d(2027, 2, 1), d(2027, 2, 28));
            assert_eq!(
                february.iter().map(|o| o.date).collect::<Vec<_>>(),
                vec![d(2027, 2, 28)],
                "a ritual on the {day}th falls on February's last day"
            );
        }
    }
}

/// Zone names as people know them.
mod zone_names {
    use super::*;
    use hearth_core::schedule::{zone_city, ZoneName};

    #[test]
    fn an_old_name_becomes_the_places_current_one() {
        for (old, current, city) in [
            ("Asia/Calcutta", "Asia/Kolkata", "Kolkata"),
            ("Europe/Kiev", "Europe/Kyiv", "Kyiv"),
            ("US/Eastern", "America/New_York", "New York"),
            ("Asia/Saigon", "Asia/Ho_Chi_Minh", "Ho Chi Minh"),
            (
                "America/Buenos_Aires",
                "America/Argentina/Buenos_Aires",
                "Buenos Aires",
            ),
        ] {
            let tz = parse_zone(old).unwrap();
            assert_eq!(tz.name(), current, "{old} is shown as {current}");
            assert_eq!(zone_city(tz), city, "{current} reads as {city}");
            assert_eq!(
                ZoneName::from(tz),
                ZoneName {
                    name: current.parse::<Tz>().unwrap().name(),
                    city: city.into()
                }
            );
        }
    }

    #[test]
    fn a_place_that_shares_anothers_clock_keeps_its_own_name() {
        for name in [
            "Europe/Oslo",
            "Europe/Berlin",
            "Asia/Kolkata",
            "Europe/Stockholm",
        ] {
            assert_eq!(
                parse_zone(name).unwrap().name(),
                name,
                "{name} is a place of its own and keeps its name"
            );
        }
    }
}
