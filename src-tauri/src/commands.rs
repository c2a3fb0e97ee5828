//! The commands the page may call: each takes the lock, asks the core, and
//! returns its answer. No decisions are made here.
//!
//! They are `async` so Tauri runs them off the main thread: a durable save
//! waits for the disk (`synchronous=FULL`), and the window must not freeze
//! while it does.

use std::sync::{Mutex, MutexGuard};

use hearth_core::{AppState, Error, Hearth, PartnerId, PartnerInput};
use tauri::State;

pub struct Shared(pub Mutex<Hearth>);

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Hearth> {
        // A panic while holding the lock can't leave SQLite half-written (every
        // change is a transaction), so carry on with the inner value.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[tauri::command]
pub async fn get_state(shared: State<'_, Shared>) -> Result<AppState, Error> {
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
