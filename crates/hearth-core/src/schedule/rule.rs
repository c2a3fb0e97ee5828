//! What a schedule says, in calendar terms: which local dates a ritual falls
//! on. Times of day, zones and start/end dates live in [`super::RitualTiming`].

use chrono::Weekday;

use crate::error::{Error, Result};

pub use super::weekdays::Weekdays;
pub(crate) use super::weekdays::WEEK;
use super::weekdays::WORKDAYS;

/// The longest gap between weeks Hearth plans for: once a year.
pub const MAX_WEEK_INTERVAL: u32 = 52;
/// The longest gap between days Hearth plans for: once a year.
pub const MAX_DAY_INTERVAL: u32 = 365;
/// The longest gap between months Hearth plans for: once a year.
pub const MAX_MONTH_INTERVAL: u32 = 12;

/// Which weekday of the month: the first to the fourth, or the last. A fifth
/// is left out on purpose: most months don't have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nth {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

impl Nth {
    /// 1, 2, 3, 4 or -1 (the last), as RFC 5545 writes them.
    pub fn from_number(n: i64) -> Result<Nth> {
        match n {
            1 => Ok(Nth::First),
            2 => Ok(Nth::Second),
            3 => Ok(Nth::Third),
            4 => Ok(Nth::Fourth),
            -1 => Ok(Nth::Last),
            _ => Err(Error::invalid(format!(
                "Please choose the first, second, third, fourth or last week of the month \
                 ({n} isn't one Hearth can follow every month)."
            ))),
        }
    }

    pub fn number(self) -> i8 {
        match self {
            Nth::First => 1,
            Nth::Second => 2,
            Nth::Third => 3,
            Nth::Fourth => 4,
            Nth::Last => -1,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Nth::First => "first",
            Nth::Second => "second",
            Nth::Third => "third",
            Nth::Fourth => "fourth",
            Nth::Last => "last",
        }
    }
}

/// Which local dates a ritual falls on. Made only through the checked
/// constructors below (the variants with rules are `#[non_exhaustive]`, so
/// other crates can match on them but can't build an invalid one).
///
/// A schedule never puts two occurrences on one date. Intervals count from
/// the ritual's start: every N days from its start date, every N weeks from
/// the week (Monday to Sunday) it starts in, every N months from the month
/// it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Schedule {
    /// Every day (`FREQ=DAILY`).
    Daily,
    /// Every `interval` days (2 to 365), counting from the start date
    /// (`FREQ=DAILY;INTERVAL=3`). Every 1 day is [`Schedule::Daily`].
    #[non_exhaustive]
    EveryNDays { interval: u32 },
    /// On the chosen weekdays of every `interval`-th week, counting weeks
    /// (Monday to Sunday) from the one the ritual starts in.
    /// `FREQ=WEEKLY;INTERVAL=2;BYDAY=SA`.
    #[non_exhaustive]
    Weekly { interval: u32, days: Weekdays },
    /// On this day of every `interval`-th month (1 to 12, counting from the
    /// month the ritual starts in), or on the month's last day when the
    /// month is shorter (29, 30 and 31 in short months; 31 means "the last
    /// day").
    #[non_exhaustive]
    MonthlyOnDay { day: u32, interval: u32 },
    /// On the nth weekday of every `interval`-th month
    /// (`FREQ=MONTHLY;BYDAY=1SA`, `FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR`).
    #[non_exhaustive]
    MonthlyOnNthWeekday {
        nth: Nth,
        weekday: Weekday,
        interval: u32,
    },
    /// Once a year on this date (`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14`); a
    /// ritual on 29 February falls on 28 February in the other years.
    #[non_exhaustive]
    Yearly { month: u32, day: u32 },
}

impl Schedule {
    pub fn daily() -> Schedule {
        Schedule::Daily
    }

    /// Every `interval` days (1 to 365), counting from the start date; every
    /// 1 day is [`Schedule::daily`].
    pub fn every_n_days(interval: i64) -> Result<Schedule> {
        match check_every(interval, Unit::Day)? {
            1 => Ok(Schedule::Daily),
            interval => Ok(Schedule::EveryNDays { interval }),
        }
    }

    /// Every week on these days.
    pub fn weekly(days: impl IntoIterator<Item = Weekday>) -> Result<Schedule> {
        Schedule::every_n_weeks(1, days)
    }

    /// Every `interval` weeks (1 to 52) on these days.
    pub fn every_n_weeks(
        interval: i64,
        days: impl IntoIterator<Item = Weekday>,
    ) -> Result<Schedule> {
        let interval = check_interval(interval)?;
        let days: Weekdays = days.into_iter().collect();
        if days.is_empty() {
            return Err(Error::invalid(
                "Please choose at least one day of the week for this ritual.",
            ));
        }
        Ok(Schedule::Weekly { interval, days })
    }

    /// On this day (1 to 31) of every month; in a shorter month, on its last day.
    pub fn monthly_on_day(day: i64) -> Result<Schedule> {
        Schedule::every_n_months_on_day(1, day)
    }

    /// On this day (1 to 31) of every `interval`-th month (1 to 12),
    /// counting from the month the ritual starts in; in a shorter month, on
    /// its last day.
    pub fn every_n_months_on_day(interval: i64, day: i64) -> Result<Schedule> {
        let interval = check_every(interval, Unit::Month)?;
        match u32::try_from(day) {
            Ok(day @ 1..=31) => Ok(Schedule::MonthlyOnDay { day, interval }),
            _ => Err(Error::invalid(format!(
                "A month has no day {day}. Please choose a day from 1 to 31."
            ))),
        }
    }

    /// On the last day of every month (the same as day 31, see above).
    pub fn monthly_on_last_day() -> Schedule {
        Schedule::MonthlyOnDay {
            day: 31,
            interval: 1,
        }
    }

    /// On the first (1) to fourth (4) or last (-1) `weekday` of every month.
    pub fn monthly_on_nth_weekday(nth: i64, weekday: Weekday) -> Result<Schedule> {
        Schedule::every_n_months_on_nth_weekday(1, nth, weekday)
    }

    /// On the first (1) to fourth (4) or last (-1) `weekday` of every
    /// `interval`-th month (1 to 12), counting from the month the ritual
    /// starts in.
    pub fn every_n_months_on_nth_weekday(
        interval: i64,
        nth: i64,
        weekday: Weekday,
    ) -> Result<Schedule> {
        let interval = check_every(interval, Unit::Month)?;
        Ok(Schedule::MonthlyOnNthWeekday {
            nth: Nth::from_number(nth)?,
            weekday,
            interval,
        })
    }

    /// Once a year on this date: `month` 1 (January) to 12, `day` one that
    /// month has (29 February too, which falls on 28 February in the years
    /// without one).
    pub fn yearly(month: i64, day: i64) -> Result<Schedule> {
        let Some(name) = usize::try_from(month)
            .ok()
            .and_then(|m| m.checked_sub(1))
            .and_then(|m| MONTHS.get(m))
        else {
            return Err(Error::invalid(format!(
                "A year has no month {month}. Please choose a month from 1 (January) to 12 (December)."
            )));
        };
        let month = month as u32;
        let longest = longest_month(month);
        match u32::try_from(day) {
            Ok(day) if (1..=longest).contains(&day) => Ok(Schedule::Yearly { month, day }),
            _ => Err(Error::invalid(format!(
                "{name} has no day {day}. Please choose a day from 1 to {longest}."
            ))),
        }
    }

    /// A short phrase for people, without the time: "Every Monday and
    /// Thursday", "On the first Saturday of each month", "Every 3 days",
    /// "Every year on 14 February".
    pub fn describe(&self) -> String {
        match *self {
            Schedule::Daily => "Every day".into(),
            Schedule::EveryNDays { interval } => format!("Every {interval} days"),
            Schedule::Weekly { interval: 1, days } if days.len() == 7 => "Every day".into(),
            Schedule::Weekly { interval: 1, days } if days == WORKDAYS => {
                "Every weekday, Monday to Friday".into()
            }
            Schedule::Weekly { interval: 1, days } => format!("Every {}", day_list(days)),
            Schedule::Weekly { interval, days } => {
                format!("Every {interval} weeks on {}", day_list(days))
            }
            Schedule::MonthlyOnDay {
                day: 31,
                interval: 1,
            } => "On the last day of each month".into(),
            Schedule::MonthlyOnDay {
                day: day @ 29..=30,
                interval: 1,
            } => format!(
                "On the {} of each month (the last day, in shorter months)",
                ordinal(day)
            ),
            Schedule::MonthlyOnDay { day, interval: 1 } => {
                format!("On the {} of each month", ordinal(day))
            }
            Schedule::MonthlyOnDay { day: 31, interval } => {
                format!("Every {interval} months on the last day")
            }
            Schedule::MonthlyOnDay {
                day: day @ 29..=30,
                interval,
            } => format!(
                "Every {interval} months on the {} (the last day, in shorter months)",
                ordinal(day)
            ),
            Schedule::MonthlyOnDay { day, interval } => {
                format!("Every {interval} months on the {}", ordinal(day))
            }
            Schedule::MonthlyOnNthWeekday {
                nth,
                weekday,
                interval: 1,
            } => format!(
                "On the {} {} of each month",
                nth.word(),
                weekday_name(weekday)
            ),
            Schedule::MonthlyOnNthWeekday {
                nth,
                weekday,
                interval,
            } => format!(
                "Every {interval} months on the {} {}",
                nth.word(),
                weekday_name(weekday)
            ),
            Schedule::Yearly { month: 2, day: 29 } => {
                "Every year on 29 February (28 February when there is none)".into()
            }
            Schedule::Yearly { month, day } => {
                format!("Every year on {day} {}", month_name(month))
            }
        }
    }
}

pub(crate) fn check_interval(interval: i64) -> Result<u32> {
    check_every(interval, Unit::Week)
}

/// What an interval counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
        }
    }

    fn max(self) -> u32 {
        match self {
            Unit::Day => MAX_DAY_INTERVAL,
            Unit::Week => MAX_WEEK_INTERVAL,
            Unit::Month => MAX_MONTH_INTERVAL,
        }
    }
}

/// An interval of 1 to the unit's longest (a year's worth), or a sentence
/// saying which to choose.
pub(crate) fn check_every(interval: i64, unit: Unit) -> Result<u32> {
    let (name, max) = (unit.name(), unit.max());
    match u32::try_from(interval) {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(n) if n > max => Err(Error::invalid(format!(
            "Every {n} {name}s is a long wait. Please choose from 1 to {max} {name}s."
        ))),
        _ => Err(Error::invalid(format!(
            "A ritual repeats every 1 {name} or more, so {interval} {name}s doesn't work. \
             Please choose from 1 to {max} {name}s."
        ))),
    }
}

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "January" for 1 to "December" for 12.
pub(crate) fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// The most days `month` (1 to 12) has in any year: 29 for February.
pub(crate) fn longest_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// "Monday", "Monday and Thursday", "Monday, Wednesday and Friday".
fn day_list(days: Weekdays) -> String {
    let names: Vec<&str> = days.iter().map(weekday_name).collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

pub(crate) fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 21st, 22nd, 31st.
pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests;
