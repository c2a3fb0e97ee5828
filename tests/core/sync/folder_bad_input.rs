//! Bad input in the sync folder: another journal's files, a newer Hearth's,
//! a file cut short or changed, a folder gone or unwritable. Each is skipped
//! with a note in Settings, nothing applied, nothing lost.

use std::fs;
use std::path::Path;

use super::{Laptop, Two};

/// Copies a folder's files (not its subfolders) into `to`.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn another_journals_files_are_left_alone_with_a_note() {
    let mut two = Two::new();
    two.settle();
    let mut stranger = Laptop::new();
    stranger.write("A stranger's evening, not ours.");
    let elsewhere = tempfile::tempdir().unwrap();
    let state = stranger
        .hearth
        .sync()
        .choose_folder(elsewhere.path(), "Stranger")
        .unwrap();
    copy_dir(
        &elsewhere.path().join("devices").join(&state.this_device),
        &two.folder.path().join("devices").join(&state.this_device),
    );
    let before = two.a.dump();
    two.a.look();
    assert_eq!(
        two.a.dump(),
        before,
        "nothing of another journal is applied"
    );
    assert!(
        two.a
            .notes()
            .contains("belong to another journal; Hearth left them alone"),
        "a note says so: {}",
        two.a.notes()
    );
}

#[test]
fn a_newer_hearths_files_are_skipped_with_a_note() {
    let mut two = Two::new();
    two.settle();
    two.b.write("Written by a newer Hearth.");
    two.b.look();
    for name in ["snapshot.hsync", "changes-1.hsync"] {
        let path = two.dir_of('b').join(name);
        let mut bytes = fs::read(&path).unwrap();
        bytes[8..10].copy_from_slice(&2u16.to_be_bytes());
        fs::write(&path, bytes).unwrap();
    }
    two.a.look();
    assert!(
        !two.a.has("Written by a newer Hearth."),
        "a newer format is not applied"
    );
    assert!(
        two.a.notes().contains("Alex's laptop uses a newer Hearth"),
        "a note names the laptop: {}",
        two.a.notes()
    );
}

#[test]
fn a_file_cut_short_applies_its_whole_frames_and_the_rest_once_whole() {
    let mut two = Two::new();
    two.settle();
    for body in ["First of three.", "Second of three.", "Third of three."] {
        two.b.write(body);
        two.b.look();
    }
    let path = two.dir_of('b').join("changes-1.hsync");
    let whole = fs::read(&path).unwrap();
    fs::write(&path, &whole[..whole.len() - 20]).unwrap();
    two.a.look();
    assert!(
        two.a.has("First of three.") && two.a.has("Second of three."),
        "the whole frames of a half-synced file are applied"
    );
    assert!(!two.a.has("Third of three."), "the cut-short frame is not");
    assert_eq!(two.a.notes(), "", "a file still arriving is no alarm");
    fs::write(&path, &whole).unwrap();
    two.a.look();
    assert!(
        two.a.has("Third of three."),
        "the rest is applied once the file is whole"
    );
    two.settle();
    assert_eq!(two.a.dump(), two.b.dump());
}

#[test]
fn a_file_whose_bytes_were_changed_applies_nothing_and_says_whose() {
    let mut two = Two::new();
    two.settle();
    two.b.write("Changed on the way.");
    two.b.look();
    let path = two.dir_of('b').join("changes-1.hsync");
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 5;
    bytes[last] ^= 0x40;
    fs::write(&path, bytes).unwrap();
    let before = two.a.dump();
    two.a.look();
    assert_eq!(two.a.dump(), before, "nothing of a changed file is applied");
    let said = two.a.notes();
    assert!(
        said.contains("A file from Alex's laptop was changed or damaged"),
        "the note names the laptop: {said}"
    );
    two.a.look();
    assert_eq!(
        two.a.notes(),
        said,
        "the file is skipped, and the note stays, until it changes"
    );
}

#[test]
fn a_missing_folder_leaves_a_calm_note_and_the_work_is_sent_later() {
    let mut two = Two::new();
    two.settle();
    let away = two.folder.path().with_extension("unplugged");
    fs::rename(two.folder.path(), &away).unwrap();
    two.a.write("Written while the stick was out.");
    let state = two.a.look();
    assert!(
        two.a.has("Written while the stick was out."),
        "local work goes on"
    );
    assert!(
        state
            .notes
            .iter()
            .any(|n| n.text.contains("isn't there right now")),
        "a calm note: {:?}",
        state.notes
    );
    fs::rename(&away, two.folder.path()).unwrap();
    two.a.look();
    assert_eq!(two.a.notes(), "", "the note goes once the folder is back");
    two.b.look();
    assert!(
        two.b.has("Written while the stick was out."),
        "and the change is sent later"
    );
}

#[test]
fn a_folder_hearth_cant_write_in_leaves_a_note_and_the_work_is_sent_later() {
    let mut two = Two::new();
    two.settle();
    // Tests may run as root, whom permissions don't stop: a file standing
    // where A's folder must be refuses every write the same way.
    let dir = two.dir_of('a');
    let aside = dir.with_extension("aside");
    fs::rename(&dir, &aside).unwrap();
    fs::write(&dir, b"in the way").unwrap();
    two.a.write("Written while the folder refused.");
    let state = two.a.look();
    assert!(
        state
            .notes
            .iter()
            .any(|n| n.text.contains("couldn't write in the sync folder")),
        "a calm note: {:?}",
        state.notes
    );
    fs::remove_file(&dir).unwrap();
    fs::rename(&aside, &dir).unwrap();
    two.a.look();
    two.b.look();
    assert!(
        two.b.has("Written while the folder refused."),
        "the change is sent later"
    );
}
