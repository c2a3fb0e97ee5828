//! The couple: who they are and who is writing.

use hearth_core::{AppState, Error, PartnerId, PartnerInput};
use tauri::State;

use super::Shared;

#[tauri::command]
pub async fn get_state(shared: State<'_, Shared>) -> Result<AppState, Error> {
    super::startup::mark("state");
    shared.lock().state()
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
