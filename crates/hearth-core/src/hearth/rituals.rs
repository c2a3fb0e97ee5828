//! Rituals through the door. Every write goes through
//! [`Hearth::as_writer_waking`], so a ritual added, changed, paused,
//! deleted, done or skipped wakes the reminder plan without the caller
//! saying so.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Hearth, SaveTo};
use crate::error::Result;
use crate::journal::Visibility;
use crate::rituals::{
    self, AgendaDay, ConsistencyReport, OccurrenceView, Ritual, RitualConsistency, RitualInput,
    RitualPreview,
};

/// Rituals, their outcomes, Today, the agenda, consistency and the calendar.
pub struct RitualsHandle<'a>(pub(super) &'a mut Hearth);

impl RitualsHandle<'_> {
    /// Every ritual; with `include_archived`, the deleted ones too.
    pub fn list(&mut self, include_archived: bool) -> Result<Vec<Ritual>> {
        self.0
            .as_writer(|s, _, c| s.rituals_now(include_archived, c))
    }

    pub fn get(&mut self, id: i64) -> Result<Ritual> {
        self.0.as_writer(|s, _, c| s.ritual_now(id, c))
    }

    /// What the form shows before saving; stores nothing.
    pub fn preview(&mut self, input: &RitualInput) -> Result<RitualPreview> {
        self.0.as_writer(|_, _, c| rituals::preview(input, c))
    }

    pub fn create_from_template(
        &mut self,
        template_id: &str,
        zone: &str,
        today: NaiveDate,
    ) -> Result<Ritual> {
        self.0
            .as_writer_waking(|s, me, c| s.create_from_template(me, template_id, zone, today, c))
    }

    pub fn create(&mut self, input: &RitualInput) -> Result<Ritual> {
        self.0
            .as_writer_waking(|s, me, c| s.create_ritual(me, input, c))
    }

    pub fn update(&mut self, id: i64, input: &RitualInput) -> Result<Ritual> {
        self.0
            .as_writer_waking(|s, me, c| s.update_ritual(me, id, input, c))
    }

    /// Pauses (`false`) or resumes (`true`) from today.
    pub fn set_active(&mut self, id: i64, active: bool) -> Result<Ritual> {
        self.0
            .as_writer_waking(|s, me, c| s.set_ritual_active(me, id, active, c))
    }

    pub fn archive(&mut self, id: i64) -> Result<Ritual> {
        self.0
            .as_writer_waking(|s, me, c| s.archive_ritual(me, id, c))
    }

    pub fn restore(&mut self, id: i64) -> Result<Ritual> {
        self.0
            .as_writer_waking(|s, me, c| s.restore_ritual(me, id, c))
    }

    /// "We did it"; with `to_journal` and a note, the note also becomes an
    /// entry by the writer.
    pub fn mark_done(
        &mut self,
        ritual_id: i64,
        date: NaiveDate,
        note: Option<&str>,
        to_journal: Option<Visibility>,
        offset_minutes: i32,
    ) -> Result<OccurrenceView> {
        self.0.as_writer_waking(|s, me, c| {
            s.mark_ritual_done_to_journal(me, ritual_id, date, note, to_journal, offset_minutes, c)
        })
    }

    pub fn skip(
        &mut self,
        ritual_id: i64,
        date: NaiveDate,
        reason: Option<&str>,
    ) -> Result<OccurrenceView> {
        self.0
            .as_writer_waking(|s, me, c| s.skip_ritual(me, ritual_id, date, reason, c))
    }

    pub fn undo_outcome(&mut self, ritual_id: i64, date: NaiveDate) -> Result<OccurrenceView> {
        self.0
            .as_writer_waking(|s, me, c| s.undo_ritual_outcome(me, ritual_id, date, c))
    }

    pub fn history(
        &mut self,
        ritual_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<OccurrenceView>> {
        self.0
            .as_writer(|s, _, c| s.ritual_history(ritual_id, from, to, c))
    }

    pub fn consistency(&mut self) -> Result<ConsistencyReport> {
        self.0.as_writer(|s, _, c| s.consistency(c))
    }

    pub fn one_consistency(&mut self, ritual_id: i64) -> Result<RitualConsistency> {
        self.0
            .as_writer(|s, _, c| s.ritual_consistency(ritual_id, c))
    }

    pub fn today(&mut self, date: NaiveDate, zone: &str) -> Result<AgendaDay> {
        self.0.as_writer(|s, _, c| s.today(date, zone, c))
    }

    pub fn agenda(&mut self, from: NaiveDate, days: u32, zone: &str) -> Result<Vec<AgendaDay>> {
        self.0.as_writer(|s, _, c| s.agenda(from, days, zone, c))
    }

    /// Saves the active rituals (or those in `ids`) as
    /// `Hearth rituals <date>.ics` where `to` says; returns where.
    pub fn export_ics(
        &mut self,
        ids: Option<&[i64]>,
        date: NaiveDate,
        to: &SaveTo,
    ) -> Result<PathBuf> {
        let text = self.0.as_writer(|s, _, c| s.rituals_ics(ids, c))?;
        self.0.save(
            to,
            &format!("Hearth rituals {date}"),
            "ics",
            text.as_bytes(),
        )
    }
}
