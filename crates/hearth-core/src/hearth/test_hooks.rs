//! Reads the integration tests need and the app doesn't, each as one call
//! through the door (`Store` itself stays inside the core). Not for the app.

use chrono::{DateTime, NaiveDate, Utc};

use super::Hearth;
use crate::appreciations::Appreciation;
use crate::error::Result;
use crate::journal::{Draft, Entry, Reply, Visibility};
use crate::prompts::Prompt;
use crate::reminders::log::LoggedReminder;
use crate::rituals::{DueReminder, OccurrenceView};

#[doc(hidden)]
impl Hearth {
    /// One day of a ritual, done, skipped or still to come.
    pub fn occurrence_for_tests(
        &mut self,
        ritual_id: i64,
        date: NaiveDate,
    ) -> Result<OccurrenceView> {
        self.as_writer(|s, _, c| s.ritual_occurrence(ritual_id, date, c))
    }

    /// What the reminder plan decided, newest first.
    pub fn reminder_log_for_tests(&mut self, limit: u32) -> Result<Vec<LoggedReminder>> {
        self.store()?.reminder_log(limit)
    }

    /// The reminders due between `from` and `to`.
    pub fn upcoming_reminders_for_tests(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DueReminder>> {
        self.store()?.upcoming_reminders(from, to)
    }

    /// Whether the record of changes (the Loro document) is in memory now.
    pub fn sync_record_loaded_for_tests(&self) -> bool {
        self.sync.is_some()
    }

    /// How many entries the writer can see.
    pub fn entry_count_for_tests(&mut self) -> Result<i64> {
        self.as_writer(|s, me, _| s.entry_count(me))
    }

    /// Caps the file at `pages` pages, so tests can fill the "disk";
    /// returns the cap in force.
    pub fn limit_pages_for_tests(&mut self, pages: u32) -> Result<i64> {
        self.store()?.limit_pages_for_tests(pages)
    }

    /// Copies a done day's note into an entry by the writer.
    pub fn note_to_journal_for_tests(
        &mut self,
        ritual_id: i64,
        date: NaiveDate,
        visibility: Visibility,
        offset_minutes: i32,
    ) -> Result<Entry> {
        self.as_writer(|s, me, c| {
            s.note_to_journal(me, ritual_id, date, visibility, offset_minutes, c)
        })
    }

    /// One prompt of the library (shipped or added) by its id.
    pub fn prompt_for_tests(&mut self, id: &str) -> Result<Prompt> {
        self.as_writer(|s, _, _| s.prompt(id))
    }

    /// Every draft of the writer's.
    pub fn drafts_for_tests(&mut self) -> Result<Vec<Draft>> {
        self.as_writer(|s, me, _| s.drafts(me))
    }

    /// The newest `limit` thank-yous, read or not.
    pub fn appreciations_for_tests(&mut self, limit: u32) -> Result<Vec<Appreciation>> {
        self.as_writer(|s, me, _| s.appreciations(me, limit))
    }

    /// The replies to an entry the writer may see.
    pub fn replies_for_tests(&mut self, entry_id: i64) -> Result<Vec<Reply>> {
        self.as_writer(|s, me, _| s.replies(me, entry_id))
    }

    /// How the connection is set up, as SQLite reports it.
    pub fn diagnostics_for_tests(&mut self) -> Result<crate::store::Diagnostics> {
        self.store()?.diagnostics()
    }

    /// Sets up a couple (Sam writing) in an empty journal and fills it to
    /// `sizes` (see [`crate::generate`]), then checkpoints the file.
    pub fn populate_for_tests(
        &mut self,
        sizes: &crate::generate::Sizes,
        now: DateTime<Utc>,
    ) -> Result<crate::generate::Made> {
        let store = self.store()?;
        let made = crate::generate::populate(store, sizes, now)?;
        store.checkpoint()?;
        Ok(made)
    }
}
