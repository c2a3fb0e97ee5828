//! Schedules as RFC 5545 RRULE text, both ways.
//!
//! [`Schedule::to_rrule`] writes the canonical form and
//! [`Schedule::parse_rrule`] reads it back to an equal schedule. Parsing
//! accepts the few harmless variations calendar apps write (lower case, an
//! `RRULE:` prefix, `INTERVAL=1`, days in any order) and refuses, with a
//! sentence saying why, anything Hearth would follow differently from a
//! calendar app.

use std::collections::BTreeMap;

use chrono::Weekday;

use super::rule::{
    check_every, check_interval, longest_month, month_name, ordinal, weekday_name, Schedule, Unit,
    Weekdays, WEEK,
};
use crate::error::{Error, Result};
use crate::text::echo;

impl Schedule {
    /// The RRULE value (without `DTSTART`, `UNTIL` or the `RRULE:` prefix).
    ///
    /// Days 29 and 30 are written `BYMONTHDAY=28,29,30;BYSETPOS=-1` ("the
    /// last of the 28th to the 30th that the month has"), and day 31 as
    /// `BYMONTHDAY=-1`, so calendar apps land on the same dates as Hearth;
    /// a bare `BYMONTHDAY=30` would skip February there. For the same
    /// reason 29 February, yearly, is written
    /// `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1`. Intervals come
    /// right after `FREQ`, and only when more than 1.
    pub fn to_rrule(&self) -> String {
        match *self {
            Schedule::Daily => "FREQ=DAILY".into(),
            Schedule::EveryNDays { interval } => format!("FREQ=DAILY;INTERVAL={interval}"),
            Schedule::Weekly { interval, days } => {
                let mut rule = "FREQ=WEEKLY".to_string();
                if interval > 1 {
                    rule += &format!(";INTERVAL={interval}");
                }
                let codes: Vec<&str> = days.iter().map(code).collect();
                rule += &format!(";BYDAY={}", codes.join(","));
                // Which days share a week depends on the week start once
                // weeks are skipped; RFC 5545's default is Monday, but say
                // it, as some apps assume Sunday.
                if interval > 1 && days.len() > 1 {
                    rule += ";WKST=MO";
                }
                rule
            }
            Schedule::MonthlyOnDay { day, interval } => {
                format!(
                    "FREQ=MONTHLY{};BYMONTHDAY={}",
                    every(interval),
                    month_day(day)
                )
            }
            Schedule::MonthlyOnNthWeekday {
                nth,
                weekday,
                interval,
            } => format!(
                "FREQ=MONTHLY{};BYDAY={}{}",
                every(interval),
                nth.number(),
                code(weekday)
            ),
            // Only February is ever shorter than in another year.
            Schedule::Yearly { month: 2, day: 29 } => {
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1".into()
            }
            Schedule::Yearly { month, day } => {
                format!("FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}")
            }
        }
    }

    /// Reads an RRULE value written by [`Schedule::to_rrule`] or by a
    /// calendar app, if Hearth can follow it exactly.
    pub fn parse_rrule(text: &str) -> Result<Schedule> {
        let text = text.trim();
        let body = match text.get(..6) {
            Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &text[6..],
            _ => text,
        };
        let mut parts = BTreeMap::new();
        for part in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| refuse(format!("“{}” isn't written as NAME=VALUE.", echo(part))))?;
            let key = key.trim().to_ascii_uppercase();
            if parts
                .insert(key.clone(), value.trim().to_ascii_uppercase())
                .is_some()
            {
                return Err(refuse(format!("it says {} twice.", echo(&key))));
            }
        }
        let mut rule = Parts(parts);
        let freq = rule.take("FREQ").ok_or_else(|| {
            refuse("it doesn't say how often (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY).")
        })?;
        let interval: i64 = match rule.take("INTERVAL") {
            None => 1,
            Some(n) => n
                .parse()
                .map_err(|_| refuse(format!("INTERVAL={} isn't a whole number.", echo(&n))))?,
        };
        let wkst = rule.take("WKST");
        let schedule = match freq.as_str() {
            "DAILY" => Schedule::every_n_days(interval)?,
            "WEEKLY" => weekly(&mut rule, check_interval(interval)?, wkst.as_deref())?,
            "MONTHLY" => monthly(&mut rule, interval)?,
            "YEARLY" => {
                only_every_one(interval, "year")?;
                yearly(&mut rule)?
            }
            other => {
                return Err(refuse(format!(
                    "Hearth repeats rituals by the day, the week, the month or the year, not {}.",
                    echo(&other.to_ascii_lowercase())
                )))
            }
        };
        if let Some(wkst) = wkst {
            weekday(&wkst)?;
        }
        if let Some(key) = rule.0.keys().next() {
            return Err(refuse(match key.as_str() {
                "UNTIL" | "COUNT" => {
                    format!("a ritual's end date is kept apart from its repeat rule, so {key} can't be part of it.")
                }
                "BYSETPOS" => SETPOS.into(),
                _ => format!(
                    "Hearth doesn't follow the {} part of this repeat rule.",
                    echo(key)
                ),
            }));
        }
        Ok(schedule)
    }
}

struct Parts(BTreeMap<String, String>);

impl Parts {
    fn take(&mut self, key: &str) -> Option<String> {
        self.0.remove(key)
    }
}

fn weekly(rule: &mut Parts, interval: u32, wkst: Option<&str>) -> Result<Schedule> {
    let byday = rule
        .take("BYDAY")
        .ok_or_else(|| refuse("a weekly rule needs its days (BYDAY=MO,TH)."))?;
    let days = byday
        .split(',')
        .map(|c| weekday(c.trim()))
        .collect::<Result<Weekdays>>()?;
    if interval > 1 && days.len() > 1 && wkst.is_some_and(|w| w != "MO") {
        return Err(refuse(
            "Hearth counts weeks from Monday, and this rule counts them from another day.",
        ));
    }
    Schedule::every_n_weeks(interval.into(), days.iter())
}

/// Why a BYSETPOS other than Hearth's own is refused.
const SETPOS: &str = "Hearth only uses BYSETPOS for “the 29th or 30th, or the last day of shorter \
                      months” and for 29 February in a yearly rule.";

/// `BYMONTHDAY` for a day that short months lack: 29 and 30 as "the last of
/// the 28th to that day the month has", 31 as the last day.
fn month_day(day: u32) -> String {
    match day {
        31 => "-1".into(),
        29 | 30 => {
            let days: Vec<String> = (28..=day).map(|d| d.to_string()).collect();
            format!("{};BYSETPOS=-1", days.join(","))
        }
        day => day.to_string(),
    }
}

/// `;INTERVAL=n`, or nothing for 1.
fn every(interval: u32) -> String {
    if interval > 1 {
        format!(";INTERVAL={interval}")
    } else {
        String::new()
    }
}

fn monthly(rule: &mut Parts, interval: i64) -> Result<Schedule> {
    let interval = i64::from(check_every(interval, Unit::Month)?);
    match (rule.take("BYMONTHDAY"), rule.take("BYDAY")) {
        (Some(_), Some(_)) => Err(refuse(
            "it names both days of the month and weekdays; Hearth follows one or the other.",
        )),
        (None, None) => Err(refuse(
            "a monthly rule needs its day (BYMONTHDAY=15 or BYDAY=1SA).",
        )),
        (Some(days), None) => {
            let setpos = rule.take("BYSETPOS");
            let day = match (days.as_str(), setpos.as_deref()) {
                ("-1", None) => 31,
                ("28,29", Some("-1")) => 29,
                ("28,29,30", Some("-1")) => 30,
                ("28,29,30,31", Some("-1")) => 31,
                (_, Some(_)) => return Err(refuse(SETPOS)),
                (one, None) => match one.parse::<i64>() {
                    Ok(day @ 29..=31) => {
                        return Err(refuse(format!(
                            "BYMONTHDAY={day} skips months without a {}, while Hearth moves such a ritual \
                             to the month's last day.",
                            ordinal(day as u32)
                        )))
                    }
                    Ok(day @ 1..=28) => day,
                    Ok(day @ ..=-2) => {
                        return Err(refuse(format!(
                            "BYMONTHDAY={day} counts from the end of the month; Hearth only does that for the last day (-1)."
                        )))
                    }
                    Ok(day) => day,
                    Err(_) => {
                        return Err(refuse(format!(
                            "BYMONTHDAY={} isn't one day of the month.",
                            echo(one)
                        )))
                    }
                },
            };
            Schedule::every_n_months_on_day(interval, day)
        }
        (None, Some(byday)) => {
            if !byday.is_ascii() {
                return Err(refuse(format!(
                    "“{}” isn't a day of the month Hearth can read.",
                    echo(&byday)
                )));
            }
            if byday.contains(',') {
                return Err(refuse(
                    "a monthly rule can name only one weekday in Hearth.",
                ));
            }
            let split = byday.len().saturating_sub(2);
            let (n, day) = byday.split_at(split);
            let day = weekday(day)?;
            let n: i64 = n.trim_start_matches('+').parse().map_err(|_| {
                refuse(format!(
                    "“{}” doesn't say which {} of the month (like 1SA or -1FR).",
                    echo(&byday),
                    weekday_name(day)
                ))
            })?;
            Schedule::every_n_months_on_nth_weekday(interval, n, day)
        }
    }
}

/// `BYMONTH=M;BYMONTHDAY=D`, one date a year. 29 February is written
/// `BYMONTHDAY=28,29;BYSETPOS=-1` (28 February in other years, as in
/// Hearth); a bare `BYMONTHDAY=29` in February would skip three years in
/// four in a calendar app, so it is refused. `BYMONTHDAY=-1`, the month's
/// last day, is read as the date it always is (29 February in February).
fn yearly(rule: &mut Parts) -> Result<Schedule> {
    const NEEDS: &str =
        "a yearly rule needs its date, the month and the day (BYMONTH=2;BYMONTHDAY=14).";
    if rule.0.contains_key("BYDAY") {
        return Err(refuse(
            "Hearth keeps a yearly ritual on a date (BYMONTH=2;BYMONTHDAY=14), not on a weekday.",
        ));
    }
    let (Some(month), Some(days)) = (rule.take("BYMONTH"), rule.take("BYMONTHDAY")) else {
        return Err(refuse(NEEDS));
    };
    if month.contains(',') {
        return Err(refuse("a yearly rule can name only one date in Hearth."));
    }
    let month: i64 = month
        .parse()
        .map_err(|_| refuse(format!("BYMONTH={} isn't one month.", echo(&month))))?;
    // Checks the month and gives its name for the sentences below.
    Schedule::yearly(month, 1)?;
    let (m, name) = (month as u32, month_name(month as u32));
    let setpos = rule.take("BYSETPOS");
    let day: i64 = match (days.as_str(), setpos.as_deref()) {
        ("28,29", Some("-1")) if m == 2 => 29,
        (_, Some(_)) => return Err(refuse(SETPOS)),
        ("-1", None) => longest_month(m).into(),
        (one, None) => match one.parse::<i64>() {
            Ok(29) if m == 2 => {
                return Err(refuse(
                    "BYMONTHDAY=29 in February skips the years without a 29 February, while \
                     Hearth moves such a ritual to 28 February (BYMONTHDAY=28,29;BYSETPOS=-1).",
                ))
            }
            Ok(day @ ..=-2) => {
                return Err(refuse(format!(
                    "BYMONTHDAY={day} counts from the end of {name}; Hearth only does that for the last day (-1)."
                )))
            }
            Ok(day) => day,
            Err(_) if one.contains(',') => {
                return Err(refuse("a yearly rule can name only one date in Hearth."))
            }
            Err(_) => {
                return Err(refuse(format!(
                    "BYMONTHDAY={} isn't one day of the month.",
                    echo(one)
                )))
            }
        },
    };
    Schedule::yearly(month, day)
}

fn only_every_one(interval: i64, unit: &str) -> Result<()> {
    if interval == 1 {
        Ok(())
    } else {
        Err(refuse(format!(
            "Hearth can repeat a ritual every {unit}, but not every {interval} {unit}s."
        )))
    }
}

fn code(day: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.num_days_from_monday() as usize]
}

fn weekday(code_text: &str) -> Result<Weekday> {
    WEEK.into_iter()
        .find(|d| code(*d) == code_text)
        .ok_or_else(|| {
            refuse(format!(
                "“{}” isn't a day of the week (MO to SU).",
                echo(code_text)
            ))
        })
}

fn refuse(why: impl AsRef<str>) -> Error {
    Error::invalid(format!("This repeat rule can't be used: {}", why.as_ref()))
}

/// A schedule travels (to the page, into the database) as its RRULE text.
impl serde::Serialize for Schedule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rrule())
    }
}

impl<'de> serde::Deserialize<'de> for Schedule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Schedule::parse_rrule(&text).map_err(serde::de::Error::custom)
    }
}
