//! Export and import. An export is written by the core as a new file in the
//! user's Documents folder (the data folder when there is none), never over
//! an existing one (see [`hearth_core::Hearth::export_dir`]), and its path
//! is returned so the page can say where it went.
//! An import gets the text of a file the person chose in the page; a journal
//! from another app arrives as the file's bytes.

use chrono::NaiveDate;
use hearth_core::exchange::{ExportOptions, ImportReport, JournalImportReport, JournalOptions};
use hearth_core::journal::Visibility;
use hearth_core::Error;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use super::Shared;

/// Saves the JSON backup; `date` is the local date for the file name.
#[tauri::command]
pub async fn export_json(
    shared: State<'_, Shared>,
    options: ExportOptions,
    date: NaiveDate,
) -> Result<String, Error> {
    let path = shared.lock().exchange().export_json(&options, date)?;
    Ok(path.display().to_string())
}

/// Saves the Markdown memory book; `date` is the local date for the file name.
#[tauri::command]
pub async fn export_markdown(
    shared: State<'_, Shared>,
    options: ExportOptions,
    date: NaiveDate,
) -> Result<String, Error> {
    let path = shared.lock().exchange().export_markdown(&options, date)?;
    Ok(path.display().to_string())
}

/// Imports the text of a JSON export, all or nothing.
#[tauri::command]
pub async fn import_json(shared: State<'_, Shared>, text: String) -> Result<ImportReport, Error> {
    // Through Hearth, not the store: a verified snapshot is taken first.
    shared.lock().exchange().import_json(&text)
}

/// The header naming who may read the entries: `private` (the default) or `shared`.
pub const VISIBILITY_HEADER: &str = "hearth-visibility";
/// The header with the computer's IANA zone, for times written without one.
pub const ZONE_HEADER: &str = "hearth-zone";

fn unreadable_request() -> Error {
    Error::InvalidInput(
        "Hearth didn't receive the file the way it expected, so nothing was changed. \
         Please choose the file again."
            .into(),
    )
}

/// The choices sent beside the bytes.
fn journal_options(request: &Request<'_>) -> Result<JournalOptions, Error> {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .map(|v| v.to_str().map(str::trim).map_err(|_| unreadable_request()))
            .transpose()
    };
    let visibility = match header(VISIBILITY_HEADER)? {
        None | Some("private") => Visibility::Private,
        Some("shared") => Visibility::Shared,
        Some(_) => return Err(unreadable_request()),
    };
    let zone = header(ZONE_HEADER)?.map(str::to_string);
    Ok(JournalOptions { visibility, zone })
}

/// Brings in a journal from another app (Day One's zip, jrnl's JSON) as the
/// writer's entries, all or nothing, after a snapshot. The file's bytes are
/// the raw body of the call (as a JSON list of numbers a large file would be
/// several times its size and slow to read); the choices come in the
/// headers [`VISIBILITY_HEADER`] and [`ZONE_HEADER`]. The core checks the
/// size before anything else. A list of byte values is read too, for the
/// IPC's fallback that sends the body as JSON.
#[tauri::command]
pub async fn import_journal(
    shared: State<'_, Shared>,
    request: Request<'_>,
) -> Result<JournalImportReport, Error> {
    let options = journal_options(&request)?;
    let listed: Vec<u8>;
    let bytes: &[u8] = match request.body() {
        InvokeBody::Raw(bytes) => bytes,
        InvokeBody::Json(serde_json::Value::Array(items)) => {
            listed = items
                .iter()
                .map(|v| v.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<_>>()
                .ok_or_else(unreadable_request)?;
            &listed
        }
        InvokeBody::Json(_) => return Err(unreadable_request()),
    };
    shared.lock().exchange().import_journal(bytes, &options)
}
