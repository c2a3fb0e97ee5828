//! The weekly check-in: submit, this week, history, the trend for the chart,
//! and the day weeks start on. The viewer is always the stored writer, so a
//! partner's answers reach the page only once both have shared that week.

use chrono::{NaiveDate, Weekday};
use hearth_core::checkins::{CheckinInput, CheckinTrend, CheckinWeek, Rating, ANSWER_MAX_CHARS};
use hearth_core::Error;
use serde::Serialize;
use tauri::State;

use super::Shared;

/// How many weeks the history shows when the page doesn't say.
const HISTORY_DEFAULT: u32 = 52;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RatingWords {
    id: Rating,
    label: &'static str,
}

/// The ratings' names and the answers' limit, from the core.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckinWords {
    ratings: Vec<RatingWords>,
    answer_max: usize,
    week_start: Weekday,
}

#[tauri::command]
pub async fn checkin_words(shared: State<'_, Shared>) -> Result<CheckinWords, Error> {
    let week_start = shared.lock().checkins().week_start()?;
    Ok(CheckinWords {
        ratings: Rating::ALL
            .into_iter()
            .map(|id| RatingWords {
                id,
                label: id.label(),
            })
            .collect(),
        answer_max: ANSWER_MAX_CHARS,
        week_start,
    })
}

/// The writer's check-in for the week holding the local `date`.
#[tauri::command]
pub async fn submit_checkin(
    shared: State<'_, Shared>,
    date: NaiveDate,
    input: CheckinInput,
    offset_minutes: i32,
) -> Result<CheckinWeek, Error> {
    shared
        .lock()
        .checkins()
        .submit(date, &input, offset_minutes)
}

/// The week holding the local `date`, as the writer may see it.
#[tauri::command]
pub async fn checkin_week(
    shared: State<'_, Shared>,
    date: NaiveDate,
) -> Result<CheckinWeek, Error> {
    shared.lock().checkins().week(date)
}

#[tauri::command]
pub async fn checkin_history(
    shared: State<'_, Shared>,
    limit: Option<u32>,
) -> Result<Vec<CheckinWeek>, Error> {
    shared
        .lock()
        .checkins()
        .history(limit.unwrap_or(HISTORY_DEFAULT))
}

#[tauri::command]
pub async fn checkin_trend(shared: State<'_, Shared>) -> Result<CheckinTrend, Error> {
    shared.lock().checkins().trend()
}

/// Chooses the day check-in weeks start on ("Mon" … "Sun").
#[tauri::command]
pub async fn set_checkin_week_start(
    shared: State<'_, Shared>,
    start: Weekday,
) -> Result<Weekday, Error> {
    shared.lock().checkins().set_week_start(start)
}
