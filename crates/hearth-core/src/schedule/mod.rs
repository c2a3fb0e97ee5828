//! When reconnection rituals happen: schedules, their times of day across
//! time zones and daylight saving, and the occurrences that follow.
//!
//! Pure and Tauri-free: nothing here reads the system clock or the laptop's
//! zone. Callers pass "now" (from a [`crate::Clock`]) and the zone name.
//!
//! # Schedules
//!
//! A [`Schedule`] says which local dates a ritual falls on, in the terms of
//! an iCalendar RRULE so it exports cleanly:
//!
//! | schedule | RRULE |
//! | --- | --- |
//! | every day | `FREQ=DAILY` |
//! | every N days (2 to 365) | `FREQ=DAILY;INTERVAL=3` |
//! | chosen weekdays | `FREQ=WEEKLY;BYDAY=MO,WE,FR` |
//! | every N weeks (2 to 52) on chosen weekdays | `FREQ=WEEKLY;INTERVAL=2;BYDAY=SA` |
//! | a day of the month | `FREQ=MONTHLY;BYMONTHDAY=15` |
//! | the nth weekday of the month | `FREQ=MONTHLY;BYDAY=1SA`, `BYDAY=-1FR` |
//! | either, every N months (2 to 12) | `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15`, `FREQ=MONTHLY;INTERVAL=2;BYDAY=1SA` |
//! | a date once a year | `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14` |
//! | 29 February once a year | `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1` |
//!
//! Intervals count from the ritual's start, as RFC 5545 counts them from
//! `DTSTART` (which the `.ics` export sets to the first occurrence): every
//! N days from the start date; every N weeks from the week the ritual starts
//! in, Monday to Sunday (RFC 5545's default week start, written out as
//! `WKST=MO` when it matters); every N months from the month it starts in,
//! even when that month's day has already passed (every 3 months on the
//! 15th, started on 20 January, is 15 April, 15 July, ...). An interval of 1
//! is written without `INTERVAL`. A yearly ritual has no interval: every
//! 2 years is refused. A ritual happens at most once per local date; that date, in
//! the ritual's own zone, is what identifies an [`Occurrence`] (the key a
//! "we did it" or "skip this time" is recorded against).
//!
//! # The end of the month
//!
//! A ritual on the 29th, 30th or 31st happens on the last day of any month
//! that is shorter (the 31st in April is the 30th; the 30th in February is
//! the 28th or 29th), because a monthly ritual that silently skips months
//! would feel broken to the couple; day 31 therefore means "the last day of
//! each month", and [`Schedule::describe`] says so. Strict RFC 5545 instead
//! skips months without that day, so a bare `BYMONTHDAY=30` would disagree
//! with Hearth in calendar apps; Hearth exports day 31 as `BYMONTHDAY=-1`
//! and days 29 and 30 as `BYMONTHDAY=28,29,30;BYSETPOS=-1` ("the last of the
//! 28th to the 30th that the month has"), which any RFC 5545 reader expands
//! to exactly Hearth's dates. For the same reason, parsing refuses a bare
//! `BYMONTHDAY=29`, `30` or `31` rather than quietly change its meaning.
//! The same holds every N months (the 31st every 2 months from January is
//! 31 January, 31 March, 31 May, 31 July, 30 September, 30 November).
//!
//! A yearly ritual on 29 February (an anniversary from a leap year) falls
//! on 28 February in the years without one, for the same reason: an
//! anniversary that comes once in four years would feel forgotten. It is
//! written `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1` ("the last
//! of 28 and 29 February that the year has"), which RFC 5545 expands to
//! exactly Hearth's dates; a bare `BYMONTH=2;BYMONTHDAY=29` would skip three
//! years in four in a calendar app, so parsing refuses it. Every other date
//! exists every year, so a yearly ritual's date is one its month always
//! has, or 29 February: "30 February" and "31 April" are refused.
//!
//! # Daylight saving
//!
//! A ritual's time is a wall-clock time in its zone, so 07:30 stays 07:30
//! through summer and winter. On the two nights a year the clocks change:
//!
//! - a time that doesn't exist (clocks spring forward over it) moves forward
//!   by the length of the gap: 02:30 on a spring-forward night in New York
//!   is 03:30 EDT; 02:15 on Lord Howe Island, whose clocks move 30 minutes,
//!   is 02:45;
//! - a time that happens twice (clocks fall back) happens once, at the
//!   first, earlier instant: 01:30 on a fall-back night in New York is
//!   01:30 EDT, not 01:30 EST an hour later.
//!
//! This is the rule RFC 5545 (section 3.3.5) gives for calendar events, so
//! an exported ritual and a calendar app agree on the instant. Occurrence
//! instants strictly increase; no date ever yields two.
//!
//! # Time zones and travel
//!
//! Each ritual stores its own IANA zone ([`parse_zone`]). When the laptop's
//! zone changes (a trip, a move), rituals keep their wall time in their own
//! zone; the laptop's zone only changes how an instant is displayed
//! ([`Occurrence::in_zone`]). Moving a ritual to a new zone is a deliberate
//! act ([`RitualTiming::with_zone`]). Reading the system's zone is the
//! shell's job.
//!
//! # Why hand-written
//!
//! The `rrule` crate implements all of RFC 5545, but Hearth needs a small
//! subset with two policies it doesn't have: month-end clamping (it skips
//! short months, per the RFC) and a defined answer for every wall time (it
//! drops an occurrence whose midnight falls in a gap). Wrapping it to enforce
//! those would be more code than the subset itself, whose date steps (in
//! `calendar.rs`) and DST resolution (in `dst.rs`) are each a screenful and
//! are checked by property tests against an independent oracle.

mod calendar;
pub(crate) mod dst;
mod rrule;
mod rule;
mod timing;
mod zones;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Serialize;

pub use chrono_tz::Tz;
pub use rule::{Nth, Schedule, Weekdays, MAX_DAY_INTERVAL, MAX_MONTH_INTERVAL, MAX_WEEK_INTERVAL};
pub use timing::{parse_time, parse_zone, Occurrences, RitualTiming};
pub use zones::{canonical as canonical_zone, city as zone_city, zone_of_localtime_link, ZoneName};

/// One time a ritual happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Occurrence {
    /// The local date in the ritual's zone: the key of this occurrence.
    pub date: NaiveDate,
    /// The instant it happens.
    pub at: DateTime<Utc>,
    /// The ritual's zone.
    pub zone: Tz,
}

impl Occurrence {
    /// The wall time in the ritual's own zone (usually its chosen time; later
    /// by the gap on a spring-forward night).
    pub fn local(&self) -> DateTime<Tz> {
        self.at.with_timezone(&self.zone)
    }

    /// The same instant on another clock, such as the laptop's while the
    /// couple travels.
    pub fn in_zone<Z: TimeZone>(&self, zone: &Z) -> DateTime<Z> {
        self.at.with_timezone(zone)
    }
}
