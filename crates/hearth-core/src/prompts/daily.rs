//! The prompt of the day, and the two answers to it.
//!
//! A local date gets one prompt, the same for both partners. It is chosen
//! from the date itself (so it doesn't depend on who opens Hearth first) and
//! saved in `daily_prompts` the first time it is shown, so it never changes
//! under someone who is writing. A prompt shown or skipped within the 30 days
//! before is not chosen again. "Another one" (skip) picks a different prompt
//! for that date under the same rule, as long as nobody has answered yet.
//!
//! In a couple's first two weeks ([`GENTLE_DAYS`], counted from when they
//! set Hearth up, or from their oldest entry if they brought one in) the
//! prompt comes only from the gentle categories ([`Category::is_gentle`]):
//! the first question of all should be an easy one to start with.
//!
//! Each partner answers once per date. An answer is hidden from the other
//! partner until they have answered too, everywhere (see `journal::VISIBLE`):
//! neither copies nor reacts to the other first. The other partner is only
//! told *that* an answer is waiting, never what it says.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{Category, Prompt, Store};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::journal::{check_input, entries::insert_entry, entries::NewEntry};
use crate::journal::{Entry, EntryInput, EntryKind, Visibility};
use crate::stamp::{self, check_offset};

/// A prompt is not chosen again within this many days of being shown.
pub const REPEAT_WINDOW_DAYS: i64 = 30;
/// For this many days after a couple starts, prompts come only from gentle
/// categories.
pub const GENTLE_DAYS: i64 = 14;

/// The prompt of one date as a viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyPrompt {
    pub date: NaiveDate,
    pub prompt: Prompt,
    /// The viewer's answer, if written (and not in the trash).
    pub my_answer: Option<Entry>,
    /// The other partner's answer, only once the viewer has answered too.
    pub partner_answer: Option<Entry>,
    /// Whether the other partner has answered (so the page can say
    /// "waiting for you"), without showing the answer itself.
    pub partner_has_answered: bool,
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A stable, well-mixed number from a date and an attempt (FNV-1a).
fn seed(date: NaiveDate, attempt: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{}#{attempt}", day(date)).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl Store {
    /// The prompt of `date` (the viewer's local date), chosen and saved the
    /// first time it is asked for, with the answers the viewer may see.
    pub fn prompt_of_the_day(
        &mut self,
        viewer: PartnerId,
        date: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<DailyPrompt> {
        // The choice, if the day has none yet, is written and read back in
        // one transaction, the way the first screen does it in its own.
        let tx = self.conn().unchecked_transaction()?;
        let prompt = self.prompt_of_the_day_within(viewer, date, clock)?;
        tx.commit()?;
        Ok(prompt)
    }

    /// [`Store::prompt_of_the_day`] for a caller that holds a transaction
    /// open (the first screen's): a day without a prompt gets its choice
    /// written in the caller's transaction.
    pub(crate) fn prompt_of_the_day_within(
        &self,
        viewer: PartnerId,
        date: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<DailyPrompt> {
        self.ensure_partner(viewer)?;
        if self.daily_prompt_id(date)?.is_none() {
            let gentle = self.in_gentle_days(clock)?;
            choose_for(self.conn(), gentle, date, clock)?;
        }
        self.daily_view(viewer, date)
    }

    /// Puts the prompt of `date` aside and picks another, while neither
    /// partner has answered it.
    pub fn skip_prompt(
        &mut self,
        viewer: PartnerId,
        date: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<DailyPrompt> {
        self.prompt_of_the_day(viewer, date, clock)?;
        let answered: i64 = self.conn().query_row(
            "SELECT count(*) FROM entries WHERE prompt_date = ?1",
            [day(date)],
            |r| r.get(0),
        )?;
        if answered > 0 {
            return Err(Error::invalid(
                "This prompt already has an answer, so it stays for this day.",
            ));
        }
        let gentle = self.in_gentle_days(clock)?;
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "INSERT INTO skipped_prompts (date, prompt_id)
             SELECT date, prompt_id FROM daily_prompts WHERE date = ?1
             ON CONFLICT DO NOTHING",
            [day(date)],
        )?;
        let all = prompt_ids(&tx, gentle)?;
        let chosen = choose(&tx, &all, date)?;
        tx.execute(
            "UPDATE daily_prompts SET prompt_id = ?2, chosen_at = ?3 WHERE date = ?1",
            params![day(date), chosen, stamp::now(clock)],
        )?;
        tx.commit()?;
        self.daily_view(viewer, date)
    }

    /// Saves the author's answer to the prompt of `date`: one per partner
    /// per date, always shared (and hidden until both have answered).
    pub fn answer_prompt(
        &mut self,
        author: PartnerId,
        date: NaiveDate,
        input: &EntryInput,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<DailyPrompt> {
        self.ensure_partner(author)?;
        let offset = check_offset(offset_minutes)?;
        let Some(prompt_id) = self.daily_prompt_id(date)? else {
            return Err(Error::NotFound(
                "There's no prompt for that day yet. Open the prompt of the day first.".into(),
            ));
        };
        if input.visibility == Visibility::Private {
            return Err(Error::invalid(
                "Answers to the prompt of the day are shared once you've both written. \
                 To keep something to yourself, write a private entry instead.",
            ));
        }
        let checked = check_input(input)?;
        let existing: Option<Option<String>> = self
            .conn()
            .query_row(
                "SELECT deleted_at FROM entries WHERE prompt_date = ?1 AND author = ?2",
                params![day(date), author.0],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            Some(Some(_)) => {
                return Err(Error::invalid(
                    "Your answer for this day is in your trash. Restore it to change it.",
                ))
            }
            Some(None) => {
                return Err(Error::invalid(
                    "You've already answered this prompt. You can edit your answer instead.",
                ))
            }
            None => {}
        }
        let alone = crate::journal::sealed::unrevealed(self.conn(), author, &day(date))?;
        let key = self.key_to_seal(author, alone)?;
        let now = stamp::now(clock);
        let tx = self.conn_mut().transaction()?;
        insert_entry(
            &tx,
            &NewEntry {
                uid: stamp::new_uid(),
                author,
                kind: EntryKind::Answer,
                checked: &checked,
                prompt_id: Some(&prompt_id),
                prompt_date: Some(date),
                repair: None,
                created_at: now.clone(),
                created_offset: offset,
                updated_at: now,
                updated_offset: offset,
                deleted_at: None,
                seal: key.as_ref(),
            },
        )?;
        tx.commit()?;
        self.daily_view(author, date)
    }

    /// Whether `clock` is still within the couple's first [`GENTLE_DAYS`]:
    /// counted from the setup, or from the oldest entry when that is older
    /// (a couple who brought years of their journal in is not new).
    fn in_gentle_days(&self, clock: &dyn Clock) -> Result<bool> {
        let (set_up, oldest): (Option<String>, Option<String>) = self.conn().query_row(
            "SELECT (SELECT min(created_at) FROM partners), (SELECT min(created_at) FROM entries)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let start = [set_up, oldest]
            .into_iter()
            .flatten()
            .filter_map(|raw| DateTime::parse_from_rfc3339(&raw).ok())
            .map(|at| at.with_timezone(&Utc))
            .min();
        Ok(match start {
            Some(start) => clock.now() < start + Duration::days(GENTLE_DAYS),
            None => true,
        })
    }

    fn daily_prompt_id(&self, date: NaiveDate) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT prompt_id FROM daily_prompts WHERE date = ?1",
                [day(date)],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn daily_view(&self, viewer: PartnerId, date: NaiveDate) -> Result<DailyPrompt> {
        let prompt_id = self
            .daily_prompt_id(date)?
            .ok_or_else(|| Error::NotFound("There's no prompt for that day yet.".into()))?;
        let answer = |author: PartnerId| -> Result<Option<(i64, bool)>> {
            Ok(self
                .conn()
                .query_row(
                    "SELECT id, deleted_at IS NULL FROM entries WHERE prompt_date = ?1 AND author = ?2",
                    params![day(date), author.0],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
        };
        let other = PartnerId(3 - viewer.0);
        let mine = match answer(viewer)? {
            Some((id, true)) => Some(self.entry(viewer, id)?),
            _ => None,
        };
        let theirs = answer(other)?.filter(|&(_, live)| live);
        let partner_answer = match theirs {
            Some((id, _)) if self.is_visible(viewer, id)? => Some(self.entry(viewer, id)?),
            _ => None,
        };
        Ok(DailyPrompt {
            date,
            prompt: self.prompt(&prompt_id)?,
            my_answer: mine,
            partner_answer,
            partner_has_answered: theirs.is_some(),
        })
    }
}

/// Every prompt the day may be chosen from: the library's and the couple's
/// own, only the gentle ones when `gentle`.
/// Chooses the prompt of `date` and saves it (the day has none yet).
fn choose_for(conn: &Connection, gentle: bool, date: NaiveDate, clock: &dyn Clock) -> Result<()> {
    let all = prompt_ids(conn, gentle)?;
    let chosen = choose(conn, &all, date)?;
    conn.execute(
        "INSERT INTO daily_prompts (date, prompt_id, chosen_at) VALUES (?1, ?2, ?3)",
        params![day(date), chosen, stamp::now(clock)],
    )?;
    Ok(())
}

fn prompt_ids(conn: &Connection, gentle: bool) -> Result<Vec<String>> {
    let allowed = |category: Category| !gentle || category.is_gentle();
    let mut ids: Vec<String> = super::library::LIBRARY
        .iter()
        .filter(|p| allowed(p.1))
        .map(|p| p.0.to_string())
        .collect();
    let mut stmt = conn.prepare_cached("SELECT id, category FROM custom_prompts ORDER BY id")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (id, category) = row?;
        // A category Hearth doesn't know is not offered in the gentle days.
        let offered = match Category::parse(&category) {
            Ok(category) => allowed(category),
            Err(_) => !gentle,
        };
        if offered {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Picks the prompt for `date`: not shown or skipped in the 30 days before,
/// nor already shown that day. If a long run of skips has used them all, the
/// 30-day rule gives way first, then the day's own list (never the current).
fn choose(conn: &Connection, all: &[String], date: NaiveDate) -> Result<String> {
    let list = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let from = day(date - Duration::days(REPEAT_WINDOW_DAYS));
        let rows = stmt.query_map([day(date), from], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let current = list("SELECT prompt_id FROM daily_prompts WHERE date = ?1 AND ?2 = ?2")?;
    let mut today = list("SELECT prompt_id FROM skipped_prompts WHERE date = ?1 AND ?2 = ?2")?;
    today.extend(current.iter().cloned());
    let recent = list(
        "SELECT prompt_id FROM daily_prompts WHERE date >= ?2 AND date < ?1
         UNION SELECT prompt_id FROM skipped_prompts WHERE date >= ?2 AND date < ?1",
    )?;
    let without = |out: &[&Vec<String>]| -> Vec<&String> {
        all.iter()
            .filter(|id| out.iter().all(|list| !list.contains(id)))
            .collect()
    };
    let candidates = [
        without(&[&recent, &today]),
        without(&[&today]),
        without(&[&current]),
    ]
    .into_iter()
    .find(|c| !c.is_empty())
    .ok_or_else(|| Error::NotFound("There are no other prompts to choose from.".into()))?;
    let index = seed(date, today.len() as u64) % candidates.len() as u64;
    Ok(candidates[index as usize].clone())
}
