//! Ritual schedules in words and text: describe(), the messages people see
//! for bad input, and RRULE round trips and refusals.

use chrono::{NaiveDate, NaiveTime, Weekday};
use hearth_core::schedule::{parse_time, parse_zone, RitualTiming, Schedule, Tz};
use hearth_core::ErrorKind;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
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

fn message(err: hearth_core::Error) -> String {
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "bad input is invalid_input: {err}"
    );
    err.to_string()
}

mod words {
    //! describe() and the error messages read as plain, kind sentences.
    use super::*;

    fn at(schedule: Schedule, time: &str) -> String {
        RitualTiming::new(
            schedule,
            d(2026, 1, 1),
            parse_time(time).unwrap(),
            zone("Europe/Berlin"),
        )
        .describe()
    }

    #[test]
    fn schedules_describe_themselves() {
        assert_eq!(
            at(
                Schedule::weekly([Weekday::Thu, Weekday::Mon]).unwrap(),
                "07:30"
            ),
            "Every Monday and Thursday at 07:30"
        );
        assert_eq!(
            at(
                Schedule::monthly_on_nth_weekday(1, Weekday::Sat).unwrap(),
                "10:00"
            ),
            "On the first Saturday of each month at 10:00"
        );
        assert_eq!(
            at(Schedule::every_n_weeks(2, [Weekday::Sat]).unwrap(), "19:00"),
            "Every 2 weeks on Saturday at 19:00"
        );
        assert_eq!(at(Schedule::daily(), "7:05"), "Every day at 07:05");
        assert_eq!(
            at(Schedule::monthly_on_day(15).unwrap(), "10:00"),
            "On the 15th of each month at 10:00"
        );
        assert_eq!(
            at(Schedule::monthly_on_day(31).unwrap(), "10:00"),
            "On the last day of each month at 10:00"
        );
        assert_eq!(
            at(Schedule::monthly_on_day(30).unwrap(), "10:00"),
            "On the 30th of each month (the last day, in shorter months) at 10:00"
        );
        assert_eq!(
            at(
                Schedule::monthly_on_nth_weekday(-1, Weekday::Fri).unwrap(),
                "18:00"
            ),
            "On the last Friday of each month at 18:00"
        );
        assert_eq!(
            at(
                Schedule::weekly([Weekday::Mon, Weekday::Wed, Weekday::Fri]).unwrap(),
                "07:30"
            ),
            "Every Monday, Wednesday and Friday at 07:30"
        );
        let until = daily("Europe/Berlin", "21:00", d(2026, 1, 1))
            .with_end(Some(d(2027, 3, 31)))
            .unwrap();
        assert_eq!(until.describe(), "Every day at 21:00, until 31 March 2027");
    }

    #[test]
    fn bad_input_gets_a_clear_message() {
        let cases: Vec<(hearth_core::Error, &str)> = vec![
            (
                Schedule::every_n_weeks(0, [Weekday::Mon]).unwrap_err(),
                "every 1 week or more",
            ),
            (
                Schedule::every_n_weeks(-2, [Weekday::Mon]).unwrap_err(),
                "-2 weeks doesn't work",
            ),
            (
                Schedule::every_n_weeks(53, [Weekday::Mon]).unwrap_err(),
                "from 1 to 52 weeks",
            ),
            (
                Schedule::weekly([]).unwrap_err(),
                "at least one day of the week",
            ),
            (Schedule::monthly_on_day(0).unwrap_err(), "from 1 to 31"),
            (
                Schedule::monthly_on_day(32).unwrap_err(),
                "A month has no day 32",
            ),
            (
                Schedule::monthly_on_nth_weekday(5, Weekday::Sat).unwrap_err(),
                "first, second, third, fourth or last",
            ),
            (
                Schedule::monthly_on_nth_weekday(0, Weekday::Sat).unwrap_err(),
                "first, second, third, fourth or last",
            ),
            (
                daily("Europe/Berlin", "07:30", d(2026, 5, 1))
                    .with_end(Some(d(2026, 4, 30)))
                    .unwrap_err(),
                "end on 30 April 2026 before it starts on 1 May 2026",
            ),
            (
                parse_zone("Mars/Olympus_Mons").unwrap_err(),
                "doesn't know the time zone “Mars/Olympus_Mons”",
            ),
            (parse_zone("  ").unwrap_err(), "choose the time zone"),
            (parse_time("25:61").unwrap_err(), "“25:61” isn't a time"),
        ];
        for (err, expected) in cases {
            let text = message(err);
            assert!(
                text.contains(expected),
                "the message says {expected:?}; got {text:?}"
            );
        }
        for bad in [
            "24:00",
            "07:60",
            "7",
            "07:5",
            "07:30:00",
            "-1:30",
            "07h30",
            "",
            "٠٧:٣٠",
        ] {
            assert!(parse_time(bad).is_err(), "{bad:?} is not a time of day");
        }
        assert_eq!(
            parse_time(" 7:30 ").unwrap(),
            NaiveTime::from_hms_opt(7, 30, 0).unwrap()
        );
        assert_eq!(parse_time("00:00").unwrap(), NaiveTime::MIN);
        assert_eq!(
            parse_time("23:59").unwrap(),
            NaiveTime::from_hms_opt(23, 59, 0).unwrap()
        );
    }

    #[test]
    fn times_are_kept_to_the_minute() {
        let t = RitualTiming::new(
            Schedule::daily(),
            d(2026, 1, 1),
            NaiveTime::from_hms_opt(7, 30, 45).unwrap(),
            zone("UTC"),
        );
        assert_eq!(
            t.time(),
            NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
            "seconds are dropped"
        );
    }
}

mod rrule_text {
    //! RRULE text round-trips for every supported shape and refuses the rest plainly.
    use super::*;

    #[test]
    fn every_shape_round_trips_in_canonical_form() {
        let shapes = [
            (Schedule::daily(), "FREQ=DAILY"),
            (
                Schedule::weekly([Weekday::Mon, Weekday::Wed, Weekday::Fri]).unwrap(),
                "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            ),
            (
                Schedule::every_n_weeks(2, [Weekday::Sat]).unwrap(),
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
            ),
            (
                Schedule::every_n_weeks(3, [Weekday::Sun, Weekday::Mon]).unwrap(),
                "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,SU;WKST=MO",
            ),
            (
                Schedule::monthly_on_day(15).unwrap(),
                "FREQ=MONTHLY;BYMONTHDAY=15",
            ),
            (
                Schedule::monthly_on_day(28).unwrap(),
                "FREQ=MONTHLY;BYMONTHDAY=28",
            ),
            (
                Schedule::monthly_on_day(29).unwrap(),
                "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1",
            ),
            (
                Schedule::monthly_on_day(30).unwrap(),
                "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
            ),
            (
                Schedule::monthly_on_day(31).unwrap(),
                "FREQ=MONTHLY;BYMONTHDAY=-1",
            ),
            (
                Schedule::monthly_on_nth_weekday(1, Weekday::Sat).unwrap(),
                "FREQ=MONTHLY;BYDAY=1SA",
            ),
            (
                Schedule::monthly_on_nth_weekday(4, Weekday::Tue).unwrap(),
                "FREQ=MONTHLY;BYDAY=4TU",
            ),
            (
                Schedule::monthly_on_nth_weekday(-1, Weekday::Fri).unwrap(),
                "FREQ=MONTHLY;BYDAY=-1FR",
            ),
        ];
        for (schedule, text) in shapes {
            assert_eq!(
                schedule.to_rrule(),
                text,
                "the canonical RRULE of {schedule:?}"
            );
            assert_eq!(
                Schedule::parse_rrule(text).unwrap(),
                schedule,
                "{text} reads back to the same schedule"
            );
        }
    }

    #[test]
    fn harmless_variations_are_read() {
        let mo_th = Schedule::weekly([Weekday::Mon, Weekday::Thu]).unwrap();
        for text in [
            "RRULE:FREQ=WEEKLY;BYDAY=TH,MO",
            "freq=weekly;byday=mo,th;",
            " FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;WKST=SU ",
        ] {
            assert_eq!(
                Schedule::parse_rrule(text).unwrap(),
                mo_th,
                "{text:?} is every Monday and Thursday"
            );
        }
        assert_eq!(
            Schedule::parse_rrule("FREQ=MONTHLY;BYDAY=+1SA").unwrap(),
            Schedule::monthly_on_nth_weekday(1, Weekday::Sat).unwrap()
        );
        assert_eq!(
            Schedule::parse_rrule("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1").unwrap(),
            Schedule::monthly_on_last_day()
        );
    }

    #[test]
    fn what_hearth_cannot_follow_is_refused_with_a_reason() {
        let cases = [
            ("FREQ=HOURLY", "daily, weekly or monthly, not hourly"),
            ("FREQ=YEARLY;BYMONTH=3", "not yearly"),
            (
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                "only one weekday",
            ),
            ("FREQ=MONTHLY;BYDAY=1SA;BYSETPOS=1", "BYSETPOS"),
            ("FREQ=MONTHLY;BYMONTHDAY=15;BYSETPOS=1", "BYSETPOS"),
            ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1", "BYSETPOS"),
            ("FREQ=DAILY;COUNT=10", "end date is kept apart"),
            (
                "FREQ=DAILY;UNTIL=20270101T000000Z",
                "end date is kept apart",
            ),
            ("FREQ=WEEKLY;BYDAY=MO;BYHOUR=7", "BYHOUR"),
            ("FREQ=DAILY;INTERVAL=2", "not every 2 days"),
            ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", "not every 3 months"),
            ("FREQ=WEEKLY;INTERVAL=0;BYDAY=MO", "every 1 week or more"),
            ("FREQ=WEEKLY;INTERVAL=-2;BYDAY=MO", "-2 weeks"),
            ("FREQ=WEEKLY;INTERVAL=two;BYDAY=MO", "isn't a whole number"),
            ("FREQ=WEEKLY", "needs its days"),
            ("FREQ=WEEKLY;BYDAY=XX", "“XX” isn't a day of the week"),
            (
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO;WKST=SU",
                "counts weeks from Monday",
            ),
            ("FREQ=MONTHLY;BYMONTHDAY=31", "skips months without a 31st"),
            (
                "FREQ=MONTHLY;BYMONTHDAY=-2",
                "only does that for the last day",
            ),
            ("FREQ=MONTHLY;BYMONTHDAY=0", "from 1 to 31"),
            (
                "FREQ=MONTHLY;BYDAY=5SA",
                "first, second, third, fourth or last",
            ),
            ("FREQ=MONTHLY;BYDAY=SA", "which Saturday of the month"),
            ("FREQ=MONTHLY;BYDAY=1SA;BYMONTHDAY=1", "one or the other"),
            ("FREQ=MONTHLY", "needs its day"),
            ("BYDAY=MO", "doesn't say how often"),
            ("FREQ=DAILY;FREQ=WEEKLY", "says FREQ twice"),
            ("FREQ", "NAME=VALUE"),
            ("FREQ=MONTHLY;BYDAY=1Sé", "can read"),
        ];
        for (text, expected) in cases {
            let got = message(Schedule::parse_rrule(text).unwrap_err());
            assert!(
                got.contains(expected),
                "{text:?} is refused saying {expected:?}; got {got:?}"
            );
        }
    }
}
