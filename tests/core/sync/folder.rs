//! Two laptops through one sync folder: each writes only its own files,
//! both converge, a removed laptop is ignored, nothing in the folder is
//! plain, and a ritual done on one laptop is not reminded on the other.

use hearth_tests::reminders::{Laptop as Ticking, Recorder};
use hearth_tests::rituals::{d, ritual, utc, BERLIN};
use hearth_tests::sync::contains;
use hearth_tests::{private_note, By, OFFSET, SAM};

use super::Two;

#[test]
fn a_look_says_how_much_arrived_so_the_page_can_show_it() {
    let mut two = Two::new();
    two.settle();
    assert_eq!(
        two.b.look().arrived,
        0,
        "a look that finds nothing new says nothing arrived"
    );
    two.a.write("We planted the tulips together.");
    assert_eq!(
        two.a.look().arrived,
        0,
        "a laptop's own changes never count as arrived"
    );
    assert!(
        two.b.look().arrived >= 1,
        "a look that brings the other laptop's entry says rows arrived"
    );
    assert_eq!(two.b.look().arrived, 0, "the same changes arrive once");
}

#[test]
fn an_entry_on_a_is_seen_on_b_and_a_ritual_done_on_b_is_seen_on_a() {
    let mut two = Two::new();
    two.a.write("We planted the tulips together.");
    two.a.look();
    two.b.look();
    assert!(
        two.b.has("We planted the tulips together."),
        "an entry written on A arrives on B through the folder"
    );
    let walk = two
        .b
        .hearth
        .rituals()
        .create(&ritual(
            "Evening walk",
            "FREQ=DAILY",
            "19:00",
            d(2026, 11, 22),
        ))
        .unwrap();
    two.b
        .hearth
        .rituals()
        .mark_done(walk.id, d(2026, 11, 22), None, None, OFFSET)
        .unwrap();
    two.b.look();
    two.a.look();
    let on_a = two.a.dump();
    assert!(
        on_a.contains("Evening walk") && on_a.contains("\"done\""),
        "a ritual marked done on B arrives on A:\n{on_a}"
    );
    two.settle();
    assert_eq!(
        two.a.dump(),
        two.b.dump(),
        "both laptops end with the same journal"
    );
}

#[test]
fn each_laptop_writes_only_its_own_folder_and_never_the_database() {
    let mut two = Two::new();
    for i in 0..3 {
        two.a.write(&format!("A's note {i}"));
        two.b.write(&format!("B's note {i}"));
        two.settle();
    }
    let (dir_a, dir_b) = (two.dir_of('a'), two.dir_of('b'));
    let names = |dir: &std::path::Path| {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        n.sort();
        n
    };
    assert_eq!(
        names(&dir_a),
        ["changes-1.hsync", "snapshot.hsync"],
        "A's own files"
    );
    assert_eq!(
        names(&dir_b),
        ["changes-1.hsync", "snapshot.hsync"],
        "B's own files"
    );
    let mut top = names(two.folder.path());
    top.sort();
    assert_eq!(
        top,
        ["devices"],
        "nothing else, and never the live database, in the folder"
    );
    assert_eq!(two.a.dump(), two.b.dump(), "converged");
}

#[test]
fn a_removed_laptops_later_files_are_ignored_on_every_laptop_that_heard() {
    let mut two = Two::new();
    two.settle();
    let b_id = two.b.hearth.sync().state().unwrap().this_device;
    let state = two.a.hearth.sync().remove_device(&b_id).unwrap();
    assert!(
        state.devices.iter().any(|d| d.id == b_id && d.removed),
        "the removed laptop is shown as removed"
    );
    two.b.look();
    assert!(
        two.b
            .hearth
            .sync()
            .state()
            .unwrap()
            .devices
            .iter()
            .any(|d| d.id == b_id && d.removed),
        "the removal travels to the other laptop's list too"
    );
    two.b.write("Written on the lost laptop after its removal.");
    two.b.look();
    two.a.look();
    assert!(
        !two.a.has("Written on the lost laptop after its removal."),
        "a removed laptop's later files are ignored"
    );
    let a_id = two.a.hearth.sync().state().unwrap().this_device;
    let err = two.a.hearth.sync().remove_device(&a_id);
    assert!(err.is_err(), "a laptop can't remove itself");
}

#[test]
fn no_plain_word_of_an_entry_is_in_any_byte_under_the_folder() {
    let mut two = Two::new();
    let canaries = ["periwinkle", "Zanzibar", "marmalade"];
    two.a.write(&format!(
        "We shared {} and talked of {}.",
        canaries[0], canaries[1]
    ));
    two.a
        .hearth
        .journal()
        .create_entry(&private_note(&format!("Private {}", canaries[2])), OFFSET)
        .unwrap();
    two.settle();
    assert!(two.b.has(canaries[0]), "the entry did travel");
    let mut files = 0;
    for path in walk(two.folder.path()) {
        let bytes = std::fs::read(&path).unwrap();
        files += 1;
        for word in canaries
            .iter()
            .chain(["Sam", "Alex", "Sam's laptop"].iter())
        {
            assert!(
                !contains(&bytes, word.as_bytes()),
                "{word:?} is plain in {}: everything in the folder is encrypted",
                path.display()
            );
        }
    }
    assert!(files >= 3, "the folder holds both laptops' files ({files})");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_ritual_done_on_a_is_not_reminded_on_b_once_the_change_arrived() {
    let folder = tempfile::tempdir().unwrap();
    let start = utc(2026, 11, 23, 5, 0);
    let mut a = Ticking::new(BERLIN, start);
    let walk = a.add(&ritual(
        "Morning walk",
        "FREQ=DAILY",
        "07:00",
        d(2026, 11, 23),
    ));
    // Not marked done anywhere: B reminds of it, so B's reminders do run.
    a.add(&ritual(
        "Tea in the garden",
        "FREQ=DAILY",
        "07:15",
        d(2026, 11, 23),
    ));
    a.hearth
        .sync()
        .choose_folder(folder.path(), "Sam's laptop")
        .unwrap();
    let code = a.hearth.sync().pairing_code().unwrap();
    let home = hearth_tests::TempHearth::new();
    let clock = hearth_core::FixedClock::at(start);
    let mut hearth = hearth_core::Hearth::open(home.path(), Box::new(clock.clone()));
    hearth
        .join_journal(folder.path(), &code.code, "Alex's laptop")
        .unwrap();
    hearth.reminders().start_in_zone(BERLIN);
    let mut b = Ticking {
        home,
        hearth,
        clock,
        shown: Recorder::default(),
        zone: BERLIN.into(),
    };
    a.by(SAM)
        .rituals()
        .mark_done(walk.id, d(2026, 11, 23), None, None, OFFSET)
        .unwrap();
    a.hearth.sync().exchange().unwrap();
    b.hearth.sync().exchange().unwrap();
    b.run_until(utc(2026, 11, 23, 7, 30));
    a.run_until(utc(2026, 11, 23, 7, 30));
    let on = |l: &Ticking, what: &str| l.shown.titles().iter().any(|t| t.contains(what));
    assert!(
        on(&b, "Tea in the garden"),
        "B reminds on its own: {:?}",
        b.shown.titles()
    );
    assert!(
        !on(&b, "Morning walk"),
        "B is not reminded of a walk marked done on A once the change arrived: {:?}",
        b.shown.titles()
    );
    assert!(!on(&a, "Morning walk"), "nor is A, where it was marked");
}

#[test]
fn a_change_that_clashes_with_this_laptops_own_is_kept_and_said_in_settings() {
    let mut two = Two::new();
    let day = hearth_tests::rituals::d(2026, 11, 20);
    for (laptop, words) in [
        (&mut two.a, "Answered on A."),
        (&mut two.b, "Answered on B."),
    ] {
        laptop.hearth.journal().prompt_of_the_day(day).unwrap();
        laptop
            .hearth
            .journal()
            .answer_prompt(day, &hearth_tests::note(words), hearth_tests::OFFSET)
            .unwrap();
    }
    two.settle();
    let notes = two.b.notes();
    assert!(
        notes
            .lines()
            .any(|n| n.contains("clash") && n.contains("Nothing is lost")),
        "Sam answered the same day on both laptops: Settings says the other laptop's \
         answer clashes and that nothing is lost: {notes:?}"
    );
    assert!(
        two.b.has("Answered on B."),
        "each laptop keeps its own answer"
    );
}
