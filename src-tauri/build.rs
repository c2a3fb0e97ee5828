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
            "journal_words",
            "timeline",
            "get_entry",
            "get_thread",
            "create_entry",
            "edit_entry",
            "create_repair",
            "edit_repair",
            "reply",
            "mark_read",
            "unread_count",
            "delete_entry",
            "restore_entry",
            "list_trash",
            "empty_trash",
            "search_journal",
            "save_draft",
            "get_draft",
            "clear_draft",
            "list_prompts",
            "add_prompt",
            "prompt_of_the_day",
            "skip_prompt",
            "answer_prompt",
            "appreciate",
            "unread_appreciations",
            "mark_appreciation_read",
            "export_json",
            "export_markdown",
            "import_json",
            "report_ready",
        ]),
    ))
    .expect("failed to run tauri-build");
}
