//! Joining a second laptop with a pairing code read out from the first:
//! the right code brings the whole journal; a wrong or expired one writes
//! nothing.

use hearth_core::{ErrorKind, Phase};
use hearth_tests::{private_note, ALEX, OFFSET};

use super::{Laptop, Two};

#[test]
fn joining_with_the_code_brings_the_whole_journal_and_both_names() {
    let mut a = Laptop::new();
    a.write("The first evening by the lake.");
    let folder = tempfile::tempdir().unwrap();
    a.hearth
        .sync()
        .choose_folder(folder.path(), "Sam's laptop")
        .unwrap();
    let code = a.hearth.sync().pairing_code().unwrap();
    assert!(
        folder.path().join("pairing.hsync").is_file(),
        "the pairing is written into the sync folder"
    );
    assert_eq!(
        code.expires_at,
        hearth_core::Clock::now(&a.clock) + chrono::Duration::hours(24),
        "a code lasts 24 hours"
    );
    let mut b = Laptop::fresh();
    let state = b
        .hearth
        .join_journal(folder.path(), &code.code.to_lowercase(), "Alex's laptop")
        .expect("the code opens the pairing, typed in any case");
    assert_eq!(
        state.phase,
        Phase::Ready,
        "after joining, the couple is set up"
    );
    let names: Vec<_> = state.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Sam", "Alex"],
        "both names come from the first laptop"
    );
    assert!(
        b.has("The first evening by the lake."),
        "the journal came along"
    );
    assert_eq!(a.dump(), b.dump(), "both laptops show the same journal");
    let id_a = a.hearth.sync().device().unwrap();
    let id_b = b.hearth.sync().device().unwrap();
    assert_ne!(id_a, id_b, "the second laptop takes its own device id");

    a.look();
    assert!(
        !folder.path().join("pairing.hsync").exists(),
        "the first laptop removes the pairing once it hears from the new one"
    );
    let devices = a.hearth.sync().state().unwrap().devices;
    let named: Vec<_> = devices
        .iter()
        .map(|d| (d.name.as_str(), d.this_laptop))
        .collect();
    assert_eq!(
        named,
        [("Sam's laptop", true), ("Alex's laptop", false)],
        "Settings lists both laptops by name, this one marked"
    );
    assert!(
        devices[1].last_heard.is_some(),
        "and when the other laptop was last heard from"
    );
}

#[test]
fn private_pages_open_on_the_new_laptop_with_the_same_passphrase() {
    const PASSPHRASE: &str = "a kettle on the stove";
    const WORDS: &str = "Only for me: the letter I never sent.";
    let mut a = Laptop::new();
    a.hearth.set_writer(ALEX).unwrap();
    a.hearth.set_passphrase(PASSPHRASE, PASSPHRASE).unwrap();
    a.hearth
        .journal()
        .create_entry(&private_note(WORDS), OFFSET)
        .unwrap();
    let folder = tempfile::tempdir().unwrap();
    a.hearth
        .sync()
        .choose_folder(folder.path(), "Alex's laptop")
        .unwrap();
    let code = a.hearth.sync().pairing_code().unwrap();
    let mut b = Laptop::fresh();
    b.hearth
        .join_journal(folder.path(), &code.code, "Sam's laptop")
        .unwrap();
    assert!(!b.has(WORDS), "the private page arrives sealed");
    let state = b
        .hearth
        .unlock(ALEX, PASSPHRASE)
        .expect("Alex's passphrase opens Alex's key on the new laptop");
    assert_eq!(state.privacy.unlocked, Some(ALEX));
    b.hearth.set_writer(ALEX).unwrap();
    assert!(
        b.reads(WORDS),
        "Alex reads the private page on the new laptop with the same passphrase"
    );
}

#[test]
fn a_wrong_code_is_refused_clearly_and_writes_nothing() {
    let mut a = Laptop::new();
    let folder = tempfile::tempdir().unwrap();
    a.hearth
        .sync()
        .choose_folder(folder.path(), "Sam's laptop")
        .unwrap();
    let code = a.hearth.sync().pairing_code().unwrap();
    let mut b = Laptop::fresh();
    let before = hearth_tests::dump(&b.home.database());
    let mut wrong = code.code.clone().into_bytes();
    wrong[0] = if wrong[0] == b'K' { b'M' } else { b'K' };
    for typed in [String::from_utf8(wrong).unwrap(), "K7QM".into(), "".into()] {
        let err = b
            .hearth
            .join_journal(folder.path(), &typed, "Alex's laptop")
            .expect_err("a wrong code never joins");
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(
            err.to_string().contains("doesn't open the pairing"),
            "a wrong code is told plainly: {err}"
        );
    }
    assert_eq!(
        hearth_tests::dump(&b.home.database()),
        before,
        "a wrong code writes nothing on the new laptop"
    );
    assert_eq!(b.hearth.state().unwrap().phase, Phase::Setup);
}

#[test]
fn an_expired_code_is_refused_after_24_hours() {
    let mut a = Laptop::new();
    let folder = tempfile::tempdir().unwrap();
    a.hearth
        .sync()
        .choose_folder(folder.path(), "Sam's laptop")
        .unwrap();
    let code = a.hearth.sync().pairing_code().unwrap();
    let mut b = Laptop::fresh();
    b.clock
        .advance(chrono::Duration::hours(24) + chrono::Duration::minutes(1));
    let err = b
        .hearth
        .join_journal(folder.path(), &code.code, "Alex's laptop")
        .expect_err("an expired code never joins");
    assert!(err.to_string().contains("expired"), "said plainly: {err}");
    assert_eq!(
        b.hearth.state().unwrap().phase,
        Phase::Setup,
        "nothing written"
    );
}

#[test]
fn joining_needs_a_pairing_in_the_folder_and_a_new_laptop() {
    let mut b = Laptop::fresh();
    let empty = tempfile::tempdir().unwrap();
    let err = b
        .hearth
        .join_journal(empty.path(), "K7QM-2XRD-9TWA-HFPE", "Alex's laptop")
        .expect_err("no pairing file: nothing to join");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    let mut two = Two::new();
    let err = two
        .a
        .hearth
        .join_journal(two.folder.path(), "K7QM-2XRD-9TWA-HFPE", "again")
        .expect_err("a laptop with a journal can't join another");
    assert_eq!(err.kind(), ErrorKind::NotAllowed, "{err}");
}
