//! Two laptops, one journal (issue 16): recording every change through the
//! door, and applying a peer's changes.

mod recording;

use hearth_core::Hearth;
use hearth_tests::sync::couple_dump;
use hearth_tests::TempHearth;

/// One laptop: its folder and its door.
pub struct Laptop {
    pub home: TempHearth,
    pub hearth: Hearth,
}

impl Laptop {
    /// A laptop with Sam and Alex set up, Sam writing.
    pub fn new() -> Laptop {
        let home = TempHearth::new();
        let mut hearth = home.couple();
        hearth.use_cheap_keys_for_tests();
        Laptop { home, hearth }
    }

    pub fn dump(&self) -> String {
        couple_dump(&self.home.database())
    }

    /// Everything this laptop has recorded.
    pub fn changes(&mut self) -> Vec<u8> {
        self.hearth.sync().changes(None).expect("exporting changes")
    }

    /// Brings here everything `other` has that this laptop lacks.
    pub fn take_from(&mut self, other: &mut Laptop) -> hearth_core::sync::Applied {
        let version = self.hearth.sync().version().unwrap();
        let bytes = other.hearth.sync().changes(Some(&version)).unwrap();
        let applied = self.hearth.sync().apply(&bytes).expect("applying changes");
        if std::env::var("SYNC_DEBUG").is_ok() {
            eprintln!("{applied:?}");
        }
        applied
    }
}
