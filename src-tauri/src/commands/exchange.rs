//! Export and import. An export is written as a new file in the user's
//! Documents folder (the data folder when there is none), never over an
//! existing one, and its path is returned so the page can say where it went.
//! An import gets the text of a file the person chose in the page; a journal
//! from another app arrives as the file's bytes.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hearth_core::exchange::{ExportOptions, ImportReport, JournalImportReport, JournalOptions};
use hearth_core::journal::Visibility;
use hearth_core::Error;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager, Runtime, State};

use super::Shared;

/// The folder exports go to: Documents when it exists, else the data folder.
pub(super) fn export_dir<R: Runtime>(app: &AppHandle<R>, data_dir: Option<&Path>) -> PathBuf {
    match app.path().document_dir() {
        Ok(dir) if dir.is_dir() => dir,
        _ => data_dir.map(Path::to_path_buf).unwrap_or_default(),
    }
}

/// Writes `text` as `Hearth export <date>.<ext>` in `dir`, adding ` (2)`,
/// ` (3)`… rather than replacing a file already there.
fn write_new_file(dir: &Path, date: NaiveDate, ext: &str, text: &str) -> Result<PathBuf, Error> {
    write_named_file(dir, &format!("Hearth export {date}"), ext, text)
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

fn export<R: Runtime>(
    app: &AppHandle<R>,
    shared: &Shared,
    date: NaiveDate,
    ext: &str,
    make: impl FnOnce(&mut hearth_core::Hearth) -> Result<String, Error>,
) -> Result<String, Error> {
    let (text, data_dir) = {
        let mut hearth = shared.lock();
        let text = make(&mut hearth)?;
        (text, hearth.database_path().parent().map(Path::to_path_buf))
    };
    let dir = export_dir(app, data_dir.as_deref());
    Ok(write_new_file(&dir, date, ext, &text)?
        .display()
        .to_string())
}

/// Saves the JSON backup; `date` is the local date for the file name.
#[tauri::command]
pub async fn export_json<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    options: ExportOptions,
    date: NaiveDate,
) -> Result<String, Error> {
    export(&app, &shared, date, "json", |hearth| {
        hearth.as_writer(|store, viewer, clock| store.export_json(viewer, &options, clock))
    })
}

/// Saves the Markdown memory book; `date` is the local date for the file name.
#[tauri::command]
pub async fn export_markdown<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    options: ExportOptions,
    date: NaiveDate,
) -> Result<String, Error> {
    export(&app, &shared, date, "md", |hearth| {
        hearth.as_writer(|store, viewer, clock| store.export_markdown(viewer, &options, clock))
    })
}

/// Imports the text of a JSON export, all or nothing.
#[tauri::command]
pub async fn import_json(shared: State<'_, Shared>, text: String) -> Result<ImportReport, Error> {
    // Through Hearth, not the store: a verified snapshot is taken first.
    shared.lock().import_json(&text)
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
    shared.lock().import_journal(bytes, &options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_never_replaces_a_file() {
        let dir = std::env::temp_dir().join(format!("hearth-export-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let first = write_new_file(&dir, date, "md", "one").unwrap();
        let second = write_new_file(&dir, date, "md", "two").unwrap();
        assert_eq!(first.file_name().unwrap(), "Hearth export 2026-11-22.md");
        assert_eq!(
            second.file_name().unwrap(),
            "Hearth export 2026-11-22 (2).md"
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
