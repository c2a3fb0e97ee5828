//! The journal: entries, repairs, replies, "I read this", the trash, search
//! and drafts. Each command is one call through [`hearth_core::Hearth::journal`],
//! whose viewer is always the stored writer.

use chrono::NaiveDate;
use hearth_core::journal::{
    cursor_at_date, Draft, Entry, EntryInput, Feeling, Page, RepairInput, RepairPart, Reply,
    SearchHit, Thread, TimelineQuery, BODY_MAX_CHARS, REPAIR_PARTS, TAGS_MAX, TAG_MAX_CHARS,
    TITLE_MAX_CHARS,
};
use hearth_core::prompts::{Category, PROMPT_MAX_CHARS};
use hearth_core::{appreciations::APPRECIATION_MAX_CHARS, Error};
use serde::Serialize;
use tauri::State;

use super::Shared;

/// How many search results the page asks for when it doesn't say.
const SEARCH_DEFAULT: u32 = 50;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryWords {
    id: Category,
    label: &'static str,
}

/// The fixed words and limits the journal's forms use, from the core.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalWords {
    feelings: &'static [Feeling],
    repair_parts: [RepairPart; 4],
    categories: Vec<CategoryWords>,
    body_max: usize,
    title_max: usize,
    tags_max: usize,
    tag_max: usize,
    prompt_max: usize,
    appreciation_max: usize,
}

#[tauri::command]
pub async fn journal_words() -> Result<JournalWords, Error> {
    Ok(JournalWords {
        feelings: Feeling::ALL,
        repair_parts: REPAIR_PARTS,
        categories: Category::ALL
            .into_iter()
            .map(|id| CategoryWords {
                id,
                label: id.label(),
            })
            .collect(),
        body_max: BODY_MAX_CHARS,
        title_max: TITLE_MAX_CHARS,
        tags_max: TAGS_MAX,
        tag_max: TAG_MAX_CHARS,
        prompt_max: PROMPT_MAX_CHARS,
        appreciation_max: APPRECIATION_MAX_CHARS,
    })
}

/// A page of the timeline. With `jumpTo` (a local date) the page starts at
/// the end of that day, whatever cursor was given.
#[tauri::command]
pub async fn timeline(
    shared: State<'_, Shared>,
    mut query: TimelineQuery,
    jump_to: Option<NaiveDate>,
    offset_minutes: Option<i32>,
) -> Result<Page, Error> {
    if let Some(date) = jump_to {
        query.cursor = Some(cursor_at_date(date, offset_minutes.unwrap_or(0))?);
    }
    shared.lock().journal().timeline(&query)
}

#[tauri::command]
pub async fn get_entry(shared: State<'_, Shared>, id: i64) -> Result<Entry, Error> {
    shared.lock().journal().entry(id)
}

#[tauri::command]
pub async fn get_thread(shared: State<'_, Shared>, id: i64) -> Result<Thread, Error> {
    shared.lock().journal().thread(id)
}

#[tauri::command]
pub async fn create_entry(
    shared: State<'_, Shared>,
    input: EntryInput,
    offset_minutes: i32,
) -> Result<Entry, Error> {
    shared.lock().journal().create_entry(&input, offset_minutes)
}

#[tauri::command]
pub async fn edit_entry(
    shared: State<'_, Shared>,
    id: i64,
    input: EntryInput,
    offset_minutes: i32,
) -> Result<Entry, Error> {
    shared
        .lock()
        .journal()
        .edit_entry(id, &input, offset_minutes)
}

#[tauri::command]
pub async fn create_repair(
    shared: State<'_, Shared>,
    input: RepairInput,
    offset_minutes: i32,
) -> Result<Entry, Error> {
    shared
        .lock()
        .journal()
        .create_repair(&input, offset_minutes)
}

#[tauri::command]
pub async fn edit_repair(
    shared: State<'_, Shared>,
    id: i64,
    input: RepairInput,
    offset_minutes: i32,
) -> Result<Entry, Error> {
    shared
        .lock()
        .journal()
        .edit_repair(id, &input, offset_minutes)
}

#[tauri::command]
pub async fn reply(
    shared: State<'_, Shared>,
    entry_id: i64,
    body: String,
    offset_minutes: i32,
) -> Result<Reply, Error> {
    shared
        .lock()
        .journal()
        .reply(entry_id, &body, offset_minutes)
}

#[tauri::command]
pub async fn mark_read(
    shared: State<'_, Shared>,
    entry_id: i64,
    offset_minutes: i32,
) -> Result<Entry, Error> {
    shared.lock().journal().mark_read(entry_id, offset_minutes)
}

#[tauri::command]
pub async fn unread_count(shared: State<'_, Shared>) -> Result<i64, Error> {
    shared.lock().journal().unread_count()
}

#[tauri::command]
pub async fn delete_entry(shared: State<'_, Shared>, id: i64) -> Result<Entry, Error> {
    shared.lock().journal().delete_entry(id)
}

#[tauri::command]
pub async fn restore_entry(shared: State<'_, Shared>, id: i64) -> Result<Entry, Error> {
    shared.lock().journal().restore_entry(id)
}

#[tauri::command]
pub async fn list_trash(shared: State<'_, Shared>) -> Result<Vec<Entry>, Error> {
    shared.lock().journal().trash()
}

#[tauri::command]
pub async fn empty_trash(shared: State<'_, Shared>) -> Result<usize, Error> {
    // Through Hearth, not the store: a verified snapshot is taken first.
    shared.lock().journal().empty_trash()
}

#[tauri::command]
pub async fn search_journal(
    shared: State<'_, Shared>,
    query: String,
    limit: Option<u32>,
) -> Result<Vec<SearchHit>, Error> {
    shared
        .lock()
        .journal()
        .search(&query, limit.unwrap_or(SEARCH_DEFAULT))
}

#[tauri::command]
pub async fn save_draft(
    shared: State<'_, Shared>,
    key: String,
    content: serde_json::Value,
) -> Result<Draft, Error> {
    shared.lock().journal().save_draft(&key, &content)
}

#[tauri::command]
pub async fn get_draft(shared: State<'_, Shared>, key: String) -> Result<Option<Draft>, Error> {
    shared.lock().journal().draft(&key)
}

#[tauri::command]
pub async fn clear_draft(shared: State<'_, Shared>, key: String) -> Result<(), Error> {
    shared.lock().journal().clear_draft(&key)
}
