//! The first screen in one question: it answers what Today's separate questions answer, and a locked writer gets the partners' names and nothing of the journal.

use chrono::NaiveDate;
use hearth_core::hearth::{answer_draft_key, FirstScreen};
use hearth_core::journal::EntryInput;
use hearth_core::{Hearth, Phase};
use hearth_tests::rituals::{d, ritual, BERLIN};
use hearth_tests::{clock, input, note, private_note, TempHearth, ALEX, OFFSET, SAM};
use serde_json::json;

const PASSPHRASE: &str = "the lighthouse at dawn";

fn sunday() -> NaiveDate {
    d(2026, 11, 22)
}

fn couple(home: &TempHearth) -> Hearth {
    let mut hearth = Hearth::open(home.path(), Box::new(clock()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth
}

/// As the page receives it.
macro_rules! to_json {
    ($value:expr) => {
        serde_json::to_value(&$value).expect("serialisable")
    };
}

fn first(hearth: &mut Hearth) -> FirstScreen {
    hearth
        .first_screen(sunday(), BERLIN)
        .expect("the first screen")
}

/// A couple a few weeks in: two rituals (one kept on the days before),
/// entries and a thank-you from Alex, and Sam's half-written answer.
fn a_few_weeks_in(hearth: &mut Hearth) {
    let walk = hearth
        .rituals()
        .create(&ritual(
            "Evening walk",
            "FREQ=DAILY",
            "19:00",
            d(2026, 11, 1),
        ))
        .unwrap();
    hearth
        .rituals()
        .create(&ritual(
            "Sunday coffee",
            "FREQ=WEEKLY;BYDAY=SU",
            "10:00",
            d(2026, 11, 1),
        ))
        .unwrap();
    for day in 15..22 {
        hearth
            .rituals()
            .mark_done(walk.id, d(2026, 11, day), None, None, OFFSET)
            .unwrap();
    }
    hearth.set_writer(ALEX).unwrap();
    for body in [
        "The bakery had the good bread again.",
        "I liked the rain today.",
    ] {
        hearth.journal().create_entry(&note(body), OFFSET).unwrap();
    }
    hearth
        .journal()
        .appreciate("Thank you for the soup.", OFFSET)
        .unwrap();
    hearth.set_writer(SAM).unwrap();
    hearth
        .journal()
        .save_draft(
            &answer_draft_key(sunday()),
            &json!({ "body": "Half an answer" }),
        )
        .unwrap();
}

#[test]
fn the_first_screen_answers_what_todays_separate_questions_answer() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    a_few_weeks_in(&mut hearth);

    let screen = first(&mut hearth);
    let today = screen.today.expect("a set-up, open journal shows Today");
    assert_eq!(
        to_json!(screen.state),
        to_json!(hearth.state().unwrap()),
        "the first screen's state is get_state's"
    );
    let prompt = hearth.journal().prompt_of_the_day(sunday()).unwrap();
    let separate = [
        (
            "rituals",
            to_json!(hearth.rituals().today(sunday(), BERLIN).unwrap()),
        ),
        (
            "consistency",
            to_json!(hearth.rituals().consistency().unwrap()),
        ),
        ("prompt", to_json!(prompt)),
        (
            "answerDraft",
            to_json!(hearth.journal().draft(&answer_draft_key(sunday())).unwrap()),
        ),
        (
            "thanks",
            to_json!(hearth.journal().unread_appreciations().unwrap()),
        ),
        ("unread", to_json!(hearth.journal().unread_count().unwrap())),
    ];
    let together = to_json!(today);
    for (card, answer) in separate {
        assert_eq!(
            together[card], answer,
            "Today's {card} in the first screen is what its own question answers"
        );
    }
    // Guard against comparing empties: the couple's days are all there.
    assert_eq!(today.rituals.items.len(), 2, "both rituals fall on Sunday");
    assert_eq!(today.unread, 2, "Alex's two entries are unread");
    assert_eq!(today.thanks.len(), 1, "Alex's thank-you waits");
    assert!(
        today.answer_draft.is_some(),
        "Sam's half-written answer is kept"
    );
    assert_eq!(
        today.prompt_category,
        prompt.prompt.category.label(),
        "the prompt's category comes as people read it"
    );
}

#[test]
fn the_first_screen_chooses_the_days_prompt_as_its_own_question_would() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    let chosen = first(&mut hearth).today.unwrap().prompt;
    assert_eq!(
        to_json!(hearth.journal().prompt_of_the_day(sunday()).unwrap()),
        to_json!(chosen),
        "the prompt the first screen chose is kept for the day"
    );
    // Asked again on another day, another prompt's day is set.
    let next = hearth.first_screen(d(2026, 11, 23), BERLIN).unwrap();
    assert_eq!(
        next.today.unwrap().prompt.date,
        d(2026, 11, 23),
        "the first screen reads the page's own date"
    );
}

#[test]
fn an_unlocked_writer_with_a_passphrase_sees_their_own_sealed_draft_on_the_first_screen() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.set_passphrase(PASSPHRASE, PASSPHRASE).unwrap();
    let content = json!({ "body": "sealed half answer" });
    hearth
        .journal()
        .save_draft(&answer_draft_key(sunday()), &content)
        .unwrap();
    let today = first(&mut hearth).today.expect("Sam's pages are open");
    assert_eq!(
        today.answer_draft.map(|d| d.content),
        Some(content),
        "the writer's own sealed draft opens with their key, as journal().draft does"
    );
}

#[test]
fn a_locked_writer_gets_the_partners_names_and_nothing_of_the_journal() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    a_few_weeks_in(&mut hearth);
    hearth.set_passphrase(PASSPHRASE, PASSPHRASE).unwrap();
    let secret: EntryInput = private_note("what I never said aloud");
    hearth.journal().create_entry(&secret, OFFSET).unwrap();
    let prompt = hearth.journal().prompt_of_the_day(sunday()).unwrap();
    hearth.lock().unwrap();

    let screen = first(&mut hearth);
    assert!(screen.state.privacy.locked, "Sam's pages are locked");
    assert!(
        screen.today.is_none(),
        "while the writer is locked, the first screen carries nothing of Today"
    );
    let text = to_json!(screen).to_string();
    for name in ["Sam", "Alex"] {
        assert!(text.contains(name), "the lock screen names {name}");
    }
    for private in [
        "what I never said aloud",
        "Half an answer",
        "Thank you for the soup.",
        "The bakery had the good bread again.",
        "Evening walk",
        prompt.prompt.text.as_str(),
    ] {
        assert!(
            !text.contains(private),
            "a locked first screen holds no words of the journal: found {private:?}"
        );
    }
}

#[test]
fn before_setup_the_first_screen_is_the_state_alone() {
    let home = TempHearth::new();
    let mut hearth = Hearth::open(home.path(), Box::new(clock()));
    let screen = first(&mut hearth);
    assert_eq!(screen.state.phase, Phase::Setup, "no couple yet");
    assert!(screen.today.is_none(), "setup shows no Today");
    assert_eq!(
        to_json!(screen.state),
        to_json!(hearth.state().unwrap()),
        "the first screen's state is get_state's"
    );
}
