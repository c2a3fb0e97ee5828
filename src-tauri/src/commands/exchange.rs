//! Export and import. An export is saved where the person chooses (see
//! [`save`]; what is done with the answer is the core's), and its path is
//! returned so the page can say where it went. An import gets the bytes of
//! a file the person chose in the page's own file field (the web view's
//! open dialog, which needs no permission).

use std::str::FromStr;

use chrono::NaiveDate;
use hearth_core::exchange::{
    ExportOptions, ImportReport, JournalImportReport, JournalOptions, Progress,
};
use hearth_core::journal::Visibility;
use hearth_core::Error;
use tauri::ipc::{Channel, InvokeBody, JavaScriptChannelId, Request};
use tauri::{AppHandle, Runtime, State, Webview};

use super::save::{self, Offer};
use super::Shared;

/// "Export everything": asks where to save (see [`save`]), then saves the
/// writer's complete export there, telling `progress` how far it has come.
/// Answers the file's path, or `null` when the person closed the dialog.
#[tauri::command]
pub async fn export_everything<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    options: ExportOptions,
    date: NaiveDate,
    progress: Channel<Progress>,
) -> Result<Option<String>, Error> {
    let offer = Offer {
        title: "Save everything from Hearth",
        stem: &format!("Hearth export {date}"),
        ext: "json",
        kind: "Hearth export",
    };
    let Some(to) = save::destination(&app, &offer).await? else {
        return Ok(None);
    };
    let path = shared
        .lock()
        .exchange()
        .export_everything(&options, date, &to, &mut |p| {
            let _ = progress.send(p);
        })?;
    Ok(Some(path.display().to_string()))
}

/// Saves the Markdown memory book where the person chooses; `date` is the
/// local date for the file's name. `null` when the dialog was closed.
#[tauri::command]
pub async fn export_markdown<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    options: ExportOptions,
    date: NaiveDate,
) -> Result<Option<String>, Error> {
    let offer = Offer {
        title: "Save the memory book",
        stem: &format!("Hearth memory book {date}"),
        ext: "md",
        kind: "Markdown",
    };
    let Some(to) = save::destination(&app, &offer).await? else {
        return Ok(None);
    };
    let path = shared
        .lock()
        .exchange()
        .export_markdown(&options, date, &to)?;
    Ok(Some(path.display().to_string()))
}

/// The header carrying the page's progress channel (`Channel.toJSON()`).
pub const PROGRESS_HEADER: &str = "hearth-progress";

/// Imports a Hearth export (any version this Hearth reads), all or nothing,
/// after a verified snapshot. The file's bytes are the raw body of the call,
/// like [`import_journal`]'s; the progress channel comes in
/// [`PROGRESS_HEADER`].
#[tauri::command]
pub async fn import_everything<R: Runtime>(
    webview: Webview<R>,
    shared: State<'_, Shared>,
    request: Request<'_>,
) -> Result<ImportReport, Error> {
    let progress: Option<Channel<Progress>> = match request.headers().get(PROGRESS_HEADER) {
        None => None,
        Some(v) => {
            let id = v
                .to_str()
                .ok()
                .and_then(|v| JavaScriptChannelId::from_str(v).ok());
            Some(id.ok_or_else(unreadable_request)?.channel_on(webview))
        }
    };
    let mut listed = Vec::new();
    let bytes = body_bytes(&request, &mut listed)?;
    shared.lock().exchange().import_everything(bytes, &mut |p| {
        if let Some(channel) = &progress {
            let _ = channel.send(p);
        }
    })
}

/// The raw body of a call, or a JSON list of byte values (the IPC's
/// fallback that sends the body as JSON).
pub(crate) fn body_bytes<'a>(
    request: &'a Request<'_>,
    listed: &'a mut Vec<u8>,
) -> Result<&'a [u8], Error> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(bytes),
        InvokeBody::Json(serde_json::Value::Array(items)) => {
            *listed = items
                .iter()
                .map(|v| v.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<_>>()
                .ok_or_else(unreadable_request)?;
            Ok(listed)
        }
        InvokeBody::Json(_) => Err(unreadable_request()),
    }
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
    let mut listed = Vec::new();
    let bytes = body_bytes(&request, &mut listed)?;
    shared.lock().exchange().import_journal(bytes, &options)
}
