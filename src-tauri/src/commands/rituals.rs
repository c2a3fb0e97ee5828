//! Rituals: ideas, adding and changing, pause, delete and restore, "we did
//! it" / "skip this time" and undo, history, consistency, Today, the agenda
//! and the calendar export. Each command is one call into the core with the
//! stored writer (see [`hearth_core::Hearth::as_writer`]).
//!
//! Dates and zones come from the page: `date` is the local date the person
//! means (today, or the day of an occurrence in the ritual's zone), `zone`
//! the system's IANA zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
//! The core checks both.

use chrono::NaiveDate;
use hearth_core::journal::Visibility;
use hearth_core::rituals::{
    self, templates, AgendaDay, ConsistencyReport, OccurrenceView, Ritual, RitualConsistency,
    RitualInput, RitualPreview, RitualTemplate, AGENDA_DAYS, DURATION_MAX_MINUTES,
    INTENTION_MAX_CHARS, LEAD_MAX_MINUTES, MILESTONES, NOTE_MAX_CHARS, TITLE_MAX_CHARS,
};
use hearth_core::Error;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use super::save::{self, Offer};
use super::{replan, Shared};

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
        .as_writer(|store, _, clock| store.rituals_now(include_archived.unwrap_or(false), clock))
}

#[tauri::command]
pub async fn get_ritual(shared: State<'_, Shared>, id: i64) -> Result<Ritual, Error> {
    shared
        .lock()
        .as_writer(|store, _, clock| store.ritual_now(id, clock))
}

/// What the ritual form shows before saving: the rule as it would be kept,
/// its words, the zone's current name and the first time it would happen.
#[tauri::command]
pub async fn preview_ritual(
    shared: State<'_, Shared>,
    input: RitualInput,
) -> Result<RitualPreview, Error> {
    shared
        .lock()
        .as_writer(|_, _, clock| rituals::preview(&input, clock))
}

/// Adds the idea `templateId`, starting `today` in `zone`.
#[tauri::command]
pub async fn create_ritual_from_template<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    template_id: String,
    zone: String,
    today: NaiveDate,
) -> Result<Ritual, Error> {
    replan(&app, {
        shared.lock().as_writer(|store, by, clock| {
            store.create_from_template(by, &template_id, &zone, today, clock)
        })
    })
}

#[tauri::command]
pub async fn create_ritual<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    input: RitualInput,
) -> Result<Ritual, Error> {
    replan(&app, {
        shared
            .lock()
            .as_writer(|store, by, clock| store.create_ritual(by, &input, clock))
    })
}

#[tauri::command]
pub async fn update_ritual<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    id: i64,
    input: RitualInput,
) -> Result<Ritual, Error> {
    replan(&app, {
        shared
            .lock()
            .as_writer(|store, by, clock| store.update_ritual(by, id, &input, clock))
    })
}

/// Pauses (`active: false`) or resumes (`active: true`) from today.
#[tauri::command]
pub async fn set_ritual_active<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    id: i64,
    active: bool,
) -> Result<Ritual, Error> {
    replan(&app, {
        shared
            .lock()
            .as_writer(|store, by, clock| store.set_ritual_active(by, id, active, clock))
    })
}

/// Deletes a ritual by archiving it; `restore_ritual` undoes it.
#[tauri::command]
pub async fn archive_ritual<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    id: i64,
) -> Result<Ritual, Error> {
    replan(&app, {
        shared
            .lock()
            .as_writer(|store, by, clock| store.archive_ritual(by, id, clock))
    })
}

#[tauri::command]
pub async fn restore_ritual<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    id: i64,
) -> Result<Ritual, Error> {
    replan(&app, {
        shared
            .lock()
            .as_writer(|store, by, clock| store.restore_ritual(by, id, clock))
    })
}

/// "We did it". With `toJournal` ("shared" or "private") and a note, the
/// note also becomes a journal entry by the writer, linked to the day; the
/// answer then carries the entry's id.
#[tauri::command]
pub async fn mark_ritual_done<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    ritual_id: i64,
    date: NaiveDate,
    note: Option<String>,
    to_journal: Option<Visibility>,
    offset_minutes: i32,
) -> Result<OccurrenceView, Error> {
    replan(&app, {
        shared.lock().as_writer(|store, by, clock| {
            store.mark_ritual_done_to_journal(
                by,
                ritual_id,
                date,
                note.as_deref(),
                to_journal,
                offset_minutes,
                clock,
            )
        })
    })
}

/// "Skip this time", with an optional reason.
#[tauri::command]
pub async fn skip_ritual<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    ritual_id: i64,
    date: NaiveDate,
    reason: Option<String>,
) -> Result<OccurrenceView, Error> {
    replan(&app, {
        shared.lock().as_writer(|store, by, clock| {
            store.skip_ritual(by, ritual_id, date, reason.as_deref(), clock)
        })
    })
}

#[tauri::command]
pub async fn undo_ritual_outcome<R: Runtime>(
    shared: State<'_, Shared>,
    app: AppHandle<R>,
    ritual_id: i64,
    date: NaiveDate,
) -> Result<OccurrenceView, Error> {
    replan(&app, {
        shared
            .lock()
            .as_writer(|store, by, clock| store.undo_ritual_outcome(by, ritual_id, date, clock))
    })
}

/// Every occurrence of a ritual dated `from..=to` (at most 400 days).
#[tauri::command]
pub async fn ritual_history(
    shared: State<'_, Shared>,
    ritual_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OccurrenceView>, Error> {
    shared
        .lock()
        .as_writer(|store, _, clock| store.ritual_history(ritual_id, from, to, clock))
}

/// Consistency overall and per ritual, as of now.
#[tauri::command]
pub async fn ritual_consistency(shared: State<'_, Shared>) -> Result<ConsistencyReport, Error> {
    shared
        .lock()
        .as_writer(|store, _, clock| store.consistency(clock))
}

/// Consistency of one ritual (a deleted one too, for its page).
#[tauri::command]
pub async fn one_ritual_consistency(
    shared: State<'_, Shared>,
    ritual_id: i64,
) -> Result<RitualConsistency, Error> {
    shared
        .lock()
        .as_writer(|store, _, clock| store.ritual_consistency(ritual_id, clock))
}

/// The rituals of the viewer's local `date`, with their states.
#[tauri::command]
pub async fn rituals_today(
    shared: State<'_, Shared>,
    date: NaiveDate,
    zone: String,
) -> Result<AgendaDay, Error> {
    shared
        .lock()
        .as_writer(|store, _, clock| store.today(date, &zone, clock))
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
        .as_writer(|store, _, clock| store.agenda(from, days.unwrap_or(AGENDA_DAYS), &zone, clock))
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
    let data_dir = shared
        .lock()
        .database_path()
        .parent()
        .map(|p| p.to_path_buf());
    let stem = format!("Hearth rituals {date}");
    let offer = Offer {
        title: "Save your rituals for your calendar",
        stem: &stem,
        ext: "ics",
        kind: "Calendar (iCalendar)",
    };
    let Some(to) = save::destination(&app, data_dir.as_deref(), &offer).await? else {
        return Ok(None);
    };
    let text = shared
        .lock()
        .as_writer(|store, _, clock| store.rituals_ics(ids.as_deref(), clock))?;
    Ok(Some(
        save::save(&to, &stem, "ics", &text)?.display().to_string(),
    ))
}
