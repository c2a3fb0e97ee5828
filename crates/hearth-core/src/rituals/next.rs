//! When a ritual happens next, and when a new one begins.
//!
//! "Next" and "first" are one question asked of the schedule engine
//! ([`RitualTiming::next_at_or_after`]): the list, the ritual's page, the
//! form's preview and the start date a new ritual is stored with all ask it
//! the same way, so what the form promises is what saving does.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{check_input, today_in, Checked, RitualInput};
use crate::clock::Clock;
use crate::error::Result;
use crate::schedule::{Occurrence, RitualTiming, ZoneName};

/// When a ritual next happens, for "Next: Tuesday 15 December, 19:30".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextTime {
    /// The local date in the ritual's zone.
    pub date: NaiveDate,
    /// The wall time in the ritual's zone, "19:30" (later by the gap on a
    /// spring-forward night).
    pub time: String,
    pub at: DateTime<Utc>,
}

impl From<Occurrence> for NextTime {
    fn from(o: Occurrence) -> Self {
        NextTime {
            date: o.date,
            time: o.local().format("%H:%M").to_string(),
            at: o.at,
        }
    }
}

/// What the ritual form shows before it saves: the rule as the core keeps it
/// (the form's RRULE may be written differently), its words, the zone by its
/// current name, and when the ritual would next happen if saved now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RitualPreview {
    pub schedule: String,
    pub description: String,
    pub zone: ZoneName,
    pub next: Option<NextTime>,
}

/// Checks a ritual's input as saving would, and says when it would next
/// happen. Nothing is stored. Errors are the ones saving would give.
pub fn preview(input: &RitualInput, clock: &dyn Clock) -> Result<RitualPreview> {
    let c = check_input(input)?;
    let start = first_start(&c, clock);
    let timing = RitualTiming::new(c.schedule, start, c.time, c.zone).with_end(c.end)?;
    Ok(RitualPreview {
        schedule: c.schedule.to_rrule(),
        description: timing.describe(),
        zone: ZoneName::from(c.zone),
        next: timing.next_at_or_after(clock.now()).map(NextTime::from),
    })
}

/// The start date a new ritual is stored with. A ritual begins with its
/// first occurrence at or after the moment it is added: one added at 21:19
/// for 07:30, starting today, first happens tomorrow morning, not this
/// morning (which would be a day to mark before it existed). An earlier or
/// later start chosen on purpose is kept. Moving the start to the date of
/// that first occurrence keeps every later date the same, also for "every
/// 2 weeks", whose weeks count from the week of an occurrence either way.
pub(crate) fn first_start(c: &Checked, clock: &dyn Clock) -> NaiveDate {
    if c.start != today_in(c.zone, clock) {
        return c.start;
    }
    let Ok(timing) = RitualTiming::new(c.schedule, c.start, c.time, c.zone).with_end(c.end) else {
        return c.start;
    };
    timing
        .next_at_or_after(clock.now())
        .map_or(c.start, |o| o.date)
}
