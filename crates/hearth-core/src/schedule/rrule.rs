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

use super::rule::{check_interval, ordinal, weekday_name, Schedule, Weekdays, WEEK};
use crate::error::{Error, Result};
use crate::text::echo;

impl Schedule {
    /// The RRULE value (without `DTSTART`, `UNTIL` or the `RRULE:` prefix).
    ///
    /// Days 29 and 30 are written `BYMONTHDAY=28,29,30;BYSETPOS=-1` ("the
    /// last of the 28th to the 30th that the month has"), and day 31 as
    /// `BYMONTHDAY=-1`, so calendar apps land on the same dates as Hearth;
    /// a bare `BYMONTHDAY=30` would skip February there.
    pub fn to_rrule(&self) -> String {
        match *self {
            Schedule::Daily => "FREQ=DAILY".into(),
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
            Schedule::MonthlyOnDay { day: 31 } => "FREQ=MONTHLY;BYMONTHDAY=-1".into(),
            Schedule::MonthlyOnDay { day: day @ 29..=30 } => {
                let days: Vec<String> = (28..=day).map(|d| d.to_string()).collect();
                format!("FREQ=MONTHLY;BYMONTHDAY={};BYSETPOS=-1", days.join(","))
            }
            Schedule::MonthlyOnDay { day } => format!("FREQ=MONTHLY;BYMONTHDAY={day}"),
            Schedule::MonthlyOnNthWeekday { nth, weekday } => {
                format!("FREQ=MONTHLY;BYDAY={}{}", nth.number(), code(weekday))
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
        let freq = rule
            .take("FREQ")
            .ok_or_else(|| refuse("it doesn't say how often (FREQ=DAILY, WEEKLY or MONTHLY)."))?;
        let interval: i64 = match rule.take("INTERVAL") {
            None => 1,
            Some(n) => n
                .parse()
                .map_err(|_| refuse(format!("INTERVAL={} isn't a whole number.", echo(&n))))?,
        };
        let wkst = rule.take("WKST");
        let schedule = match freq.as_str() {
            "DAILY" => {
                only_every_one(interval, "day")?;
                Schedule::Daily
            }
            "WEEKLY" => weekly(&mut rule, check_interval(interval)?, wkst.as_deref())?,
            "MONTHLY" => {
                only_every_one(interval, "month")?;
                monthly(&mut rule)?
            }
            other => {
                return Err(refuse(format!(
                    "Hearth repeats rituals daily, weekly or monthly, not {}.",
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
                "BYSETPOS" => "Hearth only uses BYSETPOS for “the 29th or 30th, or the last day of shorter months”.".into(),
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

fn monthly(rule: &mut Parts) -> Result<Schedule> {
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
                (_, Some(_)) => {
                    return Err(refuse(
                        "Hearth only uses BYSETPOS for “the 29th or 30th, or the last day of shorter months”.",
                    ))
                }
                (one, None) => match one.parse::<i64>() {
                    Ok(day @ 29..=31) => {
                        return Err(refuse(format!(
                            "BYMONTHDAY={day} skips months without a {}, while Hearth moves such a ritual \
                             to the month's last day.",
                            ordinal(day as u32)
                        )))
                    }
                    Ok(day @ 1..=28) => day as u32,
                    Ok(day @ ..=-2) => {
                        return Err(refuse(format!(
                            "BYMONTHDAY={day} counts from the end of the month; Hearth only does that for the last day (-1)."
                        )))
                    }
                    Ok(day) => return Schedule::monthly_on_day(day),
                    Err(_) => {
                        return Err(refuse(format!(
                            "BYMONTHDAY={} isn't one day of the month.",
                            echo(one)
                        )))
                    }
                },
            };
            Ok(Schedule::MonthlyOnDay { day })
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
            Schedule::monthly_on_nth_weekday(n, day)
        }
    }
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
