//! Reconnection rituals: small shared routines on a schedule, what happened
//! on each day they fell on, and a gentle view of consistency.
//!
//! A ritual stores its schedule as RRULE text from [`crate::schedule`], a
//! wall-clock time and an IANA zone; the schedule engine turns that into
//! [`Occurrence`]s keyed by the local date in the ritual's zone. What the
//! couple records is keyed the same way: `(ritual id, local date)`.
//!
//! # Policies
//!
//! - **Done and skipped are stored; missed is derived.** An occurrence whose
//!   local day (in the ritual's zone) has passed with nothing recorded is
//!   missed. Today's occurrence is "due" all day, even after its time.
//! - **Done** may be recorded on the day or later, never ahead; **skip** may
//!   also be recorded ahead ("not this Friday"). Recording one over the other
//!   replaces it; undo deletes the row. Every mark and undo is appended to
//!   `ritual_outcome_log`, so what happened stays auditable.
//! - **Pausing** takes effect from today's local date: days while paused have
//!   no occurrences at all (not missed). Resuming brings occurrences back from
//!   the day of resuming. The pause periods are kept (`ritual_pauses`).
//! - **Deleting archives.** An archived ritual leaves Today, the agenda, the
//!   calendar export and reminders, keeps its history, and can be restored;
//!   the archived days then count as a pause.
//! - **Changing when a ritual happens** (its schedule or start date) starts
//!   the count of missed days afresh from that day (`counted_from`); what was
//!   done or skipped before is kept and still counts.
//! - Either partner may record an outcome; who did is stored with it. Notes
//!   on outcomes are seen by both.

mod agenda;
mod consistency;
mod ics;
mod next;
mod occurrences;
mod outcomes;
mod store;
mod templates;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::Row;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::schedule::{parse_time, parse_zone, zone_city, RitualTiming, Schedule};
use crate::stamp::{self, bad_column};
use crate::text::{optional_label, short_label};

pub use agenda::{AgendaDay, AgendaItem, DueReminder, ReminderKind, AGENDA_DAYS, AGENDA_MAX_DAYS};
pub use consistency::{
    Consistency, ConsistencyReport, Milestones, RitualConsistency, Share, MILESTONES,
};
pub use ics::PRODID;
pub(crate) use next::first_start;
pub use next::{preview, NextTime, RitualPreview};
pub(crate) use occurrences::instant_on;
pub use occurrences::{OccurrenceState, OccurrenceView, Outcome, OutcomeStatus};
pub use outcomes::HISTORY_MAX_DAYS;
pub use templates::{template, templates, RitualTemplate};

/// Longest ritual name, in characters.
pub const TITLE_MAX_CHARS: usize = 80;
/// Longest intention (the one-line why), in characters.
pub const INTENTION_MAX_CHARS: usize = 280;
/// Shortest and longest duration, in minutes.
pub const DURATION_MIN_MINUTES: i64 = 1;
pub const DURATION_MAX_MINUTES: i64 = 600;
/// Longest reminder lead, in minutes (a day).
pub const LEAD_MAX_MINUTES: i64 = 1440;
/// Longest note on a done or skipped occurrence, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;

/// What a partner fills in to add or change a ritual.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RitualInput {
    pub title: String,
    #[serde(default)]
    pub intention: Option<String>,
    /// RRULE text, as [`Schedule::to_rrule`] writes it.
    pub schedule: String,
    /// Local time of day, "07:30".
    pub time: String,
    /// IANA zone; the page passes the system's zone as the default.
    pub zone: String,
    pub duration_minutes: i64,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// Who it is for: `None` for both of you, or one partner.
    #[serde(default)]
    pub for_partner: Option<PartnerId>,
    /// Minutes before the ritual that its reminder comes (0 to 1440).
    #[serde(default)]
    pub reminder_lead_minutes: i64,
}

/// A ritual as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ritual {
    pub id: i64,
    pub uid: String,
    pub title: String,
    pub intention: Option<String>,
    /// Serialized as its RRULE text.
    pub schedule: Schedule,
    /// "07:30", in the ritual's zone.
    pub time: String,
    /// The zone's current IANA name ("Asia/Kolkata", also for a ritual
    /// saved as "Asia/Calcutta") and its place in words ("Kolkata").
    pub zone: String,
    pub zone_city: String,
    pub duration_minutes: u32,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub for_partner: Option<PartnerId>,
    /// `false` while paused.
    pub active: bool,
    /// Set while the ritual is deleted (archived); restore brings it back.
    pub archived_at: Option<DateTime<Utc>>,
    pub reminder_lead_minutes: u32,
    pub template_id: Option<String>,
    /// "Every Monday and Thursday at 07:30".
    pub description: String,
    pub created_by: PartnerId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When it next happens, from the moment it was read; `None` while paused
    /// or deleted, after its end date, and where the read had no clock.
    pub next: Option<NextTime>,
    #[serde(skip)]
    pub(crate) tz: Tz,
    #[serde(skip)]
    pub(crate) naive_time: NaiveTime,
    #[serde(skip)]
    pub(crate) counted_from: NaiveDate,
    #[serde(skip)]
    pub(crate) archived_on: Option<NaiveDate>,
}

impl Ritual {
    /// The ritual with [`Ritual::next`] filled in: its first occurrence at
    /// or after `now` whose day isn't in `answered` (the days already marked
    /// done or skipped). Today's counts until its time has come, unless the
    /// couple marked it early: then "next" is the one after.
    pub(crate) fn seen_at(mut self, now: DateTime<Utc>, answered: &[NaiveDate]) -> Ritual {
        let timing = self.timing();
        let mut next = timing.next_at_or_after(now);
        // Each answered day is stepped over at most once.
        for _ in 0..answered.len() {
            match &next {
                Some(o) if answered.contains(&o.date) => {
                    next = timing.next_at_or_after(o.at + chrono::Duration::seconds(1));
                }
                _ => break,
            }
        }
        self.next = next.map(NextTime::from);
        self
    }

    /// The ritual's timing for the schedule engine: no occurrences while
    /// paused or archived.
    pub fn timing(&self) -> RitualTiming {
        self.full_timing()
            .with_active(self.active && self.archived_at.is_none())
    }

    pub fn zone_tz(&self) -> Tz {
        self.tz
    }

    pub fn is_archived(&self) -> bool {
        self.archived_at.is_some()
    }

    /// The timing as if active: the dates the schedule falls on, for history.
    pub(crate) fn full_timing(&self) -> RitualTiming {
        RitualTiming::new(self.schedule, self.start_date, self.naive_time, self.tz)
            .with_end(self.end_date)
            .unwrap_or_else(|_| {
                RitualTiming::new(self.schedule, self.start_date, self.naive_time, self.tz)
            })
    }
}

/// A ritual's input after every rule has been checked.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub title: String,
    pub intention: Option<String>,
    pub schedule: Schedule,
    pub time: NaiveTime,
    pub zone: Tz,
    pub duration: u32,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub for_partner: Option<PartnerId>,
    pub lead: u32,
}

/// Checks every field; the first rule broken is the error.
pub(crate) fn check_input(input: &RitualInput) -> Result<Checked> {
    let title = short_label(&input.title, "The ritual's name", TITLE_MAX_CHARS)?;
    let intention = optional_label(
        input.intention.as_deref(),
        "The why of this ritual",
        INTENTION_MAX_CHARS,
    )?;
    let schedule = Schedule::parse_rrule(&input.schedule)?;
    let time = parse_time(&input.time)?;
    let zone = parse_zone(&input.zone)?;
    let duration = check_range(
        input.duration_minutes,
        DURATION_MIN_MINUTES,
        DURATION_MAX_MINUTES,
        "A ritual lasts from 1 minute to 10 hours (600 minutes)",
    )?;
    // The engine's own rule and sentence for an end before the start.
    RitualTiming::new(schedule, input.start_date, time, zone).with_end(input.end_date)?;
    if let Some(p) = input.for_partner {
        check_partner_id(p)?;
    }
    let lead = check_range(
        input.reminder_lead_minutes,
        0,
        LEAD_MAX_MINUTES,
        "A reminder can come from 0 minutes to a day (1440 minutes) ahead",
    )?;
    Ok(Checked {
        title,
        intention,
        schedule,
        time,
        zone,
        duration,
        start: input.start_date,
        end: input.end_date,
        for_partner: input.for_partner,
        lead,
    })
}

fn check_range(value: i64, min: i64, max: i64, rule: &str) -> Result<u32> {
    if (min..=max).contains(&value) {
        Ok(value as u32)
    } else {
        Err(Error::invalid(format!(
            "{rule}, so {value} doesn't work. Please choose a number from {min} to {max}."
        )))
    }
}

pub(crate) fn check_partner_id(id: PartnerId) -> Result<()> {
    if id.0 == 1 || id.0 == 2 {
        Ok(())
    } else {
        Err(Error::NotFound("There's no partner with that id.".into()))
    }
}

/// The local date now in `zone`.
pub(crate) fn today_in(zone: Tz, clock: &dyn Clock) -> NaiveDate {
    clock.now().with_timezone(&zone).date_naive()
}

/// A date as stored: `YYYY-MM-DD`, so text order is date order.
pub(crate) fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_day(raw: &str, idx: usize) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| bad_column(idx, "date", raw))
}

pub(crate) fn optional_day(raw: Option<String>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    raw.map(|r| parse_day(&r, idx)).transpose()
}

/// "Tuesday 24 November 2026".
pub(crate) fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

pub(crate) fn ritual_not_found() -> Error {
    Error::NotFound("That ritual isn't here. It may have been deleted for good.".into())
}

/// The columns [`ritual_from_row`] reads, from `rituals`.
pub(crate) const RITUAL_COLUMNS: &str =
    "id, uid, title, intention, rrule, time_of_day, zone, duration_minutes, start_date, \
     end_date, for_partner, active, archived_at, reminder_lead_minutes, template_id, \
     created_by, created_at, updated_at, counted_from, archived_on";

pub(crate) fn ritual_from_row(r: &Row) -> rusqlite::Result<Ritual> {
    let rrule: String = r.get(4)?;
    let schedule = Schedule::parse_rrule(&rrule).map_err(|_| bad_column(4, "rrule", &rrule))?;
    let time: String = r.get(5)?;
    let naive_time = parse_time(&time).map_err(|_| bad_column(5, "time", &time))?;
    let zone: String = r.get(6)?;
    // Read as its current name: an old spelling saved before is shown anew.
    let tz = parse_zone(&zone).map_err(|_| bad_column(6, "zone", &zone))?;
    let start_date = parse_day(&r.get::<_, String>(8)?, 8)?;
    let end_date = optional_day(r.get(9)?, 9)?;
    let archived_at = match r.get::<_, Option<String>>(12)? {
        Some(raw) => Some(stamp::parse_column(&raw, 12)?),
        None => None,
    };
    let timing = RitualTiming::new(schedule, start_date, naive_time, tz);
    let description = timing
        .with_end(end_date)
        .map(|t| t.describe())
        .unwrap_or_else(|_| timing.describe());
    Ok(Ritual {
        id: r.get(0)?,
        uid: r.get(1)?,
        title: r.get(2)?,
        intention: r.get(3)?,
        schedule,
        time,
        zone: tz.name().to_string(),
        zone_city: zone_city(tz),
        duration_minutes: r.get(7)?,
        start_date,
        end_date,
        for_partner: r.get::<_, Option<i64>>(10)?.map(PartnerId),
        active: r.get(11)?,
        archived_at,
        reminder_lead_minutes: r.get(13)?,
        template_id: r.get(14)?,
        description,
        created_by: PartnerId(r.get(15)?),
        created_at: stamp::parse_column(&r.get::<_, String>(16)?, 16)?,
        updated_at: stamp::parse_column(&r.get::<_, String>(17)?, 17)?,
        next: None,
        tz,
        naive_time,
        counted_from: parse_day(&r.get::<_, String>(18)?, 18)?,
        archived_on: optional_day(r.get(19)?, 19)?,
    })
}
