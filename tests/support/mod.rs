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
