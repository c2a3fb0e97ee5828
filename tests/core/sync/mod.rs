//! Two laptops, one journal (issue 16): recording every change through the
//! door, and applying a peer's changes.

mod conflicts;
mod convergence;
mod recording;

use hearth_core::{FixedClock, Hearth};
use hearth_tests::sync::couple_dump;
use hearth_tests::TempHearth;

/// One laptop: its folder and its door.
pub struct Laptop {
    pub home: TempHearth,
    pub hearth: Hearth,
    /// This laptop's own clock, which tests may set wrong.
    pub clock: FixedClock,
}

impl Laptop {
    /// A laptop with Sam and Alex set up, Sam writing.
    pub fn new() -> Laptop {
        let home = TempHearth::new();
        let clock = hearth_tests::clock();
        let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
        hearth
            .setup_couple([hearth_tests::input("Sam"), hearth_tests::input("Alex")])
            .expect("setting up Sam and Alex");
        hearth.use_cheap_keys_for_tests();
        Laptop {
            home,
            hearth,
            clock,
        }
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

/// Brings each laptop everything the others have, until all are in step.
pub fn exchange(laptops: &mut [&mut Laptop]) {
    for _ in 0..2 {
        for i in 0..laptops.len() {
            for j in 0..laptops.len() {
                if i != j {
                    let (a, b) = pick(laptops, i, j);
                    a.take_from(b);
                }
            }
        }
    }
}

fn pick<'a>(
    laptops: &'a mut [&mut Laptop],
    i: usize,
    j: usize,
) -> (&'a mut Laptop, &'a mut Laptop) {
    if i < j {
        let (left, right) = laptops.split_at_mut(j);
        (&mut *left[i], &mut *right[0])
    } else {
        let (left, right) = laptops.split_at_mut(i);
        (&mut *right[0], &mut *left[j])
    }
}
