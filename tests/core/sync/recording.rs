//! Recording: every change the handles make is an operation in the
//! document, derived from the write; the record survives a restart; a
//! sealed entry is recorded as ciphertext only; the couple's settings travel
//! and each laptop's own stay.

use chrono::Weekday;
use hearth_core::hearth::LockedNotice;
use hearth_tests::sync::contains;
use hearth_tests::{note, private_note, ALEX, OFFSET, SAM};

use super::{exchange, Laptop};

#[test]
fn each_laptop_has_its_own_device_id_kept_in_the_file() {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    let id_a = a.hearth.sync().device().unwrap();
    let id_b = b.hearth.sync().device().unwrap();
    assert_ne!(id_a, id_b, "two laptops never share a device id");
    assert!(id_a > 0 && id_b > 0);
    drop(a.hearth);
    let mut again = a.home.open();
    assert_eq!(
        again.sync().device().unwrap(),
        id_a,
        "the device id is kept in the file across a restart"
    );
}

#[test]
fn a_journal_that_syncs_nowhere_never_loads_its_record_to_look_at_the_folder() {
    let mut a = Laptop::new();
    a.write("Written before the restart.");
    drop(a.hearth);
    let mut again = a.home.open();
    let state = again
        .sync()
        .exchange()
        .expect("a look with no folder chosen");
    assert!(state.folder.is_none());
    again.sync().state().expect("Settings → Two laptops");
    again.sync().device().expect("the device id");
    assert!(
        !again.sync_record_loaded_for_tests(),
        "with no sync folder, the look the app makes at start and on every tick (and Settings) \
         reads the settings only, never the whole record of changes"
    );
    again
        .journal()
        .create_entry(&note("Written after it."), OFFSET)
        .unwrap();
    assert!(
        again.sync_record_loaded_for_tests(),
        "a write is still recorded, with no folder too (so a folder chosen later sends it)"
    );
}

/// One change made through the door.
type Step = Box<dyn Fn(&mut hearth_core::Hearth)>;

#[test]
fn every_journal_change_through_the_door_reaches_the_other_laptop() {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    let mut steps: Vec<(&str, Step)> = Vec::new();
    steps.push((
        "an entry",
        Box::new(|h| {
            let mut input = note("We walked by the river.");
            input.title = Some("Sunday".into());
            input.tags = vec!["walks".into(), "us".into()];
            h.journal().create_entry(&input, OFFSET).unwrap();
        }),
    ));
    steps.push((
        "its edit",
        Box::new(|h| {
            let id = first_entry(h);
            let mut input = note("We walked by the river, slowly.");
            input.tags = vec!["walks".into()];
            h.journal().edit_entry(id, &input, OFFSET).unwrap();
        }),
    ));
    steps.push((
        "a reply and a read mark",
        Box::new(|h| {
            let id = first_entry(h);
            h.set_writer(ALEX).unwrap();
            h.journal().reply(id, "I loved that walk.", OFFSET).unwrap();
            h.journal().mark_read(id, OFFSET).unwrap();
        }),
    ));
    steps.push((
        "an appreciation",
        Box::new(|h| {
            h.journal()
                .appreciate("Thank you for the walk.", OFFSET)
                .unwrap();
        }),
    ));
    steps.push((
        "a delete to the trash",
        Box::new(|h| {
            h.set_writer(hearth_tests::SAM).unwrap();
            let id = first_entry(h);
            h.journal().delete_entry(id).unwrap();
        }),
    ));
    steps.push((
        "a restore",
        Box::new(|h| {
            let id = h.journal().trash().unwrap()[0].id;
            h.journal().restore_entry(id).unwrap();
        }),
    ));
    steps.push((
        "a private entry, then emptying the trash",
        Box::new(|h| {
            let e = h
                .journal()
                .create_entry(&private_note("Only mine."), OFFSET)
                .unwrap();
            h.journal().delete_entry(e.id).unwrap();
            h.journal().empty_trash().unwrap();
        }),
    ));
    for (what, step) in &steps {
        let before = a.changes();
        step(&mut a.hearth);
        assert_ne!(a.changes(), before, "{what} is recorded as an operation");
        b.take_from(&mut a);
        assert_eq!(
            b.dump(),
            a.dump(),
            "after {what}, the other laptop holds the same rows"
        );
    }
}

fn first_entry(h: &mut hearth_core::Hearth) -> i64 {
    let page = h.journal().timeline(&Default::default()).unwrap();
    page.entries.last().expect("an entry").id
}

#[test]
fn the_couples_settings_travel_and_each_laptops_own_stay() {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    exchange(&mut [&mut a, &mut b]);
    a.hearth.checkins().set_week_start(Weekday::Sun).unwrap();
    a.hearth.set_locked_notice(LockedNotice::Private).unwrap();
    a.hearth.set_lock_after(Some(30)).unwrap();
    a.hearth.set_writer(ALEX).unwrap();
    exchange(&mut [&mut a, &mut b]);
    assert_eq!(
        b.hearth.checkins().week_start().unwrap(),
        Weekday::Sun,
        "the day the couple's check-in week starts is the same on both laptops"
    );
    let on_b = b.hearth.lock_settings().unwrap();
    assert_eq!(
        on_b.locked_notice,
        LockedNotice::Private,
        "what a locked laptop's reminders say is the couple's choice, on both laptops"
    );
    assert_eq!(
        on_b.lock_after,
        Some(10),
        "\"Lock after\" is each laptop's own"
    );
    assert_eq!(
        b.hearth.state().unwrap().writer_id,
        Some(SAM),
        "who is writing stays on each laptop"
    );
}

#[test]
fn settings_chosen_before_they_were_recorded_travel_once_recording_covers_them() {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    exchange(&mut [&mut a, &mut b]);
    // As an earlier Hearth left it: the week start chosen while settings
    // were not recorded (written here with Hearth closed, so nothing notes it).
    drop(a.hearth);
    rusqlite::Connection::open(a.home.database())
        .unwrap()
        .execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('checkin_week_start', 'Sat')",
            [],
        )
        .unwrap();
    a.hearth = hearth_core::Hearth::open(a.home.path(), Box::new(a.clock.clone()));
    exchange(&mut [&mut a, &mut b]);
    assert_eq!(
        b.hearth.checkins().week_start().unwrap(),
        Weekday::Sat,
        "a table recording now covers is recorded whole at the next start"
    );
}

#[test]
fn recording_leaves_every_save_durable() {
    let mut a = Laptop::new();
    a.write("We planned the weekend.");
    let d = a.hearth.diagnostics_for_tests().unwrap();
    assert_eq!(
        d.synchronous, "2",
        "recording commits lightly, then every save is durable (synchronous=FULL) again"
    );
    assert!(
        !a.changes().is_empty(),
        "the change was recorded, and settled before it was given out"
    );
    assert_eq!(a.hearth.diagnostics_for_tests().unwrap().synchronous, "2");
}

#[test]
fn the_record_survives_a_restart() {
    let mut a = Laptop::new();
    a.hearth
        .journal()
        .create_entry(&note("Kept."), OFFSET)
        .unwrap();
    let version = a.hearth.sync().version().unwrap();
    let changes = a.changes();
    drop(a.hearth);
    let mut again = a.home.open();
    assert_eq!(
        again.sync().version().unwrap(),
        version,
        "the same version after a restart"
    );
    assert_eq!(again.sync().changes(None).unwrap().len(), changes.len());
    let mut b = Laptop::new();
    b.hearth.sync().apply(&changes).unwrap();
    assert!(
        b.dump().contains("Kept."),
        "what was recorded before the restart still travels"
    );
}

#[test]
fn a_journal_written_before_recording_began_is_recorded_whole() {
    let mut a = Laptop::new();
    a.hearth
        .journal()
        .create_entry(&note("From before."), OFFSET)
        .unwrap();
    a.hearth.journal().appreciate("Thanks.", OFFSET).unwrap();
    drop(a.hearth);
    // As a journal upgraded to this version finds itself: rows, no record.
    let conn = rusqlite::Connection::open(a.home.database()).unwrap();
    conn.execute_batch("DELETE FROM sync_changes; DELETE FROM sync_pending;")
        .unwrap();
    drop(conn);
    let mut hearth = a.home.open();
    let changes = hearth.sync().changes(None).unwrap();
    let mut b = Laptop::new();
    b.hearth.sync().apply(&changes).unwrap();
    assert_eq!(
        b.dump(),
        hearth_tests::sync::couple_dump(&a.home.database()),
        "every row written before recording began is recorded at the first opening"
    );
}

#[test]
fn a_long_record_is_folded_into_one_snapshot_at_opening_and_still_gives_a_peer_what_it_lacks() {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    for i in 0..300 {
        a.write(&format!("Entry {i} of a long year."));
    }
    b.take_from(&mut a);
    a.write("Written after B last heard from A.");
    drop(a.hearth);
    let stored = |db: &std::path::Path| -> i64 {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.query_row("SELECT count(*) FROM sync_changes", [], |r| r.get(0))
            .unwrap()
    };
    assert!(
        stored(&a.home.database()) > 300,
        "each write stored its own row"
    );
    a.hearth = hearth_core::Hearth::open(a.home.path(), Box::new(a.clock.clone()));
    a.hearth.use_cheap_keys_for_tests();
    a.write("Written after the restart.");
    assert!(
        stored(&a.home.database()) <= 3,
        "a record of hundreds of rows is one snapshot once loaded again (and the write after it)"
    );
    b.take_from(&mut a);
    assert!(
        b.reads("Written after B last heard from A.") && b.reads("Written after the restart."),
        "after the folding, a peer is still given exactly what it lacks"
    );
    assert_eq!(b.dump(), a.dump(), "and both journals are the same");
    let mut c = Laptop::new();
    c.hearth.sync().apply(&a.changes()).unwrap();
    assert_eq!(
        c.dump(),
        a.dump(),
        "a new laptop gets the whole journal from the snapshot"
    );
}

#[test]
fn a_sealed_private_entry_is_recorded_as_its_ciphertext_only() {
    let mut a = Laptop::new();
    let mut b = Laptop::new();
    a.hearth
        .set_passphrase("a long enough passphrase", "a long enough passphrase")
        .unwrap();
    b.take_from(&mut a);
    a.take_from(&mut b);
    let mut input = private_note("What I can't say yet: bluefincanary");
    input.title = Some("titlecanary".into());
    input.tags = vec!["tagcanary".into()];
    let entry = a.hearth.journal().create_entry(&input, OFFSET).unwrap();
    input.body = "Edited, still sealed: editcanary".into();
    a.hearth
        .journal()
        .edit_entry(entry.id, &input, OFFSET)
        .unwrap();

    let since = b.hearth.sync().version().unwrap();
    let changes = a.hearth.sync().changes(Some(&since)).unwrap();
    for word in ["bluefincanary", "titlecanary", "tagcanary", "editcanary"] {
        assert!(
            !contains(&changes, word.as_bytes()),
            "what is recorded of a sealed entry is its ciphertext, never its words: {word}"
        );
    }
    let applied = b.hearth.sync().apply(&changes).unwrap();
    assert!(
        !applied.waiting,
        "nothing the other laptop needs is missing"
    );
    assert_eq!(
        b.dump(),
        a.dump(),
        "the other laptop holds the same sealed row"
    );
    let sealed: i64 = rusqlite::Connection::open(b.home.database())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM entries WHERE sealed IS NOT NULL AND visibility = 'private'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sealed, 1, "the private entry arrives as ciphertext");
}

#[test]
fn setting_a_passphrase_leaves_no_plain_history_in_the_record() {
    let mut a = Laptop::new();
    a.hearth
        .journal()
        .create_entry(
            &private_note("Written before the passphrase: earlycanary"),
            OFFSET,
        )
        .unwrap();
    let file = |a: &Laptop| {
        std::fs::read_dir(a.home.path())
            .unwrap()
            .map(|f| f.unwrap().path())
            .filter(|p| p.is_file())
            .any(|p| contains(&hearth_tests::bytes(&p), b"earlycanary"))
    };
    assert!(
        file(&a),
        "before a passphrase, the words are plain in the file"
    );
    a.hearth
        .set_passphrase("a long enough passphrase", "a long enough passphrase")
        .unwrap();
    assert!(
        !file(&a),
        "setting a passphrase seals the words and keeps no plain copy in the record's history"
    );
    drop(a.hearth);
    let mut again = a.home.open();
    again
        .unlock(hearth_tests::SAM, "a long enough passphrase")
        .unwrap();
    let page = again.journal().timeline(&Default::default()).unwrap();
    assert!(
        page.entries[0].body.contains("earlycanary"),
        "and the entry itself opens as before"
    );
}
