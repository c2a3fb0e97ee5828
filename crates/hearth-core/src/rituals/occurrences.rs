//! Occurrences and their outcomes, as every view of rituals reads them:
//! the recorded outcome of a day, the state it makes (done, skipped, due,
//! missed, upcoming), the instant of a ritual on a date, and which dates are
//! occurrences at all. Recording (`outcomes.rs`) and consistency
//! (`consistency.rs`) both build on this and not on each other.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;

use super::store::Gap;
use super::{day, parse_day, Ritual};
use crate::couple::PartnerId;
use crate::error::Result;
use crate::schedule::{RitualTiming, Schedule};
use crate::stamp::{self, bad_column};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeStatus {
    Done,
    Skipped,
}

impl OutcomeStatus {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            OutcomeStatus::Done => "done",
            OutcomeStatus::Skipped => "skipped",
        }
    }
}

/// What was recorded for one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub status: OutcomeStatus,
    /// The partner who recorded it.
    pub by: PartnerId,
    /// A note when done, or the reason when skipped.
    pub note: Option<String>,
    /// The journal entry the note became, if it did (and still exists).
    pub journal_entry_id: Option<i64>,
    pub recorded_at: DateTime<Utc>,
}

/// Where an occurrence stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceState {
    /// Its local day hasn't come yet.
    Upcoming,
    /// Today, with nothing recorded yet (all day, even after its time).
    Due,
    Done,
    Skipped,
    /// Its local day has passed with nothing recorded.
    Missed,
}

/// One occurrence with its state, as Today, the agenda and the history show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceView {
    pub ritual_id: i64,
    /// The local date in the ritual's zone: with the ritual id, the key.
    pub date: NaiveDate,
    pub at: DateTime<Utc>,
    /// The wall time in the ritual's zone, "07:30".
    pub local_time: String,
    pub state: OccurrenceState,
    pub outcome: Option<Outcome>,
}

pub(crate) fn state_of(
    date: NaiveDate,
    today: NaiveDate,
    outcome: Option<&Outcome>,
) -> OccurrenceState {
    match outcome.map(|o| o.status) {
        Some(OutcomeStatus::Done) => OccurrenceState::Done,
        Some(OutcomeStatus::Skipped) => OccurrenceState::Skipped,
        None if date < today => OccurrenceState::Missed,
        None if date == today => OccurrenceState::Due,
        None => OccurrenceState::Upcoming,
    }
}

/// The instant of a ritual's time on `date`, by the engine's DST policy.
pub(crate) fn instant_on(tz: Tz, time: NaiveTime, date: NaiveDate) -> DateTime<Utc> {
    RitualTiming::new(Schedule::daily(), date, time, tz)
        .occurrence_on(date)
        .map(|o| o.at)
        .unwrap_or_else(|| date.and_time(time).and_utc())
}

pub(crate) fn view(
    ritual: &Ritual,
    date: NaiveDate,
    today: NaiveDate,
    outcome: Option<&Outcome>,
) -> OccurrenceView {
    let at = instant_on(ritual.tz, ritual.naive_time, date);
    OccurrenceView {
        ritual_id: ritual.id,
        date,
        at,
        local_time: at.with_timezone(&ritual.tz).format("%H:%M").to_string(),
        state: state_of(date, today, outcome),
        outcome: outcome.cloned(),
    }
}

/// Outcomes by ritual and date, in one query (all rituals, or one).
pub(crate) fn outcomes(
    conn: &Connection,
    only: Option<i64>,
) -> Result<HashMap<i64, BTreeMap<NaiveDate, Outcome>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.ritual_id, o.date, o.status, o.by_partner, o.note, o.entry_id, o.recorded_at
         FROM ritual_outcomes o WHERE ?1 IS NULL OR o.ritual_id = ?1",
    )?;
    let rows = stmt.query(rusqlite::params![only])?;
    collect_outcomes(rows)
}

/// Outcomes dated `from..=to` by ritual and date (all rituals, or one), in
/// one query. Each ritual's dates are a range of the table's key, so this
/// reads only those rows, not years of history: what the agenda, Today and
/// the reminders need.
pub(crate) fn outcomes_between(
    conn: &Connection,
    only: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, BTreeMap<NaiveDate, Outcome>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.ritual_id, o.date, o.status, o.by_partner, o.note, o.entry_id, o.recorded_at
         FROM ritual_outcomes o
         WHERE o.ritual_id IN (SELECT r.id FROM rituals r WHERE ?1 IS NULL OR r.id = ?1)
           AND o.date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query(rusqlite::params![only, day(from), day(to)])?;
    collect_outcomes(rows)
}

fn collect_outcomes(rows: rusqlite::Rows) -> Result<HashMap<i64, BTreeMap<NaiveDate, Outcome>>> {
    let rows = rows.mapped(|r| {
        let status: String = r.get(2)?;
        let status = match status.as_str() {
            "done" => OutcomeStatus::Done,
            "skipped" => OutcomeStatus::Skipped,
            other => return Err(bad_column(2, "outcome", other)),
        };
        Ok((
            r.get::<_, i64>(0)?,
            parse_day(&r.get::<_, String>(1)?, 1)?,
            Outcome {
                status,
                by: PartnerId(r.get(3)?),
                note: r.get(4)?,
                journal_entry_id: r.get(5)?,
                recorded_at: stamp::parse_column(&r.get::<_, String>(6)?, 6)?,
            },
        ))
    });
    let mut out: HashMap<i64, BTreeMap<NaiveDate, Outcome>> = HashMap::new();
    for row in rows {
        let (id, date, outcome) = row?;
        out.entry(id).or_default().insert(date, outcome);
    }
    Ok(out)
}

/// The local dates in `from..=to` that are occurrences of `ritual`: the
/// dates its schedule falls on (from `counted_from`, outside pauses, before
/// it was deleted), and every date with a recorded outcome.
pub(crate) fn occurrence_dates(
    ritual: &Ritual,
    gaps: &[Gap],
    recorded: &BTreeMap<NaiveDate, Outcome>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    let mut dates: BTreeSet<NaiveDate> = recorded.range(from..=to).map(|(d, _)| *d).collect();
    let lo = from.max(ritual.counted_from).max(ritual.start_date);
    let hi = match ritual.archived_on.and_then(|a| a.pred_opt()) {
        Some(last) => to.min(last),
        None if ritual.archived_on.is_some() => return dates.into_iter().collect(),
        None => to,
    };
    if lo <= hi {
        let after = instant_on(
            ritual.tz,
            NaiveTime::MIN,
            lo.checked_sub_days(Days::new(2)).unwrap_or(lo),
        );
        let scheduled = ritual
            .full_timing()
            .occurrences_after(after)
            .map(|o| o.date)
            .skip_while(|d| *d < lo)
            .take_while(|d| *d <= hi)
            .filter(|d| !gaps.iter().any(|g| g.covers(*d)));
        dates.extend(scheduled);
    }
    dates.into_iter().collect()
}
