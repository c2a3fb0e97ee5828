//! Export and import: a JSON round trip reproduces every field, twice adds nothing, bad files change nothing; the Markdown book respects privacy.

use chrono::{Duration, NaiveDate};
use hearth_core::exchange::{ExportFile, ExportOptions};
use hearth_core::journal::{EntryInput, RepairInput, TimelineQuery, Visibility};
use hearth_core::{ErrorKind, Hearth, PartnerId};
use hearth_tests::By;
use hearth_tests::Exchange;
use hearth_tests::{note, private_note, Journal, TempHearth, ALEX, OFFSET, SAM};

const ALL: ExportOptions = ExportOptions {
    include_private: true,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A journal with one of everything, written over a few weeks.
fn rich() -> Journal {
    let mut j = Journal::new();
    let tick = |j: &mut Journal| j.clock.advance(Duration::hours(7));
    let first = j.write_with(
        SAM,
        &EntryInput {
            title: Some("Sunday".into()),
            body: "We cooked together.\n\nIt felt easy again.".into(),
            feeling: Some("close".into()),
            tags: vec!["food".into(), "us".into()],
            prompt_id: Some("thanks-10".into()),
            ..Default::default()
        },
    );
    tick(&mut j);
    j.by(ALEX)
        .journal()
        .reply(first.id, "I noticed that too.", -300)
        .unwrap();
    tick(&mut j);
    j.by(ALEX).journal().mark_read(first.id, -300).unwrap();
    j.write_with(ALEX, &private_note("Alex's private page."));
    j.write_with(SAM, &private_note("Sam's private page."));
    tick(&mut j);
    j.by(SAM)
        .journal()
        .create_repair(
            &RepairInput {
                title: Some("About the phone".into()),
                what_i_did: "I hid my phone.".into(),
                how_it_affected_you: "You felt shut out.".into(),
                what_i_feel: "Sorry.".into(),
                what_i_will_do_differently: "Phone stays on the table.".into(),
                feeling: Some("sad".into()),
                tags: vec!["repair".into()],
                visibility: Visibility::Shared,
            },
            OFFSET,
        )
        .unwrap();
    let edited = j.write(ALEX, "Before editing.");
    tick(&mut j);
    j.by(ALEX)
        .journal()
        .edit_entry(edited.id, &note("After editing."), 120)
        .unwrap();
    let trashed = j.write(SAM, "Changed my mind.");
    j.by(SAM).journal().delete_entry(trashed.id).unwrap();
    let custom = j
        .by(ALEX)
        .journal()
        .add_prompt("hopes", "What would our perfect Saturday be?")
        .unwrap();
    j.write_with(
        SAM,
        &EntryInput {
            body: "Slow breakfast.".into(),
            prompt_id: Some(custom.id),
            ..Default::default()
        },
    );

    for d in [20, 21, 22] {
        tick(&mut j);
        j.by(SAM).journal().prompt_of_the_day(day(d)).unwrap();
    }
    j.by(ALEX).journal().skip_prompt(day(21)).unwrap();
    for (who, d, body) in [
        (SAM, 20, "Sam on the 20th."),
        (ALEX, 20, "Alex on the 20th."),
        (SAM, 21, "Sam alone on the 21st."),
        (ALEX, 22, "Alex alone on the 22nd."),
    ] {
        tick(&mut j);
        j.by(who)
            .journal()
            .answer_prompt(day(d), &note(body), OFFSET)
            .unwrap();
    }
    tick(&mut j);
    let thanks = j
        .by(SAM)
        .journal()
        .appreciate("Thank you for the tea.", OFFSET)
        .unwrap();
    tick(&mut j);
    j.by(ALEX)
        .journal()
        .mark_appreciation_read(thanks.id)
        .unwrap();
    j.by(ALEX)
        .journal()
        .appreciate("Thanks for listening.", -300)
        .unwrap();
    j
}

/// A Hearth on a new, empty data folder, on `j`'s clock.
fn empty(home: &TempHearth, j: &Journal) -> Hearth {
    Hearth::open(home.path(), Box::new(j.clock.clone()))
}

fn export(hearth: &mut Hearth, viewer: PartnerId) -> ExportFile {
    hearth.by(viewer).export_file(&ALL).unwrap()
}

#[test]
fn an_export_read_back_reproduces_every_field() {
    let mut j = rich();
    let text = j.by(SAM).export_text(&ALL).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (json["format"].as_str(), json["version"].as_u64()),
        (Some("hearth-export"), Some(2)),
        "an export says it is a Hearth export of version 2 (everything)"
    );

    let home = TempHearth::new();
    let mut copy = empty(&home, &j);
    let report = copy.import_text(&text).unwrap();
    assert!(
        report.couple_set_up,
        "an empty journal takes the couple from the file"
    );
    assert_eq!(
        copy.state().unwrap().partners,
        j.hearth.state().unwrap().partners,
        "names and colours come along"
    );
    assert_eq!(
        export(&mut copy, SAM),
        export(&mut j.hearth, SAM),
        "a round trip reproduces every exported field"
    );
    let strip = |hearth: &mut Hearth| -> Vec<serde_json::Value> {
        let page = hearth
            .by(SAM)
            .journal()
            .timeline(&TimelineQuery {
                limit: Some(100),
                ..Default::default()
            })
            .unwrap();
        page.entries
            .iter()
            .map(|e| {
                let mut v = serde_json::to_value(e).unwrap();
                v.as_object_mut().unwrap().remove("id");
                v
            })
            .collect()
    };
    assert_eq!(
        strip(&mut copy),
        strip(&mut j.hearth),
        "the timeline reads the same after import"
    );
    assert_eq!(
        copy.by(SAM).journal().trash().unwrap().len(),
        1,
        "the exporter's trash comes along"
    );
    assert!(
        text.contains("Sam's private page."),
        "asked for, the exporter's private entries are in it"
    );
    assert!(
        !text.contains("Alex's private page."),
        "the other partner's private entries never are"
    );
    assert!(
        !text.contains("Alex alone on the 22nd."),
        "nor their answers the exporter may not see yet"
    );
    let plain = j.by(SAM).export_text(&ExportOptions::default()).unwrap();
    assert!(
        !plain.contains("Sam's private page."),
        "by default no private entries are exported"
    );
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let mut j = rich();
    let text = j.by(SAM).export_text(&ALL).unwrap();
    let home = TempHearth::new();
    let mut copy = empty(&home, &j);
    copy.import_text(&text).unwrap();
    let before = hearth_tests::dump(&home.database());
    let again = copy.import_text(&text).unwrap();
    assert_eq!(
        (
            again.entries_added,
            again.replies_added,
            again.reads_added,
            again.appreciations_added,
            again.prompts_added,
            again.days_added
        ),
        (0, 0, 0, 0, 0, 0),
        "{again:?}"
    );
    assert_eq!(
        hearth_tests::dump(&home.database()),
        before,
        "a second import changes nothing"
    );

    let mut original = j;
    let before = original.dump();
    original.hearth.import_text(&text).unwrap();
    assert_eq!(
        original.dump(),
        before,
        "importing a journal's own export into it changes nothing"
    );
}

#[test]
fn both_partners_exports_merge_into_the_whole_journal() {
    let mut j = rich();
    let home = TempHearth::new();
    let mut merged = empty(&home, &j);
    for viewer in [SAM, ALEX] {
        let text = j.by(viewer).export_text(&ALL).unwrap();
        merged.import_text(&text).unwrap();
    }
    for viewer in [SAM, ALEX] {
        assert_eq!(
            export(&mut merged, viewer),
            export(&mut j.hearth, viewer),
            "partner {} sees the same journal",
            viewer.0
        );
    }
}

#[test]
fn partners_are_matched_by_id_and_names_here_are_kept() {
    let mut j = rich();
    let text = j.by(SAM).export_text(&ALL).unwrap();
    let home = TempHearth::new();
    let mut hearth = home.open();
    hearth
        .setup_couple([hearth_tests::input("Robin"), hearth_tests::input("Kai")])
        .unwrap();
    drop(hearth);
    let mut other = empty(&home, &j);
    let report = other.import_text(&text).unwrap();
    assert!(!report.couple_set_up);
    let names: Vec<_> = other
        .state()
        .unwrap()
        .partners
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(
        names,
        ["Robin", "Kai"],
        "an import never renames the couple"
    );
    let page = other
        .by(SAM)
        .journal()
        .timeline(&TimelineQuery {
            filter: hearth_core::journal::TimelineFilter {
                author: Some(SAM),
                ..Default::default()
            },
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    assert!(
        page.entries.iter().any(|e| e.body == "Sam's private page."),
        "partner 1's entries belong to partner 1 here"
    );
}

#[test]
fn a_malformed_foreign_or_newer_file_is_refused_and_changes_nothing() {
    let mut j = rich();
    let good: serde_json::Value =
        serde_json::from_str(&j.by(SAM).export_text(&ALL).unwrap()).unwrap();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        v.to_string()
    };
    let last = good["entries"].as_array().unwrap().len() - 1;
    let cases: Vec<(&str, String)> = vec![
        ("not JSON", "this is not json {".into()),
        (
            "truncated",
            good.to_string()[..good.to_string().len() / 2].to_string(),
        ),
        ("empty object", "{}".into()),
        ("a JSON array", "[1,2,3]".into()),
        (
            "foreign format",
            with(&|v| v["format"] = "other-app".into()),
        ),
        ("newer version", with(&|v| v["version"] = 3.into())),
        ("version as text", with(&|v| v["version"] = "1".into())),
        (
            "empty body in the last entry",
            with(&|v| v["entries"][last]["body"] = "".into()),
        ),
        (
            "body too long",
            with(&|v| v["entries"][last]["body"] = "a".repeat(100_001).into()),
        ),
        (
            "unknown feeling",
            with(&|v| v["entries"][last]["feeling"] = "furious".into()),
        ),
        (
            "unknown author",
            with(&|v| v["entries"][last]["author"] = 3.into()),
        ),
        (
            "repeated uid",
            with(&|v| v["entries"][last]["uid"] = v["entries"][0]["uid"].clone()),
        ),
        ("bad uid", with(&|v| v["entries"][last]["uid"] = "x".into())),
        (
            "unknown prompt",
            with(&|v| v["entries"][0]["promptId"] = "nope-01".into()),
        ),
        (
            "offset out of range",
            with(&|v| v["entries"][last]["createdOffset"] = 2000.into()),
        ),
        (
            "bad tags",
            with(&|v| v["entries"][last]["tags"] = serde_json::json!(["UPPER"])),
        ),
        (
            "missing field",
            with(&|v| {
                v["entries"][last].as_object_mut().unwrap().remove("body");
            }),
        ),
        (
            "a reader who wrote it",
            with(&|v| v["entries"][0]["reads"][0]["reader"] = 1.into()),
        ),
        (
            "a thank-you to oneself",
            with(&|v| v["appreciations"][0]["to"] = 1.into()),
        ),
        (
            "control characters",
            with(&|v| v["entries"][last]["body"] = "a\u{7}b".into()),
        ),
    ];
    let before = j.dump();
    for (what, text) in cases {
        let err = j.hearth.import_text(&text).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidInput,
            "{what}: refused as invalid input ({err})"
        );
        assert!(
            err.to_string().contains("Nothing was changed"),
            "{what}: the message says nothing changed: {err}"
        );
        assert_eq!(j.dump(), before, "{what}: the database is unchanged");
    }
    let newer = with(&|v| v["version"] = 3.into());
    let err = j.hearth.import_text(&newer).unwrap_err();
    assert!(
        err.to_string().contains("newer version of Hearth"),
        "a newer file says so: {err}"
    );
    let home = TempHearth::new();
    let mut fresh = empty(&home, &j);
    let before = hearth_tests::dump(&home.database());
    fresh
        .import_text(&with(&|v| v["entries"][last]["body"] = "".into()))
        .unwrap_err();
    assert_eq!(
        hearth_tests::dump(&home.database()),
        before,
        "a refused import doesn't even set up the couple"
    );
    j.clock.advance(Duration::days(1));
}

#[test]
fn the_memory_book_is_grouped_by_month_in_both_voices_and_keeps_privacy() {
    let mut j = rich();
    let book = j.by(SAM).memory_book(&ExportOptions::default()).unwrap();
    assert!(book.starts_with("# Our journal: Sam and Alex"), "{book}");
    assert!(book.contains("## November 2026"), "grouped by month");
    assert!(
        book.contains("**Sam**") && book.contains("**Alex**"),
        "both voices are labelled by name"
    );
    assert!(
        book.contains("#### What I did\n\nI hid my phone."),
        "repair parts are sections"
    );
    assert!(
        book.contains("> I noticed that too."),
        "replies are quoted under their entry"
    );
    assert!(book.contains("Read by Alex"), "reads are shown");
    assert!(
        book.contains("Thank you for the tea."),
        "appreciations are in it"
    );
    assert!(book.contains("Alex on the 20th.") && book.contains("Sam alone on the 21st."));
    assert!(
        !book.contains("Alex alone on the 22nd."),
        "an answer Sam may not see yet is left out"
    );
    assert!(
        !book.contains("Alex's private page."),
        "the other partner's private entries are never in it"
    );
    assert!(
        !book.contains("Sam's private page."),
        "the exporter's own private entries only when asked"
    );
    assert!(!book.contains("Changed my mind."), "the trash is left out");
    let with_private = j.by(SAM).memory_book(&ALL).unwrap();
    assert!(
        with_private.contains("Sam's private page."),
        "asked for, they are included"
    );
    assert!(!with_private.contains("Alex's private page."));
    let alex = j.by(ALEX).memory_book(&ALL).unwrap();
    assert!(
        !alex.contains("Sam's private page."),
        "Alex's book never has Sam's private entries"
    );
}

/// The memory book read back by a CommonMark parser with every extension on
/// (tables, strikethrough, footnotes, task lists…) except typographic
/// quotes and dashes, which change how text looks, not what it is: its
/// structure, and the text of its blocks.
fn parse_book(book: &str) -> (Vec<String>, String) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut structure = Vec::new();
    let mut text = String::new();
    let options = Options::all().difference(Options::ENABLE_SMART_PUNCTUATION);
    for event in Parser::new_ext(book, options) {
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::BlockQuote(_)) => {}
            Event::Start(Tag::Heading { level, .. }) => structure.push(format!("{level:?}")),
            Event::Start(Tag::Strong) => {}
            Event::Start(tag) => structure.push(format!("{tag:?}")),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => text.push_str("\n\n"),
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(_) => {}
            other => structure.push(format!("{other:?}")),
        }
    }
    (structure, text)
}

#[test]
fn the_memory_book_shows_markdown_characters_as_written() {
    let mut j = Journal::new();
    let body = "# Not a heading\n- not a list\n+ nor this\n1. not a number\n2) nor this\n    \
                not code, just indented\n> not a quote\n---\n===\n<img src=x onerror=alert(1)>\n\
                **not bold** _not em_ `not code` [not](a-link) ~~kept~~ | a | b | &amp; [^1]\n\
                - [ ] not a task\n\nA second paragraph ends in a backslash \\\nand goes on.";
    let title = "*Not* a #title_with <b>markup</b>";
    let e = j.write_with(
        SAM,
        &EntryInput {
            title: Some(title.into()),
            body: body.into(),
            tags: vec!["c#".into()],
            ..Default::default()
        },
    );
    j.by(ALEX)
        .journal()
        .reply(e.id, "## still *text*\n1. as typed", OFFSET)
        .unwrap();
    let book = j.by(SAM).memory_book(&ExportOptions::default()).unwrap();
    let (structure, text) = parse_book(&book);
    assert_eq!(
        structure,
        ["H1", "H2", "H3"],
        "only the book's own headings: no list, code, HTML, emphasis, link or table from what was written\n{book}"
    );
    let stored = j.by(SAM).journal().entry(e.id).unwrap().body;
    assert!(
        text.contains(&format!("\n\n{title}\n\n")),
        "the title reads as typed\n{text}"
    );
    assert!(
        text.contains(&stored),
        "the body reads as typed, line by line\n{text}\n---\n{book}"
    );
    assert!(
        text.contains("## still *text*\n1. as typed"),
        "a reply reads as typed\n{text}"
    );
    assert!(text.contains("Tags: c#"), "tags read as typed\n{text}");
}
