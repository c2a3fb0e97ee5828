//! When a ritual happens: a [`Schedule`] placed at a local time of day in a
//! time zone, between a start date and an optional end date, and the
//! occurrences that follow from it.

use std::iter::FusedIterator;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

use super::rule::Schedule;
use super::{calendar, dst, Occurrence};
use crate::error::{Error, Result};
use crate::text::echo;

/// A ritual's schedule, start and end dates, time of day and zone, and
/// whether it is active. All the dates and the time are wall-clock values in
/// the ritual's own zone; the laptop's zone plays no part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RitualTiming {
    schedule: Schedule,
    start: NaiveDate,
    end: Option<NaiveDate>,
    time: NaiveTime,
    zone: Tz,
    active: bool,
}

impl RitualTiming {
    /// An active ritual with no end date. The time is kept to the minute
    /// (seconds are dropped).
    pub fn new(schedule: Schedule, start: NaiveDate, time: NaiveTime, zone: Tz) -> RitualTiming {
        let time = NaiveTime::from_hms_opt(time.hour(), time.minute(), 0).unwrap_or(time);
        RitualTiming {
            schedule,
            start,
            end: None,
            time,
            zone,
            active: true,
        }
    }

    /// The same ritual ending on `end` (inclusive), or never with `None`.
    pub fn with_end(self, end: Option<NaiveDate>) -> Result<RitualTiming> {
        if let Some(end) = end {
            if end < self.start {
                return Err(Error::invalid(format!(
                    "This ritual would end on {} before it starts on {}. \
                     Please choose an end date on or after the start.",
                    long_date(end),
                    long_date(self.start)
                )));
            }
        }
        Ok(RitualTiming { end, ..self })
    }

    /// The same ritual, active (`true`) or paused (`false`). A paused ritual
    /// has no occurrences; resuming it brings back the future ones only, as
    /// callers ask for occurrences after "now".
    pub fn with_active(self, active: bool) -> RitualTiming {
        RitualTiming { active, ..self }
    }

    /// The same ritual at the same wall time in another zone; the way to
    /// move a ritual when the couple moves for good.
    pub fn with_zone(self, zone: Tz) -> RitualTiming {
        RitualTiming { zone, ..self }
    }

    pub fn schedule(&self) -> Schedule {
        self.schedule
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> Option<NaiveDate> {
        self.end
    }

    pub fn time(&self) -> NaiveTime {
        self.time
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    pub fn is_active(&self) -> bool {
        self.active
    }

    /// "Every Monday and Thursday at 07:30", with ", until 31 March 2027"
    /// when the ritual has an end date. Pausing is shown by the page.
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} at {}",
            self.schedule.describe(),
            self.time.format("%H:%M")
        );
        if let Some(end) = self.end {
            text += &format!(", until {}", long_date(end));
        }
        text
    }

    /// The schedule as an RRULE value for export, with `UNTIL` (in UTC, as
    /// RFC 5545 requires next to a `DTSTART;TZID=`) set to the last moment
    /// of the end date when there is one. The matching `DTSTART` is the
    /// first occurrence, in the ritual's zone.
    pub fn to_rrule(&self) -> String {
        let mut rule = self.schedule.to_rrule();
        let until = self
            .end
            .and_then(|end| end.checked_add_days(Days::new(1)))
            .and_then(|next| dst::resolve(self.zone, next.and_time(NaiveTime::MIN)))
            .map(|midnight| midnight - chrono::Duration::seconds(1));
        if let Some(until) = until {
            rule += &format!(";UNTIL={}", until.format("%Y%m%dT%H%M%SZ"));
        }
        rule
    }

    /// The occurrence on a local `date`, if the ritual falls on it.
    pub fn occurrence_on(&self, date: NaiveDate) -> Option<Occurrence> {
        let in_range = self.active && self.end.map_or(true, |end| date <= end);
        if !in_range || !calendar::falls_on(&self.schedule, self.start, date) {
            return None;
        }
        self.at(date)
    }

    /// The first occurrence of all (the export's `DTSTART`), if any.
    pub fn first(&self) -> Option<Occurrence> {
        calendar::next_on_or_after(&self.schedule, self.start, self.start)
            .and_then(|date| self.occurrence_on(date))
    }

    /// Every occurrence strictly after `after`, in order, lazily. Endless
    /// unless the ritual has an end date; empty when paused.
    pub fn occurrences_after(&self, after: DateTime<Utc>) -> Occurrences {
        // A wall time can land up to a day after its date when clocks jump,
        // so start looking two days before `after`'s local date.
        let from = after
            .with_timezone(&self.zone)
            .date_naive()
            .checked_sub_days(Days::new(2))
            .unwrap_or(NaiveDate::MIN);
        Occurrences {
            timing: *self,
            next_from: self.active.then_some(from),
            after,
        }
    }

    /// The first occurrence at or after `now` (one due this very second
    /// counts): when a ritual is next, and where a new one begins.
    pub fn next_at_or_after(&self, now: DateTime<Utc>) -> Option<Occurrence> {
        self.occurrences_after(now - chrono::Duration::seconds(1))
            .next()
    }

    /// The occurrences after `from` up to and including `to`. Windows that
    /// share an end, `(a, b]` then `(b, c]`, never both hold an occurrence,
    /// so a reminder checked in a series of windows fires once.
    pub fn occurrences_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl Iterator<Item = Occurrence> {
        self.occurrences_after(from).take_while(move |o| o.at <= to)
    }

    fn at(&self, date: NaiveDate) -> Option<Occurrence> {
        let at = dst::resolve(self.zone, date.and_time(self.time))?;
        Some(Occurrence {
            date,
            at,
            zone: self.zone,
        })
    }
}

/// The occurrences of a ritual after some instant: see
/// [`RitualTiming::occurrences_after`].
#[derive(Debug, Clone)]
pub struct Occurrences {
    timing: RitualTiming,
    /// Where the search for the next date resumes; `None` when done.
    next_from: Option<NaiveDate>,
    /// Everything yielded is strictly after this instant; it moves up to
    /// each occurrence yielded, so instants strictly increase even in a
    /// zone whose clocks once skipped a whole day.
    after: DateTime<Utc>,
}

impl Iterator for Occurrences {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        let t = &self.timing;
        while let Some(from) = self.next_from {
            let date = calendar::next_on_or_after(&t.schedule, t.start, from)
                .filter(|date| t.end.map_or(true, |end| *date <= end));
            let Some(date) = date else {
                self.next_from = None;
                break;
            };
            self.next_from = date.succ_opt();
            let Some(occurrence) = t.at(date) else {
                self.next_from = None;
                break;
            };
            if occurrence.at > self.after {
                self.after = occurrence.at;
                return Some(occurrence);
            }
        }
        None
    }
}

impl FusedIterator for Occurrences {}

/// Reads a time of day written as "07:30" or "7:30" (24-hour clock).
pub fn parse_time(text: &str) -> Result<NaiveTime> {
    let text = text.trim();
    let parsed = text.split_once(':').and_then(|(h, m)| {
        let digits = |s: &str, max_len| {
            (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let (h, m) = (digits(h, 2)?, digits(m, 2).filter(|_| m.len() == 2)?);
        NaiveTime::from_hms_opt(h, m, 0)
    });
    parsed.ok_or_else(|| {
        Error::invalid(format!(
            "“{}” isn't a time Hearth can read. Please write it like 07:30, \
             with hours from 00 to 23 and minutes from 00 to 59.",
            echo(text)
        ))
    })
}

/// Reads an IANA time zone name such as "Europe/Berlin"; an old or
/// alternative name becomes the place's current one ("Asia/Calcutta" is
/// "Asia/Kolkata", see `zones.rs`).
pub fn parse_zone(name: &str) -> Result<Tz> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "Please choose the time zone this ritual follows.",
        ));
    }
    name.parse::<Tz>()
        .map(super::zones::canonical)
        .map_err(|_| {
            Error::invalid(format!(
                "Hearth doesn't know the time zone “{}”. Please choose one from the list, \
             such as Europe/Berlin or America/New_York.",
                echo(name)
            ))
        })
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}
