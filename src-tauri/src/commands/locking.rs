//! Locking: the page says someone is using the window, and the choices of
//! Settings → Privacy ("Lock after", what a locked Hearth's reminders say).
//! The core decides; see `crate::locking` for who else asks for a lock.

use hearth_core::hearth::{LockSettings, LockedNotice};
use hearth_core::Error;
use tauri::State;

use super::Shared;

/// Someone used Hearth's window (the page says so at most every few seconds).
#[tauri::command]
pub async fn note_activity(shared: State<'_, Shared>) -> Result<(), Error> {
    shared.lock().note_activity();
    Ok(())
}

#[tauri::command]
pub async fn lock_settings(shared: State<'_, Shared>) -> Result<LockSettings, Error> {
    shared.lock().lock_settings()
}

/// The writer's "Lock after": 5, 10 or 30 minutes, or `null` for never.
#[tauri::command]
pub async fn set_lock_after(
    shared: State<'_, Shared>,
    minutes: Option<u32>,
) -> Result<LockSettings, Error> {
    shared.lock().set_lock_after(minutes)
}

/// What reminders say while Hearth is locked: `"name"` or `"private"`.
#[tauri::command]
pub async fn set_locked_notice(
    shared: State<'_, Shared>,
    notice: LockedNotice,
) -> Result<LockSettings, Error> {
    shared.lock().set_locked_notice(notice)
}
