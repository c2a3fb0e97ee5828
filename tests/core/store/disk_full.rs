//! A full disk: the save fails with a clear `storage` error, the file stays whole, earlier entries and the draft stay.

use hearth_core::ErrorKind;
use hearth_tests::safety::integrity;
use hearth_tests::By;
use hearth_tests::{note, Journal, OFFSET, SAM};

#[test]
fn a_full_disk_refuses_the_save_and_loses_nothing() {
    let mut j = Journal::new();
    let earlier: Vec<_> = (0..20)
        .map(|i| j.write(SAM, &format!("Entry {i}: the walk by the river.")))
        .collect();
    let long = "Everything I wanted to say tonight. ".repeat(1500);
    let draft = j
        .by(SAM)
        .journal()
        .save_draft("new", &serde_json::json!({ "body": long }))
        .unwrap();

    // The "disk" is now exactly as big as the file.
    let cap = j.hearth.limit_pages_for_tests(1).unwrap();
    assert!(
        cap > 1,
        "the cap can't go below the file's size ({cap} pages)"
    );
    let err = j
        .by(SAM)
        .journal()
        .create_entry(&note(&long), OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Storage,
        "a full disk is a storage error"
    );
    assert!(
        err.to_string().contains("the disk is full"),
        "the message says the disk is full: {err}"
    );
    assert!(err.to_string().contains("Nothing was lost"), "{err}");

    assert_eq!(
        j.by(SAM).journal().draft("new").unwrap(),
        Some(draft.clone()),
        "a draft saved before the failure is still there"
    );
    for e in &earlier {
        assert_eq!(
            j.by(SAM).journal().entry(e.id).unwrap(),
            *e,
            "earlier entries are intact"
        );
    }
    assert_eq!(
        integrity(&j.home.database()),
        "ok",
        "the database stays intact"
    );

    // Space comes back: the same save now works, and nothing was half-written.
    j.hearth.limit_pages_for_tests(u32::MAX - 1).unwrap();
    let saved = j
        .by(SAM)
        .journal()
        .create_entry(&note(&long), OFFSET)
        .unwrap();
    assert_eq!(
        saved.id,
        earlier.last().unwrap().id + 1,
        "the failed save left no row"
    );
    drop(j.hearth);
    assert_eq!(integrity(&j.home.database()), "ok");
}
