//! The couple: who they are and who is writing.

use chrono::NaiveDate;
use hearth_core::hearth::FirstScreen;
use hearth_core::{AppState, Error, PartnerId, PartnerInput};
use tauri::State;

use super::Shared;

#[tauri::command]
pub async fn get_state(shared: State<'_, Shared>) -> Result<AppState, Error> {
    super::startup::mark("state");
    shared.lock().state()
}

/// The page's first question: the state and everything Today shows for the
/// viewer's local `date` in `zone` (the system's, as the reminders read it,
/// when the page names none), in one answer (the lock screen's names alone
/// while the writer is locked).
#[tauri::command]
pub async fn first_screen(
    shared: State<'_, Shared>,
    date: NaiveDate,
    zone: Option<String>,
) -> Result<FirstScreen, Error> {
    super::startup::mark("state");
    let zone = zone.unwrap_or_else(crate::zone::system_zone);
    shared.lock().first_screen(date, &zone)
}

#[tauri::command]
pub async fn setup_couple(
    shared: State<'_, Shared>,
    partners: [PartnerInput; 2],
) -> Result<AppState, Error> {
    shared.lock().setup_couple(partners)
}

#[tauri::command]
pub async fn set_writer(
    shared: State<'_, Shared>,
    partner_id: PartnerId,
) -> Result<AppState, Error> {
    shared.lock().set_writer(partner_id)
}

#[tauri::command]
pub async fn update_partner(
    shared: State<'_, Shared>,
    partner_id: PartnerId,
    name: String,
    color: Option<String>,
) -> Result<AppState, Error> {
    shared
        .lock()
        .update_partner(partner_id, &PartnerInput { name, color })
}
