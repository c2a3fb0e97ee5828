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
    shared.lock().journal().prompts()
}

#[tauri::command]
pub async fn add_prompt(
    shared: State<'_, Shared>,
    category: String,
    text: String,
) -> Result<Prompt, Error> {
    shared.lock().journal().add_prompt(&category, &text)
}

/// The prompt of `date`, the viewer's local date.
#[tauri::command]
pub async fn prompt_of_the_day(
    shared: State<'_, Shared>,
    date: NaiveDate,
) -> Result<DailyPrompt, Error> {
    shared.lock().journal().prompt_of_the_day(date)
}

#[tauri::command]
pub async fn skip_prompt(shared: State<'_, Shared>, date: NaiveDate) -> Result<DailyPrompt, Error> {
    shared.lock().journal().skip_prompt(date)
}

#[tauri::command]
pub async fn answer_prompt(
    shared: State<'_, Shared>,
    date: NaiveDate,
    input: EntryInput,
    offset_minutes: i32,
) -> Result<DailyPrompt, Error> {
    shared
        .lock()
        .journal()
        .answer_prompt(date, &input, offset_minutes)
}

#[tauri::command]
pub async fn appreciate(
    shared: State<'_, Shared>,
    text: String,
    offset_minutes: i32,
) -> Result<Appreciation, Error> {
    shared.lock().journal().appreciate(&text, offset_minutes)
}

#[tauri::command]
pub async fn unread_appreciations(shared: State<'_, Shared>) -> Result<Vec<Appreciation>, Error> {
    shared.lock().journal().unread_appreciations()
}

#[tauri::command]
pub async fn mark_appreciation_read(
    shared: State<'_, Shared>,
    id: i64,
) -> Result<Appreciation, Error> {
    shared.lock().journal().mark_appreciation_read(id)
}
