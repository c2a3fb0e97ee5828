//! The couple: setup, names, colours and who is writing.

use hearth_core::{ErrorKind, PartnerId, PartnerInput, Phase};
use hearth_tests::{input, TempHearth};

#[test]
fn a_first_launch_asks_for_the_couple() {
    let home = TempHearth::new();
    let state = home.open().state().unwrap();
    assert_eq!(state.phase, Phase::Setup);
    assert!(state.partners.is_empty());
    assert_eq!(state.writer_id, None);
    assert_eq!(state.database_path, home.database().display().to_string());
}

#[test]
fn setting_up_saves_both_names_and_the_first_partner_writes() {
    let home = TempHearth::new();
    let state = home
        .open()
        .setup_couple([
            input("  Sam "),
            PartnerInput {
                name: "Alex".into(),
                color: Some("#5F7F5A".into()),
            },
        ])
        .unwrap();
    assert_eq!(state.phase, Phase::Ready);
    let names: Vec<_> = state.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Sam", "Alex"], "names are saved trimmed, in order");
    assert_eq!(
        state.partners[1].color, "#5f7f5a",
        "colours are kept, normalised"
    );
    assert!(
        state.partners[0].color.starts_with('#'),
        "a partner without a colour gets one"
    );
    assert_ne!(state.partners[0].color, state.partners[1].color);
    assert_eq!(state.writer_id, Some(PartnerId(1)));
}

#[test]
fn the_couple_and_the_writer_come_back_after_a_restart() {
    let home = TempHearth::new();
    home.couple().set_writer(PartnerId(2)).unwrap();
    let state = home.open().state().unwrap();
    assert_eq!(state.phase, Phase::Ready);
    assert_eq!(state.partners.len(), 2);
    assert_eq!(
        state.writer_id,
        Some(PartnerId(2)),
        "the writer chosen before quitting comes back"
    );
}

#[test]
fn bad_names_are_refused_and_nothing_is_saved_half_way() {
    let home = TempHearth::new();
    let mut hearth = home.open();
    let cases = [
        ("", "Alex", "an empty name"),
        ("Sam", " \t\n ", "a whitespace-only name"),
        ("Sam", &"x".repeat(10_000), "a 10,000-character name"),
        ("Sa\u{0}m", "Alex", "a name with a NUL"),
        ("Sam", "Al\u{1b}[31mex", "a name with an escape sequence"),
        ("Sam", "sam", "two names that only differ in case"),
    ];
    for (first, second, what) in cases {
        let err = hearth
            .setup_couple([input(first), input(second)])
            .expect_err(what);
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidInput,
            "{what} is invalid input"
        );
        assert!(
            !err.to_string().is_empty() && err.to_string().len() < 200,
            "{what} gets a short, clear message: {err}"
        );
        assert_eq!(
            hearth.state().unwrap().phase,
            Phase::Setup,
            "{what}: nothing saved half-way"
        );
    }
    let err = hearth
        .setup_couple([
            input("Sam"),
            PartnerInput {
                name: "Alex".into(),
                color: Some("red; background:url(x)".into()),
            },
        ])
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "only #rrggbb colours are accepted"
    );
    assert!(home.open().state().unwrap().partners.is_empty());
}

#[test]
fn html_in_a_name_is_kept_as_plain_text() {
    let home = TempHearth::new();
    let name = "<img src=x onerror=alert(1)>";
    let state = home
        .open()
        .setup_couple([input(name), input("Alex")])
        .unwrap();
    assert_eq!(
        state.partners[0].name, name,
        "stored exactly as typed, never escaped or run"
    );
}

#[test]
fn setup_happens_once() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let err = hearth
        .setup_couple([input("Kim"), input("Lee")])
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed);
    let names: Vec<_> = hearth
        .state()
        .unwrap()
        .partners
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Sam", "Alex"], "a second setup changes nothing");
}

#[test]
fn switching_to_someone_unknown_changes_nothing() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    for id in [0, 3, -1, i64::MAX] {
        let err = hearth.set_writer(PartnerId(id)).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::NotFound,
            "partner {id} does not exist"
        );
    }
    assert_eq!(hearth.state().unwrap().writer_id, Some(PartnerId(1)));
}

#[test]
fn the_writer_cannot_be_chosen_before_setup() {
    let home = TempHearth::new();
    let err = home.open().set_writer(PartnerId(1)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotSetUp);
}

#[test]
fn names_and_colours_can_be_changed_in_settings() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let state = hearth
        .update_partner(
            PartnerId(2),
            &PartnerInput {
                name: " Alexandra ".into(),
                color: Some("#7a4a6e".into()),
            },
        )
        .unwrap();
    assert_eq!(state.partners[1].name, "Alexandra");
    assert_eq!(state.partners[1].color, "#7a4a6e");

    let err = hearth
        .update_partner(PartnerId(2), &input("SAM"))
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "a rename can't make the two names the same"
    );
    let err = hearth
        .update_partner(PartnerId(9), &input("Kim"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = hearth.update_partner(PartnerId(1), &input("")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);

    let names: Vec<_> = home
        .open()
        .state()
        .unwrap()
        .partners
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(
        names,
        ["Sam", "Alexandra"],
        "refused changes leave the names as they were"
    );
}

#[test]
fn the_page_gets_the_state_in_its_own_words() {
    let home = TempHearth::new();
    let json = serde_json::to_value(home.couple().state().unwrap()).unwrap();
    assert_eq!(json["phase"], "ready");
    assert_eq!(json["writerId"], 1);
    assert_eq!(json["partners"][1]["name"], "Alex");
    assert!(json["problem"].is_null());
    assert!(json["dataDir"].is_string() && json["databasePath"].is_string());
}
