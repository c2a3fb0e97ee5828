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
    fn intervals_and_yearly_dates_describe_themselves() {
        let cases = [
            (Schedule::every_n_days(3).unwrap(), "Every 3 days at 07:30"),
            (Schedule::every_n_days(1).unwrap(), "Every day at 07:30"),
            (
                Schedule::every_n_months_on_day(2, 15).unwrap(),
                "Every 2 months on the 15th at 07:30",
            ),
            (
                Schedule::every_n_months_on_day(3, 31).unwrap(),
                "Every 3 months on the last day at 07:30",
            ),
            (
                Schedule::every_n_months_on_day(2, 30).unwrap(),
                "Every 2 months on the 30th (the last day, in shorter months) at 07:30",
            ),
            (
                Schedule::every_n_months_on_nth_weekday(2, 1, Weekday::Sat).unwrap(),
                "Every 2 months on the first Saturday at 07:30",
            ),
            (
                Schedule::every_n_months_on_day(1, 15).unwrap(),
                "On the 15th of each month at 07:30",
            ),
            (
                Schedule::yearly(2, 14).unwrap(),
                "Every year on 14 February at 07:30",
            ),
            (
                Schedule::yearly(2, 29).unwrap(),
                "Every year on 29 February (28 February when there is none) at 07:30",
            ),
            (
                Schedule::yearly(12, 31).unwrap(),
                "Every year on 31 December at 07:30",
            ),
        ];
        for (schedule, words) in cases {
            assert_eq!(at(schedule, "07:30"), words, "{}", schedule.to_rrule());
        }
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
                Schedule::every_n_days(0).unwrap_err(),
                "every 1 day or more",
            ),
            (
                Schedule::every_n_days(366).unwrap_err(),
                "Every 366 days is a long wait. Please choose from 1 to 365 days.",
            ),
            (
                Schedule::every_n_months_on_day(13, 1).unwrap_err(),
                "Every 13 months is a long wait. Please choose from 1 to 12 months.",
            ),
            (
                Schedule::every_n_months_on_day(-1, 1).unwrap_err(),
                "-1 months doesn't work",
            ),
            (
                Schedule::every_n_months_on_nth_weekday(2, 5, Weekday::Sat).unwrap_err(),
                "first, second, third, fourth or last",
            ),
            (Schedule::yearly(0, 1).unwrap_err(), "A year has no month 0"),
            (
                Schedule::yearly(2, 30).unwrap_err(),
                "February has no day 30. Please choose a day from 1 to 29.",
            ),
            (
                Schedule::yearly(11, 31).unwrap_err(),
                "November has no day 31",
            ),
            (Schedule::yearly(5, 0).unwrap_err(), "May has no day 0"),
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
            (Schedule::every_n_days(3).unwrap(), "FREQ=DAILY;INTERVAL=3"),
            (
                Schedule::every_n_days(365).unwrap(),
                "FREQ=DAILY;INTERVAL=365",
            ),
            (
                Schedule::every_n_months_on_day(2, 15).unwrap(),
                "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15",
            ),
            (
                Schedule::every_n_months_on_day(3, 29).unwrap(),
                "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29;BYSETPOS=-1",
            ),
            (
                Schedule::every_n_months_on_day(6, 30).unwrap(),
                "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=28,29,30;BYSETPOS=-1",
            ),
            (
                Schedule::every_n_months_on_day(12, 31).unwrap(),
                "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=-1",
            ),
            (
                Schedule::every_n_months_on_nth_weekday(2, -1, Weekday::Fri).unwrap(),
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
            ),
            (
                Schedule::yearly(2, 14).unwrap(),
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14",
            ),
            (
                Schedule::yearly(2, 29).unwrap(),
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
            ),
            (
                Schedule::yearly(12, 31).unwrap(),
                "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
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
        let same = [
            ("FREQ=DAILY;INTERVAL=1", Schedule::daily()),
            (
                "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15",
                Schedule::monthly_on_day(15).unwrap(),
            ),
            (
                "FREQ=MONTHLY;INTERVAL=4;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
                Schedule::every_n_months_on_day(4, 31).unwrap(),
            ),
            (
                "RRULE:freq=yearly;bymonthday=14;bymonth=2",
                Schedule::yearly(2, 14).unwrap(),
            ),
            (
                "FREQ=YEARLY;INTERVAL=1;BYMONTH=4;BYMONTHDAY=-1",
                Schedule::yearly(4, 30).unwrap(),
            ),
            (
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
                Schedule::yearly(2, 29).unwrap(),
            ),
        ];
        for (text, schedule) in same {
            assert_eq!(
                Schedule::parse_rrule(text).unwrap(),
                schedule,
                "{text:?} means the same dates as {:?}",
                schedule.to_rrule()
            );
        }
        assert_eq!(
            Schedule::every_n_days(1).unwrap(),
            Schedule::daily(),
            "every 1 day is every day"
        );
        assert_eq!(
            Schedule::every_n_months_on_day(1, 15).unwrap(),
            Schedule::monthly_on_day(15).unwrap(),
            "every 1 month is every month"
        );
    }

    #[test]
    fn what_hearth_cannot_follow_is_refused_with_a_reason() {
        let cases = [
            (
                "FREQ=HOURLY",
                "the day, the week, the month or the year, not hourly",
            ),
            ("FREQ=YEARLY;BYMONTH=3", "needs its date"),
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
            ("FREQ=DAILY;INTERVAL=366", "from 1 to 365 days"),
            ("FREQ=DAILY;INTERVAL=0", "every 1 day or more"),
            (
                "FREQ=MONTHLY;INTERVAL=13;BYMONTHDAY=1",
                "from 1 to 12 months",
            ),
            ("FREQ=MONTHLY;INTERVAL=0;BYDAY=1SA", "every 1 month or more"),
            (
                "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=30",
                "skips months without a 30th",
            ),
            (
                "FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=14",
                "not every 2 years",
            ),
            (
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                "skips the years without a 29 February",
            ),
            (
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                "February has no day 30",
            ),
            ("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "April has no day 31"),
            ("FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1", "no month 13"),
            ("FREQ=YEARLY;BYMONTH=MAY;BYMONTHDAY=1", "isn't one month"),
            ("FREQ=YEARLY;BYMONTH=2,3;BYMONTHDAY=1", "only one date"),
            ("FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1,15", "only one date"),
            ("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", "not on a weekday"),
            ("FREQ=YEARLY;BYMONTHDAY=14", "needs its date"),
            ("FREQ=YEARLY", "needs its date"),
            (
                "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=28,29;BYSETPOS=-1",
                "BYSETPOS",
            ),
            (
                "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-2",
                "only does that for the last day",
            ),
            (
                "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14;BYWEEKNO=11",
                "BYWEEKNO",
            ),
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
