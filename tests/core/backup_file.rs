//! The encrypted backup file: it carries every row of the journal to a new laptop (with Lock Hearth on too), holds no journal word and no key in the clear, and every bad file or passphrase is refused with nothing changed.

use std::path::{Path, PathBuf};

use blake2::Blake2b512;
use chrono::NaiveDate;
use hearth_core::hearth::SaveTo;
use hearth_core::vault::{derive_kek, KdfParams};
use hearth_core::{ErrorKind, Hearth, Phase};
use hearth_tests::lock::{ALEXS, SAMS};
use hearth_tests::{TempHearth, SAM};
use sha2::{Digest, Sha256};

use crate::lock_hearth::{bodies, couple, found_in_files, reopen, snapshot_of, write_everywhere};

const PASS: &str = "a quiet morning walk";

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Saves an encrypted backup into `dir` and returns its path.
fn save(hearth: &mut Hearth, dir: &Path) -> PathBuf {
    hearth.set_export_dir(Some(dir.to_path_buf()));
    hearth
        .backups()
        .save_encrypted(&SaveTo::ExportFolder, date(), PASS, PASS)
        .expect("saving an encrypted backup")
}

/// Every row but this laptop's device id, which a second laptop renews.
fn rows_but_device(database: &Path) -> String {
    let dump = hearth_tests::dump(database);
    let mut out = String::new();
    let mut skipping = false;
    for line in dump.lines() {
        if line.starts_with("== ") {
            skipping = line.starts_with("== sync_device ");
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The new laptop as far as anyone could tell: its files' names and every
/// row of its journal (an open journal's `-shm` changes on any read).
fn folder_state(home: &TempHearth) -> (Vec<PathBuf>, String) {
    let names = snapshot_of(home.path())
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    (names, hearth_tests::dump(&home.database()))
}

#[test]
fn an_encrypted_backup_brings_every_row_to_a_new_laptop() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    let words = write_everywhere(&mut hearth, "backupcanary", 10);
    let out = TempHearth::new();
    let files_before = snapshot_of(home.path()).len();
    let file = save(&mut hearth, out.path());
    assert_eq!(
        snapshot_of(home.path()).len(),
        files_before,
        "a plain journal's backup is made in memory: no copy, plain or not, is left in the data folder"
    );
    assert_eq!(
        file.file_name().unwrap(),
        "Hearth backup 2026-11-22.hearthbackup",
        "the backup is named for its day"
    );
    for word in &words {
        assert_eq!(
            found_in_files(out.path(), word),
            Vec::<String>::new(),
            "no journal word is in the backup file, in UTF-8 or UTF-16: {word}"
        );
    }
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        1,
        "only the backup is written where it was saved (no temporary file left)"
    );
    drop(hearth);
    let before = rows_but_device(&home.database());

    let laptop = TempHearth::new();
    let mut second = reopen(&laptop);
    let state = second
        .import_encrypted_backup(&std::fs::read(&file).unwrap(), PASS)
        .expect("the backup opens on a new laptop");
    assert_eq!(state.phase, Phase::Ready, "the journal is open and set up");
    assert_eq!(
        rows_but_device(&laptop.database()),
        before,
        "every row of every table comes back (private pages still sealed to their authors)"
    );
    assert_ne!(
        hearth_tests::dump(&laptop.database()),
        hearth_tests::dump(&home.database()),
        "the new laptop gets its own device id, so no change is ever numbered twice"
    );
    second
        .unlock(SAM, SAMS)
        .expect("Sam's own passphrase opens Sam's pages there");
    assert!(
        bodies(&mut second).contains(&"backupcanaryprivatebody".to_string()),
        "Sam reads Sam's private page on the new laptop"
    );
}

#[test]
fn with_lock_hearth_on_the_backup_opens_with_the_partners_own_passphrases() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    hearth.turn_on_lock_hearth(ALEXS).unwrap();
    let words = write_everywhere(&mut hearth, "lockedcanary", 10);
    let out = TempHearth::new();
    let file = save(&mut hearth, out.path());
    for word in &words {
        assert_eq!(
            found_in_files(out.path(), word),
            Vec::<String>::new(),
            "no journal word is in the backup file: {word}"
        );
        assert_eq!(
            found_in_files(home.path(), word),
            Vec::<String>::new(),
            "with Lock Hearth on, saving a backup writes nothing unencrypted: {word}"
        );
    }
    let seen = bodies(&mut hearth);

    let laptop = TempHearth::new();
    let mut second = reopen(&laptop);
    let state = second
        .import_encrypted_backup(&std::fs::read(&file).unwrap(), PASS)
        .unwrap();
    assert!(
        state.privacy.locked && state.privacy.lock_hearth,
        "the journal arrives locked, as at home: {:?}",
        state.privacy
    );
    for word in &words {
        assert_eq!(
            found_in_files(laptop.path(), word),
            Vec::<String>::new(),
            "the new laptop's folder holds no journal word either: {word}"
        );
    }
    let wrong = second.unlock(SAM, PASS).unwrap_err();
    assert_eq!(
        wrong.kind(),
        ErrorKind::NotAllowed,
        "the backup's passphrase is not a partner's: {wrong}"
    );
    second.unlock(SAM, SAMS).expect("Sam's passphrase opens it");
    assert_eq!(bodies(&mut second), seen, "Sam sees what Sam saw at home");

    hearth.turn_off_lock_hearth(ALEXS).unwrap();
    second.turn_off_lock_hearth(ALEXS).unwrap();
    drop((hearth, second));
    assert_eq!(
        rows_but_device(&laptop.database()),
        rows_but_device(&home.database()),
        "every row of every table comes back"
    );
    assert_ne!(
        hearth_tests::dump(&laptop.database()),
        hearth_tests::dump(&home.database()),
        "the new laptop gets its own sync device id at its first unlock"
    );
    assert!(
        !laptop.path().join(".hearth-new-device").exists(),
        "the mark asking for a new device id goes once it is done"
    );
}

#[test]
fn no_stored_value_in_the_backup_is_its_wrapping_key() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    write_everywhere(&mut hearth, "keycanary", 10);
    let out = TempHearth::new();
    let file = std::fs::read(save(&mut hearth, out.path())).unwrap();
    let u32_at = |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().unwrap());
    let params = KdfParams {
        memory_kib: u32_at(16),
        iterations: u32_at(20),
        lanes: u32_at(24),
    };
    let kek = derive_kek(PASS.as_bytes(), &file[28..44], &params).unwrap();
    let key = kek.expose().as_slice();
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    for (name, needle) in [
        ("the wrapping key", key.to_vec()),
        ("its SHA-256", Sha256::digest(key).to_vec()),
        ("its BLAKE2b", Blake2b512::digest(key).to_vec()),
        ("it in hex", hex.into_bytes()),
        ("the passphrase", PASS.as_bytes().to_vec()),
    ] {
        assert!(
            !file.windows(needle.len()).any(|w| w == needle),
            "the backup file never stores {name}"
        );
    }
}

#[test]
fn a_bad_file_or_passphrase_is_refused_and_the_new_laptop_is_left_untouched() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    write_everywhere(&mut hearth, "badcanary", 10);
    let out = TempHearth::new();
    let good = std::fs::read(save(&mut hearth, out.path())).unwrap();

    let laptop = TempHearth::new();
    let mut second = reopen(&laptop);
    let untouched = folder_state(&laptop);
    let mut changed = good.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x20;
    let mut newer = good.clone();
    newer[14] = 9;
    let long = "x".repeat(10_000);
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "a wrong passphrase",
            good.clone(),
            "a quiet evening walk",
            "doesn't open",
        ),
        (
            "an empty passphrase",
            good.clone(),
            "",
            "type the passphrase",
        ),
        (
            "a passphrase of spaces",
            good.clone(),
            "    ",
            "type the passphrase",
        ),
        (
            "a 10,000-character passphrase",
            good.clone(),
            &long,
            "longer than any",
        ),
        (
            "a file cut short",
            good[..good.len() - 100].to_vec(),
            PASS,
            "incomplete",
        ),
        (
            "a header cut short",
            good[..30].to_vec(),
            PASS,
            "incomplete",
        ),
        ("a changed byte", changed, PASS, "changed since"),
        (
            "bytes added",
            [good.as_slice(), b"more"].concat(),
            PASS,
            "changed since",
        ),
        (
            "a file that isn't a backup",
            b"{\"hearth\":\"export\"}".to_vec(),
            PASS,
            "isn't an encrypted Hearth backup",
        ),
        (
            "an empty file",
            vec![],
            PASS,
            "isn't an encrypted Hearth backup",
        ),
        (
            "a backup from a newer Hearth",
            newer,
            PASS,
            "newer version of Hearth",
        ),
    ];
    for (what, bytes, passphrase, says) in cases {
        let err = second
            .import_encrypted_backup(&bytes, passphrase)
            .unwrap_err();
        assert!(
            err.to_string().contains(says),
            "{what} is refused in its own words (\"{says}\"): {err}"
        );
        assert!(
            folder_state(&laptop) == untouched,
            "{what} changes nothing on the new laptop"
        );
    }
    assert_eq!(
        second.state().unwrap().phase,
        Phase::Setup,
        "after every refusal the new laptop still shows its welcome"
    );
}

#[test]
fn a_backup_is_never_opened_over_a_journal() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    write_everywhere(&mut hearth, "overcanary", 10);
    let out = TempHearth::new();
    let file = std::fs::read(save(&mut hearth, out.path())).unwrap();
    let before = folder_state(&home);
    let err = hearth.import_encrypted_backup(&file, PASS).unwrap_err();
    assert!(
        err.to_string().contains("already has a Hearth journal")
            && err.to_string().contains("new laptop"),
        "a laptop with a journal refuses a backup and says where it goes: {err}"
    );
    assert!(folder_state(&home) == before, "nothing changed");
}

#[test]
fn saving_needs_a_good_passphrase_typed_twice_and_writes_nothing_otherwise() {
    let home = TempHearth::new();
    let mut hearth = couple(&home);
    let out = TempHearth::new();
    hearth.set_export_dir(Some(out.path().to_path_buf()));
    let long = "x".repeat(10_000);
    for (what, passphrase, repeat) in [
        ("an empty passphrase", "", ""),
        ("a passphrase of spaces", "          ", "          "),
        (
            "a 10,000-character passphrase",
            long.as_str(),
            long.as_str(),
        ),
        ("a repeat that differs", PASS, "a quiet morning wal"),
        ("a short passphrase", "short", "short"),
    ] {
        let err = hearth
            .backups()
            .save_encrypted(&SaveTo::ExportFolder, date(), passphrase, repeat)
            .unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidInput,
            "{what} is refused: {err}"
        );
        assert_eq!(
            std::fs::read_dir(out.path()).unwrap().count(),
            0,
            "{what} writes no file"
        );
    }
}
