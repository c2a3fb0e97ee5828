//! Saving the recovery key as a file: only the writer's own key is saved, with what it is for, where the person chose; and the count of wrong passphrases lives in memory only.

use chrono::NaiveDate;
use hearth_core::hearth::SaveTo;
use hearth_core::{ErrorKind, FixedClock, Hearth};
use hearth_tests::{clock, input, TempHearth, SAM};

const SAMS: &str = "the lighthouse at dawn";

fn sam_with_passphrase(home: &TempHearth) -> (Hearth, FixedClock, String) {
    let clock = clock();
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    let set = hearth.set_passphrase(SAMS, SAMS).unwrap();
    (hearth, clock, set.recovery_key.expose().to_string())
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

#[test]
fn the_recovery_key_is_saved_where_chosen_with_what_it_is_for() {
    let home = TempHearth::new();
    let (mut hearth, _, key) = sam_with_passphrase(&home);
    let chosen = home.path().join("keep-me.txt");
    let path = hearth
        .save_recovery_key(&key.to_lowercase(), day(), &SaveTo::Chosen(chosen.clone()))
        .unwrap();
    assert_eq!(path, chosen, "saved where the person chose");
    let text = std::fs::read_to_string(&chosen).unwrap();
    assert!(
        text.contains(&key),
        "the file holds the key as shown: {text}"
    );
    assert!(
        text.contains("Forgot it? Use Sam's recovery key")
            && text.contains("Anyone who has this key"),
        "the file says what the key is for and that it is secret: {text}"
    );
}

#[test]
fn only_the_writers_own_recovery_key_is_saved() {
    let home = TempHearth::new();
    let (mut hearth, _, key) = sam_with_passphrase(&home);
    let to = SaveTo::Chosen(home.path().join("key.txt"));
    let other = "7K2M-9QXD-4HBT-0WSA-PZ8N-3CEF-MV6R-1JYG";
    assert_ne!(other, key);
    for bad in [other, "not a key", ""] {
        let err = hearth.save_recovery_key(bad, day(), &to).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad:?}: {err}");
    }
    assert!(
        !home.path().join("key.txt").exists(),
        "nothing written for a wrong key"
    );

    hearth.lock().unwrap();
    let err = hearth.save_recovery_key(&key, day(), &to).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "a locked writer's key isn't saved: {err}"
    );
}

#[test]
fn the_count_of_wrong_passphrases_lives_in_memory_only() {
    let home = TempHearth::new();
    let (mut hearth, clock, _) = sam_with_passphrase(&home);
    hearth.lock().unwrap();
    for _ in 0..6 {
        hearth.unlock(SAM, "not it at all").unwrap_err();
    }
    assert!(
        hearth
            .unlock(SAM, SAMS)
            .unwrap_err()
            .to_string()
            .contains("Take a breath"),
        "after six wrong tries the next one waits"
    );
    drop(hearth);
    let mut reopened = Hearth::open(home.path(), Box::new(clock));
    reopened.use_cheap_keys_for_tests();
    reopened
        .unlock(SAM, SAMS)
        .expect("the count was never written down: a restart starts it afresh");
}
