//! The baseline for Hearth's startup and memory benchmark: the least a
//! Tauri app on WebKitGTK can be. It is built with the same profile and
//! features as Hearth and reports readiness the same way (see
//! `scripts/bench-startup`), so the ratio between the two is what Hearth
//! itself adds.
//!
//! By default its window is Tauri's default: shown the moment it exists,
//! which makes WebKitGTK wait up to 500 ms for the web process in many
//! launches. With `HEARTH_BASELINE_SHOW_ON_LOAD=1` it starts hidden and is
//! shown once its page has loaded, as Hearth's window is
//! (`src-tauri/src/window.rs`): the like-for-like blank app, which never
//! waits either.

use std::time::Instant;

use tauri::webview::PageLoadEvent;
use tauri::{Manager, WebviewWindowBuilder};

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
    let show_on_load = std::env::var("HEARTH_BASELINE_SHOW_ON_LOAD").as_deref() == Ok("1");
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .setup(move |app| {
            // The window of tauri.conf.json ("create": false), made here so
            // it can start hidden.
            let config = app.config().app.windows[0].clone();
            WebviewWindowBuilder::from_config(app.handle(), &config)?
                .visible(!show_on_load)
                .build()?;
            Ok(())
        })
        .on_page_load(move |webview, payload| {
            if show_on_load && payload.event() == PageLoadEvent::Finished {
                if let Some(window) = webview.app_handle().get_webview_window("main") {
                    let _ = window.show();
                }
            }
        })
        .run(tauri::generate_context!())
        .expect("the baseline could not start");
}
