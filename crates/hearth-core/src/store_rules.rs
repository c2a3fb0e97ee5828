//! Rules of the store itself, which only the core can reach (`Store` is
//! crate-private, so the integration tests go through the door): settings
//! that survive reopening, and the defence under the door's own check that
//! a locked partner's private words are never written plain.

use chrono::{TimeZone, Utc};

use crate::clock::FixedClock;
use crate::couple::{PartnerId, PartnerInput};
use crate::error::ErrorKind;
use crate::hearth::Hearth;
use crate::journal::{EntryInput, Visibility};
use crate::store::{Store, DATABASE_FILE};

const SAM: PartnerId = PartnerId(1);

fn clock() -> FixedClock {
    FixedClock::at(Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap())
}

fn partner(name: &str) -> PartnerInput {
    PartnerInput {
        name: name.into(),
        color: None,
    }
}

/// Every file under `dir` that holds `word` (UTF-8).
fn found_in_files(dir: &std::path::Path, word: &str) -> Vec<String> {
    let mut found = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        if bytes.windows(word.len()).any(|w| w == word.as_bytes()) {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn settings_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    Store::open(&path)
        .unwrap()
        .set_setting("theme", "dusk")
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.setting("theme").unwrap().as_deref(), Some("dusk"));
    assert_eq!(store.setting("missing").unwrap(), None);
}

#[test]
fn a_locked_partners_private_entry_is_refused_by_the_store_itself_never_written_plain() {
    let dir = tempfile::tempdir().unwrap();
    let mut hearth = Hearth::open(dir.path(), Box::new(clock()));
    hearth
        .setup_couple([partner("Sam"), partner("Alex")])
        .unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth
        .set_passphrase("the lighthouse at dawn", "the lighthouse at dawn")
        .unwrap();
    hearth.lock().unwrap();
    // Straight to the store, without the door's key: refused, never plain.
    let private = EntryInput {
        body: "neverplaincanary".into(),
        visibility: Visibility::Private,
        ..Default::default()
    };
    let refused = hearth
        .store()
        .unwrap()
        .create_entry(SAM, &private, 60, &clock())
        .unwrap_err();
    assert_eq!(
        refused.kind(),
        ErrorKind::NotAllowed,
        "a private entry of a partner with a passphrase is never written plain, even without the key"
    );
    drop(hearth);
    assert!(found_in_files(dir.path(), "neverplaincanary").is_empty());
}
