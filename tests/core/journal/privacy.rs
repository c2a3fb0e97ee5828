//! A private entry is shown to its author only: no function returns it, or anything about it, to the other partner.

use hearth_core::exchange::ExportOptions;
use hearth_core::journal::{EntryInput, RepairInput, TimelineFilter, TimelineQuery, Visibility};
use hearth_core::{ErrorKind, PartnerId};
use hearth_tests::By;
use hearth_tests::Exchange;
use hearth_tests::{note, Journal, ALEX, OFFSET, SAM};

const SECRET: &str = "zephyrsecret";

fn everything_alex_can_get(j: &mut Journal) -> String {
    let mut seen = String::new();
    let filters = [
        TimelineFilter::default(),
        TimelineFilter {
            author: Some(SAM),
            ..Default::default()
        },
        TimelineFilter {
            feeling: Some("hurt".into()),
            ..Default::default()
        },
        TimelineFilter {
            tag: Some("secret".into()),
            ..Default::default()
        },
        TimelineFilter {
            prompt_id: Some("hard-01".into()),
            ..Default::default()
        },
    ];
    for filter in filters {
        let page = j
            .by(ALEX)
            .journal()
            .timeline(&TimelineQuery {
                filter,
                limit: Some(100),
                ..Default::default()
            })
            .unwrap();
        seen.push_str(&serde_json::to_string(&page).unwrap());
    }
    seen.push_str(
        &serde_json::to_string(&j.by(ALEX).journal().search(SECRET, 100).unwrap()).unwrap(),
    );
    seen.push_str(
        &serde_json::to_string(&j.by(ALEX).journal().search("secret", 100).unwrap()).unwrap(),
    );
    seen.push_str(&serde_json::to_string(&j.by(ALEX).journal().trash().unwrap()).unwrap());
    seen.push_str(
        &j.by(ALEX)
            .memory_book(&ExportOptions {
                include_private: true,
            })
            .unwrap(),
    );
    seen.push_str(
        &j.by(ALEX)
            .export_text(&ExportOptions {
                include_private: true,
            })
            .unwrap(),
    );
    seen
}

#[test]
fn a_private_entry_is_never_returned_for_the_other_partner() {
    let mut j = Journal::new();
    j.write(ALEX, "Alex's shared entry.");
    let shared = j.write(SAM, "Sam's shared entry.");
    let count_before = j.by(ALEX).entry_count_for_tests().unwrap();
    let unread_before = j.by(ALEX).journal().unread_count().unwrap();

    let private = j.write_with(
        SAM,
        &EntryInput {
            title: Some(format!("title {SECRET}")),
            body: format!("Only for me: {SECRET}."),
            feeling: Some("hurt".into()),
            tags: vec!["secret".into()],
            visibility: Visibility::Private,
            prompt_id: Some("hard-01".into()),
        },
    );
    let repair = j
        .by(SAM)
        .journal()
        .create_repair(
            &RepairInput {
                what_i_did: format!("did {SECRET}"),
                how_it_affected_you: "affected".into(),
                what_i_feel: "feel".into(),
                what_i_will_do_differently: "change".into(),
                visibility: Visibility::Private,
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();

    // The author sees both, everywhere.
    assert_eq!(
        j.by(SAM).journal().entry(private.id).unwrap().body,
        private.body
    );
    assert_eq!(
        j.by(SAM).journal().search(SECRET, 10).unwrap().len(),
        2,
        "the author finds their private entries"
    );
    assert_eq!(j.by(SAM).entry_count_for_tests().unwrap(), 4);

    for id in [private.id, repair.id] {
        let not_found = |r: hearth_core::Result<_>, what: &str| {
            let err = r.map(|_: ()| ()).unwrap_err();
            assert_eq!(
                err.kind(),
                ErrorKind::NotFound,
                "{what}: the other partner gets not_found, never not_allowed ({err})"
            );
            assert!(!err.to_string().contains(SECRET));
        };
        not_found(j.by(ALEX).journal().entry(id).map(drop), "entry");
        not_found(j.by(ALEX).journal().thread(id).map(drop), "thread");
        not_found(j.by(ALEX).replies_for_tests(id).map(drop), "replies");
        not_found(
            j.by(ALEX).journal().reply(id, "hi", OFFSET).map(drop),
            "reply",
        );
        not_found(
            j.by(ALEX).journal().mark_read(id, OFFSET).map(drop),
            "mark read",
        );
        not_found(
            j.by(ALEX)
                .journal()
                .edit_entry(id, &note("x"), OFFSET)
                .map(drop),
            "edit",
        );
        not_found(j.by(ALEX).journal().delete_entry(id).map(drop), "delete");
        not_found(j.by(ALEX).journal().restore_entry(id).map(drop), "restore");
    }
    assert_eq!(
        j.by(ALEX).entry_count_for_tests().unwrap(),
        count_before,
        "private entries aren't counted for the other partner"
    );
    assert_eq!(
        j.by(ALEX).journal().unread_count().unwrap(),
        unread_before,
        "nor as unread"
    );
    let seen = everything_alex_can_get(&mut j);
    assert!(
        !seen.contains(SECRET),
        "no list, search, trash or export shows the other's private entry"
    );
    assert!(
        !seen.contains(&private.uid) && !seen.contains(&repair.uid),
        "not even its uid"
    );
    assert!(
        seen.contains("Sam's shared entry."),
        "shared entries are still there"
    );

    // Still nothing once it is in the trash, or after it has replies of its own author.
    j.by(SAM).journal().delete_entry(private.id).unwrap();
    let seen = everything_alex_can_get(&mut j);
    assert!(!seen.contains(SECRET));
    assert_eq!(j.by(SAM).journal().trash().unwrap().len(), 1);
    let _ = shared;
}

#[test]
fn the_author_cannot_reply_under_a_private_entry_or_hide_the_other_partners_words() {
    let mut j = Journal::new();
    let private = j.write_with(SAM, &hearth_tests::private_note("mine"));
    let err = j
        .by(SAM)
        .journal()
        .reply(private.id, "note to self", OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "private entries take no replies: {err}"
    );

    let shared = j.write(SAM, "ours");
    j.by(ALEX)
        .journal()
        .reply(shared.id, "Alex's reply", OFFSET)
        .unwrap();
    let before = j.dump();
    let err = j
        .by(SAM)
        .journal()
        .edit_entry(shared.id, &hearth_tests::private_note("ours"), OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "an entry the other partner replied to stays shared: {err}"
    );
    assert_eq!(j.dump(), before);

    let alone = j.write(SAM, "not answered yet");
    let hidden = j
        .by(SAM)
        .journal()
        .edit_entry(
            alone.id,
            &hearth_tests::private_note("not answered yet"),
            OFFSET,
        )
        .unwrap();
    assert_eq!(
        hidden.visibility,
        Visibility::Private,
        "an entry without replies can be made private"
    );
    assert_eq!(
        j.by(ALEX).journal().entry(alone.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn reads_need_a_partner_of_this_couple() {
    let mut j = Journal::new();
    for viewer in [PartnerId(0), PartnerId(3), PartnerId(-1)] {
        // Through the door everyone reads as the writer, and an unknown
        // partner can't become it.
        let err = j.hearth.set_writer(viewer).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::NotFound,
            "an unknown viewer sees nothing: {err}"
        );
    }
}
