//! Date arithmetic only: the next local date a schedule falls on. No times,
//! no zones, so every step here can be checked against a paper calendar.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::rule::{Nth, Schedule};

/// The first date on or after `date` (and on or after `start`) that
/// `schedule` falls on, for a ritual that starts on `start`. `None` only at
/// the end of the representable calendar.
pub(crate) fn next_on_or_after(
    schedule: &Schedule,
    start: NaiveDate,
    date: NaiveDate,
) -> Option<NaiveDate> {
    let date = date.max(start);
    match *schedule {
        Schedule::Daily => Some(date),
        Schedule::Weekly { interval, days } => {
            let first_week = monday_of(start);
            let step = Days::new(7 * u64::from(interval));
            let mut date = date;
            // At most two rounds: after a jump `date` is the Monday of a week
            // the rule uses, and the set of days is never empty.
            loop {
                let week = monday_of(date);
                let weeks_in = (week - first_week).num_days() / 7;
                let off_by = weeks_in.rem_euclid(i64::from(interval)) as u64;
                if off_by != 0 {
                    date = week.checked_add_days(Days::new(7 * (u64::from(interval) - off_by)))?;
                    continue;
                }
                let from = date.weekday().num_days_from_monday();
                match days.iter().find(|d| d.num_days_from_monday() >= from) {
                    Some(day) => {
                        return week.checked_add_days(Days::new(day.num_days_from_monday().into()))
                    }
                    None => date = week.checked_add_days(step)?,
                }
            }
        }
        Schedule::EveryNDays { interval } => {
            let interval = i64::from(interval);
            let past = (date - start).num_days().rem_euclid(interval);
            if past == 0 {
                Some(date)
            } else {
                date.checked_add_days(Days::new((interval - past) as u64))
            }
        }
        Schedule::MonthlyOnDay { .. }
        | Schedule::MonthlyOnNthWeekday { .. }
        | Schedule::Yearly { .. } => {
            // Months are counted as one number (year * 12 + month - 1), so
            // "every `step` months, in phase with `anchor`" is arithmetic.
            let (step, anchor) = match *schedule {
                Schedule::MonthlyOnDay { interval, .. }
                | Schedule::MonthlyOnNthWeekday { interval, .. } => {
                    (i64::from(interval), month_number(start))
                }
                Schedule::Yearly { month, .. } => (12, i64::from(month) - 1),
                _ => return None,
            };
            let here = month_number(date);
            let mut month = here + (anchor - here).rem_euclid(step);
            // At most two rounds: only the month `date` is in can hold its
            // date before `date`.
            loop {
                let year = i32::try_from(month.div_euclid(12)).ok()?;
                let candidate = in_month(schedule, year, month.rem_euclid(12) as u32 + 1)?;
                if candidate >= date {
                    return Some(candidate);
                }
                month = month.checked_add(step)?;
            }
        }
    }
}

/// The months since the start of year 0: year * 12 + month - 1.
fn month_number(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// Whether `schedule`, started on `start`, falls on `date`.
pub(crate) fn falls_on(schedule: &Schedule, start: NaiveDate, date: NaiveDate) -> bool {
    date >= start && next_on_or_after(schedule, start, date) == Some(date)
}

/// The date a monthly or yearly schedule uses in one month (for a yearly
/// one, in its month).
fn in_month(schedule: &Schedule, year: i32, month: u32) -> Option<NaiveDate> {
    match *schedule {
        // A day the month doesn't have (the 31st in April, 29 February in
        // most years) is the month's last day.
        Schedule::MonthlyOnDay { day, .. } | Schedule::Yearly { day, .. } => {
            NaiveDate::from_ymd_opt(year, month, day.min(days_in_month(year, month)?))
        }
        Schedule::MonthlyOnNthWeekday { nth, weekday, .. } => {
            nth_weekday(year, month, nth, weekday)
        }
        Schedule::Daily | Schedule::EveryNDays { .. } | Schedule::Weekly { .. } => None,
    }
}

fn nth_weekday(year: i32, month: u32, nth: Nth, weekday: Weekday) -> Option<NaiveDate> {
    if nth == Nth::Last {
        let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month)?)?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return last.checked_sub_days(Days::new(back.into()));
    }
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth.number() as u8)
}

pub(crate) fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    u32::try_from((next - first).num_days()).ok()
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date.week(Weekday::Mon).first_day()
}

#[cfg(test)]
mod tests {
    //! The calendar steps agree with a paper calendar.
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_lengths_know_leap_years() {
        assert_eq!(days_in_month(2024, 2), Some(29), "2024 is a leap year");
        assert_eq!(days_in_month(2100, 2), Some(28), "2100 is not");
        assert_eq!(days_in_month(2000, 2), Some(29), "2000 is");
        assert_eq!(days_in_month(2026, 12), Some(31));
        assert_eq!(days_in_month(2026, 4), Some(30));
    }

    #[test]
    fn last_weekdays_of_the_month() {
        // March 2026 ends on Tuesday the 31st.
        assert_eq!(
            nth_weekday(2026, 3, Nth::Last, Weekday::Tue),
            Some(d(2026, 3, 31))
        );
        assert_eq!(
            nth_weekday(2026, 3, Nth::Last, Weekday::Wed),
            Some(d(2026, 3, 25))
        );
        assert_eq!(
            nth_weekday(2026, 3, Nth::First, Weekday::Sun),
            Some(d(2026, 3, 1))
        );
        assert_eq!(
            nth_weekday(2026, 3, Nth::Fourth, Weekday::Sun),
            Some(d(2026, 3, 22))
        );
    }

    #[test]
    fn fortnightly_counts_weeks_from_the_start_week() {
        let s = Schedule::every_n_weeks(2, [Weekday::Mon, Weekday::Fri]).unwrap();
        // Starting on Wednesday 2026-03-04: that week's Monday has passed,
        // its Friday has not; the next Monday is two weeks after the start week's.
        let start = d(2026, 3, 4);
        assert_eq!(next_on_or_after(&s, start, start), Some(d(2026, 3, 6)));
        assert_eq!(
            next_on_or_after(&s, start, d(2026, 3, 7)),
            Some(d(2026, 3, 16))
        );
        assert_eq!(
            next_on_or_after(&s, start, d(2026, 3, 17)),
            Some(d(2026, 3, 20))
        );
        assert!(
            !falls_on(&s, start, d(2026, 3, 9)),
            "the week after the start week is skipped"
        );
    }
}
