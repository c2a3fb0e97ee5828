//! Rituals: ideas, adding and changing, pause, delete and restore, "we did
//! it" / "skip this time" and undo, history, consistency, Today, the agenda
//! and the calendar export. Each command is one call through
//! [`hearth_core::Hearth::rituals`], which acts as the stored writer and
//! wakes the reminder plan after any change.
//!
//! Dates and zones come from the page: `date` is the local date the person
//! means (today, or the day of an occurrence in the ritual's zone), `zone`
//! the system's IANA zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
//! The core checks both.

use chrono::NaiveDate;
use hearth_core::journal::Visibility;
use hearth_core::rituals::{
    templates, AgendaDay, ConsistencyReport, OccurrenceView, Ritual, RitualConsistency,
    RitualInput, RitualPreview, RitualTemplate, AGENDA_DAYS, DURATION_MAX_MINUTES,
    INTENTION_MAX_CHARS, LEAD_MAX_MINUTES, MILESTONES, NOTE_MAX_CHARS, TITLE_MAX_CHARS,
};
use hearth_core::Error;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use super::save::{self, Offer};
use super::Shared;

/// A ritual idea with the words that say when it happens.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    #[serde(flatten)]
    template: RitualTemplate,
    description: String,
}

/// The ideas, and the limits the ritual form uses, from the core.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RitualWords {
    templates: Vec<TemplateView>,
    title_max: usize,
    intention_max: usize,
    note_max: usize,
    duration_max: i64,
    lead_max: i64,
    milestones: [u32; 3],
    agenda_days: u32,
}

#[tauri::command]
pub async fn ritual_words() -> Result<RitualWords, Error> {
    Ok(RitualWords {
        templates: templates()
            .iter()
            .map(|t| TemplateView {
                template: *t,
                description: t.describe(),
            })
            .collect(),
        title_max: TITLE_MAX_CHARS,
        intention_max: INTENTION_MAX_CHARS,
        note_max: NOTE_MAX_CHARS,
        duration_max: DURATION_MAX_MINUTES,
        lead_max: LEAD_MAX_MINUTES,
        milestones: MILESTONES,
        agenda_days: AGENDA_DAYS,
    })
}

/// Every ritual; with `includeArchived`, the deleted ones too.
#[tauri::command]
pub async fn list_rituals(
    shared: State<'_, Shared>,
    include_archived: Option<bool>,
) -> Result<Vec<Ritual>, Error> {
    shared
        .lock()
        .rituals()
        .list(include_archived.unwrap_or(false))
}

#[tauri::command]
pub async fn get_ritual(shared: State<'_, Shared>, id: i64) -> Result<Ritual, Error> {
    shared.lock().rituals().get(id)
}

/// What the ritual form shows before saving: the rule as it would be kept,
/// its words, the zone's current name and the first time it would happen.
#[tauri::command]
pub async fn preview_ritual(
    shared: State<'_, Shared>,
    input: RitualInput,
) -> Result<RitualPreview, Error> {
    shared.lock().rituals().preview(&input)
}

/// Adds the idea `templateId`, starting `today` in `zone`.
#[tauri::command]
pub async fn create_ritual_from_template(
    shared: State<'_, Shared>,
    template_id: String,
    zone: String,
    today: NaiveDate,
) -> Result<Ritual, Error> {
    shared
        .lock()
        .rituals()
        .create_from_template(&template_id, &zone, today)
}

#[tauri::command]
pub async fn create_ritual(shared: State<'_, Shared>, input: RitualInput) -> Result<Ritual, Error> {
    shared.lock().rituals().create(&input)
}

#[tauri::command]
pub async fn update_ritual(
    shared: State<'_, Shared>,
    id: i64,
    input: RitualInput,
) -> Result<Ritual, Error> {
    shared.lock().rituals().update(id, &input)
}

/// Pauses (`active: false`) or resumes (`active: true`) from today.
#[tauri::command]
pub async fn set_ritual_active(
    shared: State<'_, Shared>,
    id: i64,
    active: bool,
) -> Result<Ritual, Error> {
    shared.lock().rituals().set_active(id, active)
}

/// Deletes a ritual by archiving it; `restore_ritual` undoes it.
#[tauri::command]
pub async fn archive_ritual(shared: State<'_, Shared>, id: i64) -> Result<Ritual, Error> {
    shared.lock().rituals().archive(id)
}

#[tauri::command]
pub async fn restore_ritual(shared: State<'_, Shared>, id: i64) -> Result<Ritual, Error> {
    shared.lock().rituals().restore(id)
}

/// "We did it". With `toJournal` ("shared" or "private") and a note, the
/// note also becomes a journal entry by the writer, linked to the day; the
/// answer then carries the entry's id.
#[tauri::command]
pub async fn mark_ritual_done(
    shared: State<'_, Shared>,
    ritual_id: i64,
    date: NaiveDate,
    note: Option<String>,
    to_journal: Option<Visibility>,
    offset_minutes: i32,
) -> Result<OccurrenceView, Error> {
    shared
        .lock()
        .rituals()
        .mark_done(ritual_id, date, note.as_deref(), to_journal, offset_minutes)
}

/// "Skip this time", with an optional reason.
#[tauri::command]
pub async fn skip_ritual(
    shared: State<'_, Shared>,
    ritual_id: i64,
    date: NaiveDate,
    reason: Option<String>,
) -> Result<OccurrenceView, Error> {
    shared
        .lock()
        .rituals()
        .skip(ritual_id, date, reason.as_deref())
}

#[tauri::command]
pub async fn undo_ritual_outcome(
    shared: State<'_, Shared>,
    ritual_id: i64,
    date: NaiveDate,
) -> Result<OccurrenceView, Error> {
    shared.lock().rituals().undo_outcome(ritual_id, date)
}

/// Every occurrence of a ritual dated `from..=to` (at most 400 days).
#[tauri::command]
pub async fn ritual_history(
    shared: State<'_, Shared>,
    ritual_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OccurrenceView>, Error> {
    shared.lock().rituals().history(ritual_id, from, to)
}

/// Consistency overall and per ritual, as of now.
#[tauri::command]
pub async fn ritual_consistency(shared: State<'_, Shared>) -> Result<ConsistencyReport, Error> {
    shared.lock().rituals().consistency()
}

/// Consistency of one ritual (a deleted one too, for its page).
#[tauri::command]
pub async fn one_ritual_consistency(
    shared: State<'_, Shared>,
    ritual_id: i64,
) -> Result<RitualConsistency, Error> {
    shared.lock().rituals().one_consistency(ritual_id)
}

/// The rituals of the viewer's local `date`, with their states.
#[tauri::command]
pub async fn rituals_today(
    shared: State<'_, Shared>,
    date: NaiveDate,
    zone: String,
) -> Result<AgendaDay, Error> {
    shared.lock().rituals().today(date, &zone)
}

/// `days` local days from `from` (the agenda's 7 when not given).
#[tauri::command]
pub async fn ritual_agenda(
    shared: State<'_, Shared>,
    from: NaiveDate,
    zone: String,
    days: Option<u32>,
) -> Result<Vec<AgendaDay>, Error> {
    shared
        .lock()
        .rituals()
        .agenda(from, days.unwrap_or(AGENDA_DAYS), &zone)
}

/// Writes the active rituals (or those in `ids`) as an `.ics` file where
/// the person chooses (see `save`) and returns its path, or `null` when the
/// dialog was closed. `date` names the file.
#[tauri::command]
pub async fn export_rituals_ics<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    ids: Option<Vec<i64>>,
    date: NaiveDate,
) -> Result<Option<String>, Error> {
    let offer = Offer {
        title: "Save your rituals for your calendar",
        stem: &format!("Hearth rituals {date}"),
        ext: "ics",
        kind: "Calendar (iCalendar)",
    };
    let Some(to) = save::destination(&app, &offer).await? else {
        return Ok(None);
    };
    let path = shared
        .lock()
        .rituals()
        .export_ics(ids.as_deref(), date, &to)?;
    Ok(Some(path.display().to_string()))
}
