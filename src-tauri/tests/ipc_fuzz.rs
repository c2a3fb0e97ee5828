//! Every command refuses bad input through the IPC layer: no panic, a clear `{kind, message}`, and the database unchanged.
//!
//! The app's own command list (`hearth_app::with_commands`) runs on Tauri's
//! mock runtime with the app's real context, so each call also passes the
//! capability check exactly as the page's calls do. The commands to fuzz are
//! read from `capabilities/main.json` (which build.rs writes from `src/command_list.rs`), so a
//! command added there is fuzzed without touching this file. For each one,
//! proptest throws empty, huge, control-character, U+FFFD, NUL, wrong-type
//! and misnamed arguments, starting from a known-good call where this file
//! has one (`good_args`) and otherwise from the keys Tauri says are missing.
//!
//! A call is *refused* when it answers an error. A refused call must:
//! - answer Hearth's `{kind, message}` with a known kind and a short,
//!   non-empty message, or Tauri's own argument refusal (an argument that
//!   doesn't decode to the command's type never reaches Hearth; the page's
//!   `api.js` shows it as `invalid_input`);
//! - leave every row of every table exactly as it was.
//!
//! `HEARTH_FUZZ_CASES` sets the cases per command (default 32); the number
//! of inputs tried is printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use hearth_app::{with_background_state, with_commands, Shared, COMMANDS};
use hearth_core::{ErrorKind, FixedClock, Hearth};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindow, WebviewWindowBuilder};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// Granted commands this test does not call, and why.
const NOT_CALLED: &[(&str, &str)] = &[(
    "quit_hearth",
    "it ends the process, which the mock runtime can't do; it takes no arguments",
)];

/// The commands to call: every granted one but those in [`NOT_CALLED`].
fn fuzzed_commands() -> Vec<String> {
    capability_commands()
        .into_iter()
        .filter(|c| !NOT_CALLED.iter().any(|(n, _)| n == c))
        .collect()
}

/// The commands the page may call, from the capability file.
fn capability_commands() -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(MANIFEST).join("capabilities/main.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .map(|p| {
            let p = p.as_str().expect("permissions are names");
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("the page is granted only allow-<command>: {p}"))
                .replace('-', "_")
        })
        .collect()
}

/// The one list of commands (`src/command_list.rs`).
fn listed_commands() -> BTreeSet<String> {
    COMMANDS.iter().map(|c| c.to_string()).collect()
}

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    database: PathBuf,
    _home: tempfile::TempDir,
}

fn app() -> App {
    let home = tempfile::tempdir().unwrap();
    // Exports go to ~/Documents (or the data folder): keep them in here.
    std::env::set_var("HOME", home.path());
    std::env::remove_var("XDG_DOCUMENTS_DIR");
    let data = home.path().join("data");
    let clock = hearth_tests::clock();
    let mut hearth = Hearth::open(&data, Box::new(clock.clone()));
    hearth
        .setup_couple([hearth_tests::input("Sam"), hearth_tests::input("Alex")])
        .unwrap();
    seed(&mut hearth, &clock);
    // Passphrases are fuzzed last (they come last in the capability file);
    // cheap keys keep hundreds of tries quick.
    hearth.use_cheap_keys_for_tests();
    let database = hearth.database_path();
    let app = with_commands(with_background_state(mock_builder()))
        .manage(Shared::new(hearth))
        .build(tauri::generate_context!("tauri.conf.json", test = true))
        .expect("the app builds on the mock runtime");
    let window = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
        .build()
        .unwrap();
    App {
        _app: app,
        window,
        database,
        _home: home,
    }
}

/// An entry from each partner (one private), a reply, a thank-you, a
/// ritual, a commitment, a proposal and a snapshot, so ids the fuzz uses
/// are real rows.
fn seed(hearth: &mut Hearth, clock: &FixedClock) {
    use hearth_tests::{note, private_note, OFFSET};
    hearth
        .journal()
        .create_entry(&note("Sam's shared entry."), OFFSET)
        .unwrap();
    hearth.journal().reply(1, "A reply.", OFFSET).unwrap();
    hearth
        .journal()
        .appreciate("Thank you for the walk.", OFFSET)
        .unwrap();
    hearth.set_writer(hearth_tests::ALEX).unwrap();
    hearth
        .journal()
        .create_entry(&private_note("Alex's private entry."), OFFSET)
        .unwrap();
    hearth.set_writer(hearth_tests::SAM).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    hearth
        .rituals()
        .create(&hearth_tests::rituals::ritual(
            "Walk",
            "FREQ=DAILY",
            "07:30",
            start,
        ))
        .unwrap();
    let commitment: hearth_core::commitments::CommitmentInput = serde_json::from_value(json!({
        "title": "A text when I arrive", "startDate": "2026-11-16", "zone": "Europe/Berlin"}))
    .unwrap();
    hearth.commitments().create(&commitment).unwrap();
    // Commitment 2: a promise Alex proposed in Sam's name, for Sam to accept.
    let proposal: hearth_core::commitments::CommitmentInput = serde_json::from_value(json!({
        "title": "A call on Sundays", "owner": 1, "startDate": "2026-11-16", "zone": "Europe/Berlin"}))
    .unwrap();
    hearth.set_writer(hearth_tests::ALEX).unwrap();
    hearth.commitments().create(&proposal).unwrap();
    hearth.set_writer(hearth_tests::SAM).unwrap();
    clock.advance(chrono::Duration::days(2));
    hearth.backups().snapshot_if_due().unwrap();
}

enum Answer {
    Ok,
    /// Hearth's own `{kind, message}`.
    Hearth,
    /// Tauri refused the arguments before any Hearth code ran.
    Args,
}

fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

/// Checks an answer's shape; returns what kind of answer it was.
fn classify(cmd: &str, answer: &Result<Value, Value>) -> Result<Answer, String> {
    let err = match answer {
        Ok(_) => return Ok(Answer::Ok),
        Err(err) => err,
    };
    if let Some(text) = err.as_str() {
        // Tauri's own decoding: a value of the wrong type, or (for
        // `watch_reminders`) something that isn't one of its channels.
        let tauri_args = (text.starts_with("invalid args `")
            && text.contains(&format!("` for command `{cmd}`: ")))
            || text.starts_with("invalid channel value ");
        return if tauri_args {
            Ok(Answer::Args)
        } else {
            Err(format!(
                "a bare error that is not an argument refusal: {text:.300}"
            ))
        };
    }
    let obj = err
        .as_object()
        .ok_or(format!("an error that is not an object: {err:.300}"))?;
    let kinds: Vec<Value> = ErrorKind::ALL
        .iter()
        .map(|k| serde_json::to_value(k).unwrap())
        .collect();
    let keys: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
    if keys != BTreeSet::from(["kind", "message"]) {
        return Err(format!("an error is exactly {{kind, message}}: {err:.300}"));
    }
    if !kinds.contains(&obj["kind"]) {
        return Err(format!("an unknown kind: {}", obj["kind"]));
    }
    let message = obj["message"].as_str().unwrap_or_default();
    if message.trim().is_empty() || message.chars().count() > 400 {
        return Err(format!(
            "a message for people is short and not empty ({} chars): {message:.300}",
            message.chars().count()
        ));
    }
    if message.contains("SQL") || message.contains("constraint") || message.contains("panick") {
        return Err(format!(
            "a message for people, not for developers: {message:.300}"
        ));
    }
    Ok(Answer::Hearth)
}

/// A call known to be accepted, for the commands that take arguments; the
/// fuzz bends one part of it at a time. Commands not listed here start from
/// the keys Tauri reports missing.
fn good_args(cmd: &str) -> Option<Value> {
    let entry = json!({"title": "A title", "body": "Some words.", "feeling": "calm", "tags": ["walks"], "visibility": "shared"});
    let repair = json!({"title": null, "whatIDid": "I was late.", "howItAffectedYou": "You waited.",
        "whatIFeel": "Sorry.", "whatIWillDoDifferently": "Leave earlier.", "feeling": null, "tags": [], "visibility": "shared"});
    let ritual = json!({"title": "Morning coffee", "intention": "To start the day together.", "schedule": "FREQ=DAILY",
        "time": "07:30", "zone": "Europe/Berlin", "durationMinutes": 20, "startDate": "2026-11-16",
        "endDate": null, "forPartner": null, "reminderLeadMinutes": 10});
    let commitment = json!({"title": "A text when I arrive", "details": "For three months.", "owner": 1,
        "cadence": "FREQ=DAILY", "startDate": "2026-11-16", "zone": "Europe/Berlin", "reviewOn": "2027-02-16"});
    Some(match cmd {
        "setup_couple" => json!({"partners": [{"name": "Sam"}, {"name": "Alex"}]}),
        "set_writer" => json!({"partnerId": 1}),
        "update_partner" => json!({"partnerId": 1, "name": "Sam", "color": "#b4532a"}),
        "timeline" => json!({"query": {"limit": 10}, "jumpTo": "2026-11-22", "offsetMinutes": 60}),
        "get_entry" | "get_thread" | "delete_entry" | "restore_entry" => json!({"id": 1}),
        "create_entry" => json!({"input": entry, "offsetMinutes": 60}),
        "edit_entry" => json!({"id": 1, "input": entry, "offsetMinutes": 60}),
        "create_repair" => json!({"input": repair, "offsetMinutes": 60}),
        "edit_repair" => json!({"id": 1, "input": repair, "offsetMinutes": 60}),
        "reply" => json!({"entryId": 1, "body": "Thank you.", "offsetMinutes": 60}),
        "mark_read" => json!({"entryId": 1, "offsetMinutes": 60}),
        "search_journal" => json!({"query": "entry", "limit": 5}),
        "save_draft" => json!({"key": "new", "content": {"body": "half a thought"}}),
        "get_draft" | "clear_draft" => json!({"key": "new"}),
        "add_prompt" => json!({"category": "hopes", "text": "What are you looking forward to?"}),
        "prompt_of_the_day" | "skip_prompt" => json!({"date": "2026-11-24"}),
        "answer_prompt" => json!({"date": "2026-11-24", "input": entry, "offsetMinutes": 60}),
        "appreciate" => json!({"text": "Thank you.", "offsetMinutes": 60}),
        "mark_appreciation_read" => json!({"id": 1}),
        "export_markdown" => json!({"options": {"includePrivate": false}, "date": "2026-11-24"}),
        // The progress channel as the page's Channel.toJSON() sends it. The
        // mock runtime has no dialog plugin, so the file goes to the fixed
        // folder (the fallback) inside this test's home.
        "export_everything" => {
            json!({"options": {"includePrivate": true}, "date": "2026-11-24", "progress": "__CHANNEL__:7"})
        }
        "preview_backup" | "restore_backup" => {
            json!({"path": "backups/hearth-20261124T093000Z-daily.sqlite3"})
        }
        // Rituals, check-ins and commitments (ritual 1, commitment 1 and the
        // proposal 2 for Sam, the writer, are seeded).
        "list_rituals" => json!({"includeArchived": true}),
        "get_ritual" | "archive_ritual" | "restore_ritual" => json!({"id": 1}),
        "create_ritual_from_template" => {
            json!({"templateId": "morning-coffee", "zone": "Europe/Berlin", "today": "2026-11-24"})
        }
        "create_ritual" | "preview_ritual" => json!({"input": ritual}),
        "update_ritual" => json!({"id": 1, "input": ritual}),
        "set_ritual_active" => json!({"id": 1, "active": false}),
        "mark_ritual_done" => {
            json!({"ritualId": 1, "date": "2026-11-23", "note": "Lovely.", "toJournal": "shared", "offsetMinutes": 60})
        }
        "skip_ritual" => json!({"ritualId": 1, "date": "2026-11-23", "reason": "A cold."}),
        "undo_ritual_outcome" => json!({"ritualId": 1, "date": "2026-11-23"}),
        "ritual_history" => json!({"ritualId": 1, "from": "2026-11-01", "to": "2026-11-30"}),
        "one_ritual_consistency" => json!({"ritualId": 1}),
        "rituals_today" => json!({"date": "2026-11-24", "zone": "Europe/Berlin"}),
        "ritual_agenda" => json!({"from": "2026-11-24", "zone": "Europe/Berlin", "days": 7}),
        "export_rituals_ics" => json!({"ids": [1], "date": "2026-11-24"}),
        "submit_checkin" => {
            json!({"date": "2026-11-24", "input": {"trust": 3, "safety": 4, "closeness": 3,
            "communication": 4, "wentWell": "The walk.", "wasHard": "Sunday.", "needFromYou": "Patience."}, "offsetMinutes": 60})
        }
        "checkin_week" => json!({"date": "2026-11-24"}),
        "checkin_history" => json!({"limit": 5}),
        "set_checkin_week_start" => json!({"start": "Mon"}),
        "create_commitment" => json!({"input": commitment}),
        "update_commitment" => json!({"id": 1, "input": commitment}),
        "list_commitments" => json!({"includeEnded": true}),
        "check_off_commitment" => json!({"id": 1, "date": "2026-11-23", "note": "Done."}),
        "undo_check_off" => json!({"id": 1, "date": "2026-11-23"}),
        "set_commitment_ended" => json!({"id": 1, "ended": true}),
        "accept_commitment" => json!({"id": 2}),
        // The encrypted backup: saved to the fixed folder (no dialog here);
        // opening one is refused, as this laptop has a journal.
        "save_encrypted_backup" => json!({"passphrase": "a quiet morning walk",
            "repeat": "a quiet morning walk", "date": "2026-11-24"}),
        // Passphrases: Sam sets one, changes it, locks, unlocks, and a
        // recovery key that isn't Sam's is tried.
        "set_passphrase" => json!({"passphrase": "a long walk home", "repeat": "a long walk home"}),
        "change_passphrase" => json!({"current": "a long walk home",
            "passphrase": "a quiet harbour", "repeat": "a quiet harbour"}),
        "remove_passphrase" => json!({"current": "a quiet harbour"}),
        "unlock" => json!({"partnerId": 1, "passphrase": "a quiet harbour"}),
        "reset_passphrase" => {
            json!({"partnerId": 1, "recoveryKey": "7K2M-9QXD-4HBT-0WSA-PZ8N-3CEF-MV6R-1JYG",
            "passphrase": "a new morning", "repeat": "a new morning"})
        }
        _ => return None,
    })
}

/// The arguments Tauri asks for, one missing key at a time, each filled
/// with the first plain value it accepts.
fn discover_args(window: &WebviewWindow<MockRuntime>, cmd: &str) -> Value {
    let candidates = [
        json!(1),
        json!("2026-11-24"),
        json!("text"),
        json!(true),
        json!({}),
        json!([]),
    ];
    let mut args = Map::new();
    for _ in 0..16 {
        let answer = call(window, cmd, Value::Object(args.clone()));
        let Some(key) = answer
            .as_ref()
            .err()
            .and_then(Value::as_str)
            .and_then(|t| t.split("missing required key ").nth(1))
            .map(|k| k.trim().to_string())
        else {
            break;
        };
        let fits = candidates.iter().find(|v| {
            let mut trial = args.clone();
            trial.insert(key.clone(), (*v).clone());
            let answer = call(window, cmd, Value::Object(trial));
            !matches!(&answer, Err(Value::String(t)) if t.starts_with(&format!("invalid args `{key}`")))
        });
        args.insert(key, fits.unwrap_or(&candidates[0]).clone());
    }
    Value::Object(args)
}

/// Strings people would never mean to send, and some they might.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" \t\n ".to_string()),
        Just("\0".to_string()),
        Just("a\0b".to_string()),
        Just("\u{FFFD}\u{FFFD}".to_string()),
        Just("\u{202E}gnp.exe\u{200B}\u{FEFF}".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("'; DROP TABLE entries; --".to_string()),
        Just("\"hope\" OR body MATCH '*' NEAR(".to_string()),
        Just("../../../../etc/passwd".to_string()),
        Just("/etc/passwd".to_string()),
        Just("9999-99-99".to_string()),
        Just("2026-02-30".to_string()),
        Just("#zzzzzz".to_string()),
        Just("e\u{301}\u{1F469}\u{200D}\u{1F469}".to_string()),
        "[\\x00-\\x1f\\x7f]{1,64}",
        "\\PC{0,80}",
        (
            0usize..5,
            prop_oneof![
                Just('a'),
                Just('\0'),
                Just('\u{FFFD}'),
                Just('\n'),
                Just('🙂')
            ]
        )
            .prop_map(|(scale, c)| c
                .to_string()
                .repeat([1_000, 10_000, 100_000, 300_000, 1_000_001][scale])),
    ]
}

fn nasty_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(i64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(u64::MAX)),
        Just(json!(i32::MAX as i64 + 1)),
        Just(json!(1e308)),
        Just(json!(-0.0)),
        Just(json!(2.5)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(|f| json!(f)),
    ]
}

/// Any JSON value, often of the wrong type, now and then deep or wide.
fn nasty_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        nasty_number(),
        nasty_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    "[a-zA-Z]{1,12}",
                    Just("__proto__".to_string()),
                    Just("constructor".to_string()),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    /// One argument replaced.
    Replace(usize, Value),
    /// One field inside an object argument replaced.
    ReplaceField(usize, usize, Value),
    /// One argument left out.
    Remove(usize),
    /// An argument the command doesn't have.
    Extra(String, Value),
    /// Arguments that are not an object at all, or a random object.
    Whole(Value),
    /// A string, number or flag (an argument, or a field or item one level
    /// down) replaced by a nasty one of the same type, so the call decodes
    /// and reaches Hearth's own checks.
    Typed(usize, usize, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), nasty_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        4 => (any::<usize>(), any::<usize>(), nasty_value()).prop_map(|(i, j, v)| Mutation::ReplaceField(i, j, v)),
        1 => any::<usize>().prop_map(Mutation::Remove),
        1 => ("[a-zA-Z_]{1,16}", nasty_value()).prop_map(|(k, v)| Mutation::Extra(k, v)),
        1 => nasty_value().prop_map(Mutation::Whole),
        8 => (any::<usize>(), any::<usize>(), nasty_string(), nasty_number())
            .prop_map(|(i, j, text, n)| Mutation::Typed(i, j, text, n)),
    ]
}

fn apply(base: &Value, m: &Mutation) -> Value {
    let mut args = base.as_object().cloned().unwrap_or_default();
    let keys: Vec<String> = args.keys().cloned().collect();
    let pick = |i: usize| (!keys.is_empty()).then(|| keys[i % keys.len()].clone());
    match m {
        Mutation::Replace(i, v) => match pick(*i) {
            Some(k) => {
                args.insert(k, v.clone());
            }
            None => {
                args.insert("value".into(), v.clone());
            }
        },
        Mutation::ReplaceField(i, j, v) => {
            if let Some(k) = pick(*i) {
                match args.get_mut(&k) {
                    Some(Value::Object(inner)) if !inner.is_empty() => {
                        let field = inner.keys().nth(j % inner.len()).unwrap().clone();
                        inner.insert(field, v.clone());
                    }
                    Some(Value::Array(items)) if !items.is_empty() => {
                        let n = items.len();
                        items[j % n] = v.clone();
                    }
                    Some(slot) => *slot = v.clone(),
                    None => {}
                }
            }
        }
        Mutation::Remove(i) => {
            if let Some(k) = pick(*i) {
                args.remove(&k);
            }
        }
        Mutation::Extra(k, v) => {
            args.insert(k.clone(), v.clone());
        }
        Mutation::Whole(v) => return v.clone(),
        Mutation::Typed(i, j, text, n) => {
            if let Some(k) = pick(*i) {
                let slot = args.get_mut(&k).unwrap();
                let target = match slot {
                    Value::Object(inner) if !inner.is_empty() => {
                        let field = inner.keys().nth(j % inner.len()).unwrap().clone();
                        inner.get_mut(&field).unwrap()
                    }
                    Value::Array(items) if !items.is_empty() => {
                        let n = items.len();
                        &mut items[j % n]
                    }
                    other => other,
                };
                *target = match target {
                    Value::Number(_) => n.clone(),
                    Value::Bool(b) => Value::Bool(!*b),
                    _ => Value::String(text.clone()),
                };
            }
        }
    }
    Value::Object(args)
}

#[test]
fn the_fuzzed_commands_are_exactly_the_apps_commands() {
    let granted = capability_commands();
    let unique: BTreeSet<String> = granted.iter().cloned().collect();
    assert_eq!(unique.len(), granted.len(), "no command is granted twice");
    assert_eq!(
        unique,
        listed_commands(),
        "capabilities/main.json grants exactly the listed commands (build.rs writes it from the list)"
    );
    for (cmd, _) in NOT_CALLED {
        assert!(
            unique.contains(*cmd),
            "{cmd} is left out only while granted"
        );
    }
    let app = app();
    for cmd in &fuzzed_commands() {
        if let Err(Value::String(text)) = call(&app.window, cmd, json!({})) {
            assert!(
                !text.contains("not found") && !text.contains("not allowed"),
                "{cmd} is granted but the app doesn't handle it (the handler and the grant both come from command_list.rs): {text}"
            );
        }
    }
    // Nothing of Tauri's own API is granted to the page.
    for cmd in [
        "plugin:app|version",
        "plugin:path|resolve_directory",
        "plugin:event|emit",
        "plugin:webview|create_webview_window",
        "plugin:window|close",
        "plugin:dialog|save",
        "plugin:dialog|open",
        "plugin:dialog|message",
        "not_a_hearth_command",
    ] {
        let answer = call(&app.window, cmd, json!({}));
        assert!(
            answer.is_err(),
            "{cmd} is refused: the capability grants only Hearth's commands, got {answer:?}"
        );
    }
}

#[test]
fn every_command_refuses_bad_input_without_panicking_or_changing_anything() {
    let cases: u32 = std::env::var("HEARTH_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32);
    let app = app();
    let tried = AtomicUsize::new(0);
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    let mut started_from: BTreeMap<&str, Vec<String>> = BTreeMap::new();

    // The comparison can fail: an accepted write shows in the dump.
    let untouched = hearth_tests::dump(&app.database);
    let written = call(
        &app.window,
        "create_entry",
        good_args("create_entry").unwrap(),
    );
    assert!(written.is_ok(), "a good call is accepted: {written:?}");
    assert_ne!(
        hearth_tests::dump(&app.database),
        untouched,
        "the dump sees every write, so \"unchanged\" below means something"
    );

    // Lone surrogates can't be in a Rust string: the page's JSON is parsed by
    // serde_json in Tauri's IPC, which refuses them before any command runs.
    for text in [
        r#"{"body":"\ud800"}"#,
        r#"{"name":"a\udc00b"}"#,
        r#"["\udfff\ud800"]"#,
    ] {
        assert!(
            serde_json::from_str::<Value>(text).is_err(),
            "a lone surrogate never reaches a command: {text}"
        );
        tried.fetch_add(1, Ordering::Relaxed);
        *tally.entry("refused by the JSON parser").or_default() += 1;
    }

    for cmd in fuzzed_commands() {
        let (base, how) = match good_args(&cmd) {
            Some(args) => (args, "a known-good call"),
            None => (discover_args(&app.window, &cmd), "the keys Tauri asked for"),
        };
        started_from.entry(how).or_default().push(cmd.clone());
        let before = std::cell::RefCell::new(hearth_tests::dump(&app.database));
        let counts = std::cell::RefCell::new([0usize; 3]);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            max_shrink_iters: 200,
            ..Config::default()
        });
        let result = runner.run(&mutation(), |m| {
            let args = apply(&base, &m);
            tried.fetch_add(1, Ordering::Relaxed);
            let answer = call(&app.window, &cmd, args);
            let kind = classify(&cmd, &answer)
                .map_err(|why| TestCaseError::fail(format!("{cmd}: {why}")))?;
            let after = hearth_tests::dump(&app.database);
            match kind {
                Answer::Ok => {
                    counts.borrow_mut()[0] += 1;
                    *before.borrow_mut() = after;
                }
                Answer::Hearth | Answer::Args => {
                    counts.borrow_mut()[if matches!(kind, Answer::Hearth) { 1 } else { 2 }] += 1;
                    prop_assert!(
                        *before.borrow() == after,
                        "{cmd}: a refused call changed the database ({answer:?})"
                    );
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{cmd}: {e}");
        }
        let [ok, hearth, args] = *counts.borrow();
        *tally.entry("accepted").or_default() += ok;
        *tally
            .entry("refused by Hearth ({kind, message})")
            .or_default() += hearth;
        *tally
            .entry("refused by Tauri's argument decoding")
            .or_default() += args;
    }

    let total = tried.load(Ordering::Relaxed);
    println!(
        "ipc fuzz: {total} inputs tried on {} commands ({cases} cases each)",
        fuzzed_commands().len()
    );
    for (cmd, why) in NOT_CALLED {
        println!("  not called: {cmd} ({why})");
    }
    for (what, n) in &tally {
        println!("  {what}: {n}");
    }
    for (how, cmds) in &started_from {
        println!("  started from {how}: {}", cmds.join(", "));
    }
    assert!(
        tally
            .get("refused by Hearth ({kind, message})")
            .copied()
            .unwrap_or(0)
            > 0,
        "the fuzz reaches Hearth's own checks, not only Tauri's"
    );
}
