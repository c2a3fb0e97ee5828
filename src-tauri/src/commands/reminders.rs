//! Reminder commands: settings, snooze, pause, the banner's Done and Skip,
//! start at login, and the page's channel for banners.

use chrono::{DateTime, Utc};
use hearth_core::reminders::{PauseFor, ReminderSettings, Scheduler};
use hearth_core::rituals::OccurrenceView;
use hearth_core::{Error, Result, Store};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use super::{replan, Shared};
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

/// Runs `f` on the store and the scheduler, then wakes the reminder loop.
fn with_scheduler<R: Runtime, T>(
    app: &AppHandle<R>,
    shared: &Shared,
    reminders: &Reminders,
    f: impl FnOnce(&mut Scheduler, &mut Store, DateTime<Utc>) -> Result<T>,
) -> Result<T> {
    replan(app, {
        let mut hearth = shared.lock();
        let store = hearth.store()?;
        let mut scheduler = reminders.scheduler();
        f(&mut scheduler, store, Utc::now())
    })
}

fn panel<R: Runtime>(
    app: &AppHandle<R>,
    settings: ReminderSettings,
    reminders: &Reminders,
    tray: &TraySupport,
) -> ReminderPanel {
    ReminderPanel {
        settings,
        start_at_login: app.autolaunch().is_enabled().unwrap_or(false),
        tray: *tray,
        zone: reminders.scheduler().zone().name().to_string(),
    }
}

#[tauri::command]
pub async fn reminder_settings<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
    tray: State<'_, TraySupport>,
) -> Result<ReminderPanel> {
    let settings = shared.lock().store()?.reminder_settings(Utc::now())?;
    Ok(panel(&app, settings, &reminders, &tray))
}

#[tauri::command]
pub async fn pause_reminders<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
    tray: State<'_, TraySupport>,
    pause: PauseFor,
) -> Result<ReminderPanel> {
    let s = with_scheduler(&app, &shared, &reminders, |sch, st, now| {
        sch.pause(st, pause, now)
    })?;
    Ok(panel(&app, s, &reminders, &tray))
}

#[tauri::command]
pub async fn resume_reminders<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
    tray: State<'_, TraySupport>,
) -> Result<ReminderPanel> {
    let s = with_scheduler(&app, &shared, &reminders, |sch, st, now| {
        sch.resume(st, now)
    })?;
    Ok(panel(&app, s, &reminders, &tray))
}

/// Quiet hours from `start` to `end` ("22:00", "07:00"); both absent: off.
#[tauri::command]
pub async fn set_quiet_hours<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
    tray: State<'_, TraySupport>,
    start: Option<String>,
    end: Option<String>,
) -> Result<ReminderPanel> {
    let hours = match (start.as_deref(), end.as_deref()) {
        (Some(s), Some(e)) => Some((s, e)),
        (None, None) => None,
        _ => {
            return Err(Error::InvalidInput(
                "Quiet hours need both a start and an end.".into(),
            ))
        }
    };
    let s = with_scheduler(&app, &shared, &reminders, |sch, st, now| {
        sch.set_quiet_hours(st, hours, now)
    })?;
    Ok(panel(&app, s, &reminders, &tray))
}

#[tauri::command]
pub async fn set_reminder_grace<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
    tray: State<'_, TraySupport>,
    minutes: i64,
) -> Result<ReminderPanel> {
    let s = with_scheduler(&app, &shared, &reminders, |sch, st, now| {
        sch.set_grace(st, minutes, now)
    })?;
    Ok(panel(&app, s, &reminders, &tray))
}

#[tauri::command]
pub async fn set_checkin_reminder<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
    tray: State<'_, TraySupport>,
    enabled: bool,
    weekday: i64,
    time: String,
) -> Result<ReminderPanel> {
    let s = with_scheduler(&app, &shared, &reminders, |sch, st, now| {
        sch.set_checkin_reminder(st, enabled, weekday, &time, now)
    })?;
    Ok(panel(&app, s, &reminders, &tray))
}

#[tauri::command]
pub async fn set_start_at_login<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
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
    let settings = shared.lock().store()?.reminder_settings(Utc::now())?;
    Ok(panel(&app, settings, &reminders, &tray))
}

/// Brings a shown reminder back in 10, 30 or 60 minutes; returns when.
#[tauri::command]
pub async fn snooze_reminder<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    reminders: State<'_, Reminders>,
    key: String,
    minutes: i64,
) -> Result<DateTime<Utc>> {
    with_scheduler(&app, &shared, &reminders, |sch, st, now| {
        sch.snooze(st, &key, minutes, now)
    })
}

/// The banner's Done (or Skip, with `skip`): records the ritual's outcome
/// for the day the reminder was for, as the partner writing now.
#[tauri::command]
pub async fn answer_reminder<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    key: String,
    skip: bool,
) -> Result<Option<OccurrenceView>> {
    replan(&app, {
        shared
            .lock()
            .as_writer(|store, by, clock| store.answer_reminder(by, &key, skip, clock))
    })
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
