//! Export and import. An export is saved where the person chooses (see
//! [`save`]), and its path is returned so the page can say where it went.
//! An import gets the bytes of a file the person chose in the page's own
//! file field (the web view's open dialog, which needs no permission).

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use hearth_core::exchange::{
    ExportOptions, ImportReport, JournalImportReport, JournalOptions, Progress,
};
use hearth_core::journal::Visibility;
use hearth_core::Error;
use tauri::ipc::{Channel, InvokeBody, JavaScriptChannelId, Request};
use tauri::{AppHandle, Manager, Runtime, State, Webview};

use super::save::{self, Offer};
use super::Shared;

/// The folder exports go to: Documents when it exists, else the data folder.
pub(super) fn export_dir<R: Runtime>(app: &AppHandle<R>, data_dir: Option<&Path>) -> PathBuf {
    match app.path().document_dir() {
        Ok(dir) if dir.is_dir() => dir,
        _ => data_dir.map(Path::to_path_buf).unwrap_or_default(),
    }
}

/// Writes `text` as `<stem>.<ext>` in `dir`, adding ` (2)`, ` (3)`… rather
/// than replacing a file already there.
pub(super) fn write_named_file(
    dir: &Path,
    stem: &str,
    ext: &str,
    text: &str,
) -> Result<PathBuf, Error> {
    // A folder outside the journal refusing a file is the desktop's doing.
    let failed =
        |path: &Path, e: std::io::Error| Error::Desktop(format!("write {} ({e})", path.display()));
    for n in 1..1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let path = dir.join(format!("{stem}{suffix}.{ext}"));
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(&path, e)),
        };
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| failed(&path, e))?;
        return Ok(path);
    }
    Err(Error::InvalidInput(format!(
        "There are already too many files named \"{stem}\" in {}. Please move some of them away and try again.",
        dir.display()
    )))
}

/// The data folder, for the fixed-folder fallback.
fn data_dir(shared: &Shared) -> Option<PathBuf> {
    shared
        .lock()
        .database_path()
        .parent()
        .map(Path::to_path_buf)
}

/// "Export everything": asks where to save (see [`save`]), then writes the
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
    let stem = format!("Hearth export {date}");
    let offer = Offer {
        title: "Save everything from Hearth",
        stem: &stem,
        ext: "json",
        kind: "Hearth export",
    };
    let Some(to) = save::destination(&app, data_dir(&shared).as_deref(), &offer).await? else {
        return Ok(None);
    };
    let text = shared.lock().export_everything(&options, &mut |p| {
        let _ = progress.send(p);
    })?;
    Ok(Some(
        save::save(&to, &stem, "json", &text)?.display().to_string(),
    ))
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
    let stem = format!("Hearth memory book {date}");
    let offer = Offer {
        title: "Save the memory book",
        stem: &stem,
        ext: "md",
        kind: "Markdown",
    };
    let Some(to) = save::destination(&app, data_dir(&shared).as_deref(), &offer).await? else {
        return Ok(None);
    };
    let text = shared
        .lock()
        .as_writer(|store, viewer, clock| store.export_markdown(viewer, &options, clock))?;
    Ok(Some(
        save::save(&to, &stem, "md", &text)?.display().to_string(),
    ))
}

/// The header carrying the page's progress channel (`Channel.toJSON()`).
pub const PROGRESS_HEADER: &str = "hearth-progress";

/// Imports a Hearth export (any version this Hearth reads), all or nothing,
/// after a verified snapshot. The file's bytes are the raw body of the call,
/// like [`import_journal`]'s; the progress channel comes in
/// [`PROGRESS_HEADER`]. The reminders are planned again after.
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
            Some(
                id.ok_or_else(unreadable_request)?
                    .channel_on(webview.clone()),
            )
        }
    };
    let mut listed = Vec::new();
    let bytes = body_bytes(&request, &mut listed)?;
    let result = shared.lock().import_everything(bytes, &mut |p| {
        if let Some(channel) = &progress {
            let _ = channel.send(p);
        }
    });
    super::replan(webview.app_handle(), result)
}

/// The raw body of a call, or a JSON list of byte values (the IPC's
/// fallback that sends the body as JSON).
fn body_bytes<'a>(request: &'a Request<'_>, listed: &'a mut Vec<u8>) -> Result<&'a [u8], Error> {
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
    shared.lock().import_journal(bytes, &options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_never_replaces_a_file() {
        let dir = std::env::temp_dir().join(format!("hearth-export-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = write_named_file(&dir, "Hearth export 2026-11-22", "md", "one").unwrap();
        let second = write_named_file(&dir, "Hearth export 2026-11-22", "md", "two").unwrap();
        assert_eq!(first.file_name().unwrap(), "Hearth export 2026-11-22.md");
        assert_eq!(
            second.file_name().unwrap(),
            "Hearth export 2026-11-22 (2).md"
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
