//! Prompts, the prompt of the day with its two answers, and thank-yous.

use chrono::NaiveDate;
use hearth_core::appreciations::Appreciation;
use hearth_core::journal::EntryInput;
use hearth_core::prompts::{DailyPrompt, Prompt};
use hearth_core::Error;
use tauri::State;

use super::Shared;

#[tauri::command]
pub async fn list_prompts(shared: State<'_, Shared>) -> Result<Vec<Prompt>, Error> {
    shared.lock().as_writer(|store, _, _| store.prompts())
}

#[tauri::command]
pub async fn add_prompt(
    shared: State<'_, Shared>,
    category: String,
    text: String,
) -> Result<Prompt, Error> {
    shared
        .lock()
        .as_writer(|store, author, clock| store.add_prompt(author, &category, &text, clock))
}

/// The prompt of `date`, the viewer's local date.
#[tauri::command]
pub async fn prompt_of_the_day(
    shared: State<'_, Shared>,
    date: NaiveDate,
) -> Result<DailyPrompt, Error> {
    shared
        .lock()
        .as_writer(|store, viewer, clock| store.prompt_of_the_day(viewer, date, clock))
}

#[tauri::command]
pub async fn skip_prompt(shared: State<'_, Shared>, date: NaiveDate) -> Result<DailyPrompt, Error> {
    shared
        .lock()
        .as_writer(|store, viewer, clock| store.skip_prompt(viewer, date, clock))
}

#[tauri::command]
pub async fn answer_prompt(
    shared: State<'_, Shared>,
    date: NaiveDate,
    input: EntryInput,
    offset_minutes: i32,
) -> Result<DailyPrompt, Error> {
    shared.lock().as_writer(|store, author, clock| {
        store.answer_prompt(author, date, &input, offset_minutes, clock)
    })
}

#[tauri::command]
pub async fn appreciate(
    shared: State<'_, Shared>,
    text: String,
    offset_minutes: i32,
) -> Result<Appreciation, Error> {
    shared
        .lock()
        .as_writer(|store, from, clock| store.appreciate(from, &text, offset_minutes, clock))
}

#[tauri::command]
pub async fn unread_appreciations(shared: State<'_, Shared>) -> Result<Vec<Appreciation>, Error> {
    shared
        .lock()
        .as_writer(|store, viewer, _| store.unread_appreciations(viewer))
}

#[tauri::command]
pub async fn mark_appreciation_read(
    shared: State<'_, Shared>,
    id: i64,
) -> Result<Appreciation, Error> {
    shared
        .lock()
        .as_writer(|store, viewer, clock| store.mark_appreciation_read(viewer, id, clock))
}
