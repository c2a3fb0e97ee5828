//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use hearth_core::{FixedClock, Hearth, PartnerInput};

/// A data directory that disappears with the test.
pub struct TempHearth {
    pub dir: tempfile::TempDir,
}

impl TempHearth {
    pub fn new() -> Self {
        TempHearth {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn database(&self) -> PathBuf {
        self.dir.path().join(hearth_core::store::DATABASE_FILE)
    }

    /// Opens the data directory as the app does, on a fixed clock.
    pub fn open(&self) -> Hearth {
        Hearth::open(self.path(), Box::new(clock()))
    }

    /// Opens it with Sam (1) and Alex (2) already set up.
    pub fn couple(&self) -> Hearth {
        let mut hearth = self.open();
        hearth
            .setup_couple([input("Sam"), input("Alex")])
            .expect("setting up Sam and Alex");
        hearth
    }
}

impl Default for TempHearth {
    fn default() -> Self {
        Self::new()
    }
}

pub fn clock() -> FixedClock {
    FixedClock::at(Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap())
}

pub fn input(name: &str) -> PartnerInput {
    PartnerInput {
        name: name.into(),
        color: None,
    }
}

/// Every byte of a file, to prove it was left alone.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// Sam, who writes first.
pub const SAM: hearth_core::PartnerId = hearth_core::PartnerId(1);
/// Alex, Sam's partner.
pub const ALEX: hearth_core::PartnerId = hearth_core::PartnerId(2);
/// The writers' UTC offset in these tests (CET, an hour east of UTC).
pub const OFFSET: i32 = 60;

/// A set-up couple's journal, opened through the door on a fixed clock that
/// tests move by hand (the door holds a clone: they share one time).
pub struct Journal {
    pub home: TempHearth,
    pub hearth: Hearth,
    pub clock: FixedClock,
}

impl Journal {
    pub fn new() -> Self {
        let home = TempHearth::new();
        let clock = clock();
        let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
        hearth
            .setup_couple([input("Sam"), input("Alex")])
            .expect("setting up Sam and Alex");
        Journal {
            home,
            hearth,
            clock,
        }
    }

    /// Closes the door and opens it again on the same file and clock, as
    /// when Hearth quits and starts.
    pub fn reopen(&mut self) {
        self.hearth = Hearth::open(self.home.path(), Box::new(self.clock.clone()));
    }

    /// A minute later, `author` writes a shared entry with this body.
    pub fn write(
        &mut self,
        author: hearth_core::PartnerId,
        body: &str,
    ) -> hearth_core::journal::Entry {
        self.write_with(author, &note(body))
    }

    /// A minute later, `author` writes this entry.
    pub fn write_with(
        &mut self,
        author: hearth_core::PartnerId,
        input: &hearth_core::journal::EntryInput,
    ) -> hearth_core::journal::Entry {
        self.clock.advance(chrono::Duration::minutes(1));
        self.by(author)
            .journal()
            .create_entry(input, OFFSET)
            .expect("saving an entry")
    }

    /// Every table's rows, in a stable order, to prove nothing changed.
    pub fn dump(&self) -> String {
        dump(&self.home.database())
    }
}

impl By for Journal {
    fn by(&mut self, who: hearth_core::PartnerId) -> &mut Hearth {
        self.hearth.by(who)
    }
}

impl Default for Journal {
    fn default() -> Self {
        Self::new()
    }
}

/// A shared entry with only a body.
pub fn note(body: &str) -> hearth_core::journal::EntryInput {
    hearth_core::journal::EntryInput {
        body: body.into(),
        ..Default::default()
    }
}

/// A private entry with only a body.
pub fn private_note(body: &str) -> hearth_core::journal::EntryInput {
    hearth_core::journal::EntryInput {
        body: body.into(),
        visibility: hearth_core::journal::Visibility::Private,
        ..Default::default()
    }
}

/// The schema version and every row of every table (FTS tables included),
/// read through a second connection. One row is left out: the setting of
/// who is writing now, which the tests switch (`By`) to act as either
/// partner, since the door always acts as the stored writer.
/// The settings key of the partner writing now.
const WRITER_SETTING: &str = "current_writer";

pub fn dump(database: &Path) -> String {
    let conn = rusqlite::Connection::open(database).expect("a second connection");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mut out = format!("user_version {version}\n");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for table in tables {
        let select = if table == "settings" {
            format!("SELECT * FROM settings WHERE key <> '{WRITER_SETTING}'")
        } else {
            format!("SELECT * FROM \"{table}\"")
        };
        let mut stmt = conn.prepare(&select).unwrap();
        let columns = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let values: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(values.join(" | "))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.push_str(&format!(
            "== {table} ({} rows)\n{}\n",
            rows.len(),
            rows.join("\n")
        ));
    }
    out
}

pub mod door;
pub mod reminders;

pub use door::{By, Exchange};
pub mod rituals;

pub mod safety;

/// How many rows `table` holds, read through a second connection.
pub fn rows(database: &Path, table: &str) -> i64 {
    rusqlite::Connection::open(database)
        .expect("a second connection")
        .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })
        .expect("counting rows")
}

/// The passphrases of the Lock Hearth tests (tests/core/lock_hearth.rs and
/// the process it kills, tests/bin/lock_converter.rs).
pub mod lock {
    pub const SAMS: &str = "the lighthouse at dawn";
    pub const ALEXS: &str = "a kettle on the stove";
}
