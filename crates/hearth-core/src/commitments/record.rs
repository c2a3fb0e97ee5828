//! Check-offs, follow-through and review reminders of commitments.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::params;

use super::{
    from_row, CheckOff, Commitment, FollowThrough, CHECK_NOTE_MAX_CHARS, COLUMNS,
    REVIEW_REMINDER_TIME,
};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::rituals::{day, instant_on, long_date, parse_day, today_in, DueReminder, ReminderKind};
use crate::schedule::{parse_zone, RitualTiming, Schedule};
use crate::stamp;
use crate::store::Store;
use crate::text::optional_label;

fn cadence_timing(c: &Commitment, schedule: Schedule) -> RitualTiming {
    let zone = parse_zone(&c.zone).unwrap_or(Tz::UTC);
    RitualTiming::new(schedule, c.start_date, NaiveTime::MIN, zone)
}

/// "Every year on 14 February" as "every year on 14 February", for the
/// middle of a sentence: names of days and months keep their capitals.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Fills in the follow-through of `c` (whose checks are loaded) as of `today`.
/// A proposal has no days due: nothing is owed before it is accepted.
pub(super) fn follow_through(c: &mut Commitment, today: NaiveDate) {
    let days: BTreeSet<NaiveDate> = c.checks.iter().map(|k| k.date).collect();
    c.follow_through = match c.cadence.filter(|_| c.accepted) {
        None => FollowThrough {
            checked: days.len() as u32,
            due: None,
            share: None,
        },
        Some(schedule) => {
            let last = c.ended_on.map_or(today, |e| e.min(today));
            let timing = cadence_timing(c, schedule);
            let after =
                instant_on(timing.zone(), NaiveTime::MIN, c.start_date) - chrono::Duration::days(2);
            let (mut checked, mut due) = (0u32, 0u32);
            for date in timing
                .occurrences_after(after)
                .map(|o| o.date)
                .take_while(|d| *d <= last)
            {
                let done = days.contains(&date);
                if date < today || done {
                    due += 1;
                }
                checked += u32::from(done);
            }
            FollowThrough {
                checked,
                due: Some(due),
                share: (due > 0).then(|| f64::from(checked) / f64::from(due)),
            }
        }
    };
}

impl Store {
    /// Checks a commitment off for `date`, by `by` (again: changes the note).
    pub fn check_off_commitment(
        &mut self,
        by: PartnerId,
        id: i64,
        date: NaiveDate,
        note: Option<&str>,
        clock: &dyn Clock,
    ) -> Result<Commitment> {
        self.ensure_partner(by)?;
        let c = self.commitment(id, clock)?;
        let note = optional_label(note, "The note", CHECK_NOTE_MAX_CHARS)?;
        if !c.active {
            return Err(Error::invalid(
                "This commitment has ended. Reopen it to check it off again.",
            ));
        }
        if !c.accepted {
            return Err(Error::invalid(
                "This is still a proposal. It can be checked off once it's accepted.",
            ));
        }
        let today = today_in(parse_zone(&c.zone)?, clock);
        if date > today || date < c.start_date {
            return Err(Error::invalid(format!(
                "{} is outside this commitment's days so far: from {} to today.",
                long_date(date),
                long_date(c.start_date)
            )));
        }
        if let Some(schedule) = c.cadence {
            if cadence_timing(&c, schedule).occurrence_on(date).is_none() {
                return Err(Error::invalid(format!(
                    "This commitment isn't due on {} ({}). Please pick one of its days.",
                    long_date(date),
                    lower_first(&schedule.describe())
                )));
            }
        }
        self.conn().execute(
            "INSERT INTO commitment_checks (commitment_id, date, by_partner, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (commitment_id, date, by_partner) DO UPDATE SET
                note = excluded.note, recorded_at = excluded.recorded_at",
            params![id, day(date), by.0, note, stamp::now(clock)],
        )?;
        self.commitment(id, clock)
    }

    /// Takes back `by`'s check-off for `date`.
    pub fn undo_check_off(
        &mut self,
        by: PartnerId,
        id: i64,
        date: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<Commitment> {
        self.ensure_partner(by)?;
        self.commitment(id, clock)?;
        let removed = self.conn().execute(
            "DELETE FROM commitment_checks WHERE commitment_id = ?1 AND date = ?2 AND by_partner = ?3",
            params![id, day(date), by.0],
        )?;
        if removed == 0 {
            return Err(Error::NotFound(format!(
                "You haven't checked this off for {}, so there's nothing to undo.",
                long_date(date)
            )));
        }
        self.commitment(id, clock)
    }

    pub(super) fn checks(&self, only: Option<i64>) -> Result<HashMap<i64, Vec<CheckOff>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT commitment_id, date, by_partner, note, recorded_at FROM commitment_checks
             WHERE ?1 IS NULL OR commitment_id = ?1 ORDER BY date DESC, by_partner",
        )?;
        let rows = stmt.query_map([only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                CheckOff {
                    date: parse_day(&r.get::<_, String>(1)?, 1)?,
                    by: PartnerId(r.get(2)?),
                    note: r.get(3)?,
                    recorded_at: stamp::parse_column(&r.get::<_, String>(4)?, 4)?,
                },
            ))
        })?;
        let mut out: HashMap<i64, Vec<CheckOff>> = HashMap::new();
        for row in rows {
            let (id, check) = row?;
            out.entry(id).or_default().push(check);
        }
        Ok(out)
    }

    /// Review dates of open, accepted commitments whose reminder time is in
    /// `(from, to]`. A proposal reminds no one.
    pub(crate) fn review_reminders(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DueReminder>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM commitments
             WHERE ended_on IS NULL AND review_on IS NOT NULL AND accepted = 1"
        ))?;
        let list = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut due = Vec::new();
        for c in list {
            let (Some(date), Ok(zone)) = (c.review_on, parse_zone(&c.zone)) else {
                continue;
            };
            let at = instant_on(zone, REVIEW_REMINDER_TIME, date);
            if at > from && at <= to {
                due.push(DueReminder {
                    kind: ReminderKind::CommitmentReview,
                    key: format!("review:{}:{}", c.uid, day(date)),
                    ritual_id: None,
                    commitment_id: Some(c.id),
                    date,
                    at,
                    occurs_at: at,
                    title: format!("Time to look at: {}", c.title),
                    intention: c.details.clone(),
                    local_time: at.with_timezone(&zone).format("%H:%M").to_string(),
                    zone: c.zone.clone(),
                });
            }
        }
        Ok(due)
    }
}
