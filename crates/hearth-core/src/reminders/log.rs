//! `reminder_log`: one row per reminder key, the decision taken about it;
//! and `reminder_snoozes`: delivered reminders asked to come back later.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::settings::CHECKED_KEY;
use super::{NoticeItem, NoticeKind, MAX_ATTEMPTS};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::rituals::{day, parse_day, OccurrenceView};
use crate::stamp;
use crate::store::Store;

/// What was decided about one reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Shown on time.
    Sent,
    /// Shown after its time, saying when it was due.
    Late,
    /// Fell due while all reminders were paused: not shown, not later either.
    Paused,
    /// Found after its grace window: not shown; the agenda shows it missed.
    Expired,
    /// Its ritual was deleted, paused, done or skipped before it came back.
    Cancelled,
    /// The desktop refused the notice; tried again up to `MAX_ATTEMPTS`.
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Late => "late",
            Status::Paused => "paused",
            Status::Expired => "expired",
            Status::Cancelled => "cancelled",
            Status::Failed => "failed",
        }
    }

    fn parse(raw: &str) -> Status {
        match raw {
            "sent" => Status::Sent,
            "late" => Status::Late,
            "paused" => Status::Paused,
            "expired" => Status::Expired,
            "cancelled" => Status::Cancelled,
            _ => Status::Failed,
        }
    }
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedReminder {
    pub key: String,
    /// For a snooze coming back, the key of the reminder it repeats.
    pub origin: Option<String>,
    pub kind: NoticeKind,
    pub ritual_id: Option<i64>,
    pub date: Option<NaiveDate>,
    pub due_at: DateTime<Utc>,
    pub local_time: String,
    pub title: String,
    pub body: String,
    pub status: Status,
    pub attempts: i64,
    pub decided_at: DateTime<Utc>,
}

impl LoggedReminder {
    pub(super) fn item(&self, late: bool) -> NoticeItem {
        NoticeItem {
            key: self.key.clone(),
            kind: self.kind,
            ritual_id: self.ritual_id,
            date: self.date,
            title: self.title.clone(),
            body: self.body.clone(),
            due_at: self.due_at,
            local_time: self.local_time.clone(),
            late,
        }
    }
}

const COLUMNS: &str = "key, origin, kind, ritual_id, date, due_at, local_time, title, body, \
                       status, attempts, decided_at";

fn from_row(r: &Row) -> rusqlite::Result<LoggedReminder> {
    Ok(LoggedReminder {
        key: r.get(0)?,
        origin: r.get(1)?,
        kind: NoticeKind::parse(&r.get::<_, String>(2)?),
        ritual_id: r.get(3)?,
        date: r
            .get::<_, Option<String>>(4)?
            .map(|d| parse_day(&d, 4))
            .transpose()?,
        due_at: stamp::parse_column(&r.get::<_, String>(5)?, 5)?,
        local_time: r.get(6)?,
        title: r.get(7)?,
        body: r.get(8)?,
        status: Status::parse(&r.get::<_, String>(9)?),
        attempts: r.get(10)?,
        decided_at: stamp::parse_column(&r.get::<_, String>(11)?, 11)?,
    })
}

/// A decision about to be written.
#[derive(Debug, Clone)]
pub(super) struct Decision {
    pub item: NoticeItem,
    pub origin: Option<String>,
    pub status: Status,
}

impl Store {
    /// One logged reminder by its key (for the banner's buttons).
    pub fn logged_reminder(&self, key: &str) -> Result<LoggedReminder> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM reminder_log WHERE key = ?1"),
                [key],
                from_row,
            )
            .optional()?
            .ok_or_else(|| {
                Error::NotFound(
                    "Hearth hasn't shown that reminder, so there's nothing to answer.".into(),
                )
            })
    }

    /// The banner's Done (or Skip, with `skip`): records the ritual's outcome,
    /// by `by`, for the day the reminder was for. A check-in or review
    /// reminder has nothing to record: `None`, and the banner just closes.
    pub fn answer_reminder(
        &mut self,
        by: PartnerId,
        key: &str,
        skip: bool,
        clock: &dyn Clock,
    ) -> Result<Option<OccurrenceView>> {
        let logged = self.logged_reminder(key)?;
        let (Some(ritual_id), Some(date)) = (logged.ritual_id, logged.date) else {
            return Ok(None);
        };
        let view = if skip {
            self.skip_ritual(by, ritual_id, date, None, clock)?
        } else {
            self.mark_ritual_done(by, ritual_id, date, None, clock)?
        };
        Ok(Some(view))
    }

    /// The most recent decisions, newest first (for diagnostics and tests).
    pub fn reminder_log(&self, limit: u32) -> Result<Vec<LoggedReminder>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM reminder_log ORDER BY decided_at DESC, key LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn is_decided(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM reminder_log WHERE key = ?1")?
            .exists([key])?)
    }

    /// Notices the desktop refused that may be tried again.
    pub(super) fn failed_reminders(&self, since: DateTime<Utc>) -> Result<Vec<LoggedReminder>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM reminder_log
             WHERE status = 'failed' AND attempts < ?1 AND due_at > ?2 ORDER BY due_at, key"
        ))?;
        let rows = stmt.query_map(params![MAX_ATTEMPTS, stamp::format(since)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes every decision of a tick and the new watermark, all or
    /// nothing. A key already decided keeps its row, except a failed one
    /// being tried again, which counts one more attempt.
    pub(super) fn record_decisions(
        &mut self,
        decisions: &[Decision],
        checked_through: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO reminder_log (key, origin, kind, ritual_id, date, due_at, local_time,
                    title, body, status, attempts, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11)
                 ON CONFLICT (key) DO UPDATE SET status = excluded.status,
                    attempts = attempts + 1, decided_at = excluded.decided_at
                 WHERE status = 'failed'",
            )?;
            let mut unsnooze = tx.prepare_cached("DELETE FROM reminder_snoozes WHERE key = ?1")?;
            let decided_at = stamp::format(now);
            for d in decisions {
                let i = &d.item;
                insert.execute(params![
                    i.key,
                    d.origin,
                    i.kind.as_str(),
                    i.ritual_id,
                    i.date.map(day),
                    stamp::format(i.due_at),
                    i.local_time,
                    i.title,
                    i.body,
                    d.status.as_str(),
                    decided_at,
                ])?;
                if let Some(origin) = &d.origin {
                    unsnooze.execute([origin])?;
                }
            }
            if let Some(at) = checked_through {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![CHECKED_KEY, stamp::format(at)],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks the reminders of a notice the desktop refused.
    pub(super) fn mark_failed<'a>(&self, keys: impl Iterator<Item = &'a str>) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("UPDATE reminder_log SET status = 'failed' WHERE key = ?1")?;
        for key in keys {
            stmt.execute([key])?;
        }
        Ok(())
    }

    /// Asks for a delivered reminder to come back at `until` (replacing an
    /// earlier snooze of the same reminder).
    pub(super) fn insert_snooze(
        &self,
        origin: &str,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO reminder_snoozes (key, until, snoozed_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET until = excluded.until,
                snoozed_at = excluded.snoozed_at",
            params![origin, stamp::format(until), stamp::format(now)],
        )?;
        Ok(())
    }

    /// Snoozes whose time has come, with the reminder each repeats.
    pub(super) fn due_snoozes(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, LoggedReminder)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.until, l.key, l.origin, l.kind, l.ritual_id, l.date, l.due_at, l.local_time,
                    l.title, l.body, l.status, l.attempts, l.decided_at
             FROM reminder_snoozes s JOIN reminder_log l ON l.key = s.key
             WHERE s.until <= ?1 ORDER BY s.until, s.key",
        )?;
        let rows = stmt.query_map([stamp::format(now)], |r| {
            let until = stamp::parse_column(&r.get::<_, String>(0)?, 0)?;
            // The log's columns start at index 1 here.
            let logged = LoggedReminder {
                key: r.get(1)?,
                origin: r.get(2)?,
                kind: NoticeKind::parse(&r.get::<_, String>(3)?),
                ritual_id: r.get(4)?,
                date: r
                    .get::<_, Option<String>>(5)?
                    .map(|d| parse_day(&d, 5))
                    .transpose()?,
                due_at: stamp::parse_column(&r.get::<_, String>(6)?, 6)?,
                local_time: r.get(7)?,
                title: r.get(8)?,
                body: r.get(9)?,
                status: Status::parse(&r.get::<_, String>(10)?),
                attempts: r.get(11)?,
                decided_at: stamp::parse_column(&r.get::<_, String>(12)?, 12)?,
            };
            Ok((until, logged))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The earliest snooze still to come back.
    pub(super) fn next_snooze(&self) -> Result<Option<DateTime<Utc>>> {
        let raw: Option<String> =
            self.conn()
                .query_row("SELECT min(until) FROM reminder_snoozes", [], |r| r.get(0))?;
        Ok(raw.and_then(|v| stamp::parse_column(&v, 0).ok()))
    }
}
