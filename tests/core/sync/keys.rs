//! Passphrases set, changed or removed after pairing reach the other laptop,
//! and no key that sealed something is ever dropped on the way.

use hearth_core::ErrorKind;
use hearth_tests::sync::contains;
use hearth_tests::{ALEX, SAM};

use super::Two;

const FIRST: &str = "a kettle on the stove";
const SECOND: &str = "the long way round the lake";
const THIRD: &str = "seven herons at dawn";

#[test]
fn a_passphrase_set_after_pairing_locks_that_partner_on_the_other_laptop_too() {
    const WORDS: &str = "What I couldn't say at dinner.";
    let mut two = Two::new();
    two.a.hearth.set_writer(ALEX).unwrap();
    two.a.hearth.set_passphrase(FIRST, FIRST).unwrap();
    two.a.write_private(WORDS);
    two.settle();

    let file = std::fs::read(two.dir_of('a').join("keys.hsync")).expect("A's keys file");
    let conn = rusqlite::Connection::open(two.a.home.database()).unwrap();
    let mut stmt = conn.prepare("SELECT salt, wrapped FROM key_slots").unwrap();
    let parts: Vec<(Vec<u8>, Vec<u8>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(parts.len(), 2, "a passphrase slot and a recovery slot");
    for (salt, wrapped) in parts {
        assert!(
            !contains(&file, &salt) && !contains(&file, &wrapped),
            "the slots travel sealed with the couple's key, not even their public parts plain"
        );
    }

    let err = two
        .b
        .hearth
        .set_writer(ALEX)
        .expect_err("a passphrase set on one laptop guards that partner on the other");
    assert_eq!(err.kind(), ErrorKind::NotAllowed, "{err}");
    assert!(!two.b.has(WORDS), "the private page arrives sealed");
    two.b
        .hearth
        .unlock(ALEX, FIRST)
        .expect("the same passphrase opens Alex's pages on the other laptop");
    assert!(
        two.b.reads(WORDS),
        "Alex reads the page written on the other laptop"
    );
}

#[test]
fn words_written_before_the_passphrase_arrived_are_sealed_at_the_next_unlock() {
    const WORDS: &str = "Written on the second laptop, before any passphrase.";
    let mut two = Two::new();
    two.b.hearth.set_writer(ALEX).unwrap();
    two.b.write_private(WORDS);
    two.a.hearth.set_writer(ALEX).unwrap();
    two.a.hearth.set_passphrase(FIRST, FIRST).unwrap();
    two.settle();

    let state = two.b.hearth.state().unwrap();
    assert!(
        state.privacy.locked,
        "Alex, writing on the second laptop, is locked once the passphrase arrives"
    );
    two.b.hearth.unlock(ALEX, FIRST).unwrap();
    assert!(
        !two.b.has(WORDS),
        "at the unlock, words written plain before the passphrase arrived are sealed"
    );
    assert!(two.b.reads(WORDS), "and Alex still reads them");
    let plain_in_files = std::fs::read_dir(two.b.home.path())
        .unwrap()
        .map(|f| f.unwrap().path())
        .filter(|p| p.is_file())
        .any(|p| contains(&hearth_tests::bytes(&p), WORDS.as_bytes()));
    assert!(
        !plain_in_files,
        "no plain copy is left in the laptop's files, the record's history included"
    );
    two.settle();
    two.a.hearth.unlock(ALEX, FIRST).unwrap();
    assert!(
        two.a.reads(WORDS),
        "the sealed page opens on the first laptop with the same key"
    );
}

#[test]
fn the_newest_passphrase_opens_on_both_laptops_whatever_their_clocks_say() {
    let mut two = Two::new();
    two.a.hearth.set_writer(ALEX).unwrap();
    two.a.hearth.set_passphrase(FIRST, FIRST).unwrap();
    two.settle();
    two.a
        .hearth
        .change_passphrase(FIRST, SECOND, SECOND)
        .unwrap();
    two.settle();
    let err = two
        .b
        .hearth
        .unlock(ALEX, FIRST)
        .expect_err("a changed passphrase stops opening on the other laptop");
    assert_eq!(err.kind(), ErrorKind::NotAllowed, "{err}");
    two.b.hearth.unlock(ALEX, SECOND).unwrap();

    // The second laptop's clock is three days behind: its change is still
    // the newest, because it was made after it saw the first laptop's.
    two.b.clock.advance(chrono::Duration::days(-3));
    two.b
        .hearth
        .change_passphrase(SECOND, THIRD, THIRD)
        .unwrap();
    two.settle();
    two.a.hearth.lock().unwrap();
    assert!(
        two.a.hearth.unlock(ALEX, SECOND).is_err(),
        "the later change wins though its laptop's clock says it is older"
    );
    two.a.hearth.unlock(ALEX, THIRD).unwrap();
}

#[test]
fn a_removed_passphrase_is_removed_on_the_other_laptop_and_the_pages_open() {
    const WORDS: &str = "Nothing to hide from myself any more.";
    let mut two = Two::new();
    two.a.hearth.set_writer(ALEX).unwrap();
    two.a.hearth.set_passphrase(FIRST, FIRST).unwrap();
    two.a.write_private(WORDS);
    two.settle();
    two.a.hearth.remove_passphrase(FIRST).unwrap();
    two.settle();

    two.b
        .hearth
        .set_writer(ALEX)
        .expect("with the passphrase removed, Alex is switched to as before");
    assert!(
        two.b.reads(WORDS),
        "Alex's private page is readable to Alex"
    );
    assert!(
        two.b
            .hearth
            .state()
            .unwrap()
            .privacy
            .with_passphrase
            .is_empty(),
        "no passphrase is left for Alex on the other laptop"
    );
}

#[test]
fn a_removal_waits_while_pages_here_are_sealed_with_the_key_and_never_loses_them() {
    const WORDS: &str = "Sealed on the second laptop while the first removed the key.";
    let mut two = Two::new();
    two.a.hearth.set_writer(ALEX).unwrap();
    two.a.hearth.set_passphrase(FIRST, FIRST).unwrap();
    two.settle();
    two.b.hearth.unlock(ALEX, FIRST).unwrap();
    two.b.write_private(WORDS);
    two.b.hearth.lock().unwrap();
    two.a.hearth.remove_passphrase(FIRST).unwrap();
    two.settle();

    assert!(
        two.b.notes().contains("still sealed"),
        "the laptop says why the passphrase stays: {}",
        two.b.notes()
    );
    assert!(
        two.b.hearth.set_writer(ALEX).is_err(),
        "the key stays while a page here is sealed with it"
    );
    two.b
        .hearth
        .unlock(ALEX, FIRST)
        .expect("the old passphrase still opens Alex's pages here");
    two.settle();
    two.settle();
    two.b.hearth.set_writer(SAM).unwrap();
    two.b
        .hearth
        .set_writer(ALEX)
        .expect("once Alex unlocked here, the removal is followed");
    assert!(
        two.b.has(WORDS) && two.a.has(WORDS),
        "the page sealed here was opened, not lost, and reached the first laptop plain"
    );
    assert!(
        !two.b.notes().contains("still sealed"),
        "the note goes once the removal is followed"
    );
}

#[test]
fn two_keys_made_apart_are_both_kept_until_one_is_removed() {
    const ON_A: &str = "Sealed on the first laptop.";
    const ON_B: &str = "Sealed on the second laptop.";
    let mut two = Two::new();
    two.a.hearth.set_writer(ALEX).unwrap();
    two.a.hearth.set_passphrase(FIRST, FIRST).unwrap();
    two.a.write_private(ON_A);
    two.b.hearth.set_writer(ALEX).unwrap();
    two.b.hearth.set_passphrase(SECOND, SECOND).unwrap();
    two.b.write_private(ON_B);
    two.settle();

    two.a.hearth.lock().unwrap();
    two.a
        .hearth
        .unlock(ALEX, FIRST)
        .expect("each laptop keeps the key its pages are sealed with");
    two.b.hearth.lock().unwrap();
    two.b.hearth.unlock(ALEX, SECOND).unwrap();
    assert!(
        two.b.notes().contains("before the two met"),
        "the laptop says there are two passphrases: {}",
        two.b.notes()
    );

    two.b.hearth.remove_passphrase(SECOND).unwrap();
    two.settle();
    two.b.hearth.set_writer(SAM).unwrap();
    two.b
        .hearth
        .unlock(ALEX, FIRST)
        .expect("once one is removed, the other laptop's passphrase arrives there");
    assert!(
        two.b.reads(ON_A) && two.b.reads(ON_B),
        "Alex reads the pages of both laptops with the one passphrase"
    );
    assert!(
        !two.a.notes().contains("before the two met"),
        "and the note about two passphrases goes"
    );
}

#[test]
fn with_lock_hearth_on_a_passphrase_changed_on_the_other_laptop_opens_the_closed_journal() {
    const SAMS: &str = "the lighthouse at dusk";
    let mut two = Two::new();
    two.a.hearth.set_passphrase(SAMS, SAMS).unwrap();
    two.a.hearth.lock().unwrap();
    two.a.hearth.set_writer(ALEX).unwrap();
    two.a.hearth.set_passphrase(FIRST, FIRST).unwrap();
    two.settle();
    two.b.hearth.unlock(SAM, SAMS).unwrap();
    two.b
        .hearth
        .turn_on_lock_hearth(FIRST)
        .expect("both passphrases arrived, so Lock Hearth can be turned on");

    two.a.hearth.lock().unwrap();
    two.a.hearth.unlock(SAM, SAMS).unwrap();
    two.a
        .hearth
        .change_passphrase(SAMS, SECOND, SECOND)
        .unwrap();
    two.settle();

    // Closed and opened again: the lock screen reads the key file, not the
    // journal, so the key file must have the newer slot too.
    let clock = two.b.clock.clone();
    two.b.hearth = hearth_core::Hearth::open(two.b.home.path(), Box::new(clock));
    two.b.hearth.use_cheap_keys_for_tests();
    assert!(two.b.hearth.state().unwrap().privacy.lock_hearth);
    assert!(
        two.b.hearth.unlock(SAM, SAMS).is_err(),
        "the old passphrase no longer opens the closed journal"
    );
    two.b
        .hearth
        .unlock(SAM, SECOND)
        .expect("the passphrase changed on the other laptop opens the closed journal here");
}
