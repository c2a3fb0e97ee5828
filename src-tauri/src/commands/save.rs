//! Where an export is saved: where the person chooses, in the desktop's own
//! save dialog (tauri-plugin-dialog, called from Rust, so the page holds no
//! dialog permission at all), or, where no dialog is possible, as a new
//! file in a fixed folder.
//!
//! The fixed folder is used when `HEARTH_EXPORT_DIR` names one (the tests,
//! and anyone who wants no dialog), and when the dialog plugin isn't running
//! (the IPC test's mock runtime): Documents, or the data folder when there
//! is no Documents. A file there never replaces another (` (2)`, ` (3)`…).
//! A file the person chose replaces what they agreed to replace in the
//! dialog, and is written beside it first and renamed into place, so a full
//! disk never leaves half a file where a whole one was.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use hearth_core::Error;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::Dialog;

use super::exchange::{export_dir, write_named_file};
use crate::MAIN_WINDOW;

/// The environment variable that turns the dialog off and names the folder.
pub const EXPORT_DIR_ENV: &str = "HEARTH_EXPORT_DIR";

/// Where a file is to go.
pub enum Destination {
    /// The file the person chose in the dialog.
    Chosen(PathBuf),
    /// A folder, where a new file is named after the stem.
    Folder(PathBuf),
}

/// What the dialog offers: a title, the file name and its kind.
pub struct Offer<'a> {
    pub title: &'a str,
    pub stem: &'a str,
    pub ext: &'a str,
    pub kind: &'a str,
}

/// Asks where the file goes; `None` when the person closed the dialog.
pub async fn destination<R: Runtime>(
    app: &AppHandle<R>,
    data_dir: Option<&Path>,
    offer: &Offer<'_>,
) -> Result<Option<Destination>, Error> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(Some(Destination::Folder(PathBuf::from(dir))));
    }
    let Some(dialog) = app.try_state::<Dialog<R>>() else {
        return Ok(Some(Destination::Folder(export_dir(app, data_dir))));
    };
    let mut builder = dialog
        .file()
        .set_title(offer.title)
        .set_file_name(format!("{}.{}", offer.stem, offer.ext))
        .add_filter(offer.kind, &[offer.ext]);
    if let Ok(docs) = app.path().document_dir() {
        if docs.is_dir() {
            builder = builder.set_directory(docs);
        }
    }
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        builder = builder.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    builder.save_file(move |chosen| {
        let _ = tx.send(chosen);
    });
    let chosen = rx.await.ok().flatten();
    match chosen.map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => Ok(Some(Destination::Chosen(with_ext(path, offer.ext)))),
        Some(Err(e)) => Err(Error::Desktop(format!("use the place chosen ({e})"))),
    }
}

/// Adds the extension when the person typed a name without it.
fn with_ext(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(ext)
    }
}

/// Writes `text` where `to` says; returns the file's path.
pub fn save(to: &Destination, stem: &str, ext: &str, text: &str) -> Result<PathBuf, Error> {
    match to {
        Destination::Folder(dir) => write_named_file(dir, stem, ext, text),
        Destination::Chosen(path) => replace_file(path, text).map(|()| path.clone()),
    }
}

fn replace_file(path: &Path, text: &str) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Desktop(format!("write {} ({e})", path.display()));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let partial = path.with_file_name(format!(".{name}.hearth-partial"));
    let written = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&partial)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&partial, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(failed(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_file_is_replaced_whole_and_leaves_no_partial_file() {
        let dir = tempfile_dir("chosen");
        let path = dir.join("Our journal.json");
        std::fs::write(&path, "old").unwrap();
        let saved = save(&Destination::Chosen(path.clone()), "x", "json", "new").unwrap();
        assert_eq!(saved, path);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "only the file itself is left: {names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_name_typed_without_its_extension_gets_it() {
        assert_eq!(
            with_ext(PathBuf::from("/tmp/ours"), "json"),
            PathBuf::from("/tmp/ours.json")
        );
        assert_eq!(
            with_ext(PathBuf::from("/tmp/ours.txt"), "json"),
            PathBuf::from("/tmp/ours.txt")
        );
    }

    fn tempfile_dir(what: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hearth-save-{what}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
