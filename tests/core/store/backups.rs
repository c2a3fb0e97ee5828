//! Backups: verified snapshots, when they are taken, what is kept, preview and restore.

use hearth_tests::Exchange;
use std::path::{Path, PathBuf};

use chrono::{Duration, TimeZone, Utc};
use hearth_core::exchange::ExportOptions;
use hearth_core::store::backup::{list_backups, verify_backup};
use hearth_core::store::{migrations::STEPS, Reason, LATEST_VERSION};
use hearth_core::{ErrorKind, FixedClock, Hearth, Phase};
use hearth_tests::safety::{damage_middle, integrity};
use hearth_tests::{bytes, clock, dump, input, note, TempHearth, OFFSET};
use rusqlite::Connection;

/// Sam and Alex set up on a clock the test moves.
fn couple(home: &TempHearth) -> (Hearth, FixedClock) {
    let clock = clock();
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth
        .setup_couple([input("Sam"), input("Alex")])
        .expect("setting up Sam and Alex");
    (hearth, clock)
}

fn write(hearth: &mut Hearth, clock: &FixedClock, body: &str) -> i64 {
    clock.advance(Duration::minutes(1));
    hearth
        .journal()
        .create_entry(&note(body), OFFSET)
        .expect("saving an entry")
        .id
}

fn bodies(hearth: &mut Hearth) -> Vec<String> {
    let conn = Connection::open(hearth.database_path()).unwrap();
    let mut stmt = conn
        .prepare("SELECT body FROM entries WHERE deleted_at IS NULL ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_daily_snapshot_is_taken_once_the_newest_is_a_day_old() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    write(&mut hearth, &clock, "First words.");

    let first = hearth
        .backups()
        .snapshot_if_due()
        .unwrap()
        .expect("no snapshot yet, so one is due");
    assert_eq!(first.reason, Reason::Daily);
    assert_eq!(
        first.path.file_name().unwrap(),
        "hearth-20261122T093100Z-daily.sqlite3",
        "a snapshot's name carries the UTC time and the reason"
    );
    assert_eq!(first.path.parent().unwrap(), hearth.backups().folder());
    assert!(
        hearth.backups().snapshot_if_due().unwrap().is_none(),
        "one daily snapshot a day"
    );
    clock.advance(Duration::hours(23));
    assert!(
        hearth.backups().snapshot_if_due().unwrap().is_none(),
        "not before 24 hours"
    );
    clock.advance(Duration::hours(2));
    let second = hearth
        .backups()
        .snapshot_if_due()
        .unwrap()
        .expect("due after 24 hours");

    let listed = hearth.backups().list().unwrap();
    assert_eq!(
        listed,
        vec![second.clone(), first],
        "listed newest first, with size and time"
    );
    assert!(listed.iter().all(|b| b.size > 0));
    for b in &listed {
        assert_eq!(
            integrity(&b.path),
            "ok",
            "every kept snapshot passes integrity_check"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(hearth.backups().folder())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the backup folder is private to its user");
    }
    assert!(
        !names(&hearth.backups().folder())
            .iter()
            .any(|n| n.ends_with(".partial")),
        "no temporary copy is left behind"
    );
    // The clock is put back a week: the "future" snapshot doesn't stop the dailies.
    clock.advance(-Duration::days(7));
    assert!(
        hearth.backups().snapshot_if_due().unwrap().is_some(),
        "a newest snapshot from the future doesn't hold back the daily one"
    );
    assert!(
        hearth.backups().snapshot_if_due().unwrap().is_none(),
        "and then one a day again"
    );
}

#[test]
fn a_snapshot_holds_everything_saved_and_its_preview_counts_it() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    for i in 0..5 {
        write(&mut hearth, &clock, &format!("Entry {i}"));
    }
    let trashed = write(&mut hearth, &clock, "Not this one.");
    hearth.journal().delete_entry(trashed).unwrap();
    // Nothing is checkpointed: the last saves are still in the -wal file.
    let snap = hearth.backups().snapshot_if_due().unwrap().unwrap();

    let before = bytes(&snap.path);
    let preview = hearth.backups().preview(&snap.path).unwrap();
    assert_eq!(preview.entries, 5, "entries in a trash are not counted");
    assert_eq!(
        preview.last_entry_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 22, 9, 35, 0).unwrap()),
        "the preview says when the last entry was written"
    );
    assert_eq!(preview.schema_version, LATEST_VERSION);
    assert_eq!(preview.partners, ["Sam", "Alex"]);
    assert_eq!(preview.reason, Some(Reason::Daily));
    assert_eq!(preview.taken_at, Some(snap.taken_at));
    let has_rituals = STEPS.iter().any(|s| s.contains("CREATE TABLE rituals"));
    assert_eq!(preview.rituals, has_rituals.then_some(0));
    assert_eq!(
        bytes(&snap.path),
        before,
        "previewing never changes a snapshot"
    );
    for side in ["-wal", "-shm", "-journal"] {
        let mut p = snap.path.clone().into_os_string();
        p.push(side);
        assert!(
            !PathBuf::from(p).exists(),
            "previewing leaves no {side} file"
        );
    }
}

/// A version-2 journal (from before rituals) with one entry, at `path`.
fn version_two_file(path: &Path) {
    let conn = Connection::open(path).unwrap();
    for step in &STEPS[..2] {
        conn.execute_batch(step).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO partners VALUES (1, 'Sam', '#b4532a', '2026-01-01T00:00:00.000Z'),
                                     (2, 'Alex', '#2a6fb4', '2026-01-01T00:00:00.000Z');
         INSERT INTO settings VALUES ('current_writer', '1');
         INSERT INTO entries (uid, author, kind, body, visibility, created_at, created_offset,
                              updated_at, updated_offset)
         VALUES ('0123456789abcdef0123456789abcdef', 1, 'note', 'Written long ago.', 'shared',
                 '2026-01-02T10:00:00.000Z', 60, '2026-01-02T10:00:00.000Z', 60);
         PRAGMA user_version = 2;",
    )
    .unwrap();
}

#[test]
fn a_snapshot_from_an_older_hearth_is_previewed_and_restored_with_an_upgrade() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    write(&mut hearth, &clock, "Written today.");
    std::fs::create_dir_all(hearth.backups().folder()).unwrap();
    let old = hearth
        .backups()
        .folder()
        .join("hearth-20260102T110000Z-before-import.sqlite3");
    version_two_file(&old);

    let preview = hearth.backups().preview(&old).unwrap();
    assert_eq!(
        (preview.schema_version, preview.entries, preview.rituals),
        (2, 1, None),
        "a snapshot from before rituals is previewed, with no ritual count"
    );
    let report = hearth.backups().restore(&old).unwrap();
    assert_eq!(hearth.state().unwrap().phase, Phase::Ready);
    assert_eq!(bodies(&mut hearth), ["Written long ago."]);
    assert_eq!(
        Connection::open(hearth.database_path())
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        LATEST_VERSION
    );
    assert_eq!(
        report.before_restore.as_ref().map(|b| b.reason),
        Some(Reason::BeforeRestore)
    );
    assert!(
        hearth
            .backups()
            .list()
            .unwrap()
            .iter()
            .any(|b| b.reason == Reason::BeforeUpgrade),
        "opening the older copy upgraded it, after its own snapshot"
    );
}

#[test]
fn restoring_sets_the_current_file_aside_and_can_itself_be_undone() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    write(&mut hearth, &clock, "Before the snapshot.");
    let snap = hearth.backups().snapshot_if_due().unwrap().unwrap();
    write(&mut hearth, &clock, "After the snapshot.");

    let report = hearth.backups().restore(&snap.path).unwrap();
    assert_eq!(
        bodies(&mut hearth),
        ["Before the snapshot."],
        "the snapshot is back"
    );
    assert_eq!(report.restored_from, snap.path);
    assert_eq!(report.taken_at, Some(snap.taken_at));

    let aside = report.set_aside.expect("the replaced file is kept");
    assert_eq!(aside.parent().unwrap(), hearth.backups().set_aside_folder());
    assert_eq!(
        aside.file_name().unwrap(),
        "hearth-20261122T093200Z.sqlite3"
    );
    assert_eq!(integrity(&aside), "ok");
    let kept: i64 = Connection::open(&aside)
        .unwrap()
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        kept, 2,
        "the file set aside is the whole journal as it was, -wal folded in"
    );
    let before = report.before_restore.expect("a before-restore snapshot");
    assert_eq!(before.reason, Reason::BeforeRestore);

    // The same second again: the set-aside name is never reused.
    let again = hearth.backups().restore(&before.path).unwrap();
    assert_eq!(
        bodies(&mut hearth),
        ["Before the snapshot.", "After the snapshot."],
        "restoring the before-restore snapshot undoes a restore"
    );
    let second_aside = again.set_aside.unwrap();
    assert_ne!(second_aside, aside, "a file set aside is never overwritten");
    assert!(aside.exists() && second_aside.exists());
    assert_eq!(names(&hearth.backups().set_aside_folder()).len(), 2);
}

#[test]
fn a_damaged_snapshot_is_refused_with_a_clear_error_and_nothing_changes() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    for i in 0..60 {
        write(
            &mut hearth,
            &clock,
            &format!("Entry {i}: {}", "words ".repeat(200)),
        );
    }
    let snap = hearth.backups().snapshot_if_due().unwrap().unwrap();
    damage_middle(&snap.path);
    let journal = dump(&home.database());

    let err = hearth.backups().preview(&snap.path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DamagedDatabase, "{err}");
    assert!(err.to_string().contains("This backup is damaged"), "{err}");
    let err = hearth.backups().restore(&snap.path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DamagedDatabase);
    assert_eq!(
        dump(&home.database()),
        journal,
        "a refused restore changes nothing"
    );
    assert!(
        !hearth.backups().set_aside_folder().exists(),
        "nothing was set aside"
    );
    assert!(verify_backup(&snap.path).is_err());
}

#[test]
fn only_hearths_own_backups_can_be_previewed_or_restored() {
    let home = TempHearth::new();
    let (mut hearth, _clock) = couple(&home);
    let stranger = home.path().join("elsewhere.sqlite3");
    version_two_file(&stranger);
    for path in [
        stranger.clone(),
        home.database(),
        PathBuf::from("/etc/passwd"),
    ] {
        let err = hearth.backups().preview(&path).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "{}: {err}", path.display());
        let err = hearth.backups().restore(&path).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::NotFound,
            "the page can't name any file to restore"
        );
    }
    assert_eq!(hearth.state().unwrap().phase, Phase::Ready);
}

#[test]
fn a_path_that_only_looks_like_it_is_in_the_backup_folder_is_refused() {
    let home = TempHearth::new();
    let (mut hearth, _clock) = couple(&home);
    let snap = hearth
        .backups()
        .snapshot_if_due()
        .unwrap()
        .expect("a first snapshot");
    let backups = hearth.backups().folder();
    let name = snap.path.file_name().unwrap().to_owned();
    // A snapshot-like name outside the folder, reached through `..` or a link.
    let outside = home.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::copy(&snap.path, outside.join(&name)).unwrap();
    let through_dots = backups.join("..").join("elsewhere").join(&name);
    let mut cases = vec![
        through_dots,
        backups.join("..").join(hearth_core::store::DATABASE_FILE),
        backups.join(""),
        PathBuf::from(""),
        PathBuf::from(name.clone()),
    ];
    #[cfg(unix)]
    {
        let link = backups.join("hearth-20261101T000000Z-daily.sqlite3");
        std::os::unix::fs::symlink(outside.join(&name), &link).unwrap();
        cases.push(link);
        let linked_dir = home.path().join("linked-backups");
        std::os::unix::fs::symlink(&outside, &linked_dir).unwrap();
        cases.push(linked_dir.join(&name));
    }
    let before = hearth_tests::dump(&home.database());
    for path in cases {
        let err = hearth.backups().restore(&path).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::NotFound,
            "only a file really inside backups/ can be restored: {}",
            path.display()
        );
        assert_eq!(
            hearth.backups().preview(&path).unwrap_err().kind(),
            ErrorKind::NotFound
        );
    }
    assert_eq!(
        hearth_tests::dump(&home.database()),
        before,
        "nothing changed"
    );
    assert!(
        !home.path().join("set-aside").exists(),
        "nothing was set aside"
    );
    // The real one, named the same, still works.
    hearth.backups().preview(&snap.path).unwrap();
}

#[test]
fn emptying_the_trash_takes_a_snapshot_first() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    assert_eq!(hearth.journal().empty_trash().unwrap(), 0);
    assert!(
        hearth.backups().list().unwrap().is_empty(),
        "an empty trash needs no snapshot"
    );

    let id = write(&mut hearth, &clock, "Something I regret writing.");
    hearth.journal().delete_entry(id).unwrap();
    assert_eq!(hearth.journal().empty_trash().unwrap(), 1);
    let listed = hearth.backups().list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, Reason::BeforeEmptyTrash);
    let kept: String = Connection::open(&listed[0].path)
        .unwrap()
        .query_row("SELECT body FROM entries WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert_eq!(
        kept, "Something I regret writing.",
        "what the trash held can still be brought back from the snapshot"
    );
}

#[test]
fn an_import_takes_a_snapshot_first_and_a_refused_one_takes_none() {
    let source = TempHearth::new();
    let (mut other, clock) = couple(&source);
    write(&mut other, &clock, "From the other laptop.");
    let text = other
        .export_text(&ExportOptions {
            include_private: true,
        })
        .unwrap();

    let home = TempHearth::new();
    let (mut hearth, _clock) = couple(&home);
    let err = hearth
        .exchange()
        .import_everything(b"{\"format\": \"not hearth\"}", &mut |_| {})
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        hearth.backups().list().unwrap().is_empty(),
        "a refused import takes no snapshot"
    );

    let report = hearth
        .exchange()
        .import_everything(text.as_bytes(), &mut |_| {})
        .unwrap();
    assert_eq!(report.entries_added, 1);
    let listed = hearth.backups().list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, Reason::BeforeImport);
    assert_eq!(
        hearth.backups().preview(&listed[0].path).unwrap().entries,
        0,
        "the snapshot is the journal as it was before the import"
    );
}

#[test]
fn an_upgrade_takes_a_verified_snapshot_named_by_the_injected_clock() {
    let home = TempHearth::new();
    version_two_file(&home.database());
    let mut hearth = home.open();
    assert_eq!(hearth.state().unwrap().phase, Phase::Ready);
    let listed = hearth.backups().list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].path.file_name().unwrap().to_string_lossy(),
        format!("hearth-20261122T093000Z-before-upgrade-v2-to-v{LATEST_VERSION}.sqlite3")
    );
    assert_eq!(
        verify_backup(&listed[0].path).unwrap(),
        2,
        "the copy is the file before the upgrade"
    );
    assert_eq!(bodies(&mut hearth), ["Written long ago."]);
}

#[test]
fn two_months_of_daily_snapshots_keep_seven_daily_and_four_weekly() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    std::fs::create_dir_all(hearth.backups().folder()).unwrap();
    std::fs::write(hearth.backups().folder().join("notes.txt"), "mine").unwrap();
    for day in 0..60 {
        write(&mut hearth, &clock, &format!("Day {day}"));
        hearth
            .backups()
            .snapshot_if_due()
            .unwrap()
            .expect("a day later, one is due");
        clock.advance(Duration::days(1));
    }
    let dailies = list_backups(&hearth.backups().folder()).unwrap();
    assert!(
        (7..=11).contains(&dailies.len()),
        "7 daily and 4 weekly at most, never fewer than 7: {}",
        dailies.len()
    );
    let newest = dailies[0].taken_at;
    assert!(
        dailies
            .iter()
            .all(|b| newest - b.taken_at < Duration::days(28)),
        "nothing older than the 4 most recent weeks"
    );
    assert!(
        hearth.backups().folder().join("notes.txt").exists(),
        "only Hearth's own files are pruned"
    );
}

#[test]
fn a_snapshot_taken_by_hand_is_verified_listed_and_never_replaced() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    write(&mut hearth, &clock, "Before the talk on Sunday.");
    let snap = hearth.backups().take_snapshot().unwrap();
    assert_eq!(snap.reason, Reason::Manual);
    assert!(
        snap.path.to_string_lossy().ends_with("-manual.sqlite3"),
        "the name says it was taken by hand: {}",
        snap.path.display()
    );
    assert_eq!(
        hearth.backups().list().unwrap()[0],
        snap,
        "listed, newest first"
    );
    assert_eq!(hearth.backups().preview(&snap.path).unwrap().entries, 1);
    let before = bytes(&snap.path);
    let again = hearth.backups().take_snapshot().unwrap();
    assert_ne!(
        again.path, snap.path,
        "a second one in the same second gets its own name"
    );
    assert_eq!(bytes(&snap.path), before, "the first is never replaced");
}
