//! Adding, changing, pausing, deleting (archiving) and restoring rituals,
//! and reading them back in bulk for the views that compute over them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{
    check_input, day, first_start, optional_day, parse_day, ritual_from_row, ritual_not_found,
    today_in, Checked, Ritual, RitualInput, RITUAL_COLUMNS,
};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp;
use crate::store::Store;

/// A span of local dates with no occurrences: `from` inclusive, `until`
/// exclusive, `None` while still paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Gap {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Gap {
    pub fn covers(&self, date: NaiveDate) -> bool {
        date >= self.from && self.until.map_or(true, |u| date < u)
    }
}

impl Store {
    /// Adds a ritual, active from its start date.
    pub fn create_ritual(
        &mut self,
        by: PartnerId,
        input: &RitualInput,
        clock: &dyn Clock,
    ) -> Result<Ritual> {
        self.ensure_partner(by)?;
        let checked = check_input(input)?;
        self.insert_ritual(by, &checked, None, clock)
    }

    pub(crate) fn insert_ritual(
        &mut self,
        by: PartnerId,
        c: &Checked,
        template_id: Option<&str>,
        clock: &dyn Clock,
    ) -> Result<Ritual> {
        let now = stamp::now(clock);
        let start = first_start(c, clock);
        self.conn().execute(
            "INSERT INTO rituals (uid, title, intention, rrule, time_of_day, zone, duration_minutes,
                start_date, end_date, for_partner, active, reminder_lead_minutes, template_id,
                counted_from, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?8, ?13, ?14, ?14)",
            params![
                stamp::new_uid(),
                c.title,
                c.intention,
                c.schedule.to_rrule(),
                c.time.format("%H:%M").to_string(),
                c.zone.name(),
                c.duration,
                day(start),
                c.end.map(day),
                c.for_partner.map(|p| p.0),
                c.lead,
                template_id,
                by.0,
                now,
            ],
        )?;
        self.ritual_now(self.conn().last_insert_rowid(), clock)
    }

    /// Changes a ritual. A new schedule or start date starts the count of
    /// missed days afresh from today (see the module docs).
    pub fn update_ritual(
        &mut self,
        by: PartnerId,
        id: i64,
        input: &RitualInput,
        clock: &dyn Clock,
    ) -> Result<Ritual> {
        self.ensure_partner(by)?;
        let current = self.live_ritual(id)?;
        let c = check_input(input)?;
        let counted_from = if c.schedule != current.schedule || c.start != current.start_date {
            c.start.max(today_in(c.zone, clock))
        } else {
            current.counted_from
        };
        self.conn().execute(
            "UPDATE rituals SET title = ?2, intention = ?3, rrule = ?4, time_of_day = ?5,
                zone = ?6, duration_minutes = ?7, start_date = ?8, end_date = ?9,
                for_partner = ?10, reminder_lead_minutes = ?11, counted_from = ?12,
                updated_at = ?13
             WHERE id = ?1",
            params![
                id,
                c.title,
                c.intention,
                c.schedule.to_rrule(),
                c.time.format("%H:%M").to_string(),
                c.zone.name(),
                c.duration,
                day(c.start),
                c.end.map(day),
                c.for_partner.map(|p| p.0),
                c.lead,
                day(counted_from),
                stamp::now(clock),
            ],
        )?;
        self.ritual_now(id, clock)
    }

    /// One ritual, archived or not.
    pub fn ritual(&self, id: i64) -> Result<Ritual> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {RITUAL_COLUMNS} FROM rituals WHERE id = ?1"
            ))?
            .query_row([id], ritual_from_row)
            .optional()?
            .ok_or_else(ritual_not_found)
    }

    /// One ritual, with when it next happens (see [`Ritual::next`]).
    pub fn ritual_now(&self, id: i64, clock: &dyn Clock) -> Result<Ritual> {
        self.seen(self.ritual(id)?, clock)
    }

    /// `ritual` with when it next happens, stepping over the days already
    /// marked (done or skipped) from yesterday on, in its own zone.
    fn seen(&self, ritual: Ritual, clock: &dyn Clock) -> Result<Ritual> {
        let from = today_in(ritual.tz, clock)
            .pred_opt()
            .unwrap_or(NaiveDate::MIN);
        let answered = self
            .conn()
            .prepare_cached("SELECT date FROM ritual_outcomes WHERE ritual_id = ?1 AND date >= ?2")?
            .query_map(params![ritual.id, day(from)], |r| {
                parse_day(&r.get::<_, String>(0)?, 0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ritual.seen_at(clock.now(), &answered))
    }

    /// [`Store::rituals`], each with when it next happens.
    pub fn rituals_now(&self, include_archived: bool, clock: &dyn Clock) -> Result<Vec<Ritual>> {
        self.rituals(include_archived)?
            .into_iter()
            .map(|r| self.seen(r, clock))
            .collect()
    }

    /// The rituals in the order they were added; archived ones only when asked.
    pub fn rituals(&self, include_archived: bool) -> Result<Vec<Ritual>> {
        let sql = format!(
            "SELECT {RITUAL_COLUMNS} FROM rituals {} ORDER BY id",
            if include_archived {
                ""
            } else {
                "WHERE archived_at IS NULL"
            }
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], ritual_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Pauses (`false`) or resumes (`true`) a ritual from today's local date.
    pub fn set_ritual_active(
        &mut self,
        by: PartnerId,
        id: i64,
        active: bool,
        clock: &dyn Clock,
    ) -> Result<Ritual> {
        self.ensure_partner(by)?;
        let ritual = self.live_ritual(id)?;
        if ritual.active == active {
            return self.seen(ritual, clock);
        }
        let today = day(today_in(ritual.tz, clock));
        let tx = self.conn_mut().transaction()?;
        if active {
            // A pause that began today (or, after a clock change, later) had no effect.
            tx.execute(
                "DELETE FROM ritual_pauses
                 WHERE ritual_id = ?1 AND until_date IS NULL AND from_date >= ?2",
                params![id, today],
            )?;
            tx.execute(
                "UPDATE ritual_pauses SET until_date = ?2
                 WHERE ritual_id = ?1 AND until_date IS NULL",
                params![id, today],
            )?;
        } else {
            let reopened = tx.execute(
                "UPDATE ritual_pauses SET until_date = NULL
                 WHERE ritual_id = ?1 AND until_date = ?2",
                params![id, today],
            )?;
            if reopened == 0 {
                tx.execute(
                    "INSERT INTO ritual_pauses (ritual_id, from_date, until_date)
                     VALUES (?1, ?2, NULL)
                     ON CONFLICT (ritual_id, from_date) DO UPDATE SET until_date = NULL",
                    params![id, today],
                )?;
            }
        }
        tx.execute(
            "UPDATE rituals SET active = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, active, stamp::now(clock)],
        )?;
        tx.commit()?;
        self.ritual_now(id, clock)
    }

    /// Deletes a ritual the gentle way: it is archived with its history, and
    /// [`Store::restore_ritual`] brings it back.
    pub fn archive_ritual(&mut self, by: PartnerId, id: i64, clock: &dyn Clock) -> Result<Ritual> {
        self.ensure_partner(by)?;
        let ritual = self.ritual(id)?;
        if ritual.is_archived() {
            return self.seen(ritual, clock);
        }
        self.conn().execute(
            "UPDATE rituals SET archived_at = ?2, archived_on = ?3, updated_at = ?2 WHERE id = ?1",
            params![id, stamp::now(clock), day(today_in(ritual.tz, clock))],
        )?;
        self.ritual_now(id, clock)
    }

    /// Brings an archived ritual back; the days it was away count as a pause.
    pub fn restore_ritual(&mut self, by: PartnerId, id: i64, clock: &dyn Clock) -> Result<Ritual> {
        self.ensure_partner(by)?;
        let ritual = self.ritual(id)?;
        let Some(archived_on) = ritual.archived_on else {
            return self.seen(ritual, clock);
        };
        let today = today_in(ritual.tz, clock);
        let tx = self.conn_mut().transaction()?;
        if ritual.active && archived_on < today {
            tx.execute(
                "INSERT INTO ritual_pauses (ritual_id, from_date, until_date) VALUES (?1, ?2, ?3)
                 ON CONFLICT (ritual_id, from_date) DO UPDATE SET until_date =
                    CASE WHEN until_date IS NULL THEN NULL ELSE max(until_date, excluded.until_date) END",
                params![id, day(archived_on), day(today)],
            )?;
        }
        tx.execute(
            "UPDATE rituals SET archived_at = NULL, archived_on = NULL, updated_at = ?2
             WHERE id = ?1",
            params![id, stamp::now(clock)],
        )?;
        tx.commit()?;
        self.ritual_now(id, clock)
    }

    /// A ritual that isn't archived, for changes.
    pub(crate) fn live_ritual(&self, id: i64) -> Result<Ritual> {
        let ritual = self.ritual(id)?;
        if ritual.is_archived() {
            return Err(Error::invalid(format!(
                "“{}” is deleted. Restore it first to change it.",
                ritual.title
            )));
        }
        Ok(ritual)
    }

    /// Every ritual's pauses, in one query.
    pub(crate) fn all_gaps(&self) -> Result<HashMap<i64, Vec<Gap>>> {
        gaps(self.conn(), None)
    }

    pub(crate) fn ritual_gaps(&self, id: i64) -> Result<Vec<Gap>> {
        Ok(gaps(self.conn(), Some(id))?.remove(&id).unwrap_or_default())
    }
}

fn gaps(conn: &Connection, only: Option<i64>) -> Result<HashMap<i64, Vec<Gap>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ritual_id, from_date, until_date FROM ritual_pauses
         WHERE ?1 IS NULL OR ritual_id = ?1 ORDER BY ritual_id, from_date",
    )?;
    let rows = stmt.query_map([only], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Gap {
                from: parse_day(&r.get::<_, String>(1)?, 1)?,
                until: optional_day(r.get(2)?, 2)?,
            },
        ))
    })?;
    let mut out: HashMap<i64, Vec<Gap>> = HashMap::new();
    for row in rows {
        let (id, gap) = row?;
        out.entry(id).or_default().push(gap);
    }
    Ok(out)
}

/// Whether `ritual` has an occurrence on `date` in its history: the schedule
/// falls on it, it isn't in a pause, and it is before the ritual was archived.
pub(crate) fn scheduled_on(ritual: &Ritual, gaps: &[Gap], date: NaiveDate) -> bool {
    ritual.full_timing().occurrence_on(date).is_some()
        && !gaps.iter().any(|g| g.covers(date))
        && ritual.archived_on.map_or(true, |a| date < a)
}
