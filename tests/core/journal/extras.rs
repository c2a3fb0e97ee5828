//! Drafts (private, per editor, kept across a restart), appreciations (unread until marked) and the four-part repair entry.

use chrono::Duration;
use hearth_core::journal::{EntryKind, RepairInput, REPAIR_PARTS};
use hearth_core::{ErrorKind, Store};
use hearth_tests::{note, Journal, ALEX, OFFSET, SAM};
use serde_json::json;

#[test]
fn a_draft_belongs_to_its_author_and_editor_and_survives_a_restart() {
    let mut j = Journal::new();
    let text = json!({"title": "Half a thought", "body": "I wanted to say"});
    j.store.save_draft(SAM, "new", &text, &j.clock).unwrap();
    j.store
        .save_draft(SAM, "reply:7", &json!({"body": "a reply"}), &j.clock)
        .unwrap();
    assert_eq!(
        j.store.draft(ALEX, "new").unwrap(),
        None,
        "a draft is private to its author"
    );
    assert_eq!(
        j.store.drafts(ALEX).unwrap(),
        [],
        "the other partner has none"
    );

    // As if the app had crashed.
    let path = j.home.database();
    drop(std::mem::replace(&mut j.store, Store::open(&path).unwrap()));
    let kept = j
        .store
        .draft(SAM, "new")
        .unwrap()
        .expect("the draft is still there");
    assert_eq!(kept.content, text, "a draft survives a restart exactly");
    assert_eq!(
        j.store.drafts(SAM).unwrap().len(),
        2,
        "one draft per editor"
    );

    j.clock.advance(Duration::minutes(1));
    j.store
        .save_draft(
            SAM,
            "new",
            &json!({"body": "I wanted to say thank you"}),
            &j.clock,
        )
        .unwrap();
    assert_eq!(
        j.store.draft(SAM, "new").unwrap().unwrap().content["body"],
        "I wanted to say thank you",
        "saving again replaces"
    );
    j.store.clear_draft(SAM, "new").unwrap();
    assert_eq!(
        j.store.draft(SAM, "new").unwrap(),
        None,
        "a cleared draft is gone"
    );
    assert!(
        j.store.draft(SAM, "reply:7").unwrap().is_some(),
        "other editors' drafts stay"
    );
    for bad in ["", "New Entry", "a/b", &"k".repeat(65)] {
        assert_eq!(
            j.store
                .save_draft(SAM, bad, &json!({}), &j.clock)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidInput,
            "{bad:?}"
        );
    }
    let huge = json!({"body": "a".repeat(1_000_001)});
    assert_eq!(
        j.store
            .save_draft(SAM, "new", &huge, &j.clock)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn an_appreciation_waits_for_its_reader_until_marked_read() {
    let mut j = Journal::new();
    let a = j
        .store
        .appreciate(SAM, "  Thank you for making dinner. ", OFFSET, &j.clock)
        .unwrap();
    assert_eq!(
        (a.from, a.to, a.text.as_str()),
        (SAM, ALEX, "Thank you for making dinner.")
    );
    j.clock.advance(Duration::minutes(1));
    j.store
        .appreciate(SAM, "And for the walk.", OFFSET, &j.clock)
        .unwrap();
    assert_eq!(
        j.store.unread_appreciations(ALEX).unwrap().len(),
        2,
        "unread thank-yous are listed for the one they are to"
    );
    assert!(
        j.store.unread_appreciations(SAM).unwrap().is_empty(),
        "not for the one who wrote them"
    );
    let err = j
        .store
        .mark_appreciation_read(SAM, a.id, &j.clock)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "only the recipient marks it read"
    );
    let read = j
        .store
        .mark_appreciation_read(ALEX, a.id, &j.clock)
        .unwrap();
    assert!(read.read_at.is_some());
    let again = j
        .store
        .mark_appreciation_read(ALEX, a.id, &j.clock)
        .unwrap();
    assert_eq!(
        again.read_at, read.read_at,
        "marking twice keeps the first time"
    );
    let unread = j.store.unread_appreciations(ALEX).unwrap();
    assert_eq!(
        unread.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
        ["And for the walk."]
    );
    assert_eq!(
        j.store.appreciations(SAM, 10).unwrap().len(),
        2,
        "both can look back over them"
    );
    for bad in ["", "   ", &"a".repeat(281), "two\nlines"] {
        assert_eq!(
            j.store
                .appreciate(SAM, bad, OFFSET, &j.clock)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidInput,
            "{bad:?}"
        );
    }
    assert!(
        j.store
            .appreciate(SAM, &"é".repeat(280), OFFSET, &j.clock)
            .is_ok(),
        "280 characters fit"
    );
}

fn repair() -> RepairInput {
    RepairInput {
        what_i_did: "I missed your birthday dinner and lied about why.".into(),
        how_it_affected_you: "You felt forgotten, and then you felt lied to.".into(),
        what_i_feel: "Ashamed, and sad that I made it about me.".into(),
        what_i_will_do_differently: "I will tell you the truth even when it's awkward.".into(),
        ..Default::default()
    }
}

#[test]
fn a_repair_entry_keeps_its_four_parts_and_can_be_answered() {
    let mut j = Journal::new();
    assert_eq!(REPAIR_PARTS.len(), 4);
    for part in REPAIR_PARTS {
        assert!(
            !part.helper.is_empty() && !part.label.is_empty(),
            "every part has helper text"
        );
    }
    let e = j
        .store
        .create_repair(SAM, &repair(), OFFSET, &j.clock)
        .unwrap();
    assert_eq!(e.kind, EntryKind::Repair);
    let parts = e.repair.clone().expect("the parts are kept as sections");
    assert_eq!(
        parts.what_i_did,
        "I missed your birthday dinner and lied about why."
    );
    assert!(
        e.body.contains("birthday") && e.body.contains("truth"),
        "the body holds every part"
    );
    assert_eq!(
        j.store.search(ALEX, "awkward", 5).unwrap().len(),
        1,
        "repair parts are searchable"
    );
    j.store
        .reply(
            ALEX,
            e.id,
            "Thank you. I'd like to talk about it tonight.",
            OFFSET,
            &j.clock,
        )
        .unwrap();
    assert_eq!(
        j.store.entry(SAM, e.id).unwrap().reply_count,
        1,
        "a repair entry can be replied to"
    );

    j.clock.advance(Duration::hours(1));
    let mut changed = repair();
    changed.what_i_feel = "Ashamed.".into();
    let edited = j
        .store
        .edit_repair(SAM, e.id, &changed, OFFSET, &j.clock)
        .unwrap();
    assert_eq!(edited.repair.unwrap().what_i_feel, "Ashamed.");
    assert!(edited.edited);
    let err = j
        .store
        .edit_entry(SAM, e.id, &note("plain"), OFFSET, &j.clock)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "a repair entry is changed part by part"
    );
    let err = j
        .store
        .edit_repair(ALEX, e.id, &repair(), OFFSET, &j.clock)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed);

    let before = j.dump();
    let mut missing = repair();
    missing.how_it_affected_you = "  ".into();
    let err = j
        .store
        .create_repair(SAM, &missing, OFFSET, &j.clock)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.to_string().contains("How it affected you"),
        "the message names the part: {err}"
    );
    assert_eq!(j.dump(), before);
}
