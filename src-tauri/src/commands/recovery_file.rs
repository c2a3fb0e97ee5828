//! "Save it as a file": the recovery key, shown once, saved where the person
//! chooses in the desktop's save dialog (opened from Rust: the page has no
//! dialog permission). The core checks the key is the writer's and writes it.

use chrono::NaiveDate;
use hearth_core::vault::Zeroizing;
use hearth_core::Error;
use tauri::{AppHandle, Runtime, State};

use super::save::{self, Offer};
use super::Shared;

/// Answers the file's path, or `null` when the person closed the dialog.
#[tauri::command]
pub async fn save_recovery_key<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    recovery_key: String,
    date: NaiveDate,
) -> Result<Option<String>, Error> {
    let recovery_key = Zeroizing::new(recovery_key);
    let offer = Offer {
        title: "Save your recovery key",
        stem: "Hearth recovery key",
        ext: "txt",
        kind: "Text",
    };
    let Some(to) = save::destination(&app, &offer).await? else {
        return Ok(None);
    };
    let path = shared.lock().save_recovery_key(&recovery_key, date, &to)?;
    Ok(Some(path.display().to_string()))
}
