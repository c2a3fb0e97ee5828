fn main() {
    // Every command the page may call is listed here, so each one gets an
    // `allow-*` permission and nothing is callable unless a capability in
    // `capabilities/` grants it.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "get_state",
            "setup_couple",
            "set_writer",
            "update_partner",
        ]),
    ))
    .expect("failed to run tauri-build");
}
