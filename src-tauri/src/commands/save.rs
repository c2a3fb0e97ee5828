//! Asking where an export goes: the desktop's own save dialog
//! (tauri-plugin-dialog, called from Rust, so the page holds no dialog
//! permission at all). What is done with the answer (replace the chosen
//! file whole, or a new numbered file in the export folder) is the core's
//! ([`hearth_core::hearth::SaveTo`]).
//!
//! There is no dialog when `HEARTH_EXPORT_DIR` names a folder (the tests,
//! and anyone who wants none; `lib.rs` hands it to the core as the export
//! folder) or when the dialog plugin isn't running (the IPC test's mock
//! runtime).

use std::path::PathBuf;

use hearth_core::hearth::SaveTo;
use hearth_core::Error;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::Dialog;

use crate::MAIN_WINDOW;

/// The environment variable that turns the dialog off and names the folder.
pub const EXPORT_DIR_ENV: &str = "HEARTH_EXPORT_DIR";

/// The folder `HEARTH_EXPORT_DIR` names, if any.
pub fn export_dir_from_env() -> Option<PathBuf> {
    std::env::var_os(EXPORT_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
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
    offer: &Offer<'_>,
) -> Result<Option<SaveTo>, Error> {
    if export_dir_from_env().is_some() {
        return Ok(Some(SaveTo::ExportFolder));
    }
    let Some(dialog) = app.try_state::<Dialog<R>>() else {
        return Ok(Some(SaveTo::ExportFolder));
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
        Some(Ok(path)) => Ok(Some(SaveTo::Chosen(with_ext(path, offer.ext)))),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_typed_without_its_extension_gets_it() {
        assert_eq!(
            with_ext(PathBuf::from("/tmp/ours"), "json"),
            PathBuf::from("/tmp/ours.json"),
            "a name typed without its extension gets it"
        );
        assert_eq!(
            with_ext(PathBuf::from("/tmp/ours.txt"), "json"),
            PathBuf::from("/tmp/ours.txt"),
            "a name with an extension is kept as typed"
        );
    }
}
