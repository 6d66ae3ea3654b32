// Every command the window may call. `build.rs` includes this file to give
// each an `allow-…` permission, `capabilities/default.json` grants exactly
// these, and a test checks that both agree with `ui/src/lib/ipc.ts`.

/// The app's commands, as `invoke` names them.
pub const COMMANDS: &[&str] = &[
    "list_stories",
    "get_story",
    "create_story",
    "restore_story",
    "duplicate_story",
    "delete_story",
    "save_story",
    "analyze_story",
    "publish_story",
    "new_id",
    "import_story_text",
    "import_story_file",
    "export_story",
    "export_story_file",
    "plan_export",
    "outlet_names",
    "list_outlets",
    "save_outlet",
    "delete_outlet",
    "import_outlets_file",
    "export_outlets_file",
    "review_story",
    "read_article_text",
    "read_article_file",
    "choose_open_file",
    "choose_save_file",
    "choose_folder",
    "startup_notices",
    "list_backups",
    "restore_backup",
];
