//! Reminder commands: settings, snooze, pause, the banner's Done and Skip,
//! start at login, and the page's channel for banners.

use chrono::{DateTime, Utc};
use hearth_core::hearth::RemindersHandle;
use hearth_core::reminders::{PauseFor, ReminderSettings};
use hearth_core::rituals::OccurrenceView;
use hearth_core::{Error, Result};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use super::Shared;
use crate::reminders::{PageMessage, Reminders};
use crate::tray::TraySupport;

/// What the Settings section shows.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderPanel {
    #[serde(flatten)]
    pub settings: ReminderSettings,
    /// Hearth starts (hidden, in the tray) when you log in.
    pub start_at_login: bool,
    /// Whether closing the window keeps Hearth in the tray.
    pub tray: TraySupport,
    /// The zone quiet hours and the check-in follow.
    pub zone: String,
}

/// The core's settings, with what only the desktop knows. The zone is the
/// one the reminder plan follows (read after the call, under the same lock).
fn panel<R: Runtime>(
    app: &AppHandle<R>,
    shared: &Shared,
    tray: &TraySupport,
    call: impl FnOnce(&mut RemindersHandle<'_>) -> Result<ReminderSettings>,
) -> Result<ReminderPanel> {
    let (settings, zone) = {
        let mut hearth = shared.lock();
        let mut reminders = hearth.reminders();
        let settings = call(&mut reminders)?;
        (settings, reminders.zone().name().to_string())
    };
    Ok(ReminderPanel {
        settings,
        start_at_login: app.autolaunch().is_enabled().unwrap_or(false),
        tray: *tray,
        zone,
    })
}

#[tauri::command]
pub async fn reminder_settings<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    tray: State<'_, TraySupport>,
) -> Result<ReminderPanel> {
    panel(&app, &shared, &tray, |r| r.settings())
}

#[tauri::command]
pub async fn pause_reminders<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    tray: State<'_, TraySupport>,
    pause: PauseFor,
) -> Result<ReminderPanel> {
    panel(&app, &shared, &tray, |r| r.pause(pause))
}

#[tauri::command]
pub async fn resume_reminders<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    tray: State<'_, TraySupport>,
) -> Result<ReminderPanel> {
    panel(&app, &shared, &tray, |r| r.resume())
}

/// Quiet hours from `start` to `end` ("22:00", "07:00"); both absent: off.
#[tauri::command]
pub async fn set_quiet_hours<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    tray: State<'_, TraySupport>,
    start: Option<String>,
    end: Option<String>,
) -> Result<ReminderPanel> {
    panel(&app, &shared, &tray, |r| {
        r.set_quiet_hours(start.as_deref(), end.as_deref())
    })
}

#[tauri::command]
pub async fn set_reminder_grace<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    tray: State<'_, TraySupport>,
    minutes: i64,
) -> Result<ReminderPanel> {
    panel(&app, &shared, &tray, |r| r.set_grace(minutes))
}

#[tauri::command]
pub async fn set_checkin_reminder<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    tray: State<'_, TraySupport>,
    enabled: bool,
    weekday: i64,
    time: String,
) -> Result<ReminderPanel> {
    panel(&app, &shared, &tray, |r| {
        r.set_checkin_reminder(enabled, weekday, &time)
    })
}

#[tauri::command]
pub async fn set_start_at_login<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    tray: State<'_, TraySupport>,
    enabled: bool,
) -> Result<ReminderPanel> {
    let manager = app.autolaunch();
    let done = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    done.map_err(|e| {
        Error::Desktop(format!(
            "{} the login item ({e})",
            if enabled { "add" } else { "remove" }
        ))
    })?;
    panel(&app, &shared, &tray, |r| r.settings())
}

/// Brings a shown reminder back in 10, 30 or 60 minutes; returns when.
#[tauri::command]
pub async fn snooze_reminder(
    shared: State<'_, Shared>,
    key: String,
    minutes: i64,
) -> Result<DateTime<Utc>> {
    shared.lock().reminders().snooze(&key, minutes)
}

/// The banner's Done (or Skip, with `skip`): records the ritual's outcome
/// for the day the reminder was for, as the partner writing now.
#[tauri::command]
pub async fn answer_reminder(
    shared: State<'_, Shared>,
    key: String,
    skip: bool,
) -> Result<Option<OccurrenceView>> {
    shared.lock().reminders().answer(&key, skip)
}

/// The page's channel for banners, "close requested" and tray navigation.
#[tauri::command]
pub async fn watch_reminders(
    reminders: State<'_, Reminders>,
    channel: Channel<PageMessage>,
) -> Result<()> {
    reminders.set_page(channel);
    Ok(())
}

/// Quits Hearth (the page's answer when there is no tray to close to).
#[tauri::command]
pub async fn quit_hearth<R: Runtime>(app: AppHandle<R>) -> Result<()> {
    app.exit(0);
    Ok(())
}
