//! Search: finds words in titles, bodies, replies and repair parts; never the trash; typed text is only ever words, and snippets are plain text.

use hearth_core::journal::{search_terms, EntryInput, RepairInput, Segment};
use hearth_core::{ErrorKind, PartnerId};
use hearth_tests::{Journal, ALEX, OFFSET, SAM};
use proptest::prelude::*;

fn found(j: &Journal, viewer: PartnerId, query: &str) -> Vec<String> {
    j.store
        .search(viewer, query, 50)
        .unwrap_or_else(|e| panic!("searching {query:?}: {e}"))
        .into_iter()
        .map(|h| h.entry.body)
        .collect()
}

fn hit_words(snippet: &[Segment]) -> Vec<String> {
    snippet
        .iter()
        .filter(|s| s.hit)
        .map(|s| s.text.to_lowercase())
        .collect()
}

#[test]
fn search_finds_words_in_titles_bodies_replies_and_repair_parts() {
    let mut j = Journal::new();
    j.write_with(
        SAM,
        &EntryInput {
            title: Some("Lighthouse weekend".into()),
            body: "We drove north.".into(),
            ..Default::default()
        },
    );
    let walk = j.write(ALEX, "The evening walk by the canal was lovely.");
    j.store
        .reply(
            SAM,
            walk.id,
            "Let's go again, maybe with a thermos.",
            OFFSET,
            &j.clock,
        )
        .unwrap();
    j.store
        .create_repair(
            SAM,
            &RepairInput {
                what_i_did: "I forgot the appointment.".into(),
                how_it_affected_you: "You waited alone at the clinic.".into(),
                what_i_feel: "Ashamed.".into(),
                what_i_will_do_differently: "Shared calendar reminders.".into(),
                ..Default::default()
            },
            OFFSET,
            &j.clock,
        )
        .unwrap();
    j.write(SAM, "Walking helps me think.");

    assert_eq!(
        found(&j, ALEX, "lighthouse"),
        ["We drove north."],
        "titles are searched"
    );
    assert_eq!(
        found(&j, ALEX, "CANAL"),
        [walk.body.as_str()],
        "bodies are searched, any case"
    );
    let hits = j.store.search(SAM, "thermos", 10).unwrap();
    assert_eq!(hits.len(), 1, "replies are searched");
    assert_eq!(hits[0].entry.id, walk.id, "a reply leads to its entry");
    assert_eq!(
        hit_words(&hits[0].snippet),
        ["thermos"],
        "the snippet marks the word in the reply"
    );
    assert_eq!(
        found(&j, ALEX, "clinic").len(),
        1,
        "repair parts are searched"
    );
    assert_eq!(
        found(&j, ALEX, "evening walk").len(),
        1,
        "every word must be there"
    );
    assert!(found(&j, ALEX, "walk lighthouse").is_empty());
    assert_eq!(found(&j, ALEX, "café").len(), 0);
}

#[test]
fn search_ranks_and_skips_the_trash() {
    let mut j = Journal::new();
    let gone = j.write(SAM, "A garden plan we dropped.");
    j.write_with(
        SAM,
        &EntryInput {
            title: Some("Garden".into()),
            body: "Tomatoes this year.".into(),
            ..Default::default()
        },
    );
    j.store.delete_entry(SAM, gone.id, &j.clock).unwrap();
    for viewer in [SAM, ALEX] {
        assert_eq!(
            found(&j, viewer, "garden"),
            ["Tomatoes this year."],
            "nothing from the trash is found"
        );
    }
    j.store.restore_entry(SAM, gone.id).unwrap();
    assert_eq!(
        found(&j, ALEX, "garden").len(),
        2,
        "restored entries are found again"
    );
    assert_eq!(
        found(&j, ALEX, "garden")[0],
        "Tomatoes this year.",
        "a title hit ranks first"
    );
}

#[test]
fn fts_syntax_typed_in_search_is_only_words_and_changes_nothing() {
    let mut j = Journal::new();
    j.write(
        SAM,
        "We said AND we meant it: near the sea, not far (really) - yes \"quoted\" *stars*.",
    );
    let before = j.dump();
    let queries = [
        "\"",
        "\"\"",
        "*",
        "a*",
        "NEAR(a b)",
        "NEAR(sea meant, 2)",
        "(((",
        ")))",
        "AND OR NOT",
        "AND",
        "-",
        "-sea",
        ":",
        "body:sea",
        "title : x",
        "^sea",
        "sea OR",
        "\"sea",
        "sea\"",
        "{title}: sea",
        "+",
        "'",
        "`",
        "\\",
        "%",
        "_",
        "\0",
        "sea\u{E000}",
        "NOT sea",
        "near",
        "and",
        "quoted\"*",
        "[sea]",
    ];
    for q in queries {
        let result = j.store.search(ALEX, q, 10);
        if let Err(err) = &result {
            assert_eq!(
                err.kind(),
                ErrorKind::InvalidInput,
                "{q:?} is never a storage error: {err}"
            );
        }
    }
    assert_eq!(found(&j, ALEX, "AND").len(), 1, "AND is a word to look for");
    assert_eq!(
        found(&j, ALEX, "NEAR(the").len(),
        1,
        "NEAR( is a word to look for"
    );
    assert_eq!(
        found(&j, ALEX, "\"quoted\"").len(),
        1,
        "quotes are just characters"
    );
    assert_eq!(found(&j, ALEX, "(really)").len(), 1);
    assert!(found(&j, ALEX, "s*").is_empty(), "* is no wildcard");
    assert_eq!(j.dump(), before, "searching changes nothing");
}

#[test]
fn an_empty_search_is_a_clear_error() {
    let j = Journal::new();
    for q in ["", "   ", "\n\t"] {
        let err = j.store.search(SAM, q, 10).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{q:?}");
        assert!(
            err.to_string().contains("search"),
            "the message says what to do: {err}"
        );
    }
}

#[test]
fn markup_is_kept_as_exact_text_in_bodies_and_snippets() {
    let mut j = Journal::new();
    let body = "<img src=x onerror=alert(1)> and <script>alert('hi')</script> & &amp; done";
    let e = j.write(SAM, body);
    assert_eq!(
        j.store.entry(ALEX, e.id).unwrap().body,
        body,
        "bodies come back byte for byte"
    );
    let hits = j.store.search(ALEX, "onerror", 10).unwrap();
    let snippet: String = hits[0].snippet.iter().map(|s| s.text.as_str()).collect();
    assert!(
        snippet.contains("<img src=x onerror=alert(1)>"),
        "snippets are not HTML-escaped or stripped: {snippet}"
    );
    assert!(snippet.contains("<script>alert('hi')</script>"));
    assert!(
        !snippet.contains("<b>") && !snippet.contains("<mark>"),
        "hits are marked as segments, not tags"
    );
    assert_eq!(hit_words(&hits[0].snippet), ["onerror"]);
    let json = serde_json::to_value(&hits[0].snippet).unwrap();
    assert_eq!(
        json[0]["hit"], false,
        "segments reach the page as {{text, hit}}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_typed_text_becomes_quoted_words(raw in ".{0,60}") {
        match search_terms(&raw) {
            Err(err) => prop_assert!(raw.trim().is_empty(), "only blank text is refused, got {err} for {raw:?}"),
            Ok(None) => {}
            Ok(Some(q)) => {
                prop_assert!(q.starts_with('"') && q.ends_with('"'), "every term is quoted: {q}");
                prop_assert!(!q.contains('\0'), "control characters never reach MATCH");
            }
        }
    }
}

/// One journal for every generated case (opening one per case is slow).
fn shared_journal() -> &'static std::sync::Mutex<Journal> {
    static JOURNAL: std::sync::OnceLock<std::sync::Mutex<Journal>> = std::sync::OnceLock::new();
    JOURNAL.get_or_init(|| {
        let mut j = Journal::new();
        j.write(SAM, "a b NEAR AND OR NOT the (quick) \"fox\"");
        std::sync::Mutex::new(j)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_typed_text_searches_without_a_storage_error(raw in prop_oneof![
        ".{0,40}",
        "[\"*()\\-:^+{}NEARNDOT ab]{0,20}",
        "(NEAR|AND|OR|NOT|\\(|\\)|\"|\\*|-|:|\\^| |a|b){0,12}",
    ]) {
        let j = shared_journal().lock().unwrap();
        let result = j.store.search(ALEX, &raw, 10);
        if let Err(err) = result {
            prop_assert_eq!(err.kind(), ErrorKind::InvalidInput, "{:?} gave {}", raw, err);
        }
    }
}
