//! Writing everything beside the journal, inside the import's transaction.
//! What is already here wins; see the module documentation.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Params};
use serde::Serialize;

use super::Tally;
use crate::error::Result;
use crate::exchange::import::damaged;
use crate::exchange::ExportFile;
use crate::rituals::day;
use crate::stamp::format as stamp;

/// What an import added beside the journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Added {
    pub rituals_added: usize,
    /// Days marked done or skipped, on rituals new or already here.
    pub outcomes_added: usize,
    pub checkins_added: usize,
    pub commitments_added: usize,
    pub check_offs_added: usize,
    pub drafts_added: usize,
    pub settings_added: usize,
    pub reminders_added: usize,
}

/// Runs one statement; a row the schema refuses is the file's fault, and
/// the whole import is rolled back with a clear sentence.
pub(crate) fn run(conn: &Connection, sql: &str, p: impl Params, what: &str) -> Result<usize> {
    conn.prepare_cached(sql)?.execute(p).map_err(|e| {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
            damaged(format!("{what} breaks a rule of the journal"))
        } else {
            e.into()
        }
    })
}

/// Keeps a row's id when it is free here; otherwise SQLite picks one.
pub(crate) fn id_if_free(conn: &Connection, table: &str, id: Option<i64>) -> Result<Option<i64>> {
    let Some(id) = id else { return Ok(None) };
    let taken: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |r| r.get(0),
    )?;
    Ok((!taken).then_some(id))
}

fn uid_to_id(conn: &Connection, table: &str, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            &format!("SELECT id FROM {table} WHERE uid = ?1"),
            [uid],
            |r| r.get(0),
        )
        .optional()?)
}

/// Writes the version-2 lists of `file`. `entry_ids` maps an entry's id in
/// the file to its id here (for drafts that name an entry); `set_up` is
/// whether the couple was set up by this import (only then do the file's
/// settings count).
pub(crate) fn write_everything(
    conn: &Connection,
    file: &ExportFile,
    entry_ids: &HashMap<i64, i64>,
    set_up: bool,
    tally: &mut Tally,
) -> Result<Added> {
    let mut added = Added::default();
    for r in &file.rituals {
        let what = format!("the ritual \u{201c}{}\u{201d}", r.title);
        let id = match uid_to_id(conn, "rituals", &r.uid)? {
            Some(id) => id,
            None => {
                let keep = id_if_free(conn, "rituals", r.id)?;
                run(
                    conn,
                    "INSERT INTO rituals (id, uid, title, intention, rrule, time_of_day, zone,
                        duration_minutes, start_date, end_date, for_partner, active,
                        reminder_lead_minutes, template_id, counted_from, created_by, created_at,
                        updated_at, archived_at, archived_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                        ?16, ?17, ?18, ?19, ?20)",
                    params![
                        keep,
                        r.uid,
                        r.title,
                        r.intention,
                        r.schedule,
                        r.time,
                        r.zone,
                        r.duration_minutes,
                        day(r.start_date),
                        r.end_date.map(day),
                        r.for_partner.map(|p| p.0),
                        r.active,
                        r.reminder_lead_minutes,
                        r.template_id,
                        day(r.counted_from),
                        r.created_by.0,
                        stamp(r.created_at),
                        stamp(r.updated_at),
                        r.archived_at.map(stamp),
                        r.archived_on.map(day),
                    ],
                    &what,
                )?;
                added.rituals_added += 1;
                conn.last_insert_rowid()
            }
        };
        for p in &r.pauses {
            run(
                conn,
                "INSERT INTO ritual_pauses (ritual_id, from_date, until_date) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![id, day(p.from), p.until.map(day)],
                &format!("a pause of {what}"),
            )?;
        }
        for o in &r.outcomes {
            let entry = match &o.entry_uid {
                Some(uid) => uid_to_id(conn, "entries", uid)?,
                None => None,
            };
            let n = run(
                conn,
                "INSERT INTO ritual_outcomes (ritual_id, date, status, by_partner, note, entry_id,
                    recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                params![
                    id,
                    day(o.date),
                    o.status,
                    o.by.0,
                    o.note,
                    entry,
                    stamp(o.recorded_at)
                ],
                &format!("a day of {what}"),
            )?;
            added.outcomes_added += n;
            if n == 0 && entry.is_some() {
                // The same day, whose note's entry only this file could see.
                conn.execute(
                    "UPDATE ritual_outcomes SET entry_id = ?3
                     WHERE ritual_id = ?1 AND date = ?2 AND entry_id IS NULL
                       AND status = ?4 AND by_partner = ?5 AND recorded_at = ?6",
                    params![
                        id,
                        day(o.date),
                        entry,
                        o.status,
                        o.by.0,
                        stamp(o.recorded_at)
                    ],
                )?;
            }
        }
        // Log steps have no uid: the same step twice in a moment is two
        // rows, so the file's n-th copy of a step comes in only when fewer
        // than n copies are here.
        let mut copies: HashMap<(NaiveDate, &str, i64, DateTime<Utc>), i64> = HashMap::new();
        for l in &r.log {
            let nth = copies
                .entry((l.date, l.action.as_str(), l.by.0, l.at))
                .or_insert(0);
            *nth += 1;
            let here: i64 = conn.query_row(
                "SELECT count(*) FROM ritual_outcome_log WHERE ritual_id = ?1
                    AND date = ?2 AND action = ?3 AND by_partner = ?4 AND at = ?5",
                params![id, day(l.date), l.action, l.by.0, stamp(l.at)],
                |row| row.get(0),
            )?;
            if here < *nth {
                let keep = id_if_free(conn, "ritual_outcome_log", l.id)?;
                run(
                    conn,
                    "INSERT INTO ritual_outcome_log (id, ritual_id, date, action, by_partner, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![keep, id, day(l.date), l.action, l.by.0, stamp(l.at)],
                    &format!("the history of {what}"),
                )?;
            }
        }
        tally.add(1);
    }
    for c in &file.checkins {
        added.checkins_added += run(
            conn,
            "INSERT INTO checkins (week, author, trust, safety, closeness, communication,
                went_well, was_hard, need_from_you, submitted_at, submitted_offset)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING",
            params![
                day(c.week),
                c.author.0,
                c.trust,
                c.safety,
                c.closeness,
                c.communication,
                c.went_well,
                c.was_hard,
                c.need_from_you,
                stamp(c.submitted_at),
                c.submitted_offset
            ],
            &format!("the check-in of the week of {}", c.week),
        )?;
        tally.add(1);
    }
    for c in &file.commitments {
        let what = format!("the commitment \u{201c}{}\u{201d}", c.title);
        let id = match uid_to_id(conn, "commitments", &c.uid)? {
            Some(id) => id,
            None => {
                let keep = id_if_free(conn, "commitments", c.id)?;
                run(
                    conn,
                    "INSERT INTO commitments (id, uid, title, details, owner, cadence, start_date,
                        zone, review_on, ended_on, created_by, created_at, updated_at, accepted)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                    params![
                        keep,
                        c.uid,
                        c.title,
                        c.details,
                        c.owner.map(|p| p.0),
                        c.cadence,
                        day(c.start_date),
                        c.zone,
                        c.review_on.map(day),
                        c.ended_on.map(day),
                        c.added_by.0,
                        stamp(c.created_at),
                        stamp(c.updated_at),
                        c.accepted,
                    ],
                    &what,
                )?;
                added.commitments_added += 1;
                conn.last_insert_rowid()
            }
        };
        for k in &c.checks {
            added.check_offs_added += run(
                conn,
                "INSERT INTO commitment_checks (commitment_id, date, by_partner, note, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
                params![id, day(k.date), k.by.0, k.note, stamp(k.recorded_at)],
                &format!("a check-off of {what}"),
            )?;
        }
        tally.add(1);
    }
    for d in &file.drafts {
        // A draft names its entry by id ("reply:12"), which may differ here.
        let key = match d.key.split_once(':') {
            Some((kind @ ("reply" | "edit"), n)) => {
                match n.parse().ok().and_then(|n: i64| entry_ids.get(&n)) {
                    Some(here) => format!("{kind}:{here}"),
                    None => continue,
                }
            }
            _ => d.key.clone(),
        };
        added.drafts_added += run(
            conn,
            "INSERT INTO drafts (author, key, content, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
            params![d.author.0, key, d.content, stamp(d.saved_at)],
            "a draft",
        )?;
    }
    if set_up {
        for s in &file.settings {
            added.settings_added += run(
                conn,
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![s.key, s.value],
                "a setting",
            )?;
        }
    }
    for m in &file.reminders {
        let ritual = match &m.ritual_uid {
            Some(uid) => uid_to_id(conn, "rituals", uid)?,
            None => None,
        };
        let n = run(
            conn,
            "INSERT INTO reminder_log (key, origin, kind, ritual_id, date, due_at, local_time,
                title, body, status, attempts, decided_at, answer, answered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT DO NOTHING",
            params![
                m.key,
                m.origin,
                m.kind,
                ritual,
                m.date.map(day),
                stamp(m.due_at),
                m.local_time,
                m.title,
                m.body,
                m.status,
                m.attempts,
                stamp(m.decided_at),
                m.answer,
                m.answered_at.map(stamp)
            ],
            "a reminder already shown",
        )?;
        added.reminders_added += n;
        if let (1, Some(s)) = (n, &m.snooze) {
            run(
                conn,
                "INSERT INTO reminder_snoozes (key, until, snoozed_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![m.key, stamp(s.until), stamp(s.snoozed_at)],
                "a snoozed reminder",
            )?;
        }
        tally.add(1);
    }
    Ok(added)
}
