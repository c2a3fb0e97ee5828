//! What happened on the day of an occurrence: done, skipped, or (derived,
//! never stored) missed once the local day has passed with nothing recorded.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::occurrences::{
    occurrence_dates, outcomes, outcomes_between, view, OccurrenceView, OutcomeStatus,
};
use super::store::{scheduled_on, Gap};
use super::{day, long_date, today_in, Ritual, NOTE_MAX_CHARS};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::journal::{Entry, EntryInput, Visibility};
use crate::stamp;
use crate::store::Store;
use crate::text::long_text;

/// Longest span [`Store::ritual_history`] returns at once, in days.
pub const HISTORY_MAX_DAYS: i64 = 400;

fn optional_note(raw: Option<&str>, what: &str) -> Result<Option<String>> {
    match raw {
        Some(text) if !text.trim().is_empty() => Ok(Some(long_text(text, what, NOTE_MAX_CHARS)?)),
        _ => Ok(None),
    }
}

impl Store {
    /// "We did it": records the occurrence of `date` as done, by `by`.
    pub fn mark_ritual_done(
        &mut self,
        by: PartnerId,
        ritual_id: i64,
        date: NaiveDate,
        note: Option<&str>,
        clock: &dyn Clock,
    ) -> Result<OccurrenceView> {
        let note = optional_note(note, "The note")?;
        self.record(by, ritual_id, date, OutcomeStatus::Done, note, clock)
    }

    /// "We did it" as the page asks it: with `to_journal` ("shared" or
    /// "private") and a note, the note also becomes a journal entry by `by`,
    /// linked to the day, and the answer then carries the entry's id. Without
    /// a note there is nothing to copy, and it is a plain "we did it".
    #[allow(clippy::too_many_arguments)]
    pub fn mark_ritual_done_to_journal(
        &mut self,
        by: PartnerId,
        ritual_id: i64,
        date: NaiveDate,
        note: Option<&str>,
        to_journal: Option<Visibility>,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<OccurrenceView> {
        let done = self.mark_ritual_done(by, ritual_id, date, note, clock)?;
        let has_note = done.outcome.as_ref().is_some_and(|o| o.note.is_some());
        match to_journal {
            Some(visibility) if has_note => {
                self.note_to_journal(by, ritual_id, date, visibility, offset_minutes, clock)?;
                self.ritual_occurrence(ritual_id, date, clock)
            }
            _ => Ok(done),
        }
    }

    /// "Skip this time", with an optional reason; may be recorded ahead.
    pub fn skip_ritual(
        &mut self,
        by: PartnerId,
        ritual_id: i64,
        date: NaiveDate,
        reason: Option<&str>,
        clock: &dyn Clock,
    ) -> Result<OccurrenceView> {
        let reason = optional_note(reason, "The reason")?;
        self.record(by, ritual_id, date, OutcomeStatus::Skipped, reason, clock)
    }

    /// Takes back what was recorded for the occurrence of `date`.
    pub fn undo_ritual_outcome(
        &mut self,
        by: PartnerId,
        ritual_id: i64,
        date: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<OccurrenceView> {
        self.ensure_partner(by)?;
        let ritual = self.live_ritual(ritual_id)?;
        let tx = self.conn_mut().transaction()?;
        let removed = tx.execute(
            "DELETE FROM ritual_outcomes WHERE ritual_id = ?1 AND date = ?2",
            params![ritual_id, day(date)],
        )?;
        if removed == 0 {
            return Err(Error::NotFound(format!(
                "Nothing is recorded for “{}” on {}, so there's nothing to undo.",
                ritual.title,
                long_date(date)
            )));
        }
        log(&tx, ritual_id, date, "undone", by, clock)?;
        tx.commit()?;
        self.ritual_occurrence(ritual_id, date, clock)
    }

    /// One occurrence with its state. The date must be one the ritual falls on.
    pub fn ritual_occurrence(
        &self,
        ritual_id: i64,
        date: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<OccurrenceView> {
        let ritual = self.ritual(ritual_id)?;
        let outcome = outcomes_between(self.conn(), Some(ritual_id), date, date)?
            .remove(&ritual_id)
            .and_then(|mut by_date| by_date.remove(&date));
        if outcome.is_none() {
            ensure_scheduled(&ritual, &self.ritual_gaps(ritual_id)?, date)?;
        }
        Ok(view(
            &ritual,
            date,
            today_in(ritual.tz, clock),
            outcome.as_ref(),
        ))
    }

    /// Every occurrence of a ritual dated `from..=to` (at most 400 days), in
    /// order, with recorded outcomes on days the schedule no longer has.
    pub fn ritual_history(
        &self,
        ritual_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<Vec<OccurrenceView>> {
        if to < from || (to - from).num_days() >= HISTORY_MAX_DAYS {
            return Err(Error::invalid(format!(
                "Please ask for a span of 1 to {HISTORY_MAX_DAYS} days, with the end on or after the start."
            )));
        }
        let ritual = self.ritual(ritual_id)?;
        let gaps = self.ritual_gaps(ritual_id)?;
        let recorded = outcomes(self.conn(), Some(ritual_id))?
            .remove(&ritual_id)
            .unwrap_or_default();
        let today = today_in(ritual.tz, clock);
        let items = occurrence_dates(&ritual, &gaps, &recorded, from, to)
            .into_iter()
            .map(|date| view(&ritual, date, today, recorded.get(&date)))
            .collect();
        Ok(items)
    }

    /// Copies the note of a done occurrence into a journal entry by its
    /// writer, and links the two. Asking again returns the same entry.
    pub fn note_to_journal(
        &mut self,
        by: PartnerId,
        ritual_id: i64,
        date: NaiveDate,
        visibility: Visibility,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Entry> {
        self.ensure_partner(by)?;
        let ritual = self.ritual(ritual_id)?;
        let occurrence = self.ritual_occurrence(ritual_id, date, clock)?;
        let outcome = occurrence
            .outcome
            .filter(|o| o.status == OutcomeStatus::Done)
            .ok_or_else(|| {
                Error::invalid("Only a note on a ritual you did can go to the journal.")
            })?;
        let Some(note) = outcome.note else {
            return Err(Error::invalid(
                "This one has no note yet. Add a note when you mark it done.",
            ));
        };
        if outcome.by != by {
            return Err(Error::NotAllowed(
                "This note was written by your partner, so only they can put it in the journal."
                    .into(),
            ));
        }
        if let Some(entry_id) = outcome.journal_entry_id {
            if let Ok(entry) = self.entry(by, entry_id) {
                return Ok(entry);
            }
        }
        let input = EntryInput {
            title: Some(format!("{}, {}", ritual.title, date.format("%-d %B %Y"))),
            body: note,
            tags: vec!["ritual".into()],
            visibility,
            ..Default::default()
        };
        let entry = self.create_entry(by, &input, offset_minutes, clock)?;
        self.conn().execute(
            "UPDATE ritual_outcomes SET entry_id = ?3 WHERE ritual_id = ?1 AND date = ?2",
            params![ritual_id, day(date), entry.id],
        )?;
        Ok(entry)
    }

    fn record(
        &mut self,
        by: PartnerId,
        ritual_id: i64,
        date: NaiveDate,
        status: OutcomeStatus,
        note: Option<String>,
        clock: &dyn Clock,
    ) -> Result<OccurrenceView> {
        self.ensure_partner(by)?;
        let ritual = self.live_ritual(ritual_id)?;
        ensure_scheduled(&ritual, &self.ritual_gaps(ritual_id)?, date)?;
        if status == OutcomeStatus::Done && date > today_in(ritual.tz, clock) {
            return Err(Error::invalid(format!(
                "“{}” on {} hasn't come yet. You can mark it done on the day or after.",
                ritual.title,
                long_date(date)
            )));
        }
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "INSERT INTO ritual_outcomes (ritual_id, date, status, by_partner, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (ritual_id, date) DO UPDATE SET status = excluded.status,
                by_partner = excluded.by_partner, note = excluded.note, entry_id = NULL,
                recorded_at = excluded.recorded_at",
            params![
                ritual_id,
                day(date),
                status.as_str(),
                by.0,
                note,
                stamp::now(clock)
            ],
        )?;
        log(&tx, ritual_id, date, status.as_str(), by, clock)?;
        tx.commit()?;
        self.ritual_occurrence(ritual_id, date, clock)
    }
}

fn ensure_scheduled(ritual: &Ritual, gaps: &[Gap], date: NaiveDate) -> Result<()> {
    if scheduled_on(ritual, gaps, date) {
        return Ok(());
    }
    let why = if gaps.iter().any(|g| g.covers(date)) {
        "it was paused then"
    } else if ritual.archived_on.is_some_and(|a| date >= a) {
        "it was deleted by then"
    } else {
        "it isn't planned for that day"
    };
    Err(Error::invalid(format!(
        "There's nothing to mark for “{}” on {}: {why}. Please pick one of its days.",
        ritual.title,
        long_date(date)
    )))
}

fn log(
    conn: &Connection,
    ritual_id: i64,
    date: NaiveDate,
    action: &str,
    by: PartnerId,
    clock: &dyn Clock,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO ritual_outcome_log (ritual_id, date, action, by_partner, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        ritual_id,
        day(date),
        action,
        by.0,
        stamp::now(clock)
    ])?;
    Ok(())
}
