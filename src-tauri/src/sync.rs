//! The sync folder from the app: when Hearth looks at it. Every decision
//! is the core's (`Hearth::sync().exchange()`); this only says when.
//!
//! - **At start**, [`FIRST_LOOK_AFTER`] later, so the first screen doesn't
//!   share the machine with loading the record of changes.
//! - **After writes**, debounced: every command's lock of the journal pokes
//!   the loop, which waits [`DEBOUNCE`] for more, then looks once.
//! - **On every reminder tick**: the reminder loop locks the journal at each
//!   tick (at most [`TICK_SECONDS`] apart), which pokes it the same way; the
//!   loop also looks by itself at that interval.
//! - **When the folder changes**: a `notify` watcher on the chosen folder
//!   alone (inotify on Linux: its thread sleeps in the kernel until a file
//!   there changes, so an idle folder costs no CPU), which pokes the loop.
//!   Accesses (Hearth's own reads) are not changes and poke nothing.
//!
//! The loop locks the journal with `lock_quietly`, which does not poke, so
//! a look never causes another. A look that brought the other laptop's
//! changes tells the page (on the reminders' channel), so what arrived shows
//! without the couple having to go elsewhere and back.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use ::notify::{RecursiveMode, Watcher};
use hearth_core::reminders::TICK_SECONDS;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Notify;

use crate::commands::Shared;
use crate::reminders::{PageMessage, Reminders};

/// How long after a poke the loop waits for more before it looks.
pub const DEBOUNCE: Duration = Duration::from_secs(2);

/// How long after start the loop first looks.
const FIRST_LOOK_AFTER: Duration = Duration::from_secs(2);

static POKE: Notify = Notify::const_new();

/// The folder watched now, and its watcher (dropped to stop watching).
static WATCHING: Mutex<Option<(PathBuf, ::notify::RecommendedWatcher)>> = Mutex::new(None);

/// Asks the loop to look at the folder soon.
pub fn poke() {
    POKE.notify_one();
}

/// This laptop's name in Settings → Two laptops: its host name.
pub fn host_name() -> String {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    read("/proc/sys/kernel/hostname")
        .or_else(|| read("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "This laptop".into())
}

/// Watches the folder a state names (or nothing, when it names none).
pub fn watch_from_state<E>(state: &Result<hearth_core::sync::SyncState, E>) {
    if let Ok(state) = state {
        watch(state.folder.as_ref().map(PathBuf::from));
    }
}

fn watch(folder: Option<PathBuf>) {
    let mut watching = WATCHING.lock().unwrap_or_else(|p| p.into_inner());
    if watching.as_ref().map(|(f, _)| f) == folder.as_ref() {
        return;
    }
    *watching = None;
    let Some(folder) = folder else { return };
    let watcher = ::notify::recommended_watcher(|event: ::notify::Result<::notify::Event>| {
        // Only a change in the folder calls for a look. Hearth's own
        // reading there is an access event too, and answering it with a
        // look would read again: a loop every few seconds, for ever.
        if event.is_ok_and(|e| !e.kind.is_access()) {
            poke();
        }
    });
    match watcher {
        Ok(mut watcher) => match watcher.watch(&folder, RecursiveMode::Recursive) {
            Ok(()) => *watching = Some((folder, watcher)),
            Err(err) => eprintln!("hearth: sync: not watching the folder: {err}"),
        },
        Err(err) => eprintln!("hearth: sync: no folder watcher: {err}"),
    }
}

/// Starts the loop on Tauri's tokio runtime.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        // The first look waits a moment: with a folder chosen it loads the
        // record of changes, which is work the first screen need not share
        // the machine with.
        tokio::time::sleep(FIRST_LOOK_AFTER).await;
        let mut first = true;
        loop {
            if !first {
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(TICK_SECONDS)) => {}
                    _ = POKE.notified() => tokio::time::sleep(DEBOUNCE).await,
                }
            }
            first = false;
            let shared = app.state::<Shared>();
            let state = shared.lock_quietly().sync().exchange();
            match &state {
                Ok(state) if state.arrived > 0 => {
                    app.state::<Reminders>().tell_page(PageMessage::Arrived);
                }
                Ok(_) => {}
                Err(err) => eprintln!("hearth: sync: {err}"),
            }
            watch_from_state(&state);
        }
    });
}
