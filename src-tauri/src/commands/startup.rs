//! How long Hearth takes to show its first screen, for the startup
//! benchmark (`scripts/bench-startup`).
//!
//! The page calls [`report_ready`] once, after its first screen has been
//! painted. Unless the benchmark asked for it by setting
//! `HEARTH_REPORT_READY=1`, it does nothing at all. When asked, it prints
//! `ready-ms <milliseconds since main()>` to stdout, the same line the
//! baseline app prints, and then a `marks` line that splits the time: the
//! shell's own steps ([`mark`], in ms since `main()`) and the page's (in ms
//! since the page's navigation began, as the page measured them). A slow
//! launch can then be told apart: slow shell, slow page, or waiting between.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use serde::Deserialize;

/// The variable that asks for the lines.
pub const REPORT_READY_ENV: &str = "HEARTH_REPORT_READY";

static STARTED: OnceLock<Instant> = OnceLock::new();
static ASKED: OnceLock<bool> = OnceLock::new();
static REPORTED: AtomicBool = AtomicBool::new(false);
static MARKS: Mutex<Vec<(&'static str, f64)>> = Mutex::new(Vec::new());

/// Notes when the process started running Hearth's code (call first thing).
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

fn asked() -> bool {
    *ASKED.get_or_init(|| std::env::var(REPORT_READY_ENV).as_deref() == Ok("1"))
}

/// Notes that a step of the shell's start is done (the first time only).
pub fn mark(step: &'static str) {
    if !asked() || REPORTED.load(Ordering::Relaxed) {
        return;
    }
    let Some(started) = STARTED.get() else { return };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut marks = MARKS.lock().unwrap_or_else(|p| p.into_inner());
    if !marks.iter().any(|(s, _)| *s == step) {
        marks.push((step, ms));
    }
}

/// The page's own steps, in ms since its navigation began.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageSteps {
    /// The page's scripts had run (main.js evaluated).
    scripts: Option<f64>,
    /// The page asked the core for its state.
    asked: Option<f64>,
    /// The answer arrived.
    answered: Option<f64>,
    /// The first screen was in the document.
    mounted: Option<f64>,
    /// Two frames later: painted.
    painted: Option<f64>,
    /// Each file the page loaded before its first screen (WebKit's resource
    /// timing): what each module and style sheet costs.
    resources: Option<Vec<PageResource>>,
}

/// One file the page loaded: its path and when it started and finished
/// arriving, in ms since the page's navigation began.
#[derive(Debug, Deserialize)]
pub struct PageResource {
    name: String,
    start: f64,
    end: f64,
}

#[tauri::command]
pub fn report_ready(page: Option<PageSteps>) {
    if !asked() {
        return;
    }
    // Only the first screen counts; a reload or a second call says nothing.
    if REPORTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let Some(started) = STARTED.get() else { return };
    use std::io::Write;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut line = format!("ready-ms {ms:.1}\nmarks");
    for (step, at) in MARKS.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        line.push_str(&format!(" {step}={at:.1}"));
    }
    let page = page.unwrap_or_default();
    for (step, at) in [
        ("page.scripts", page.scripts),
        ("page.asked", page.asked),
        ("page.answered", page.answered),
        ("page.mounted", page.mounted),
        ("page.painted", page.painted),
    ] {
        if let Some(at) = at.filter(|t| t.is_finite()) {
            line.push_str(&format!(" {step}={at:.1}"));
        }
    }
    if let Some(resources) = page.resources.filter(|r| !r.is_empty()) {
        line.push_str("\nfiles");
        for r in resources.iter().take(100) {
            // A path of the page's own files; anything else is left out.
            let name: String = r
                .name
                .chars()
                .filter(|c| c.is_ascii_graphic())
                .take(80)
                .collect();
            if r.start.is_finite() && r.end.is_finite() {
                line.push_str(&format!(" {name}={:.1}-{:.1}", r.start, r.end));
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}
