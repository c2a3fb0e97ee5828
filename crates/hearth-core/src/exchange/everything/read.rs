//! Reading everything beside the journal for an export, as stored.

use std::collections::HashMap;

use rusqlite::{params, Connection, Row};

use super::{
    ExportCheckOff, ExportCheckin, ExportCommitment, ExportDraft, ExportOutcome, ExportOutcomeLog,
    ExportPause, ExportReminder, ExportRitual, ExportSetting, ExportSnooze, Tally, SETTING_KEYS,
};
use crate::couple::PartnerId;
use crate::error::Result;
use crate::rituals::{optional_day, parse_day};
use crate::stamp::parse_column;

/// The lists of a version-2 file beyond the journal's.
pub(crate) struct Gathered {
    pub rituals: Vec<ExportRitual>,
    pub checkins: Vec<ExportCheckin>,
    pub commitments: Vec<ExportCommitment>,
    pub drafts: Vec<ExportDraft>,
    pub settings: Vec<ExportSetting>,
    pub reminders: Vec<ExportReminder>,
}

/// How many records [`gather`] reads, for the progress bar.
pub(crate) fn count(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM rituals) + (SELECT count(*) FROM checkins)
              + (SELECT count(*) FROM commitments) + (SELECT count(*) FROM reminder_log)",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

fn instant(r: &Row, i: usize) -> rusqlite::Result<chrono::DateTime<chrono::Utc>> {
    parse_column(&r.get::<_, String>(i)?, i)
}

fn optional_instant(r: &Row, i: usize) -> rusqlite::Result<Option<chrono::DateTime<chrono::Utc>>> {
    r.get::<_, Option<String>>(i)?
        .map(|raw| parse_column(&raw, i))
        .transpose()
}

fn partner(r: &Row, i: usize) -> rusqlite::Result<PartnerId> {
    Ok(PartnerId(r.get(i)?))
}

fn optional_partner(r: &Row, i: usize) -> rusqlite::Result<Option<PartnerId>> {
    Ok(r.get::<_, Option<i64>>(i)?.map(PartnerId))
}

/// Everything beside the journal that `viewer` may take away. `entries`
/// maps the id of each entry in the export to its uid (a ritual note's
/// entry travels only when the entry does); `with_drafts` is whether the
/// viewer's own drafts go (they travel with the viewer's private entries).
pub(crate) fn gather(
    conn: &Connection,
    viewer: PartnerId,
    with_drafts: bool,
    entries: &HashMap<i64, String>,
    tally: &mut Tally,
) -> Result<Gathered> {
    let rituals = rituals(conn, entries, tally)?;
    // The other partner's check-in only for a week both have shared.
    let checkins: Vec<ExportCheckin> = conn
        .prepare(
            "SELECT week, author, trust, safety, closeness, communication, went_well, was_hard,
                    need_from_you, submitted_at, submitted_offset
             FROM checkins c
             WHERE c.author = ?1
                OR EXISTS (SELECT 1 FROM checkins m WHERE m.week = c.week AND m.author = ?1)
             ORDER BY week, author",
        )?
        .query_map([viewer.0], |r| {
            Ok(ExportCheckin {
                week: parse_day(&r.get::<_, String>(0)?, 0)?,
                author: partner(r, 1)?,
                trust: r.get(2)?,
                safety: r.get(3)?,
                closeness: r.get(4)?,
                communication: r.get(5)?,
                went_well: r.get(6)?,
                was_hard: r.get(7)?,
                need_from_you: r.get(8)?,
                submitted_at: instant(r, 9)?,
                submitted_offset: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    tally.add(checkins.len() as u64);
    let commitments = commitments(conn, tally)?;
    let drafts = if with_drafts {
        conn.prepare(
            "SELECT author, key, content, saved_at FROM drafts WHERE author = ?1 ORDER BY key",
        )?
        .query_map([viewer.0], |r| {
            Ok(ExportDraft {
                author: partner(r, 0)?,
                key: r.get(1)?,
                content: r.get(2)?,
                saved_at: instant(r, 3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?
    } else {
        Vec::new()
    };
    let mut settings = Vec::new();
    for key in SETTING_KEYS {
        let value: Option<String> = conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .ok();
        if let Some(value) = value {
            settings.push(ExportSetting {
                key: (*key).to_string(),
                value,
            });
        }
    }
    let reminders = reminders(conn, tally)?;
    Ok(Gathered {
        rituals,
        checkins,
        commitments,
        drafts,
        settings,
        reminders,
    })
}

fn rituals(
    conn: &Connection,
    entries: &HashMap<i64, String>,
    tally: &mut Tally,
) -> Result<Vec<ExportRitual>> {
    let mut pauses = conn.prepare(
        "SELECT from_date, until_date FROM ritual_pauses WHERE ritual_id = ?1 ORDER BY from_date",
    )?;
    let mut outcomes = conn.prepare(
        "SELECT date, status, by_partner, note, entry_id, recorded_at FROM ritual_outcomes
         WHERE ritual_id = ?1 ORDER BY date",
    )?;
    let mut log = conn.prepare(
        "SELECT id, date, action, by_partner, at FROM ritual_outcome_log
         WHERE ritual_id = ?1 ORDER BY id",
    )?;
    let mut rows = conn.prepare(
        "SELECT id, uid, title, intention, rrule, time_of_day, zone, duration_minutes,
                start_date, end_date, for_partner, active, reminder_lead_minutes, template_id,
                counted_from, created_by, created_at, updated_at, archived_at, archived_on
         FROM rituals ORDER BY id",
    )?;
    let mut out: Vec<ExportRitual> = rows
        .query_map([], |r| {
            Ok(ExportRitual {
                id: Some(r.get(0)?),
                uid: r.get(1)?,
                title: r.get(2)?,
                intention: r.get(3)?,
                schedule: r.get(4)?,
                time: r.get(5)?,
                zone: r.get(6)?,
                duration_minutes: r.get(7)?,
                start_date: parse_day(&r.get::<_, String>(8)?, 8)?,
                end_date: optional_day(r.get(9)?, 9)?,
                for_partner: optional_partner(r, 10)?,
                active: r.get(11)?,
                reminder_lead_minutes: r.get(12)?,
                template_id: r.get(13)?,
                counted_from: parse_day(&r.get::<_, String>(14)?, 14)?,
                created_by: partner(r, 15)?,
                created_at: instant(r, 16)?,
                updated_at: instant(r, 17)?,
                archived_at: optional_instant(r, 18)?,
                archived_on: optional_day(r.get(19)?, 19)?,
                pauses: Vec::new(),
                outcomes: Vec::new(),
                log: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for ritual in &mut out {
        let id = ritual.id;
        ritual.pauses = pauses
            .query_map([id], |r| {
                Ok(ExportPause {
                    from: parse_day(&r.get::<_, String>(0)?, 0)?,
                    until: optional_day(r.get(1)?, 1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        ritual.outcomes = outcomes
            .query_map([id], |r| {
                Ok(ExportOutcome {
                    date: parse_day(&r.get::<_, String>(0)?, 0)?,
                    status: r.get(1)?,
                    by: partner(r, 2)?,
                    note: r.get(3)?,
                    entry_uid: r
                        .get::<_, Option<i64>>(4)?
                        .and_then(|id| entries.get(&id).cloned()),
                    recorded_at: instant(r, 5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        ritual.log = log
            .query_map([id], |r| {
                Ok(ExportOutcomeLog {
                    id: Some(r.get(0)?),
                    date: parse_day(&r.get::<_, String>(1)?, 1)?,
                    action: r.get(2)?,
                    by: partner(r, 3)?,
                    at: instant(r, 4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        tally.add(1);
    }
    Ok(out)
}

fn commitments(conn: &Connection, tally: &mut Tally) -> Result<Vec<ExportCommitment>> {
    let mut checks = conn.prepare(
        "SELECT date, by_partner, note, recorded_at FROM commitment_checks
         WHERE commitment_id = ?1 ORDER BY date, by_partner",
    )?;
    let mut out: Vec<(i64, ExportCommitment)> = conn
        .prepare(
            "SELECT id, uid, title, details, owner, cadence, start_date, zone, review_on,
                    ended_on, created_by, created_at, updated_at, accepted
             FROM commitments ORDER BY id",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                ExportCommitment {
                    id: Some(r.get(0)?),
                    uid: r.get(1)?,
                    title: r.get(2)?,
                    details: r.get(3)?,
                    owner: optional_partner(r, 4)?,
                    cadence: r.get(5)?,
                    start_date: parse_day(&r.get::<_, String>(6)?, 6)?,
                    zone: r.get(7)?,
                    review_on: optional_day(r.get(8)?, 8)?,
                    ended_on: optional_day(r.get(9)?, 9)?,
                    added_by: partner(r, 10)?,
                    created_at: instant(r, 11)?,
                    updated_at: instant(r, 12)?,
                    accepted: r.get(13)?,
                    checks: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, c) in &mut out {
        c.checks = checks
            .query_map(params![*id], |r| {
                Ok(ExportCheckOff {
                    date: parse_day(&r.get::<_, String>(0)?, 0)?,
                    by: partner(r, 1)?,
                    note: r.get(2)?,
                    recorded_at: instant(r, 3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        tally.add(1);
    }
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

fn reminders(conn: &Connection, tally: &mut Tally) -> Result<Vec<ExportReminder>> {
    let out: Vec<ExportReminder> = conn
        .prepare(
            "SELECT l.key, l.origin, l.kind, r.uid, l.date, l.due_at, l.local_time, l.title,
                    l.body, l.status, l.attempts, l.decided_at, s.until, s.snoozed_at,
                    l.answer, l.answered_at
             FROM reminder_log l
             LEFT JOIN rituals r ON r.id = l.ritual_id
             LEFT JOIN reminder_snoozes s ON s.key = l.key
             ORDER BY l.key",
        )?
        .query_map([], |r| {
            Ok(ExportReminder {
                key: r.get(0)?,
                origin: r.get(1)?,
                kind: r.get(2)?,
                ritual_uid: r.get(3)?,
                date: optional_day(r.get(4)?, 4)?,
                due_at: instant(r, 5)?,
                local_time: r.get(6)?,
                title: r.get(7)?,
                body: r.get(8)?,
                status: r.get(9)?,
                attempts: r.get(10)?,
                decided_at: instant(r, 11)?,
                answer: r.get(14)?,
                answered_at: optional_instant(r, 15)?,
                snooze: match optional_instant(r, 12)? {
                    Some(until) => Some(ExportSnooze {
                        until,
                        snoozed_at: instant(r, 13)?,
                    }),
                    None => None,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    tally.add(out.len() as u64);
    Ok(out)
}
