//! Drafts (private, per editor, kept across a restart), appreciations (unread until marked) and the four-part repair entry.

use chrono::Duration;
use hearth_core::journal::{EntryKind, RepairInput, REPAIR_PARTS};
use hearth_core::ErrorKind;
use hearth_tests::By;
use hearth_tests::{note, Journal, ALEX, OFFSET, SAM};
use serde_json::json;

#[test]
fn a_draft_belongs_to_its_author_and_editor_and_survives_a_restart() {
    let mut j = Journal::new();
    let text = json!({"title": "Half a thought", "body": "I wanted to say"});
    j.by(SAM).journal().save_draft("new", &text).unwrap();
    j.by(SAM)
        .journal()
        .save_draft("reply:7", &json!({"body": "a reply"}))
        .unwrap();
    assert_eq!(
        j.by(ALEX).journal().draft("new").unwrap(),
        None,
        "a draft is private to its author"
    );
    assert_eq!(
        j.by(ALEX).drafts_for_tests().unwrap(),
        [],
        "the other partner has none"
    );

    // As if the app had crashed.
    j.reopen();
    let kept = j
        .by(SAM)
        .journal()
        .draft("new")
        .unwrap()
        .expect("the draft is still there");
    assert_eq!(kept.content, text, "a draft survives a restart exactly");
    assert_eq!(
        j.by(SAM).drafts_for_tests().unwrap().len(),
        2,
        "one draft per editor"
    );

    j.clock.advance(Duration::minutes(1));
    j.by(SAM)
        .journal()
        .save_draft("new", &json!({"body": "I wanted to say thank you"}))
        .unwrap();
    assert_eq!(
        j.by(SAM).journal().draft("new").unwrap().unwrap().content["body"],
        "I wanted to say thank you",
        "saving again replaces"
    );
    j.by(SAM).journal().clear_draft("new").unwrap();
    assert_eq!(
        j.by(SAM).journal().draft("new").unwrap(),
        None,
        "a cleared draft is gone"
    );
    assert!(
        j.by(SAM).journal().draft("reply:7").unwrap().is_some(),
        "other editors' drafts stay"
    );
    for bad in ["", "New Entry", "a/b", &"k".repeat(65)] {
        assert_eq!(
            j.by(SAM)
                .journal()
                .save_draft(bad, &json!({}))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidInput,
            "{bad:?}"
        );
    }
    let huge = json!({"body": "a".repeat(1_000_001)});
    assert_eq!(
        j.by(SAM)
            .journal()
            .save_draft("new", &huge)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn an_appreciation_waits_for_its_reader_until_marked_read() {
    let mut j = Journal::new();
    let a = j
        .by(SAM)
        .journal()
        .appreciate("  Thank you for making dinner. ", OFFSET)
        .unwrap();
    assert_eq!(
        (a.from, a.to, a.text.as_str()),
        (SAM, ALEX, "Thank you for making dinner.")
    );
    j.clock.advance(Duration::minutes(1));
    j.by(SAM)
        .journal()
        .appreciate("And for the walk.", OFFSET)
        .unwrap();
    assert_eq!(
        j.by(ALEX).journal().unread_appreciations().unwrap().len(),
        2,
        "unread thank-yous are listed for the one they are to"
    );
    assert!(
        j.by(SAM)
            .journal()
            .unread_appreciations()
            .unwrap()
            .is_empty(),
        "not for the one who wrote them"
    );
    let err = j
        .by(SAM)
        .journal()
        .mark_appreciation_read(a.id)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "only the recipient marks it read"
    );
    let read = j.by(ALEX).journal().mark_appreciation_read(a.id).unwrap();
    assert!(read.read_at.is_some());
    let again = j.by(ALEX).journal().mark_appreciation_read(a.id).unwrap();
    assert_eq!(
        again.read_at, read.read_at,
        "marking twice keeps the first time"
    );
    let unread = j.by(ALEX).journal().unread_appreciations().unwrap();
    assert_eq!(
        unread.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
        ["And for the walk."]
    );
    assert_eq!(
        j.by(SAM).appreciations_for_tests(10).unwrap().len(),
        2,
        "both can look back over them"
    );
    for bad in ["", "   ", &"a".repeat(281), "two\nlines"] {
        assert_eq!(
            j.by(SAM)
                .journal()
                .appreciate(bad, OFFSET)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidInput,
            "{bad:?}"
        );
    }
    assert!(
        j.by(SAM)
            .journal()
            .appreciate(&"é".repeat(280), OFFSET)
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
        .by(SAM)
        .journal()
        .create_repair(&repair(), OFFSET)
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
        j.by(ALEX).journal().search("awkward", 5).unwrap().len(),
        1,
        "repair parts are searchable"
    );
    j.by(ALEX)
        .journal()
        .reply(
            e.id,
            "Thank you. I'd like to talk about it tonight.",
            OFFSET,
        )
        .unwrap();
    assert_eq!(
        j.by(SAM).journal().entry(e.id).unwrap().reply_count,
        1,
        "a repair entry can be replied to"
    );

    j.clock.advance(Duration::hours(1));
    let mut changed = repair();
    changed.what_i_feel = "Ashamed.".into();
    let edited = j
        .by(SAM)
        .journal()
        .edit_repair(e.id, &changed, OFFSET)
        .unwrap();
    assert_eq!(edited.repair.unwrap().what_i_feel, "Ashamed.");
    assert!(edited.edited);
    let err = j
        .by(SAM)
        .journal()
        .edit_entry(e.id, &note("plain"), OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "a repair entry is changed part by part"
    );
    let err = j
        .by(ALEX)
        .journal()
        .edit_repair(e.id, &repair(), OFFSET)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed);

    let before = j.dump();
    let mut missing = repair();
    missing.how_it_affected_you = "  ".into();
    let err = j
        .by(SAM)
        .journal()
        .create_repair(&missing, OFFSET)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.to_string().contains("How it affected you"),
        "the message names the part: {err}"
    );
    assert_eq!(j.dump(), before);
}
