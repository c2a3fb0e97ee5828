//! Every command the page may call gets an `allow-*` permission in the app
//! manifest, and the page's capability grants exactly those: both follow
//! from the one list in `src/command_list.rs`, so nothing is callable unless
//! it is written there.

use std::path::Path;

include!("src/command_list.rs");

macro_rules! names {
    ($($area:ident::$name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = hearth_commands!(names);

/// The page's capability, written from the list (only when it changed, so
/// the file's date moves only with its content).
const CAPABILITY: &str = "capabilities/main.json";

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    write_capability(Path::new(CAPABILITY));
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}

fn write_capability(path: &Path) {
    let permissions: Vec<String> = COMMANDS
        .iter()
        .map(|name| {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "a command is named in lower case and underscores: {name}"
            );
            format!("    \"allow-{}\"", name.replace('_', "-"))
        })
        .collect();
    let text = format!(
        r#"{{
  "identifier": "main-window",
  "description": "What Hearth's own page may do: call Hearth's commands, nothing else. Written by build.rs from src/command_list.rs: edit the list, not this file.",
  "windows": [
    "main"
  ],
  "permissions": [
{}
  ]
}}
"#,
        permissions.join(",\n")
    );
    if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text).expect("capabilities/main.json can be written");
    }
}
