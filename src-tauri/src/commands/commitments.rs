//! Commitments and agreements: add, change, accept a promise proposed in
//! the writer's name, list, check off a day, undo a check-off, end and
//! reopen. Each is one call into the core as the writer.

use chrono::NaiveDate;
use hearth_core::commitments::{
    Commitment, CommitmentInput, CHECK_NOTE_MAX_CHARS, DETAILS_MAX_CHARS, TITLE_MAX_CHARS,
};
use hearth_core::Error;
use serde::Serialize;
use tauri::State;

use super::Shared;

/// The limits the commitment form uses, from the core.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentWords {
    title_max: usize,
    details_max: usize,
    note_max: usize,
}

#[tauri::command]
pub async fn commitment_words() -> Result<CommitmentWords, Error> {
    Ok(CommitmentWords {
        title_max: TITLE_MAX_CHARS,
        details_max: DETAILS_MAX_CHARS,
        note_max: CHECK_NOTE_MAX_CHARS,
    })
}

#[tauri::command]
pub async fn create_commitment(
    shared: State<'_, Shared>,
    input: CommitmentInput,
) -> Result<Commitment, Error> {
    shared.lock().commitments().create(&input)
}

#[tauri::command]
pub async fn update_commitment(
    shared: State<'_, Shared>,
    id: i64,
    input: CommitmentInput,
) -> Result<Commitment, Error> {
    shared.lock().commitments().update(id, &input)
}

/// The open commitments; with `includeEnded`, the ended ones after them.
#[tauri::command]
pub async fn list_commitments(
    shared: State<'_, Shared>,
    include_ended: Option<bool>,
) -> Result<Vec<Commitment>, Error> {
    shared
        .lock()
        .commitments()
        .list(include_ended.unwrap_or(false))
}

/// Checks the commitment off for the local `date` (today or earlier).
#[tauri::command]
pub async fn check_off_commitment(
    shared: State<'_, Shared>,
    id: i64,
    date: NaiveDate,
    note: Option<String>,
) -> Result<Commitment, Error> {
    shared
        .lock()
        .commitments()
        .check_off(id, date, note.as_deref())
}

/// Takes back the writer's own check-off of `date`.
#[tauri::command]
pub async fn undo_check_off(
    shared: State<'_, Shared>,
    id: i64,
    date: NaiveDate,
) -> Result<Commitment, Error> {
    shared.lock().commitments().undo_check_off(id, date)
}

/// Ends (`ended: true`) or reopens a commitment; its record is kept.
#[tauri::command]
pub async fn set_commitment_ended(
    shared: State<'_, Shared>,
    id: i64,
    ended: bool,
) -> Result<Commitment, Error> {
    shared.lock().commitments().set_ended(id, ended)
}

/// The writer accepts a promise the other proposed in their name; from then
/// on it counts and its review date is reminded about.
#[tauri::command]
pub async fn accept_commitment(shared: State<'_, Shared>, id: i64) -> Result<Commitment, Error> {
    shared.lock().commitments().accept(id)
}
