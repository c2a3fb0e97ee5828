//! A passphrase per partner: it guards a random key, wrong ones open and change nothing, the recovery key sets a new one, and nothing stored is (or hashes to) the key that wraps it.

use blake2::Blake2b512;
use chrono::Duration;
use hearth_core::journal::TimelineQuery;
use hearth_core::vault::{derive_kek, KdfParams, Slot, SlotKind};
use hearth_core::{ErrorKind, FixedClock, Hearth, PartnerId};
use hearth_tests::{bytes, clock, input, private_note, TempHearth, ALEX, OFFSET, SAM};
use sha2::{Digest, Sha256, Sha512};

const SAMS: &str = "the lighthouse at dawn";
const SECRET: &str = "quokkasecret";

/// Sam and Alex set up, Sam writing, on a clock the test moves; keys cheap
/// to derive so the many tries here stay quick.
fn couple(home: &TempHearth) -> (Hearth, FixedClock) {
    let clock = clock();
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    hearth.use_cheap_keys_for_tests();
    (hearth, clock)
}

/// Reopens the folder as the app does after a restart.
fn reopen(home: &TempHearth, clock: &FixedClock) -> Hearth {
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.use_cheap_keys_for_tests();
    hearth
}

/// Sam sets a passphrase, writes a private entry, and Alex takes over.
fn sam_private_then_alex(hearth: &mut Hearth) -> String {
    let set = hearth.set_passphrase(SAMS, SAMS).unwrap();
    hearth
        .journal()
        .create_entry(&private_note(SECRET), OFFSET)
        .unwrap();
    hearth.set_writer(ALEX).unwrap();
    set.recovery_key.expose().to_string()
}

fn timeline_text(hearth: &mut Hearth) -> hearth_core::Result<String> {
    let page = hearth.journal().timeline(&TimelineQuery::default())?;
    Ok(serde_json::to_string(&page).unwrap())
}

fn slots_and_files(home: &TempHearth) -> (String, Vec<u8>, Vec<u8>) {
    let wal = home.path().join("hearth.sqlite3-wal");
    (
        hearth_tests::dump(&home.database()),
        bytes(&home.database()),
        std::fs::read(wal).unwrap_or_default(),
    )
}

#[test]
fn switching_to_a_partner_with_a_passphrase_needs_it_and_shows_nothing_before() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    sam_private_then_alex(&mut hearth);

    let err = hearth.set_writer(SAM).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed, "{err}");
    assert_eq!(
        hearth.state().unwrap().writer_id,
        Some(ALEX),
        "pressing \"Switch to Sam\" without the passphrase leaves Alex writing"
    );
    assert!(
        !timeline_text(&mut hearth).unwrap().contains(SECRET),
        "Alex's timeline never holds Sam's private entry"
    );

    let state = hearth.unlock(SAM, SAMS).unwrap();
    assert_eq!(state.writer_id, Some(SAM));
    assert_eq!(state.privacy.unlocked, Some(SAM));
    assert!(!state.privacy.locked);
    assert!(
        timeline_text(&mut hearth).unwrap().contains(SECRET),
        "the right passphrase shows Sam's own private entry"
    );

    hearth.set_writer(ALEX).unwrap();
    assert_eq!(
        hearth.state().unwrap().privacy.unlocked,
        None,
        "becoming Alex wipes Sam's key: Sam must unlock again"
    );
    assert_eq!(
        hearth.set_writer(SAM).unwrap_err().kind(),
        ErrorKind::NotAllowed
    );
}

#[test]
fn after_a_restart_or_lock_the_writer_with_a_passphrase_is_locked_until_it_is_typed() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    hearth
        .journal()
        .create_entry(&private_note(SECRET), OFFSET)
        .unwrap();
    drop(hearth);

    let mut hearth = reopen(&home, &clock);
    let state = hearth.state().unwrap();
    assert_eq!(state.writer_id, Some(SAM));
    assert!(
        state.privacy.locked,
        "Hearth opens locked when the writer has a passphrase"
    );
    assert_eq!(state.privacy.with_passphrase, vec![SAM]);
    let err = timeline_text(&mut hearth).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "nothing is read as a locked writer"
    );

    hearth.unlock(SAM, SAMS).unwrap();
    assert!(timeline_text(&mut hearth).unwrap().contains(SECRET));
    let state = hearth.lock().unwrap();
    assert!(state.privacy.locked, "Lock locks again");
    assert!(
        timeline_text(&mut hearth).is_err(),
        "and nothing is read after it"
    );
}

#[test]
fn a_partner_without_a_passphrase_is_switched_to_as_before() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    sam_private_then_alex(&mut hearth);
    let state = hearth.state().unwrap();
    assert!(
        !state.privacy.locked,
        "Alex has no passphrase: nothing to unlock"
    );
    assert!(timeline_text(&mut hearth).is_ok());
    hearth.unlock(SAM, SAMS).unwrap();
    assert_eq!(hearth.set_writer(ALEX).unwrap().writer_id, Some(ALEX));
}

#[test]
fn a_wrong_passphrase_unlocks_nothing_and_changes_nothing() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    sam_private_then_alex(&mut hearth);
    let before = slots_and_files(&home);
    for wrong in [
        "the lighthouse at dusk",
        "THE LIGHTHOUSE AT DAWN",
        " the lighthouse at dawn",
    ] {
        let err = hearth.unlock(SAM, wrong).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotAllowed, "{wrong:?}: {err}");
        assert!(
            err.to_string().contains("didn't open"),
            "said calmly: {err}"
        );
    }
    let state = hearth.state().unwrap();
    assert_eq!(
        state.writer_id,
        Some(ALEX),
        "a wrong passphrase doesn't switch"
    );
    assert_eq!(state.privacy.unlocked, None);
    assert!(
        before == slots_and_files(&home),
        "not a byte of the file or its WAL changed"
    );
}

#[test]
fn after_five_wrong_tries_each_waits_longer_and_the_right_one_still_opens() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    sam_private_then_alex(&mut hearth);
    for _ in 0..4 {
        let err = hearth.unlock(SAM, "not it at all").unwrap_err();
        assert!(err.to_string().contains("Please try again"), "{err}");
    }
    let fifth = hearth.unlock(SAM, "not it at all").unwrap_err();
    assert!(
        fifth.to_string().contains("try again in 2 seconds"),
        "the fifth wrong try says how long to wait: {fifth}"
    );
    let early = hearth.unlock(SAM, SAMS).unwrap_err();
    assert!(
        early.to_string().contains("Take a breath"),
        "even the right passphrase waits its turn: {early}"
    );
    clock.advance(Duration::seconds(2));
    hearth.unlock(SAM, "still not it").unwrap_err();
    let early = hearth.unlock(SAM, SAMS).unwrap_err();
    assert!(
        early.to_string().contains("4 seconds"),
        "the wait grows: {early}"
    );
    clock.advance(Duration::seconds(4));
    hearth
        .unlock(SAM, SAMS)
        .expect("a wait, never a lockout: the right passphrase opens after it");
    hearth.set_writer(ALEX).unwrap();
    hearth.unlock(SAM, "wrong once more").unwrap_err();
    hearth
        .unlock(SAM, SAMS)
        .expect("success starts the count afresh: no wait after one wrong try");
}

#[test]
fn the_recovery_key_sets_a_new_passphrase() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let recovery = sam_private_then_alex(&mut hearth);
    assert_eq!(recovery.len(), 39, "eight groups of four: {recovery}");

    let typed = recovery.to_lowercase().replace('-', " ");
    let state = hearth
        .reset_passphrase(SAM, &typed, "a new morning walk", "a new morning walk")
        .unwrap();
    assert_eq!(state.writer_id, Some(SAM), "recovering unlocks Sam");
    assert!(timeline_text(&mut hearth).unwrap().contains(SECRET));

    hearth.set_writer(ALEX).unwrap();
    assert!(
        hearth.unlock(SAM, SAMS).is_err(),
        "the forgotten passphrase no longer opens"
    );
    hearth.unlock(SAM, "a new morning walk").unwrap();
    hearth.set_writer(ALEX).unwrap();
    hearth
        .reset_passphrase(SAM, &recovery, "third time lucky", "third time lucky")
        .expect("the recovery key keeps working");
}

#[test]
fn a_wrong_recovery_key_is_refused_and_changes_nothing() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let recovery = sam_private_then_alex(&mut hearth);
    let before = slots_and_files(&home);

    let other = hearth_core::vault::RecoveryKey::generate();
    let err = hearth
        .reset_passphrase(
            SAM,
            other.expose(),
            "a new morning walk",
            "a new morning walk",
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed, "{err}");
    assert!(
        err.to_string().contains("recovery key doesn't open"),
        "{err}"
    );

    let mut one_off = recovery.clone().into_bytes();
    one_off[0] = if one_off[0] == b'A' { b'B' } else { b'A' };
    let one_off = String::from_utf8(one_off).unwrap();
    assert!(hearth
        .reset_passphrase(SAM, &one_off, "a new morning walk", "a new morning walk")
        .is_err());

    for malformed in ["", "1234", "hello world", &"A".repeat(40)] {
        let err = hearth
            .reset_passphrase(SAM, malformed, "a new morning walk", "a new morning walk")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{malformed:?}: {err}");
        assert!(err.to_string().contains("isn't a recovery key"), "{err}");
    }
    assert!(before == slots_and_files(&home), "nothing changed");
    assert_eq!(hearth.state().unwrap().writer_id, Some(ALEX));
    hearth
        .unlock(SAM, SAMS)
        .expect("the old passphrase still opens");
}

#[test]
fn unusable_new_passphrases_get_a_clear_error_and_set_nothing() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let long = "w".repeat(10_000);
    let cases: [(&str, &str, &str); 6] = [
        ("", "", "choose a passphrase"),
        ("        ", "        ", "only spaces"),
        ("\t \n ", "\t \n ", "only spaces"),
        (&long, &long, "at most 1024"),
        ("short", "short", "at least 8"),
        (
            "the lighthouse at dawn",
            "the lighthouse at dusk",
            "aren't the same",
        ),
    ];
    for (passphrase, repeat, says) in cases {
        let err = hearth.set_passphrase(passphrase, repeat).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidInput,
            "{passphrase:.20?}: {err}"
        );
        assert!(
            err.to_string().contains(says),
            "{passphrase:.20?} gets {says:?}: {err}"
        );
    }
    let state = hearth.state().unwrap();
    assert!(
        state.privacy.with_passphrase.is_empty(),
        "no bad passphrase was set"
    );
    assert!(hearth_tests::dump(&home.database()).contains("== key_slots (0 rows)"));

    hearth.set_passphrase(SAMS, SAMS).unwrap();
    hearth.set_writer(ALEX).unwrap();
    for (given, says) in [("", "type your passphrase"), (long.as_str(), "longer than")] {
        let err = hearth.unlock(SAM, given).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        assert!(err.to_string().contains(says), "{err}");
    }
}

#[test]
fn change_and_remove_need_the_current_passphrase() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let set = hearth.set_passphrase(SAMS, SAMS).unwrap();
    let recovery = set.recovery_key.expose().to_string();

    let err = hearth
        .change_passphrase("not my passphrase", "a quiet harbour", "a quiet harbour")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed, "{err}");
    hearth
        .change_passphrase(SAMS, "a quiet harbour", "a quiet harbour")
        .unwrap();
    hearth.lock().unwrap();
    assert!(
        hearth.unlock(SAM, SAMS).is_err(),
        "the old passphrase is gone"
    );
    hearth.unlock(SAM, "a quiet harbour").unwrap();
    hearth.set_writer(ALEX).unwrap();
    hearth
        .reset_passphrase(SAM, &recovery, "and back again", "and back again")
        .expect("changing the passphrase keeps the recovery key");

    let err = hearth.remove_passphrase("a quiet harbour").unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotAllowed,
        "removing needs the current one"
    );
    assert_eq!(hearth.state().unwrap().privacy.with_passphrase, vec![SAM]);
    let state = hearth.remove_passphrase("and back again").unwrap();
    assert!(state.privacy.with_passphrase.is_empty());
    hearth.set_writer(ALEX).unwrap();
    assert_eq!(
        hearth.set_writer(SAM).unwrap().writer_id,
        Some(SAM),
        "without a passphrase Sam is switched to as before"
    );
    assert!(hearth_tests::dump(&home.database()).contains("== key_slots (0 rows)"));
}

#[test]
fn a_damaged_slot_is_refused_clearly_and_the_other_slot_still_opens() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    let recovery = sam_private_then_alex(&mut hearth);
    drop(hearth);
    let conn = rusqlite::Connection::open(home.database()).unwrap();
    conn.execute(
        "UPDATE key_slots SET wrapped = zeroblob(48) WHERE partner = 1 AND kind = 'passphrase'",
        [],
    )
    .unwrap();
    drop(conn);

    let mut hearth = reopen(&home, &clock);
    let err = hearth.unlock(SAM, SAMS).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DamagedDatabase, "{err}");
    assert!(
        err.to_string().contains("damaged") && err.to_string().contains("recovery key"),
        "a damaged slot is not called a wrong passphrase, and the way out is named: {err}"
    );
    hearth
        .reset_passphrase(SAM, &recovery, "a mended lock here", "a mended lock here")
        .expect("the recovery slot sets a new, whole passphrase slot");
    hearth.set_writer(ALEX).unwrap();
    hearth.unlock(SAM, "a mended lock here").unwrap();

    let conn = rusqlite::Connection::open(home.database()).unwrap();
    let whole: (Vec<u8>, i64, Vec<u8>) = conn
        .query_row(
            "SELECT salt, memory_kib, checksum FROM key_slots WHERE kind = 'recovery'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    for damage in [
        "UPDATE key_slots SET salt = x'00' WHERE kind = 'recovery'",
        "UPDATE key_slots SET memory_kib = 99999999 WHERE kind = 'recovery'",
        "UPDATE key_slots SET checksum = x'' WHERE kind = 'recovery'",
    ] {
        conn.execute(damage, []).unwrap();
        let err = hearth
            .reset_passphrase(SAM, &recovery, "a mended lock here", "a mended lock here")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DamagedDatabase, "{damage}: {err}");
        conn.execute(
            "UPDATE key_slots SET salt = ?1, memory_kib = ?2, checksum = ?3 WHERE kind = 'recovery'",
            rusqlite::params![whole.0, whole.1, whole.2],
        )
        .unwrap();
    }
    hearth
        .reset_passphrase(SAM, &recovery, "a mended lock here", "a mended lock here")
        .expect("the mended slot opens again");
}

/// Every byte sequence stored anywhere: the files, and each column value.
fn everything_stored(home: &TempHearth) -> Vec<Vec<u8>> {
    let mut found = vec![];
    for entry in std::fs::read_dir(home.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            found.push(bytes(&path));
        }
    }
    let conn = rusqlite::Connection::open(home.database()).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                use rusqlite::types::Value;
                match row.get::<_, Value>(i).unwrap() {
                    Value::Blob(b) => found.push(b),
                    Value::Text(t) => found.push(t.into_bytes()),
                    _ => {}
                }
            }
        }
    }
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_stored_value_is_or_hashes_to_the_wrapping_key() {
    let home = TempHearth::new();
    let clock = clock();
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.setup_couple([input("Sam"), input("Alex")]).unwrap();
    // The shipped cost, not the cheap one: this is the real thing.
    let set = hearth.set_passphrase(SAMS, SAMS).unwrap();
    hearth.backups().take_snapshot().unwrap();
    drop(hearth);

    let conn = rusqlite::Connection::open(home.database()).unwrap();
    let slot = |kind: SlotKind| -> Slot {
        conn.query_row(
            "SELECT version, memory_kib, iterations, lanes, salt, nonce, wrapped, checksum
             FROM key_slots WHERE partner = 1 AND kind = ?1",
            [kind.as_str()],
            |r| {
                Ok(Slot {
                    partner: PartnerId(1),
                    kind,
                    version: r.get(0)?,
                    params: KdfParams {
                        memory_kib: r.get(1)?,
                        iterations: r.get(2)?,
                        lanes: r.get(3)?,
                    },
                    salt: r.get(4)?,
                    nonce: r.get(5)?,
                    wrapped: r.get(6)?,
                    checksum: r.get(7)?,
                })
            },
        )
        .unwrap()
    };
    let passphrase_slot = slot(SlotKind::Passphrase);
    let recovery_slot = slot(SlotKind::Recovery);
    assert_eq!(
        passphrase_slot.params,
        KdfParams::PASSPHRASE,
        "the shipped cost is stored with the slot"
    );
    assert!(passphrase_slot.params.memory_kib >= 64 * 1024);
    drop(conn);

    let recovery = hearth_core::vault::RecoveryKey::parse(set.recovery_key.expose()).unwrap();
    let partner_key = passphrase_slot.open(SAMS.as_bytes()).unwrap();
    assert_eq!(
        recovery_slot.open(&recovery.secret()).unwrap(),
        partner_key,
        "both slots wrap the same partner key"
    );
    let keks = [
        derive_kek(
            SAMS.as_bytes(),
            &passphrase_slot.salt,
            &passphrase_slot.params,
        )
        .unwrap(),
        derive_kek(
            &recovery.secret(),
            &recovery_slot.salt,
            &recovery_slot.params,
        )
        .unwrap(),
    ];
    let mut forbidden: Vec<(String, Vec<u8>)> = vec![];
    for (name, key) in [
        ("passphrase KEK", keks[0].expose().as_slice()),
        ("recovery KEK", keks[1].expose().as_slice()),
        ("partner key", partner_key.expose().as_slice()),
    ] {
        forbidden.push((name.into(), key.to_vec()));
        forbidden.push((
            format!("SHA-256 of the {name}"),
            Sha256::digest(key).to_vec(),
        ));
        forbidden.push((
            format!("SHA-512 of the {name}"),
            Sha512::digest(key).to_vec(),
        ));
        forbidden.push((
            format!("BLAKE2b of the {name}"),
            Blake2b512::digest(key).to_vec(),
        ));
        // Hex, as a careless implementation might store it.
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        forbidden.push((format!("the {name} in hex"), hex.into_bytes()));
    }
    forbidden.push(("the passphrase".into(), SAMS.as_bytes().to_vec()));

    let mut stored = everything_stored(&home);
    for entry in std::fs::read_dir(home.path().join("backups")).unwrap() {
        stored.push(bytes(&entry.unwrap().path()));
    }
    assert!(stored.len() > 10, "the scan read the files and the columns");
    for (name, needle) in &forbidden {
        for value in &stored {
            assert!(
                !contains(value, needle),
                "no stored value (file, snapshot or column) contains {name}"
            );
        }
    }
}

#[test]
fn the_other_partner_is_never_unlocked_by_ones_own_passphrase() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    hearth.set_passphrase(SAMS, SAMS).unwrap();
    hearth.set_writer(ALEX).unwrap();
    hearth
        .set_passphrase("alex's own words", "alex's own words")
        .unwrap();
    hearth.lock().unwrap();
    assert!(hearth.unlock(SAM, "alex's own words").is_err());
    assert!(hearth.unlock(ALEX, SAMS).is_err());
    let state = hearth.unlock(ALEX, "alex's own words").unwrap();
    assert_eq!(state.privacy.with_passphrase, vec![SAM, ALEX]);
}
