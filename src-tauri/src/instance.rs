//! The single-instance guard: one Hearth per journal. A second launch on the
//! same journal hands over to the first (which shows its window) and exits.
//!
//! On Linux the guard is a D-Bus name. It is the app's own unless
//! `HEARTH_DATA_DIR` names a data folder: then the name carries that folder,
//! so two journals (the two laptops of the end-to-end story, on one test
//! session's bus) can be open side by side, while a second launch on either
//! one still hands over. Elsewhere the guard stays one per user.

use std::ffi::OsStr;
use std::path::Path;

use hearth_core::hearth::DATA_DIR_ENV;
use tauri::plugin::TauriPlugin;
use tauri::Runtime;

use crate::{show_main_window, HIDDEN_ARG};

/// The app's identifier, as in `tauri.conf.json`.
const IDENTIFIER: &str = "app.hearth.desktop";

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, argv, _cwd| {
        // The login item starting while Hearth already runs: stay hidden.
        if !argv.iter().any(|a| a == HIDDEN_ARG) {
            show_main_window(app);
        }
    });
    match std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => builder.dbus_id(guard_id(&dir)).build(),
        None => builder.build(),
    }
}

/// A D-Bus name for the journal in `dir`: the same folder, however it is
/// spelled, gives the same name (FNV-1a of its canonical path, stable
/// across builds).
fn guard_id(dir: &OsStr) -> String {
    let path = Path::new(dir);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{IDENTIFIER}.d{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_data_folder_has_its_own_guard_and_one_folder_always_the_same() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let id_a = guard_id(a.path().as_os_str());
        assert_ne!(
            id_a,
            guard_id(b.path().as_os_str()),
            "two journals, two guards"
        );
        let spelled_otherwise = a.path().join(".");
        assert_eq!(
            id_a,
            guard_id(spelled_otherwise.as_os_str()),
            "one folder, however spelled, one guard"
        );
        assert!(
            id_a.starts_with("app.hearth.desktop.d")
                && id_a
                    .split('.')
                    .all(|part| part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())),
            "a valid D-Bus name: every element starts with a letter ({id_a})"
        );
    }
}
