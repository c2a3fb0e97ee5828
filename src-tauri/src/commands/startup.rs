//! How long Hearth takes to show its first screen, for the startup
//! benchmark (`scripts/bench-startup`).
//!
//! The page calls [`report_ready`] once, after its first screen has been
//! painted. It takes nothing and returns nothing; unless the benchmark asked
//! for it by setting `HEARTH_REPORT_READY=1`, it does nothing at all. When
//! asked, it prints one line, `ready-ms <milliseconds since main()>`, to
//! stdout, the same line the baseline app prints.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

/// The variable that asks for the line.
pub const REPORT_READY_ENV: &str = "HEARTH_REPORT_READY";

static STARTED: OnceLock<Instant> = OnceLock::new();
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Notes when the process started running Hearth's code (call first thing).
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

#[tauri::command]
pub fn report_ready() {
    if std::env::var(REPORT_READY_ENV).as_deref() != Ok("1") {
        return;
    }
    // Only the first screen counts; a reload or a second call says nothing.
    if REPORTED.swap(true, Ordering::SeqCst) {
        return;
    }
    if let Some(started) = STARTED.get() {
        use std::io::Write;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "ready-ms {ms:.1}");
        let _ = out.flush();
    }
}
