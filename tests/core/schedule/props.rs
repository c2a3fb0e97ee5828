//! Property tests of ritual schedules against an independent oracle: over
//! random rules, times (many inside 01:30-03:30, where clocks change), zones
//! with and without daylight saving and start dates across years, the
//! occurrences strictly increase, each matches its rule and its instant
//! follows the DST policy, none is skipped and none repeats. The rules
//! include every N days, every N months (on a day, the 29th to 31st among
//! them, or an nth weekday) and yearly dates (29 February among them).

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
    Weekday,
};
use hearth_core::schedule::{parse_time, parse_zone, RitualTiming, Schedule, Tz};
use proptest::prelude::*;

const ZONES: [&str; 4] = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
];

/// A rule as the test understands it, independent of Hearth's types.
#[derive(Debug, Clone, Copy)]
enum Rule {
    Daily,
    EveryNDays(i64),
    Weekly {
        interval: i64,
        days: u8,
    },
    MonthDay {
        interval: i64,
        day: i64,
    },
    NthWeekday {
        interval: i64,
        n: i64,
        weekday: Weekday,
    },
    Yearly {
        month: u32,
        day: u32,
    },
}

impl Rule {
    fn schedule(self) -> Schedule {
        match self {
            Rule::Daily => Schedule::daily(),
            Rule::EveryNDays(n) => Schedule::every_n_days(n).unwrap(),
            Rule::Weekly { interval, days } => {
                Schedule::every_n_weeks(interval, weekdays(days)).unwrap()
            }
            Rule::MonthDay { interval, day } => {
                Schedule::every_n_months_on_day(interval, day).unwrap()
            }
            Rule::NthWeekday {
                interval,
                n,
                weekday,
            } => Schedule::every_n_months_on_nth_weekday(interval, n, weekday).unwrap(),
            Rule::Yearly { month, day } => Schedule::yearly(month.into(), day.into()).unwrap(),
        }
    }

    /// How many occurrences to follow: about 20 years' worth at most, so a
    /// case stays quick when every date in between is checked.
    fn enough(self) -> usize {
        match self {
            Rule::Yearly { .. } => 20,
            Rule::EveryNDays(n) => (7300 / n).clamp(20, 200) as usize,
            Rule::MonthDay { interval, .. } | Rule::NthWeekday { interval, .. } => {
                (240 / interval).clamp(20, 200) as usize
            }
            Rule::Daily | Rule::Weekly { .. } => 200,
        }
    }

    /// Whether the rule, started on `start`, falls on `date`.
    fn falls_on(self, start: NaiveDate, date: NaiveDate) -> bool {
        let last = last_day(date);
        match self {
            Rule::Daily => true,
            Rule::EveryNDays(n) => (date - start).num_days() % n == 0,
            Rule::Weekly { interval, days } => {
                let monday =
                    |d: NaiveDate| d.num_days_from_ce() - d.weekday().num_days_from_monday() as i32;
                let weeks = i64::from(monday(date) - monday(start)) / 7;
                weekdays(days).contains(&date.weekday()) && weeks % interval == 0
            }
            Rule::MonthDay { interval, day } => {
                months_between(start, date) % interval == 0
                    && i64::from(date.day()) == day.min(i64::from(last))
            }
            Rule::NthWeekday {
                interval,
                n,
                weekday,
            } => {
                months_between(start, date) % interval == 0
                    && date.weekday() == weekday
                    && if n == -1 {
                        date.day() + 7 > last
                    } else {
                        i64::from((date.day() - 1) / 7) == n - 1
                    }
            }
            // 29 February in a year without one is its last day, the 28th.
            Rule::Yearly { month, day } => date.month() == month && date.day() == day.min(last),
        }
    }
}

/// Whole calendar months from `start`'s month to `date`'s (0 for the same month).
fn months_between(start: NaiveDate, date: NaiveDate) -> i64 {
    i64::from(date.year() - start.year()) * 12 + i64::from(date.month()) - i64::from(start.month())
}

fn weekdays(bits: u8) -> Vec<Weekday> {
    (0..7)
        .filter(|i| bits & (1 << i) != 0)
        .map(|i| Weekday::try_from(i as u8).unwrap())
        .collect()
}

fn last_day(date: NaiveDate) -> u32 {
    (28..=31)
        .rev()
        .find(|d| date.with_day(*d).is_some())
        .unwrap()
}

/// The instant of a wall time, worked out differently from Hearth: a skipped
/// time is the instant the clocks jumped plus how far into the gap it is; a
/// doubled time is the earlier instant.
fn oracle_instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            let mut before = local;
            while zone.from_local_datetime(&before).earliest().is_none() {
                before -= Duration::minutes(1);
            }
            let gap_starts = before + Duration::minutes(1);
            let jump = zone
                .from_local_datetime(&before)
                .latest()
                .unwrap()
                .with_timezone(&Utc)
                + Duration::minutes(1);
            jump + (local - gap_starts)
        }
    }
}

fn rule() -> impl Strategy<Value = Rule> {
    let weekday = (0u8..7).prop_map(|i| Weekday::try_from(i).unwrap());
    let months = || prop_oneof![2 => Just(1i64), 2 => 2i64..=4, 1 => 5i64..=12];
    let longest = |month: u32| -> u32 {
        match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    };
    prop_oneof![
        Just(Rule::Daily),
        prop_oneof![4 => 2i64..=10, 1 => 11i64..=365].prop_map(Rule::EveryNDays),
        (prop_oneof![4 => 1i64..=4, 1 => 5i64..=52], 1u8..128)
            .prop_map(|(interval, days)| Rule::Weekly { interval, days }),
        (months(), prop_oneof![1 => 28i64..=31, 2 => 1i64..=31])
            .prop_map(|(interval, day)| Rule::MonthDay { interval, day }),
        (
            months(),
            prop::sample::select(vec![1i64, 2, 3, 4, -1]),
            weekday
        )
            .prop_map(|(interval, n, weekday)| Rule::NthWeekday {
                interval,
                n,
                weekday
            }),
        prop_oneof![
            1 => Just((2u32, 29u32)),
            2 => (1u32..=12).prop_flat_map(move |m| (Just(m), 1..=longest(m))),
        ]
        .prop_map(|(month, day)| Rule::Yearly { month, day }),
    ]
}

fn time() -> impl Strategy<Value = NaiveTime> {
    prop_oneof![
        (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
        (90u32..=210).prop_map(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap()),
    ]
}

prop_compose! {
    fn timing()(
        rule in rule(),
        time in time(),
        zone in prop::sample::select(ZONES.to_vec()),
        start in 0u64..(365 * 8),
        end in prop::option::of(0u64..1500),
    ) -> (Rule, RitualTiming) {
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(start);
        let timing = RitualTiming::new(rule.schedule(), start, time, parse_zone(zone).unwrap())
            .with_end(end.map(|e| start + chrono::Days::new(e)))
            .unwrap();
        (rule, timing)
    }
}

/// A moment around the start: up to 60 days before to 400 days after.
fn after(timing: &RitualTiming, minutes: i64) -> DateTime<Utc> {
    Utc.from_utc_datetime(&timing.start().and_time(NaiveTime::MIN)) + Duration::minutes(minutes)
}

fn expected_on(rule: Rule, t: &RitualTiming, date: NaiveDate) -> Option<DateTime<Utc>> {
    let in_range = date >= t.start() && !matches!(t.end(), Some(end) if date > end);
    (in_range && rule.falls_on(t.start(), date))
        .then(|| oracle_instant(t.zone(), date.and_time(t.time())))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn occurrences_follow_the_rule_and_the_dst_policy(
        (rule, t) in timing(),
        offset in -60i64 * 1440..400 * 1440,
    ) {
        let after = after(&t, offset);
        let enough = rule.enough();
        let got: Vec<_> = t.occurrences_after(after).take(enough).collect();
        let mut date = after.with_timezone(&t.zone()).date_naive() - Duration::days(2);
        for o in &got {
            prop_assert!(o.at > after, "every occurrence is after the instant asked for");
            // Nothing between the previous occurrence (or the instant asked
            // for) and this one was skipped.
            while date < o.date {
                if let Some(at) = expected_on(rule, &t, date) {
                    prop_assert!(at <= after, "{date} matches the rule at {at} and was skipped");
                }
                date = date.succ_opt().unwrap();
            }
            prop_assert_eq!(expected_on(rule, &t, o.date), Some(o.at),
                "{} matches the rule and happens at the wall time by the DST policy", o.date);
            let local = o.local().naive_local();
            let wall = o.date.and_time(t.time());
            prop_assert!(local == wall || (local > wall && t.zone().from_local_datetime(&wall).earliest().is_none()),
                "the wall time is kept unless the clocks skipped it, which moves it forward");
            date = o.date.succ_opt().unwrap();
        }
        for pair in got.windows(2) {
            prop_assert!(pair[0].at < pair[1].at, "instants strictly increase: {:?}", pair);
            prop_assert!(pair[0].date < pair[1].date, "at most one occurrence per local date: {:?}", pair);
        }
        if got.len() < enough {
            // The series ended: only an end date may end it.
            let end = t.end();
            prop_assert!(end.is_some(), "a ritual without an end date never runs out");
            let end = end.unwrap();
            while date <= end {
                prop_assert!(!matches!(expected_on(rule, &t, date), Some(at) if at > after),
                    "{date} is within the end date and was left out");
                date = date.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn any_restart_point_yields_the_same_series_and_windows_tile(
        (_rule, t) in timing(),
        offset in 0i64..200 * 1440,
        cuts in prop::collection::vec(1i64..20 * 1440, 1..12),
    ) {
        let start = after(&t, offset);
        let all: Vec<_> = t.occurrences_after(start).take(41).collect();
        for (i, o) in all.iter().enumerate().take(40) {
            let again = t.occurrences_after(o.at - Duration::seconds(1)).next();
            prop_assert_eq!(again, Some(*o), "restarting just before an occurrence yields it");
            prop_assert_eq!(t.occurrences_after(o.at).next(), all.get(i + 1).copied(),
                "restarting at an occurrence yields the next one, never the same again");
            prop_assert_eq!(t.occurrence_on(o.date), Some(*o), "the date is the occurrence's key");
        }
        let mut windows = Vec::new();
        let mut from = start;
        for cut in cuts {
            let to = from + Duration::minutes(cut);
            windows.extend(t.occurrences_between(from, to));
            from = to;
        }
        let expected: Vec<_> = t.occurrences_after(start).take_while(|o| o.at <= from).collect();
        prop_assert_eq!(windows, expected, "back-to-back windows hold each occurrence exactly once");
    }

    #[test]
    fn every_date_is_an_occurrence_exactly_when_the_oracle_says_so(
        (rule, t) in timing(),
        from in -40i64..800,
        len in 1i64..400,
    ) {
        // Day by day, over dates that are and are not occurrences: what
        // Hearth says of one date (occurrence_on) agrees with the oracle and
        // with the series (occurrences_after), so "is it due on this day?"
        // and "when is it next?" never disagree.
        let first = t.start() + Duration::days(from);
        let series: Vec<NaiveDate> = t
            .occurrences_after(after(&t, (from - 2) * 1440))
            .map(|o| o.date)
            .skip_while(|d| *d < first)
            .take_while(|d| *d < first + Duration::days(len))
            .collect();
        let mut on = Vec::new();
        for i in 0..len {
            let date = first + Duration::days(i);
            let hearth = t.occurrence_on(date);
            prop_assert_eq!(hearth.map(|o| o.at), expected_on(rule, &t, date),
                "{} is an occurrence for Hearth exactly when it is for the oracle", date);
            if hearth.is_some() {
                on.push(date);
            }
        }
        prop_assert_eq!(on, series, "the dates one by one are the series' dates");
    }

    #[test]
    fn late_days_land_on_the_last_day_of_short_months(
        interval in 1i64..=12,
        day in 29i64..=31,
        start in 0u64..(365 * 8),
    ) {
        // Every N months on the 29th to 31st: every month in phase has
        // exactly one occurrence, on that day or, when the month is
        // shorter, on its last day; none is skipped.
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(start);
        let t = RitualTiming::new(
            Schedule::every_n_months_on_day(interval, day).unwrap(),
            start,
            NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            parse_zone("Europe/Berlin").unwrap(),
        );
        let got: Vec<NaiveDate> = t.occurrences_after(after(&t, 0)).take(24).map(|o| o.date).collect();
        for pair in got.windows(2) {
            let gap = months_between(pair[0], pair[1]);
            prop_assert_eq!(gap, interval, "{:?} are {} months apart", pair, interval);
        }
        for date in &got {
            let wanted = day.min(i64::from(last_day(*date)));
            prop_assert_eq!(i64::from(date.day()), wanted,
                "a ritual on the {}th falls on the last day of a shorter month: {}", day, date);
        }
    }

    #[test]
    fn a_yearly_29_february_comes_every_year_on_the_last_day_of_february(
        start in 0u64..(365 * 200),
    ) {
        let start = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(start);
        let t = RitualTiming::new(
            Schedule::yearly(2, 29).unwrap(),
            start,
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            parse_zone("America/New_York").unwrap(),
        );
        let got: Vec<NaiveDate> = t.occurrences_after(after(&t, 0)).take(8).map(|o| o.date).collect();
        for (i, date) in got.iter().enumerate() {
            prop_assert_eq!(date.month(), 2);
            prop_assert_eq!(date.day(), last_day(*date),
                "a yearly ritual on 29 February falls on 28 February in other years: {}", date);
            if i > 0 {
                prop_assert_eq!(date.year(), got[i - 1].year() + 1, "once every year, none skipped");
            }
        }
    }

    #[test]
    fn paused_rituals_have_nothing((_rule, t) in timing(), offset in -60i64 * 1440..400 * 1440) {
        let paused = t.with_active(false);
        prop_assert_eq!(paused.occurrences_after(after(&t, offset)).next(), None, "paused means nothing is due");
    }

    #[test]
    fn rrule_text_round_trips(rule in rule()) {
        let schedule = rule.schedule();
        let text = schedule.to_rrule();
        prop_assert_eq!(Schedule::parse_rrule(&text).unwrap(), schedule, "{} reads back to the same schedule", text);
    }

    #[test]
    fn every_time_of_day_reads_back(h in 0u32..24, m in 0u32..60) {
        let time = NaiveTime::from_hms_opt(h, m, 0).unwrap();
        prop_assert_eq!(parse_time(&time.format("%H:%M").to_string()).unwrap(), time);
    }
}
