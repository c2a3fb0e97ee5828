//! A check-in's written answers, sealed with their author's key until both
//! have shared the week (the same design as `journal::sealed`).

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::Checkin;
use crate::couple::PartnerId;
use crate::error::Result;
use crate::rituals::day;
use crate::store::Store;
use crate::vault::seal::{self, Place};
use crate::vault::SecretKey;

/// The three written answers.
#[derive(Serialize, Deserialize)]
pub(super) struct Answers {
    pub went_well: Option<String>,
    pub was_hard: Option<String>,
    pub need_from_you: Option<String>,
}

/// The answer columns as they are written: plain, or empty and sealed.
pub(super) struct Stored {
    pub went_well: Option<String>,
    pub was_hard: Option<String>,
    pub need: Option<String>,
    pub sealed: Option<Vec<u8>>,
}

fn place(week: &str, author: PartnerId) -> Place<'_> {
    Place {
        table: "checkins",
        row: week,
        author,
        field: "answers",
    }
}

impl Stored {
    pub(super) fn new(
        week: &str,
        author: PartnerId,
        answers: Answers,
        key: Option<&SecretKey>,
    ) -> Stored {
        match key {
            None => Stored {
                went_well: answers.went_well,
                was_hard: answers.was_hard,
                need: answers.need_from_you,
                sealed: None,
            },
            Some(key) => {
                let plain = zeroize::Zeroizing::new(
                    serde_json::to_vec(&answers).expect("answers serialize"),
                );
                Stored {
                    went_well: None,
                    was_hard: None,
                    need: None,
                    sealed: Some(seal::seal(key, place(week, author), &plain)),
                }
            }
        }
    }
}

fn open(key: &SecretKey, week: &str, author: PartnerId, sealed: &[u8]) -> Option<Answers> {
    let plain = seal::open(key, place(week, author), sealed)?;
    serde_json::from_slice(&plain).ok()
}

impl Store {
    /// Opens a sealed check-in for its author; anyone else sees it marked
    /// `sealed`, without the written answers.
    pub(super) fn open_checkin(&self, checkin: &mut Checkin) {
        let Some(bytes) = checkin.sealed_bytes.take() else {
            return;
        };
        let answers = self
            .key_to_open(checkin.author)
            .and_then(|key| open(key, &day(checkin.week), checkin.author, &bytes));
        match answers {
            Some(a) => {
                checkin.went_well = a.went_well;
                checkin.was_hard = a.was_hard;
                checkin.need_from_you = a.need_from_you;
            }
            None => checkin.sealed = true,
        }
    }
}

fn rewrite(conn: &Connection, week: &str, author: PartnerId, stored: &Stored) -> Result<()> {
    conn.prepare_cached(
        "UPDATE checkins SET went_well = ?3, was_hard = ?4, need_from_you = ?5, sealed = ?6
         WHERE week = ?1 AND author = ?2",
    )?
    .execute(params![
        week,
        author.0,
        stored.went_well,
        stored.was_hard,
        stored.need,
        stored.sealed
    ])?;
    Ok(())
}

type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Vec<u8>>,
);

fn rows(conn: &Connection, sql: &str, author: PartnerId) -> Result<Vec<Row>> {
    Ok(conn
        .prepare(sql)?
        .query_map([author.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Seals (`sealing`) every check-in of `author`'s the other hasn't matched
/// yet, or opens all their sealed ones (the passphrase removed).
pub(crate) fn reseal_all(
    conn: &Connection,
    author: PartnerId,
    key: &SecretKey,
    sealing: bool,
) -> Result<usize> {
    let sql = if sealing {
        "SELECT week, went_well, was_hard, need_from_you, sealed FROM checkins c
         WHERE author = ?1 AND sealed IS NULL
            AND NOT EXISTS (SELECT 1 FROM checkins o WHERE o.week = c.week AND o.author <> ?1)"
    } else {
        "SELECT week, went_well, was_hard, need_from_you, sealed FROM checkins
         WHERE author = ?1 AND sealed IS NOT NULL"
    };
    reseal(conn, author, key, sealing, sql)
}

/// The reveal: the unlocked author's sealed check-ins for weeks both have
/// shared are opened and kept plain, readable to both.
pub(crate) fn open_revealed(
    conn: &Connection,
    author: PartnerId,
    key: &SecretKey,
) -> Result<usize> {
    let sql = "SELECT week, went_well, was_hard, need_from_you, sealed FROM checkins c
         WHERE author = ?1 AND sealed IS NOT NULL
            AND EXISTS (SELECT 1 FROM checkins o WHERE o.week = c.week AND o.author <> ?1)";
    reseal(conn, author, key, false, sql)
}

fn reseal(
    conn: &Connection,
    author: PartnerId,
    key: &SecretKey,
    sealing: bool,
    sql: &str,
) -> Result<usize> {
    let found = rows(conn, sql, author)?;
    let mut changed = 0;
    for (week, went_well, was_hard, need_from_you, sealed) in &found {
        let answers = match sealed {
            Some(bytes) => match open(key, week, author, bytes) {
                Some(answers) => answers,
                // Sealed with another of the author's keys: it waits for
                // that key (`sync::keys`), as a sealed entry does.
                None => continue,
            },
            None => Answers {
                went_well: went_well.clone(),
                was_hard: was_hard.clone(),
                need_from_you: need_from_you.clone(),
            },
        };
        let stored = Stored::new(week, author, answers, sealing.then_some(key));
        rewrite(conn, week, author, &stored)?;
        changed += 1;
    }
    Ok(changed)
}
