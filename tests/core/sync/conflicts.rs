//! The conflict rules of docs/SYNC.md, one test each, named by the rule:
//! two laptops change the same thing before they hear from each other.

use chrono::Duration;
use hearth_core::rituals::OutcomeStatus;
use hearth_tests::rituals::{d, ritual};
use hearth_tests::{note, OFFSET};

use super::{exchange, Laptop};

/// Two laptops in step, with one shared entry by Sam; its id on each.
fn two_with_an_entry(body: &str) -> (Laptop, Laptop, i64, i64) {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    let on_a = a
        .hearth
        .journal()
        .create_entry(&note(body), OFFSET)
        .unwrap();
    exchange(&mut [&mut a, &mut b]);
    let on_b = only_entry(&mut b);
    (a, b, on_a.id, on_b)
}

fn only_entry(laptop: &mut Laptop) -> i64 {
    let page = laptop
        .hearth
        .journal()
        .timeline(&Default::default())
        .unwrap();
    assert_eq!(page.entries.len(), 1, "one entry on this laptop");
    page.entries[0].id
}

fn body_of(laptop: &mut Laptop, id: i64) -> String {
    laptop.hearth.journal().entry(id).unwrap().body
}

#[test]
fn an_edit_and_a_delete_of_one_entry_keep_the_entry_in_the_trash_with_the_edit() {
    let (mut a, mut b, on_a, on_b) = two_with_an_entry("Our first walk.");
    a.hearth.journal().delete_entry(on_a).unwrap();
    b.hearth
        .journal()
        .edit_entry(on_b, &note("Our first walk, in the rain."), OFFSET)
        .unwrap();
    exchange(&mut [&mut a, &mut b]);
    for laptop in [&mut a, &mut b] {
        let trash = laptop.hearth.journal().trash().unwrap();
        assert_eq!(trash.len(), 1, "the entry is kept, in the trash");
        assert_eq!(
            trash[0].body, "Our first walk, in the rain.",
            "with the edit made while it was being deleted"
        );
    }
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn an_edit_and_emptying_the_trash_keep_the_entry_in_the_trash_with_the_edit() {
    let (mut a, mut b, on_a, on_b) = two_with_an_entry("Our first walk.");
    b.hearth
        .journal()
        .reply(on_b, "I remember the puddles.", OFFSET)
        .unwrap();
    exchange(&mut [&mut a, &mut b]);
    a.hearth.journal().delete_entry(on_a).unwrap();
    a.hearth.journal().empty_trash().unwrap();
    assert!(
        !a.has("I remember the puddles."),
        "emptying the trash takes the entry's replies with it"
    );
    b.hearth
        .journal()
        .edit_entry(on_b, &note("Our first walk, in the rain."), OFFSET)
        .unwrap();
    // What A removed for good before hearing of the edit, A gets back.
    exchange(&mut [&mut a, &mut b]);
    assert_eq!(a.dump(), b.dump(), "both laptops agree");
    let trash = a.hearth.journal().trash().unwrap();
    assert_eq!(
        trash.len(),
        1,
        "an edit A had not seen brings the entry back, in the trash: nothing is lost"
    );
    assert_eq!(trash[0].body, "Our first walk, in the rain.");
    assert!(
        a.has("I remember the puddles."),
        "the entry comes back with the replies that went with it"
    );

    // Emptying the trash after seeing the edit removes it everywhere.
    a.hearth.journal().empty_trash().unwrap();
    exchange(&mut [&mut a, &mut b]);
    assert!(b.hearth.journal().trash().unwrap().is_empty());
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn done_beats_skip_on_the_same_ritual_day() {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    let walk = ritual("Evening walk", "FREQ=DAILY", "19:00", d(2026, 11, 1));
    let on_a = a.hearth.rituals().create(&walk).unwrap().id;
    exchange(&mut [&mut a, &mut b]);
    let on_b = b.hearth.rituals().list(false).unwrap()[0].id;
    let day = d(2026, 11, 20);
    // Skipped on one laptop after it was marked done on the other, and the
    // other way round on the next day: done wins both times.
    a.hearth
        .rituals()
        .mark_done(on_a, day, None, None, OFFSET)
        .unwrap();
    b.hearth.rituals().skip(on_b, day, Some("tired")).unwrap();
    b.hearth
        .rituals()
        .mark_done(on_b, day.succ_opt().unwrap(), None, None, OFFSET)
        .unwrap();
    a.hearth
        .rituals()
        .skip(on_a, day.succ_opt().unwrap(), None)
        .unwrap();
    exchange(&mut [&mut a, &mut b]);
    for (laptop, id) in [(&mut a, on_a), (&mut b, on_b)] {
        let history = laptop
            .hearth
            .rituals()
            .history(id, day, day.succ_opt().unwrap())
            .unwrap();
        let done: Vec<_> = history
            .iter()
            .filter(|o| o.outcome.as_ref().map(|x| x.status) == Some(OutcomeStatus::Done))
            .map(|o| o.date)
            .collect();
        assert_eq!(
            done,
            vec![day, day.succ_opt().unwrap()],
            "done beats skip on the same ritual day, whichever laptop skipped"
        );
    }
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn concurrent_edits_of_one_entrys_text_merge() {
    let (mut a, mut b, on_a, on_b) = two_with_an_entry("We talked about the move. It went well.");
    a.hearth
        .journal()
        .edit_entry(
            on_a,
            &note("Last night we talked about the move. It went well."),
            OFFSET,
        )
        .unwrap();
    b.hearth
        .journal()
        .edit_entry(
            on_b,
            &note("We talked about the move. It went well, I think."),
            OFFSET,
        )
        .unwrap();
    exchange(&mut [&mut a, &mut b]);
    let merged = "Last night we talked about the move. It went well, I think.";
    assert_eq!(
        body_of(&mut a, on_a),
        merged,
        "both edits are kept, merged by the engine"
    );
    assert_eq!(body_of(&mut b, on_b), merged);
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn the_engines_causal_order_not_wall_time_decides() {
    let (mut a, mut b, on_a, on_b) = two_with_an_entry("First words.");
    // B's clock is five days slow. A edits; B sees that edit, then edits
    // after it. B's change is the later one, whatever its clock says.
    b.clock.advance(-Duration::days(5));
    a.hearth
        .journal()
        .edit_entry(on_a, &note("Second words."), OFFSET)
        .unwrap();
    exchange(&mut [&mut a, &mut b]);
    let mut later = note("Third words.");
    later.title = Some("Written on a slow clock".into());
    b.hearth.journal().edit_entry(on_b, &later, OFFSET).unwrap();
    // And A, with the right clock, changes the feeling only, concurrently.
    let mut feeling = note("Second words.");
    feeling.feeling = Some("hopeful".into());
    a.hearth
        .journal()
        .edit_entry(on_a, &feeling, OFFSET)
        .unwrap();
    exchange(&mut [&mut a, &mut b]);
    for (laptop, id) in [(&mut a, on_a), (&mut b, on_b)] {
        let entry = laptop.hearth.journal().entry(id).unwrap();
        assert_eq!(
            entry.title.as_deref(),
            Some("Written on a slow clock"),
            "the edit made after seeing the other is kept, though its clock was days behind"
        );
        assert!(
            entry.body.contains("Third words."),
            "a slow clock loses nothing: {}",
            entry.body
        );
        assert_eq!(
            entry.feeling.map(|f| f.as_str()),
            Some("hopeful"),
            "and the other laptop's concurrent change of another field is kept too"
        );
    }
    assert_eq!(a.dump(), b.dump());
}
