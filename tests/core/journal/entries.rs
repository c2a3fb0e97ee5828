//! The joint journal: writing, editing, replies, "I read this", the trash and the timeline.

use chrono::{Duration, NaiveDate};
use hearth_core::journal::{
    cursor_at_date, EntryInput, EntryKind, Feeling, TimelineFilter, TimelineQuery, Visibility,
};
use hearth_core::{Clock, ErrorKind};
use hearth_tests::By;
use hearth_tests::{note, Journal, ALEX, OFFSET, SAM};

fn page(j: &mut Journal, viewer: hearth_core::PartnerId, query: TimelineQuery) -> Vec<String> {
    j.by(viewer)
        .journal()
        .timeline(&query)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.body)
        .collect()
}

#[test]
fn an_entry_keeps_what_was_written_and_when() {
    let mut j = Journal::new();
    let e = j.write_with(
        SAM,
        &EntryInput {
            title: Some("  A quiet evening ".into()),
            body: "  We walked.\r\n\r\nIt helped.\t\n".into(),
            feeling: Some("hopeful".into()),
            tags: vec![
                "Walks".into(),
                " walks ".into(),
                "evening  time".into(),
                "".into(),
            ],
            ..Default::default()
        },
    );
    assert_eq!(
        e.title.as_deref(),
        Some("A quiet evening"),
        "titles are trimmed"
    );
    assert_eq!(
        e.body, "We walked.\n\nIt helped.",
        "bodies are trimmed and keep paragraphs"
    );
    assert_eq!(e.feeling, Some(Feeling::Hopeful));
    assert_eq!(
        e.tags,
        ["evening time", "walks"],
        "tags are lower-cased, deduplicated and sorted"
    );
    assert_eq!(
        e.visibility,
        Visibility::Shared,
        "entries are shared unless asked"
    );
    assert_eq!(e.kind, EntryKind::Note);
    assert_eq!(e.author, SAM);
    assert_eq!(
        e.created_at,
        j.clock.now(),
        "created at the injected clock's time"
    );
    assert_eq!(
        (e.created_offset, e.updated_offset),
        (OFFSET, OFFSET),
        "the writer's offset is kept"
    );
    assert!(!e.edited, "a new entry isn't edited");
    assert_eq!(e.uid.len(), 32, "a 128-bit uid in hex");
    assert!(e.uid.bytes().all(|b| b.is_ascii_hexdigit()));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json["feeling"], "hopeful",
        "feelings reach the page as snake_case words"
    );
    assert_eq!(json["visibility"], "shared");
    assert_eq!(
        j.by(ALEX).journal().entry(e.id).unwrap(),
        e,
        "a shared entry reads the same for both"
    );
}

#[test]
fn only_the_author_edits_and_an_edit_keeps_the_creation_time() {
    let mut j = Journal::new();
    let e = j.write(SAM, "First draft of a thought.");
    let before = j.dump();
    let err = j
        .by(ALEX)
        .journal()
        .edit_entry(e.id, &note("Alex's words"), OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "only the author may edit: {err}"
    );
    assert_eq!(j.dump(), before, "a refused edit changes nothing");

    j.clock.advance(Duration::hours(2));
    let same = j
        .by(SAM)
        .journal()
        .edit_entry(e.id, &note("First draft of a thought."), 120)
        .unwrap();
    assert!(
        !same.edited,
        "saving an entry unchanged doesn't mark it edited"
    );

    let edited = j
        .by(SAM)
        .journal()
        .edit_entry(e.id, &note("A clearer thought."), 120)
        .unwrap();
    assert_eq!(edited.body, "A clearer thought.");
    assert_eq!(
        edited.created_at, e.created_at,
        "an edit keeps when it was written"
    );
    assert_eq!(edited.created_offset, OFFSET);
    assert_eq!(
        edited.updated_at,
        e.created_at + Duration::hours(2),
        "an edit records when"
    );
    assert_eq!(
        edited.updated_offset, 120,
        "and the offset of the writer's clock then"
    );
    assert!(edited.edited, "an entry changed after creation is edited");
    assert_eq!(edited.uid, e.uid, "the uid never changes");
}

#[test]
fn replies_read_oldest_first_and_reading_is_said_once() {
    let mut j = Journal::new();
    let e = j.write(SAM, "I'm sorry about Saturday.");
    j.clock.advance(Duration::minutes(5));
    j.by(ALEX)
        .journal()
        .reply(e.id, "Thank you for writing this.", OFFSET)
        .unwrap();
    j.clock.advance(Duration::minutes(5));
    j.by(SAM)
        .journal()
        .reply(e.id, "I mean it.", OFFSET)
        .unwrap();

    let thread = j.by(ALEX).journal().thread(e.id).unwrap();
    let bodies: Vec<_> = thread.replies.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Thank you for writing this.", "I mean it."],
        "a thread reads oldest first"
    );
    assert_eq!(thread.entry.reply_count, 2);
    assert_eq!(
        j.by(SAM).journal().thread(e.id).unwrap().replies.len(),
        2,
        "both partners see the thread"
    );

    let err = j.by(SAM).journal().mark_read(e.id, OFFSET).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "the author doesn't mark their own entry read"
    );
    let read_at = j.clock.now();
    let first = j.by(ALEX).journal().mark_read(e.id, OFFSET).unwrap();
    j.clock.advance(Duration::hours(1));
    let again = j.by(ALEX).journal().mark_read(e.id, OFFSET).unwrap();
    assert_eq!(
        first.reads, again.reads,
        "saying \"I read this\" twice keeps the first time"
    );
    let seen_by_author = j.by(SAM).journal().entry(e.id).unwrap();
    assert_eq!(seen_by_author.reads.len(), 1, "the author sees who read it");
    assert_eq!(
        (
            seen_by_author.reads[0].reader,
            seen_by_author.reads[0].read_at
        ),
        (ALEX, read_at)
    );
}

#[test]
fn a_deleted_entry_waits_in_the_trash_and_comes_back_whole() {
    let mut j = Journal::new();
    let e = j.write(SAM, "Something I may regret writing.");
    j.by(ALEX)
        .journal()
        .reply(e.id, "I'm glad you did.", OFFSET)
        .unwrap();
    let alex_keeps = j.write(ALEX, "Alex's own trashed entry.");
    j.by(ALEX).journal().delete_entry(alex_keeps.id).unwrap();

    let err = j.by(ALEX).journal().delete_entry(e.id).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "only the author deletes: {err}"
    );
    let trashed = j.by(SAM).journal().delete_entry(e.id).unwrap();
    assert!(trashed.deleted_at.is_some());
    for viewer in [SAM, ALEX] {
        assert_eq!(
            j.by(viewer).journal().entry(e.id).unwrap_err().kind(),
            ErrorKind::NotFound,
            "a trashed entry isn't shown"
        );
        assert!(
            page(&mut j, viewer, TimelineQuery::default()).is_empty(),
            "nor listed"
        );
        assert_eq!(
            j.by(viewer).entry_count_for_tests().unwrap(),
            0,
            "nor counted"
        );
    }
    let err = j
        .by(ALEX)
        .journal()
        .reply(e.id, "Hello?", OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotFound,
        "a trashed entry takes no replies"
    );
    assert_eq!(
        j.by(SAM)
            .journal()
            .trash()
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        [e.id],
        "the author sees their own trash"
    );
    assert_eq!(
        j.by(ALEX).journal().trash().unwrap().len(),
        1,
        "and only their own"
    );

    let back = j.by(SAM).journal().restore_entry(e.id).unwrap();
    assert_eq!(back.deleted_at, None);
    assert_eq!(back.reply_count, 1, "restoring brings the replies back too");
    assert_eq!(back.created_at, e.created_at);

    j.by(SAM).journal().delete_entry(e.id).unwrap();
    assert_eq!(
        j.by(SAM).journal().empty_trash().unwrap(),
        1,
        "emptying removes the viewer's trashed entries"
    );
    assert!(j.by(SAM).journal().trash().unwrap().is_empty());
    assert_eq!(
        j.by(ALEX).journal().trash().unwrap().len(),
        1,
        "the other partner's trash is left alone"
    );
    assert_eq!(
        j.by(SAM).journal().restore_entry(e.id).unwrap_err().kind(),
        ErrorKind::NotFound,
        "emptied is gone for good"
    );
}

#[test]
fn the_timeline_pages_newest_first_without_gaps_or_repeats() {
    let mut j = Journal::new();
    for i in 0..25 {
        j.write(if i % 2 == 0 { SAM } else { ALEX }, &format!("entry {i}"));
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = j
            .by(ALEX)
            .journal()
            .timeline(&TimelineQuery {
                cursor: cursor.clone(),
                limit: Some(10),
                ..Default::default()
            })
            .unwrap();
        if seen.is_empty() {
            // Something written while reading doesn't shift the pages.
            j.write(SAM, "written while paging");
        }
        seen.extend(page.entries.into_iter().map(|e| e.body));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let want: Vec<String> = (0..25).rev().map(|i| format!("entry {i}")).collect();
    assert_eq!(seen, want, "every entry once, newest first, across pages");
}

#[test]
fn the_timeline_filters_by_author_feeling_tag_and_prompt_and_jumps_to_a_date() {
    let mut j = Journal::new();
    j.write_with(
        SAM,
        &EntryInput {
            body: "sad one".into(),
            feeling: Some("sad".into()),
            tags: vec!["Work".into()],
            ..Default::default()
        },
    );
    j.write_with(
        ALEX,
        &EntryInput {
            body: "calm one".into(),
            feeling: Some("calm".into()),
            prompt_id: Some("hope-03".into()),
            ..Default::default()
        },
    );
    j.clock.advance(Duration::days(3));
    j.write_with(
        SAM,
        &EntryInput {
            body: "later".into(),
            tags: vec!["work".into()],
            ..Default::default()
        },
    );

    let q = |filter: TimelineFilter| TimelineQuery {
        filter,
        ..Default::default()
    };
    assert_eq!(
        page(
            &mut j,
            ALEX,
            q(TimelineFilter {
                author: Some(SAM),
                ..Default::default()
            })
        ),
        ["later", "sad one"]
    );
    assert_eq!(
        page(
            &mut j,
            ALEX,
            q(TimelineFilter {
                feeling: Some("calm".into()),
                ..Default::default()
            })
        ),
        ["calm one"]
    );
    assert_eq!(
        page(
            &mut j,
            ALEX,
            q(TimelineFilter {
                tag: Some("WORK".into()),
                ..Default::default()
            })
        ),
        ["later", "sad one"],
        "tags match whatever the case"
    );
    assert_eq!(
        page(
            &mut j,
            ALEX,
            q(TimelineFilter {
                prompt_id: Some("hope-03".into()),
                ..Default::default()
            })
        ),
        ["calm one"]
    );
    let err = j
        .by(ALEX)
        .journal()
        .timeline(&q(TimelineFilter {
            feeling: Some("furious".into()),
            ..Default::default()
        }))
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "an unknown feeling is a clear error"
    );

    let first_day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let jump = TimelineQuery {
        cursor: Some(cursor_at_date(first_day, OFFSET).unwrap()),
        ..Default::default()
    };
    assert_eq!(
        page(&mut j, SAM, jump),
        ["calm one", "sad one"],
        "jumping to a date starts at the end of that day"
    );
}

#[test]
fn commands_read_and_write_as_the_stored_writer() {
    let home = hearth_tests::TempHearth::new();
    let mut hearth = home.open();
    let err = hearth.journal().trash().unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotSetUp,
        "before setup there is no writer"
    );
    hearth
        .setup_couple([hearth_tests::input("Sam"), hearth_tests::input("Alex")])
        .unwrap();
    let e = hearth
        .journal()
        .create_entry(&note("From Sam"), OFFSET)
        .unwrap();
    assert_eq!(e.author, SAM, "the first partner writes after setup");
    hearth.set_writer(ALEX).unwrap();
    let mine = hearth
        .journal()
        .create_entry(&hearth_tests::private_note("Alex only"), OFFSET)
        .unwrap();
    assert_eq!(
        mine.author, ALEX,
        "switching the writer changes whose voice it is"
    );
    hearth.set_writer(SAM).unwrap();
    let err = hearth.journal().entry(mine.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "and whose eyes read");
}

#[test]
fn a_tag_page_walks_in_timeline_order_after_edits_too() {
    let mut j = Journal::new();
    let mut ids = Vec::new();
    for i in 0..25 {
        let tags = if i % 5 == 4 {
            vec!["other".into()]
        } else {
            vec!["Us".into()]
        };
        let e = j.write_with(
            if i % 2 == 0 { SAM } else { ALEX },
            &EntryInput {
                body: format!("entry {i}"),
                tags,
                ..Default::default()
            },
        );
        ids.push(e.id);
    }
    // Entry 4 gets the tag later, by an edit: it keeps its place in time.
    j.by(SAM)
        .journal()
        .edit_entry(
            ids[4],
            &EntryInput {
                body: "entry 4".into(),
                tags: vec!["us".into(), "other".into()],
                ..Default::default()
            },
            OFFSET,
        )
        .unwrap();
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = j
            .by(ALEX)
            .journal()
            .timeline(&TimelineQuery {
                filter: TimelineFilter {
                    tag: Some("US".into()),
                    ..Default::default()
                },
                cursor: cursor.clone(),
                limit: Some(7),
            })
            .unwrap();
        seen.extend(page.entries.into_iter().map(|e| e.body));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    let want: Vec<String> = (0..25)
        .rev()
        .filter(|i| i % 5 != 4 || *i == 4)
        .map(|i| format!("entry {i}"))
        .collect();
    assert_eq!(
        seen, want,
        "every entry with the tag once, newest first by when it was written, across pages"
    );
}

#[test]
fn the_unread_count_stops_at_its_cap_and_counts_down_below_it() {
    use hearth_core::journal::UNREAD_COUNT_CAP;
    let mut j = Journal::new();
    let cap = usize::try_from(UNREAD_COUNT_CAP).unwrap();
    let written: Vec<_> = (0..cap + 5)
        .map(|i| j.write(SAM, &format!("entry {i}")))
        .collect();
    assert_eq!(
        j.by(ALEX).journal().unread_count().unwrap(),
        UNREAD_COUNT_CAP,
        "past the cap, Today's count says the cap (the page reads it as 'at least')"
    );
    for e in &written[..10] {
        j.by(ALEX).journal().mark_read(e.id, OFFSET).unwrap();
    }
    assert_eq!(
        j.by(ALEX).journal().unread_count().unwrap(),
        UNREAD_COUNT_CAP - 5,
        "below the cap, every unread entry is counted"
    );
    assert_eq!(
        j.by(SAM).journal().unread_count().unwrap(),
        0,
        "the author's own entries are never unread for them"
    );
}
