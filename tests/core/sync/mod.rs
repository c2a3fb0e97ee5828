//! Two laptops, one journal (issue 16): recording every change through the
//! door, and applying a peer's changes.

mod conflicts;
mod convergence;
mod folder;
mod folder_bad_input;
mod keys;
mod pairing;
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

    /// A laptop where Hearth is new: nobody set up yet (to join a journal).
    pub fn fresh() -> Laptop {
        let home = TempHearth::new();
        let clock = hearth_tests::clock();
        let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
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

    /// Whether a shared entry with this body is in this laptop's journal.
    pub fn has(&self, body: &str) -> bool {
        self.dump().contains(body)
    }

    /// Writes a shared entry as the partner writing now.
    pub fn write(&mut self, body: &str) {
        self.clock.advance(chrono::Duration::minutes(1));
        self.hearth
            .journal()
            .create_entry(&hearth_tests::note(body), hearth_tests::OFFSET)
            .expect("saving an entry");
    }

    /// Writes a private entry as the partner writing now.
    pub fn write_private(&mut self, body: &str) {
        self.hearth
            .journal()
            .create_entry(&hearth_tests::private_note(body), hearth_tests::OFFSET)
            .expect("saving a private entry");
    }

    /// Whether the partner writing now reads an entry with this body in
    /// their timeline (their own private pages included).
    pub fn reads(&mut self, body: &str) -> bool {
        self.hearth
            .journal()
            .timeline(&hearth_core::journal::TimelineQuery::default())
            .unwrap()
            .entries
            .iter()
            .any(|e| e.body == body)
    }

    /// What Settings → Two laptops says here, as one text.
    pub fn notes(&mut self) -> String {
        let state = self.hearth.sync().state().unwrap();
        state
            .notes
            .iter()
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// One look at the sync folder.
    pub fn look(&mut self) -> hearth_core::sync::SyncState {
        self.hearth
            .sync()
            .exchange()
            .expect("a look at the sync folder")
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

/// Two laptops sharing one sync folder: A set up and syncing first, B
/// joined with A's pairing code.
pub struct Two {
    pub folder: tempfile::TempDir,
    pub a: Laptop,
    pub b: Laptop,
}

impl Two {
    pub fn new() -> Two {
        let folder = tempfile::tempdir().expect("a sync folder");
        let mut a = Laptop::new();
        a.hearth
            .sync()
            .choose_folder(folder.path(), "Sam's laptop")
            .expect("choosing a sync folder");
        let code = a.hearth.sync().pairing_code().expect("a pairing code");
        let mut b = Laptop::fresh();
        b.hearth
            .join_journal(folder.path(), &code.code, "Alex's laptop")
            .expect("joining with the code");
        Two { folder, a, b }
    }

    /// A's folder in the sync folder.
    pub fn dir_of(&mut self, which: char) -> std::path::PathBuf {
        let laptop = if which == 'a' {
            &mut self.a
        } else {
            &mut self.b
        };
        let id = laptop.hearth.sync().state().unwrap().this_device;
        self.folder.path().join("devices").join(id)
    }

    /// Each laptop looks at the folder twice, in turn.
    pub fn settle(&mut self) {
        for _ in 0..2 {
            self.a.look();
            self.b.look();
        }
    }
}
