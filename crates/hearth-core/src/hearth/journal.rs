//! The journal through the door: every call acts as the partner stored as
//! writing now, never one the caller names, so no caller can read as
//! someone else or write in their name.

use chrono::NaiveDate;

use super::Hearth;
use crate::appreciations::Appreciation;
use crate::error::Result;
use crate::journal::{
    Draft, Entry, EntryInput, Page, RepairInput, Reply, SearchHit, Thread, TimelineQuery,
};
use crate::prompts::{DailyPrompt, Prompt};
use crate::store::Reason;

/// Entries, replies, "I read this", the trash, search, drafts, prompts and
/// appreciations.
pub struct JournalHandle<'a>(pub(super) &'a mut Hearth);

impl JournalHandle<'_> {
    pub fn timeline(&mut self, query: &TimelineQuery) -> Result<Page> {
        self.0.as_writer(|s, me, _| s.timeline(me, query))
    }

    pub fn entry(&mut self, id: i64) -> Result<Entry> {
        self.0.as_writer(|s, me, _| s.entry(me, id))
    }

    pub fn thread(&mut self, id: i64) -> Result<Thread> {
        self.0.as_writer(|s, me, _| s.thread(me, id))
    }

    pub fn create_entry(&mut self, input: &EntryInput, offset_minutes: i32) -> Result<Entry> {
        self.0
            .as_writer(|s, me, c| s.create_entry(me, input, offset_minutes, c))
    }

    pub fn edit_entry(
        &mut self,
        id: i64,
        input: &EntryInput,
        offset_minutes: i32,
    ) -> Result<Entry> {
        self.0
            .as_writer(|s, me, c| s.edit_entry(me, id, input, offset_minutes, c))
    }

    pub fn create_repair(&mut self, input: &RepairInput, offset_minutes: i32) -> Result<Entry> {
        self.0
            .as_writer(|s, me, c| s.create_repair(me, input, offset_minutes, c))
    }

    pub fn edit_repair(
        &mut self,
        id: i64,
        input: &RepairInput,
        offset_minutes: i32,
    ) -> Result<Entry> {
        self.0
            .as_writer(|s, me, c| s.edit_repair(me, id, input, offset_minutes, c))
    }

    pub fn reply(&mut self, entry_id: i64, body: &str, offset_minutes: i32) -> Result<Reply> {
        self.0
            .as_writer(|s, me, c| s.reply(me, entry_id, body, offset_minutes, c))
    }

    pub fn mark_read(&mut self, entry_id: i64, offset_minutes: i32) -> Result<Entry> {
        self.0
            .as_writer(|s, me, c| s.mark_read(me, entry_id, offset_minutes, c))
    }

    pub fn unread_count(&mut self) -> Result<i64> {
        self.0.as_writer(|s, me, _| s.unread_count(me))
    }

    pub fn delete_entry(&mut self, id: i64) -> Result<Entry> {
        self.0.as_writer(|s, me, c| s.delete_entry(me, id, c))
    }

    pub fn restore_entry(&mut self, id: i64) -> Result<Entry> {
        self.0.as_writer(|s, me, _| s.restore_entry(me, id))
    }

    pub fn trash(&mut self) -> Result<Vec<Entry>> {
        self.0.as_writer(|s, me, _| s.trash(me))
    }

    /// Empties the writer's trash, after a verified snapshot (when there is
    /// anything to remove). Returns how many entries were removed.
    pub fn empty_trash(&mut self) -> Result<usize> {
        self.0.as_writer(|store, me, clock| {
            if store.trash(me)?.is_empty() {
                return Ok(0);
            }
            store.snapshot(Reason::BeforeEmptyTrash, clock.now())?;
            store.empty_trash(me)
        })
    }

    pub fn search(&mut self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        self.0.search_with_private(query, limit)
    }

    pub fn save_draft(&mut self, key: &str, content: &serde_json::Value) -> Result<Draft> {
        self.0
            .as_writer(|s, me, c| s.save_draft(me, key, content, c))
    }

    pub fn draft(&mut self, key: &str) -> Result<Option<Draft>> {
        self.0.as_writer(|s, me, _| s.draft(me, key))
    }

    pub fn clear_draft(&mut self, key: &str) -> Result<()> {
        self.0.as_writer(|s, me, _| s.clear_draft(me, key))
    }

    pub fn prompts(&mut self) -> Result<Vec<Prompt>> {
        self.0.as_writer(|s, _, _| s.prompts())
    }

    pub fn add_prompt(&mut self, category: &str, text: &str) -> Result<Prompt> {
        self.0
            .as_writer(|s, me, c| s.add_prompt(me, category, text, c))
    }

    pub fn prompt_of_the_day(&mut self, date: NaiveDate) -> Result<DailyPrompt> {
        self.0
            .as_writer(|s, me, c| s.prompt_of_the_day(me, date, c))
    }

    pub fn skip_prompt(&mut self, date: NaiveDate) -> Result<DailyPrompt> {
        self.0.as_writer(|s, me, c| s.skip_prompt(me, date, c))
    }

    pub fn answer_prompt(
        &mut self,
        date: NaiveDate,
        input: &EntryInput,
        offset_minutes: i32,
    ) -> Result<DailyPrompt> {
        self.0
            .as_writer(|s, me, c| s.answer_prompt(me, date, input, offset_minutes, c))
    }

    pub fn appreciate(&mut self, text: &str, offset_minutes: i32) -> Result<Appreciation> {
        self.0
            .as_writer(|s, me, c| s.appreciate(me, text, offset_minutes, c))
    }

    pub fn unread_appreciations(&mut self) -> Result<Vec<Appreciation>> {
        self.0.as_writer(|s, me, _| s.unread_appreciations(me))
    }

    pub fn mark_appreciation_read(&mut self, id: i64) -> Result<Appreciation> {
        self.0
            .as_writer(|s, me, c| s.mark_appreciation_read(me, id, c))
    }
}
