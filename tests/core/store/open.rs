//! The database file: how it is opened, upgraded, and refused.

use hearth_core::store::{migrations::STEPS, LATEST_VERSION};
use hearth_core::{ErrorKind, Phase};
use hearth_tests::{bytes, TempHearth};
use rusqlite::Connection;

/// The schema version of the file (`PRAGMA user_version`), read apart.
fn user_version(home: &TempHearth) -> i64 {
    Connection::open(home.database())
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// The schema as SQLite records it, in a stable order.
fn schema(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn every_connection_is_durable_and_checks_foreign_keys() {
    let home = TempHearth::new();
    let mut hearth = home.open();
    let d = hearth.diagnostics_for_tests().unwrap();
    assert_eq!(d.journal_mode, "wal", "WAL, so reading never blocks a save");
    assert_eq!(
        d.synchronous, "2",
        "synchronous=FULL: a saved entry survives a power cut"
    );
    assert!(d.foreign_keys, "foreign keys are enforced");
    assert!(
        d.busy_timeout_ms >= 1000,
        "a busy file is waited for, not failed"
    );
    assert_eq!(d.schema_version, LATEST_VERSION);
}

#[test]
fn upgrading_from_every_earlier_version_equals_a_fresh_install() {
    let fresh = TempHearth::new();
    drop(fresh.open());
    let want = schema(&Connection::open(fresh.database()).unwrap());
    assert!(!want.is_empty());

    for version in 0..LATEST_VERSION {
        let old = TempHearth::new();
        {
            let conn = Connection::open(old.database()).unwrap();
            for step in &STEPS[..version as usize] {
                conn.execute_batch(step).unwrap();
            }
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let hearth = old.open();
        drop(hearth);
        assert_eq!(user_version(&old), LATEST_VERSION);
        let got = schema(&Connection::open(old.database()).unwrap());
        assert_eq!(
            got, want,
            "upgrading from v{version} gives the same schema as a fresh install"
        );
    }
}

#[test]
fn a_database_from_a_newer_hearth_is_refused_and_left_untouched() {
    let home = TempHearth::new();
    {
        let conn = Connection::open(home.database()).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let before = bytes(&home.database());

    let err = home.open().journal().trash().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NewerDatabase);
    assert!(err.to_string().contains("newer version of Hearth"), "{err}");
    assert_eq!(
        bytes(&home.database()),
        before,
        "a newer file is not modified"
    );
    assert!(
        !home.path().join("hearth.sqlite3-wal").exists(),
        "not even switched to WAL"
    );

    let state = home.open().state().unwrap();
    assert_eq!(
        state.phase,
        Phase::Unavailable,
        "the app shows a clear screen instead"
    );
    let problem = state.problem.unwrap();
    assert_eq!(problem.kind, ErrorKind::NewerDatabase);
    assert_eq!(
        problem.path,
        home.database().display().to_string(),
        "and says where the file is"
    );
    assert_eq!(bytes(&home.database()), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let home = TempHearth::new();
    let junk = b"Dear diary, this is not a database at all. ".repeat(200);
    std::fs::write(home.database(), &junk).unwrap();

    let mut hearth = home.open();
    let state = hearth.state().unwrap();
    assert_eq!(state.phase, Phase::Unavailable);
    assert_eq!(state.problem.unwrap().kind, ErrorKind::NotADatabase);
    let err = hearth.setup_couple([hearth_tests::input("Sam"), hearth_tests::input("Alex")]);
    assert_eq!(
        err.unwrap_err().kind(),
        ErrorKind::NotADatabase,
        "nothing can be written to it"
    );
    assert_eq!(bytes(&home.database()), junk, "the file is never modified");
}

#[test]
fn a_data_folder_that_cannot_be_made_is_reported_with_its_path() {
    let home = TempHearth::new();
    let blocked = home.path().join("not-a-folder");
    std::fs::write(&blocked, "a file where the folder should be").unwrap();

    let state = hearth_core::Hearth::open(&blocked, Box::new(hearth_tests::clock()))
        .state()
        .unwrap();
    assert_eq!(state.phase, Phase::Unavailable);
    let problem = state.problem.unwrap();
    assert_eq!(problem.kind, ErrorKind::DataDir);
    assert_eq!(problem.path, blocked.display().to_string());
}

#[test]
fn a_new_data_folder_is_private_to_its_user() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let home = TempHearth::new();
        let dir = home.path().join("fresh");
        drop(hearth_core::Hearth::open(
            &dir,
            Box::new(hearth_tests::clock()),
        ));
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "no one else on the laptop can list the journal folder"
        );
    }
}
