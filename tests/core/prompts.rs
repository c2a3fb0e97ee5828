//! Prompts: the library, the prompt of the day (shared, stable, no repeats within 30 days) and answers hidden until both have written.

use hearth_tests::By;
use hearth_tests::Exchange;
use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use hearth_core::exchange::ExportOptions;
use hearth_core::journal::{EntryInput, EntryKind, TimelineQuery, Visibility};
use hearth_core::prompts::{library::LIBRARY, Category};
use hearth_core::{Clock, ErrorKind};
use hearth_tests::{note, Journal, ALEX, OFFSET, SAM};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + Duration::days(i64::from(d) - 1)
}

#[test]
fn the_library_has_enough_warm_prompts_in_every_category() {
    assert!(LIBRARY.len() >= 60, "at least 60 prompts ship");
    let ids: HashSet<_> = LIBRARY.iter().map(|p| p.0).collect();
    assert_eq!(ids.len(), LIBRARY.len(), "prompt ids are unique");
    let texts: HashSet<_> = LIBRARY.iter().map(|p| p.2).collect();
    assert_eq!(texts.len(), LIBRARY.len(), "no prompt is there twice");
    for category in Category::ALL {
        let n = LIBRARY.iter().filter(|p| p.1 == category).count();
        assert!(n >= 8, "{category:?} has at least 8 prompts (has {n})");
    }
    for (id, _, text) in LIBRARY {
        assert!(
            text.ends_with('?') || text.ends_with('.'),
            "{id} reads as a sentence"
        );
        assert!(text.len() <= 300, "{id} is short");
    }
}

#[test]
fn the_prompt_of_the_day_is_the_same_for_both_and_stays_once_shown() {
    let mut j = Journal::new();
    let sam = j.by(SAM).journal().prompt_of_the_day(day(22)).unwrap();
    // A new prompt of their own doesn't change a day already shown.
    j.by(ALEX)
        .journal()
        .add_prompt("hopes", "Where shall we go in spring?")
        .unwrap();
    let alex = j.by(ALEX).journal().prompt_of_the_day(day(22)).unwrap();
    assert_eq!(
        sam.prompt, alex.prompt,
        "both partners get the same prompt for a date"
    );

    j.reopen();
    let later = j.by(SAM).journal().prompt_of_the_day(day(22)).unwrap();
    assert_eq!(
        later.prompt, sam.prompt,
        "the day's prompt is saved, so it survives a restart"
    );
}

#[test]
fn a_prompt_is_not_repeated_within_thirty_days_even_when_skipping() {
    let mut j = Journal::new();
    let mut shown: Vec<(NaiveDate, String)> = Vec::new();
    for d in 1..=31 {
        let p = j.by(SAM).journal().prompt_of_the_day(day(d)).unwrap();
        shown.push((day(d), p.prompt.id.clone()));
        if d % 3 == 0 {
            let skipped = p.prompt.id.clone();
            let next = j.by(ALEX).journal().skip_prompt(day(d)).unwrap();
            assert_ne!(next.prompt.id, skipped, "skipping gives another prompt");
            assert_eq!(
                j.by(SAM)
                    .journal()
                    .prompt_of_the_day(day(d))
                    .unwrap()
                    .prompt,
                next.prompt,
                "and it is the day's prompt for both from then on"
            );
            shown.push((day(d), next.prompt.id));
        }
    }
    for (i, (date, id)) in shown.iter().enumerate() {
        for (other_date, other) in &shown[..i] {
            if (*date - *other_date).num_days() <= 30 {
                assert_ne!(
                    id, other,
                    "{id} was shown on {other_date} and again on {date}"
                );
            }
        }
    }
}

#[test]
fn skipping_stops_once_someone_has_answered() {
    let mut j = Journal::new();
    j.by(SAM).journal().prompt_of_the_day(day(5)).unwrap();
    j.by(SAM)
        .journal()
        .answer_prompt(day(5), &note("My answer."), OFFSET)
        .unwrap();
    let before = j.dump();
    let err = j.by(ALEX).journal().skip_prompt(day(5)).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "an answered prompt stays: {err}"
    );
    assert_eq!(j.dump(), before);
}

#[test]
fn an_answer_is_hidden_everywhere_until_both_have_answered() {
    let mut j = Journal::new();
    let date = day(22);
    j.by(SAM).journal().prompt_of_the_day(date).unwrap();
    let word = "marigoldanswer";
    let sam = j
        .by(SAM)
        .journal()
        .answer_prompt(date, &note(&format!("Sam's {word}.")), OFFSET)
        .unwrap();
    let sam_answer = sam
        .my_answer
        .clone()
        .expect("the author sees their own answer");
    assert_eq!(sam_answer.kind, EntryKind::Answer);
    assert_eq!(sam_answer.prompt_date, Some(date));
    assert_eq!(sam.partner_answer, None);

    let alex_view = j.by(ALEX).journal().prompt_of_the_day(date).unwrap();
    assert_eq!(
        alex_view.partner_answer, None,
        "Alex can't read Sam's answer yet"
    );
    assert!(alex_view.partner_has_answered, "but is told one is waiting");
    assert_eq!(
        j.by(ALEX)
            .journal()
            .entry(sam_answer.id)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound,
        "get"
    );
    assert_eq!(
        j.by(ALEX)
            .journal()
            .thread(sam_answer.id)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound,
        "thread"
    );
    assert_eq!(
        j.by(ALEX)
            .journal()
            .reply(sam_answer.id, "hm", OFFSET)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound,
        "reply"
    );
    assert!(
        j.by(ALEX)
            .journal()
            .timeline(&TimelineQuery::default())
            .unwrap()
            .entries
            .is_empty(),
        "timeline"
    );
    assert!(
        j.by(ALEX).journal().search(word, 10).unwrap().is_empty(),
        "search"
    );
    assert_eq!(j.by(ALEX).entry_count_for_tests().unwrap(), 0, "counts");
    assert_eq!(
        j.by(ALEX).journal().unread_count().unwrap(),
        0,
        "unread counts"
    );
    assert!(
        !j.by(ALEX)
            .memory_book(&ExportOptions::default())
            .unwrap()
            .contains(word),
        "book"
    );
    assert!(
        !j.by(ALEX)
            .export_text(&ExportOptions::default())
            .unwrap()
            .contains(word),
        "export"
    );
    let err = j
        .by(SAM)
        .journal()
        .reply(sam_answer.id, "more", OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "replies open once both have answered"
    );
    assert_eq!(
        j.by(SAM).journal().search(word, 10).unwrap().len(),
        1,
        "the author finds their own answer"
    );

    let alex = j
        .by(ALEX)
        .journal()
        .answer_prompt(date, &note("Alex's answer."), OFFSET)
        .unwrap();
    assert_eq!(
        alex.partner_answer.as_ref().map(|e| e.id),
        Some(sam_answer.id),
        "once both have answered, both are shown"
    );
    assert_eq!(
        alex.my_answer.as_ref().map(|e| e.body.as_str()),
        Some("Alex's answer.")
    );
    let sam = j.by(SAM).journal().prompt_of_the_day(date).unwrap();
    assert_eq!(
        sam.partner_answer.map(|e| e.body),
        Some("Alex's answer.".into()),
        "side by side for Sam too"
    );
    assert_eq!(
        j.by(ALEX).journal().search(word, 10).unwrap().len(),
        1,
        "and searchable"
    );
    assert_eq!(j.by(ALEX).entry_count_for_tests().unwrap(), 2);
    j.by(ALEX)
        .journal()
        .reply(sam_answer.id, "I loved reading this.", OFFSET)
        .unwrap();
}

#[test]
fn each_partner_answers_a_day_once_and_answers_are_shared() {
    let mut j = Journal::new();
    let date = day(3);
    let err = j
        .by(SAM)
        .journal()
        .answer_prompt(date, &note("early"), OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotFound,
        "a day's prompt is shown before it is answered"
    );
    j.by(SAM).journal().prompt_of_the_day(date).unwrap();
    let private = EntryInput {
        body: "x".into(),
        visibility: Visibility::Private,
        ..Default::default()
    };
    assert_eq!(
        j.by(SAM)
            .journal()
            .answer_prompt(date, &private, OFFSET)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput,
        "answers are shared"
    );
    let first = j
        .by(SAM)
        .journal()
        .answer_prompt(date, &note("one"), OFFSET)
        .unwrap();
    let before = j.dump();
    let err = j
        .by(SAM)
        .journal()
        .answer_prompt(date, &note("two"), OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "one answer per partner per date: {err}"
    );
    assert_eq!(j.dump(), before);
    let id = first.my_answer.unwrap().id;
    let edited = j
        .by(SAM)
        .journal()
        .edit_entry(id, &note("one, better"), OFFSET)
        .unwrap();
    assert_eq!(
        edited.prompt_date,
        Some(date),
        "an edited answer is still the answer of its day"
    );
    let err = j
        .by(SAM)
        .journal()
        .edit_entry(id, &hearth_tests::private_note("one"), OFFSET)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "an answer can't be made private"
    );
}

#[test]
fn couples_can_add_their_own_prompts() {
    let mut j = Journal::new();
    let p = j
        .by(SAM)
        .journal()
        .add_prompt("memories", "  What was the best part of our first winter? ")
        .unwrap();
    assert!(p.custom && p.id.starts_with("custom-"));
    assert_eq!(p.text, "What was the best part of our first winter?");
    assert_eq!(p.added_by, Some(SAM));
    assert!(
        j.hearth.journal().prompts().unwrap().contains(&p),
        "it joins the library"
    );
    assert_eq!(j.hearth.prompt_for_tests(&p.id).unwrap(), p);
    let e = j.write_with(
        ALEX,
        &EntryInput {
            body: "The snow.".into(),
            prompt_id: Some(p.id.clone()),
            ..Default::default()
        },
    );
    assert_eq!(
        e.prompt_id,
        Some(p.id),
        "an entry can be written from any prompt"
    );
    assert_eq!(
        j.by(SAM)
            .journal()
            .add_prompt("gossip", "x?")
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        j.by(SAM)
            .journal()
            .add_prompt("hopes", " ")
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
}

/// When [`Journal::new`] sets the couple up: 22 November 2026, 09:30 UTC.
fn set_up_at() -> chrono::DateTime<chrono::Utc> {
    hearth_tests::clock().now()
}

#[test]
fn the_first_two_weeks_draw_only_from_gentle_categories() {
    let mut j = Journal::new();
    let hard = j
        .by(SAM)
        .journal()
        .add_prompt(
            "hard_conversations",
            "What is still hardest to say to your partner?",
        )
        .unwrap();
    let first = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    for d in 0..14 {
        // Late in each day: day 14 ends a few hours before two weeks are up.
        j.clock
            .set(set_up_at() + Duration::days(d) + Duration::hours(10));
        let date = first + Duration::days(d);
        let mut shown = vec![j.by(SAM).journal().prompt_of_the_day(date).unwrap().prompt];
        for _ in 0..3 {
            shown.push(j.by(ALEX).journal().skip_prompt(date).unwrap().prompt);
        }
        for p in shown {
            assert!(
                p.category.is_gentle(),
                "the first two weeks draw only from gentle categories: day {} gave {} ({:?})",
                d + 1,
                p.id,
                p.category
            );
            assert_ne!(p.id, hard.id, "a couple's own hard prompt waits too");
        }
    }

    // From two weeks after the setup, every category is back.
    let mut categories = HashSet::new();
    for d in 14..74 {
        j.clock
            .set(set_up_at() + Duration::days(d) + Duration::minutes(1));
        let date = first + Duration::days(d);
        categories.insert(
            j.by(SAM)
                .journal()
                .prompt_of_the_day(date)
                .unwrap()
                .prompt
                .category,
        );
    }
    assert!(
        categories.contains(&Category::HardConversations)
            && categories.contains(&Category::TrustAndRepair),
        "after the first two weeks hard conversations and trust come too: {categories:?}"
    );
}

#[test]
fn gentle_means_how_we_are_doing_thanks_memories_and_hopes() {
    let gentle: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| c.is_gentle())
        .collect();
    assert_eq!(
        gentle,
        [
            Category::HowWeAreDoing,
            Category::Appreciation,
            Category::Memories,
            Category::Hopes
        ],
        "trust and repair and hard conversations are not where a couple starts"
    );
}

#[test]
fn a_couple_who_brought_older_entries_is_not_new() {
    let mut j = Journal::new();
    // An entry written long before this Hearth was set up, as an import brings.
    j.clock.set(set_up_at() - Duration::days(400));
    j.write(SAM, "From our old journal.");
    j.clock.set(set_up_at());
    let first = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut categories = HashSet::new();
    for d in 0..14 {
        let date = first + Duration::days(d);
        categories.insert(
            j.by(SAM)
                .journal()
                .prompt_of_the_day(date)
                .unwrap()
                .prompt
                .category,
        );
    }
    assert!(
        categories.iter().any(|c| !c.is_gentle()),
        "the two gentle weeks count from the oldest entry when it is older than the setup: {categories:?}"
    );
}

#[test]
fn hard_conversations_say_your_partner_so_the_speaker_is_clear() {
    let hard: Vec<_> = LIBRARY
        .iter()
        .filter(|p| p.1 == Category::HardConversations)
        .collect();
    let ids: Vec<&str> = hard.iter().map(|p| p.0).collect();
    let want: Vec<String> = (1..=11).map(|n| format!("hard-{n:02}")).collect();
    assert_eq!(
        ids, want,
        "prompt ids stay as they were: answers point at them"
    );
    for (id, _, text) in hard {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic() && c != '\'')
            .map(str::to_lowercase)
            .collect();
        for word in [
            "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll",
        ] {
            assert!(
                !words.iter().any(|w| w == word),
                "{id}: a hard conversation never says \"{word}\" (both partners answer it, so it names \"your partner\"): {text}"
            );
        }
    }
    let last = LIBRARY.iter().find(|p| p.0 == "hard-11").unwrap().2;
    assert!(
        last.contains("your partner"),
        "hard-11 names the partner: {last}"
    );
}

#[test]
fn an_answer_carries_its_question_in_the_timeline_the_thread_and_search() {
    let mut j = Journal::new();
    let date = day(22);
    let question = j
        .by(SAM)
        .journal()
        .prompt_of_the_day(date)
        .unwrap()
        .prompt
        .text;
    j.by(SAM)
        .journal()
        .answer_prompt(date, &note("Sam's bluebellanswer."), OFFSET)
        .unwrap();
    let daily = j
        .by(ALEX)
        .journal()
        .answer_prompt(date, &note("Alex's bluebellanswer."), OFFSET)
        .unwrap();
    let with_question = |e: &hearth_core::journal::Entry, place: &str| {
        assert_eq!(
            e.prompt_text.as_deref(),
            Some(question.as_str()),
            "an answer comes with its question ({place})"
        );
    };
    with_question(daily.my_answer.as_ref().unwrap(), "the reveal, mine");
    with_question(daily.partner_answer.as_ref().unwrap(), "the reveal, theirs");
    let page = j
        .by(SAM)
        .journal()
        .timeline(&TimelineQuery::default())
        .unwrap();
    assert_eq!(page.entries.len(), 2);
    for e in &page.entries {
        with_question(e, "timeline");
        with_question(&j.by(SAM).journal().thread(e.id).unwrap().entry, "thread");
        with_question(&j.by(ALEX).journal().entry(e.id).unwrap(), "one entry");
    }
    let hits = j.by(ALEX).journal().search("bluebellanswer", 10).unwrap();
    assert_eq!(hits.len(), 2);
    for hit in &hits {
        with_question(&hit.entry, "search");
    }
    let json = serde_json::to_value(&hits[0]).unwrap();
    assert_eq!(
        json["entry"]["promptText"],
        serde_json::Value::String(question.clone()),
        "the page gets it as promptText"
    );

    // An entry written from a couple's own prompt shows that prompt; one
    // written from none has no question.
    let own = j
        .by(ALEX)
        .journal()
        .add_prompt("memories", "Which walk do you remember best?")
        .unwrap();
    let from_own = j.write_with(
        SAM,
        &EntryInput {
            body: "The cliffs.".into(),
            prompt_id: Some(own.id.clone()),
            ..Default::default()
        },
    );
    assert_eq!(
        from_own.prompt_text.as_deref(),
        Some("Which walk do you remember best?"),
        "an entry from the couple's own prompt shows that prompt"
    );
    let plain = j.write(SAM, "No prompt here.");
    assert_eq!(
        plain.prompt_text, None,
        "an entry from no prompt has no question"
    );
    assert_eq!(
        serde_json::to_value(&plain).unwrap()["promptText"],
        serde_json::Value::Null
    );
}

#[test]
fn the_other_answer_in_the_reveal_is_marked_read_by_seeing_it() {
    // The page marks the other's answer read (`mark_read`) when it shows the
    // reveal, and only when the reveal doesn't already say so. This is what
    // it relies on.
    let mut j = Journal::new();
    let date = day(22);
    j.by(SAM).journal().prompt_of_the_day(date).unwrap();
    let sam = j
        .by(SAM)
        .journal()
        .answer_prompt(date, &note("Sam first."), OFFSET)
        .unwrap()
        .my_answer
        .unwrap();
    assert_eq!(
        j.by(ALEX)
            .journal()
            .mark_read(sam.id, OFFSET)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound,
        "an answer still hidden can't be marked read"
    );
    let reveal = j
        .by(ALEX)
        .journal()
        .answer_prompt(date, &note("Alex second."), OFFSET)
        .unwrap();
    let theirs = reveal.partner_answer.expect("both answered: the reveal");
    assert!(
        theirs.reads.is_empty(),
        "the reveal says the other's answer isn't marked read yet, so the page marks it"
    );
    assert_eq!(j.by(ALEX).journal().unread_count().unwrap(), 1);
    j.by(ALEX).journal().mark_read(theirs.id, OFFSET).unwrap();
    assert_eq!(
        j.by(ALEX).journal().unread_count().unwrap(),
        0,
        "seeing the reveal marks the other's answer read: Today counts it no more"
    );
    let again = j.by(ALEX).journal().prompt_of_the_day(date).unwrap();
    assert!(
        again
            .partner_answer
            .unwrap()
            .reads
            .iter()
            .any(|r| r.reader == ALEX),
        "the reveal then says it is read, so the page doesn't mark it twice"
    );
    // Sam sees the reveal later the same way.
    let sams = j.by(SAM).journal().prompt_of_the_day(date).unwrap();
    let alexs = sams.partner_answer.unwrap();
    assert!(alexs.reads.is_empty());
    assert_eq!(j.by(SAM).journal().unread_count().unwrap(), 1);
    j.by(SAM).journal().mark_read(alexs.id, OFFSET).unwrap();
    assert_eq!(j.by(SAM).journal().unread_count().unwrap(), 0);
}
