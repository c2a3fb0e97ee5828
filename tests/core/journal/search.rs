//! Search: finds words in titles, bodies, replies and repair parts; never the trash; typed text is only ever words, and snippets are plain text.

use hearth_core::journal::{search_terms, EntryInput, RepairInput, Segment};
use hearth_core::{ErrorKind, PartnerId};
use hearth_tests::By;
use hearth_tests::{Journal, ALEX, OFFSET, SAM};
use proptest::prelude::*;

fn found(j: &mut Journal, viewer: PartnerId, query: &str) -> Vec<String> {
    j.by(viewer)
        .journal()
        .search(query, 50)
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
    j.by(SAM)
        .journal()
        .reply(walk.id, "Let's go again, maybe with a thermos.", OFFSET)
        .unwrap();
    j.by(SAM)
        .journal()
        .create_repair(
            &RepairInput {
                what_i_did: "I forgot the appointment.".into(),
                how_it_affected_you: "You waited alone at the clinic.".into(),
                what_i_feel: "Ashamed.".into(),
                what_i_will_do_differently: "Shared calendar reminders.".into(),
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    j.write(SAM, "Walking helps me think.");

    assert_eq!(
        found(&mut j, ALEX, "lighthouse"),
        ["We drove north."],
        "titles are searched"
    );
    assert_eq!(
        found(&mut j, ALEX, "CANAL"),
        [walk.body.as_str()],
        "bodies are searched, any case"
    );
    let hits = j.by(SAM).journal().search("thermos", 10).unwrap();
    assert_eq!(hits.len(), 1, "replies are searched");
    assert_eq!(hits[0].entry.id, walk.id, "a reply leads to its entry");
    assert_eq!(
        hit_words(&hits[0].snippet),
        ["thermos"],
        "the snippet marks the word in the reply"
    );
    assert_eq!(
        found(&mut j, ALEX, "clinic").len(),
        1,
        "repair parts are searched"
    );
    assert_eq!(
        found(&mut j, ALEX, "evening walk").len(),
        1,
        "every word must be there"
    );
    assert!(found(&mut j, ALEX, "walk lighthouse").is_empty());
    assert_eq!(found(&mut j, ALEX, "café").len(), 0);
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
    j.by(SAM).journal().delete_entry(gone.id).unwrap();
    for viewer in [SAM, ALEX] {
        assert_eq!(
            found(&mut j, viewer, "garden"),
            ["Tomatoes this year."],
            "nothing from the trash is found"
        );
    }
    j.by(SAM).journal().restore_entry(gone.id).unwrap();
    assert_eq!(
        found(&mut j, ALEX, "garden").len(),
        2,
        "restored entries are found again"
    );
    assert_eq!(
        found(&mut j, ALEX, "garden")[0],
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
        let result = j.by(ALEX).journal().search(q, 10);
        if let Err(err) = &result {
            assert_eq!(
                err.kind(),
                ErrorKind::InvalidInput,
                "{q:?} is never a storage error: {err}"
            );
        }
    }
    assert_eq!(
        found(&mut j, ALEX, "AND").len(),
        1,
        "AND is a word to look for"
    );
    assert_eq!(
        found(&mut j, ALEX, "NEAR(the").len(),
        1,
        "NEAR( is a word to look for"
    );
    assert_eq!(
        found(&mut j, ALEX, "\"quoted\"").len(),
        1,
        "quotes are just characters"
    );
    assert_eq!(found(&mut j, ALEX, "(really)").len(), 1);
    assert!(
        found(&mut j, ALEX, "*").is_empty(),
        "a * alone is no wildcard"
    );
    assert!(
        found(&mut j, ALEX, "x*").is_empty(),
        "a * ends a word's beginning, nothing more"
    );
    assert_eq!(j.dump(), before, "searching changes nothing");
}

#[test]
fn an_empty_search_is_a_clear_error() {
    let mut j = Journal::new();
    for q in ["", "   ", "\n\t"] {
        let err = j.by(SAM).journal().search(q, 10).unwrap_err();
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
        j.by(ALEX).journal().entry(e.id).unwrap().body,
        body,
        "bodies come back byte for byte"
    );
    let hits = j.by(ALEX).journal().search("onerror", 10).unwrap();
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
                prop_assert!(
                    only_quoted_strings(&q),
                    "every term is one quoted string, at most followed by *: {}", q
                );
                prop_assert!(!q.contains('\0'), "control characters never reach MATCH");
                let words: usize = q.split('"').skip(1).step_by(2).map(|s| s.split_whitespace().count()).sum();
                prop_assert!(words <= 16, "at most 16 words are looked for: {}", q);
            }
        }
    }
}

/// Whether `q` is only FTS5 strings (`"..."` holding no quote), each at
/// most followed by `*`, separated by single spaces: no operator, column
/// filter, NEAR or parenthesis can reach MATCH.
fn only_quoted_strings(q: &str) -> bool {
    tokens_of(q).is_some_and(|terms| !terms.is_empty())
}

/// The strings of `q` (each with its `*`), or `None` if anything else is in it.
fn tokens_of(q: &str) -> Option<Vec<String>> {
    let mut terms = Vec::new();
    let mut rest = q;
    while !rest.is_empty() {
        let inner = rest.strip_prefix('"')?;
        let close = inner.find('"')?;
        let mut end = 1 + close + 1;
        if rest[end..].starts_with('*') {
            end += 1;
        }
        terms.push(rest[..end].to_string());
        rest = &rest[end..];
        if !rest.is_empty() {
            rest = rest.strip_prefix(' ')?;
            if rest.is_empty() {
                return None;
            }
        }
    }
    Some(terms)
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
        let mut j = shared_journal().lock().unwrap();
        let result = j.by(ALEX).journal().search(&raw, 10);
        if let Err(err) = result {
            prop_assert_eq!(err.kind(), ErrorKind::InvalidInput, "{:?} gave {}", raw, err);
        }
    }
}

fn lanternfish() -> Journal {
    let mut j = Journal::new();
    j.write(SAM, "The lanternfish glow at night.");
    j.write(ALEX, "We watched the glow, lanternfish everywhere.");
    j
}

#[test]
fn quotes_mean_a_phrase() {
    let mut j = lanternfish();
    assert_eq!(
        found(&mut j, ALEX, "\"glow lanternfish\""),
        ["We watched the glow, lanternfish everywhere."],
        "a quoted phrase finds its words side by side, in that order"
    );
    assert_eq!(
        found(&mut j, ALEX, "\"lanternfish glow\""),
        ["The lanternfish glow at night."],
        "the same words the other way round are another phrase"
    );
    assert_eq!(
        found(&mut j, ALEX, "glow lanternfish").len(),
        2,
        "without quotes the words may be anywhere"
    );
    assert_eq!(
        found(&mut j, ALEX, "night \"glow lanternfish\"").len(),
        0,
        "a phrase and a word are both required"
    );
}

#[test]
fn a_trailing_star_and_the_last_word_typed_match_the_beginning_of_words() {
    let mut j = lanternfish();
    assert_eq!(
        found(&mut j, ALEX, "lantern*").len(),
        2,
        "lantern* finds lanternfish"
    );
    assert_eq!(
        found(&mut j, ALEX, "lantern* night").len(),
        1,
        "a * works on any word"
    );
    assert_eq!(
        found(&mut j, ALEX, "lantern").len(),
        2,
        "while typing, the last word matches as a beginning"
    );
    assert_eq!(
        found(&mut j, ALEX, "glow lant").len(),
        2,
        "the last word is a beginning after other words too"
    );
    assert!(
        found(&mut j, ALEX, "lant glow").is_empty(),
        "a word before the last one, without *, must be whole"
    );
    assert!(
        found(&mut j, ALEX, "glow la").is_empty() && found(&mut j, ALEX, "la*").is_empty(),
        "a beginning is three letters or more; shorter ones are whole words"
    );
    assert!(
        found(&mut j, ALEX, "\"lanternfish glo\"").is_empty(),
        "a closed phrase is whole words"
    );
    assert_eq!(
        found(&mut j, ALEX, "\"lanternfish glo\"*"),
        ["The lanternfish glow at night."],
        "a * after a phrase makes its last word a beginning"
    );
    assert_eq!(
        found(&mut j, ALEX, "\"lanternfish glo"),
        ["The lanternfish glow at night."],
        "a phrase still being typed (no closing quote) ends in a beginning"
    );
}

#[test]
fn words_in_any_script_can_be_searched_by_their_beginning() {
    let mut j = Journal::new();
    j.write(SAM, "Café au lait on the balcony.");
    j.write(ALEX, "東京タワー の 夜景 was beautiful.");
    j.write(SAM, "Ελπίδα: hope, in Greek.");
    assert_eq!(found(&mut j, ALEX, "cafe").len(), 1, "accents are optional");
    assert_eq!(found(&mut j, ALEX, "caf* lait").len(), 1);
    assert_eq!(
        found(&mut j, ALEX, "東京タ").len(),
        1,
        "a word's beginning, in any script"
    );
    assert_eq!(found(&mut j, ALEX, "ελπ").len(), 1, "in any case");
}

#[test]
fn no_typed_text_reaches_sqlite_as_syntax() {
    let mut j = Journal::new();
    j.write(
        SAM,
        "Or not, near sea and far: the sea (a b) said yes; we agreed and went on.",
    );
    let before = j.dump();
    let hostile = [
        "\"a\" OR \"b\"",
        "sea OR",
        "sea OR zebra",
        "NOT sea",
        "sea NOT said",
        "sea AND NOT said",
        "NEAR(sea said)",
        "NEAR(\"sea\" \"said\", 2)",
        "(a OR b) AND NOT c",
        "***",
        "\"*\"",
        "*\"sea\"",
        "\"sea\"**",
        "\"\" \"\" \"\"",
        "\"\"\"\"",
        "sea\"said\"yes",
        "^\"sea\"",
        "body:\"sea\"",
        "{title body}: sea",
        "-sea -",
        "sea -said",
        "+sea",
        "sea*said*",
        "a\u{200B}b",
        "\u{0301}\u{093E}",
        "🌊 sea",
        "مرحبا sea",
        "sea \u{E000}\u{E001} said",
        "'sea'",
        "sea; DROP TABLE entries; --",
        "x' OR '1'='1",
    ];
    for q in hostile {
        match j.by(ALEX).journal().search(q, 10) {
            Ok(_) => {}
            Err(err) => assert_eq!(
                err.kind(),
                ErrorKind::InvalidInput,
                "{q:?} is searched as text or refused in words, never a storage error: {err}"
            ),
        }
    }
    assert_eq!(
        found(&mut j, ALEX, "NOT sea").len(),
        1,
        "NOT is a word to look for, not an operator"
    );
    assert_eq!(
        found(&mut j, ALEX, "sea OR zebra").len(),
        0,
        "OR is a word to look for: every word must be there"
    );
    assert_eq!(
        found(&mut j, ALEX, "NEAR(sea said)").len(),
        1,
        "NEAR( is text: near, sea and said are looked for"
    );
    assert_eq!(
        found(&mut j, ALEX, "sea -said").len(),
        1,
        "a - doesn't leave a word out"
    );
    let long = "sea ".repeat(1000);
    assert_eq!(
        found(&mut j, ALEX, &long).len(),
        1,
        "a very long query looks for its first words"
    );
    let long_phrase = format!("\"{}\"", "sea ".repeat(1000));
    assert!(j.by(ALEX).journal().search(&long_phrase, 10).is_ok());
    assert_eq!(j.dump(), before, "searching changes nothing");
}
