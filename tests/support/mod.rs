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

/// A set-up couple's store on a fixed clock that tests move by hand.
pub struct Journal {
    pub home: TempHearth,
    pub store: hearth_core::Store,
    pub clock: FixedClock,
}

impl Journal {
    pub fn new() -> Self {
        let home = TempHearth::new();
        drop(home.couple());
        let store = hearth_core::Store::open(home.database()).expect("opening the store");
        Journal {
            home,
            store,
            clock: clock(),
        }
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
        self.store
            .create_entry(author, input, OFFSET, &self.clock)
            .expect("saving an entry")
    }

    /// Every table's rows, in a stable order, to prove nothing changed.
    pub fn dump(&self) -> String {
        dump(&self.home.database())
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
/// read through a second connection.
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
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
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

pub mod reminders;
pub mod rituals;
pub mod sync;

pub mod safety;
