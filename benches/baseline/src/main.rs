//! The baseline for Hearth's startup and memory benchmark: the least a
//! Tauri app on WebKitGTK can be. It is built with the same profile and
//! features as Hearth and reports readiness the same way (see
//! `scripts/bench-startup`), so the ratio between the two is what Hearth
//! itself adds.

use std::time::Instant;

static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Called by the page once it has rendered; prints the time since start.
#[tauri::command]
fn ready() {
    let ms = START
        .get()
        .map(|s| s.elapsed().as_secs_f64() * 1000.0)
        .unwrap_or(f64::NAN);
    println!("ready-ms {ms:.1}");
}

fn main() {
    START.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the baseline could not start");
}
