//! The one door (`Hearth` and its handles): the rules every caller gets without asking for them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use hearth_core::commitments::CommitmentInput;
use hearth_core::exchange::ExportOptions;
use hearth_core::hearth::SaveTo;
use hearth_core::store::backup::verify_backup;
use hearth_core::store::Reason;
use hearth_core::{ErrorKind, FixedClock, Hearth};
use hearth_tests::rituals::{d, ritual, BERLIN};
use hearth_tests::{clock, input, note, TempHearth, OFFSET};

fn couple(home: &TempHearth) -> (Hearth, FixedClock) {
    let clock = clock();
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth
        .setup_couple([input("Sam"), input("Alex")])
        .expect("setting up Sam and Alex");
    (hearth, clock)
}

/// A waker like the shell's reminder loop, counting how often it was called.
fn listen(hearth: &mut Hearth) -> Arc<AtomicUsize> {
    let woken = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&woken);
    hearth.reminders().on_change(Arc::new(move || {
        count.fetch_add(1, Ordering::SeqCst);
    }));
    woken
}

#[test]
fn a_ritual_change_wakes_the_reminder_plan_without_being_asked() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let woken = listen(&mut hearth);
    let r = hearth
        .rituals()
        .create(&ritual("Coffee", "FREQ=DAILY", "07:30", d(2026, 11, 22)))
        .unwrap();
    assert_eq!(
        woken.load(Ordering::SeqCst),
        1,
        "adding a ritual wakes the reminder loop; no command calls it by hand"
    );
    assert!(
        hearth.reminders().next_look().is_none(),
        "after a ritual change the plan looks again at the next tick"
    );
    hearth.rituals().set_active(r.id, false).unwrap();
    hearth
        .rituals()
        .skip(r.id, d(2026, 11, 22), None)
        .unwrap_err();
    assert_eq!(
        woken.load(Ordering::SeqCst),
        2,
        "pausing a ritual wakes the plan; a refused skip (it changed nothing) does not"
    );
    hearth.rituals().list(true).unwrap();
    hearth.rituals().agenda(d(2026, 11, 22), 7, BERLIN).unwrap();
    assert_eq!(
        woken.load(Ordering::SeqCst),
        2,
        "reading rituals never wakes the plan"
    );
}

#[test]
fn a_commitment_change_wakes_the_reminder_plan_without_being_asked() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let woken = listen(&mut hearth);
    let input = CommitmentInput {
        title: "A text when I arrive".into(),
        details: None,
        owner: None,
        cadence: None,
        start_date: d(2026, 11, 22),
        zone: BERLIN.into(),
        review_on: Some(d(2027, 2, 22)),
    };
    let c = hearth.commitments().create(&input).unwrap();
    assert_eq!(
        woken.load(Ordering::SeqCst),
        1,
        "a new review date wakes the reminder loop"
    );
    hearth.commitments().set_ended(c.id, true).unwrap();
    assert_eq!(
        woken.load(Ordering::SeqCst),
        2,
        "ending a commitment (its review is no longer due) wakes it too"
    );
    hearth.commitments().list(true).unwrap();
    assert_eq!(
        woken.load(Ordering::SeqCst),
        2,
        "listing commitments never wakes the plan"
    );
}

#[test]
fn reminder_settings_and_the_tray_decide_in_the_core_and_wake_the_plan() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let woken = listen(&mut hearth);
    assert!(
        hearth.reminders().toggle_pause().unwrap(),
        "the tray's item pauses reminders that are running"
    );
    let paused = hearth.reminders().settings().unwrap();
    assert!(paused.paused, "reminders are paused");
    assert!(
        paused.paused_until.is_some(),
        "the tray pauses for a while, not until resumed"
    );
    assert!(
        !hearth.reminders().toggle_pause().unwrap(),
        "the same item resumes reminders that are paused"
    );
    assert_eq!(
        woken.load(Ordering::SeqCst),
        2,
        "each pause and resume wakes the reminder loop"
    );
    let err = hearth
        .reminders()
        .set_quiet_hours(Some("22:00"), None)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "quiet hours with a start and no end are refused by the core"
    );
    assert_eq!(
        woken.load(Ordering::SeqCst),
        2,
        "a refused setting changes nothing and wakes nothing"
    );
}

#[test]
fn emptying_the_trash_through_the_door_leaves_a_verified_snapshot_first() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    clock.advance(Duration::minutes(1));
    let e = hearth
        .journal()
        .create_entry(&note("Gone soon"), OFFSET)
        .unwrap();
    hearth.journal().delete_entry(e.id).unwrap();
    assert_eq!(hearth.journal().empty_trash().unwrap(), 1);
    let listed = hearth.backups().list().unwrap();
    assert_eq!(
        listed.iter().map(|b| b.reason).collect::<Vec<_>>(),
        vec![Reason::BeforeEmptyTrash],
        "the only way to empty the trash takes a before-empty-trash snapshot"
    );
    verify_backup(&listed[0].path).expect("the snapshot passes its integrity check");
}

#[test]
fn importing_and_restoring_through_the_door_leave_a_verified_snapshot_first() {
    let home = TempHearth::new();
    let (mut hearth, clock) = couple(&home);
    clock.advance(Duration::minutes(1));
    hearth
        .journal()
        .create_entry(&note("Kept"), OFFSET)
        .unwrap();
    let first = hearth.backups().take_snapshot().unwrap();
    let exported = hearth
        .exchange()
        .export_everything(
            &ExportOptions::default(),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            &SaveTo::ExportFolder,
            &mut |_| {},
        )
        .unwrap();
    let bytes = std::fs::read(&exported).unwrap();
    clock.advance(Duration::minutes(1));
    hearth
        .exchange()
        .import_everything(&bytes, &mut |_| {})
        .unwrap();
    clock.advance(Duration::minutes(1));
    hearth.backups().restore(&first.path).unwrap();
    let reasons: Vec<Reason> = hearth
        .backups()
        .list()
        .unwrap()
        .iter()
        .map(|b| b.reason)
        .collect();
    assert!(
        reasons.contains(&Reason::BeforeImport),
        "an import through the door takes a before-import snapshot: {reasons:?}"
    );
    assert!(
        reasons.contains(&Reason::BeforeRestore),
        "a restore through the door takes a before-restore snapshot: {reasons:?}"
    );
}

#[test]
fn exports_go_to_the_named_folder_numbered_never_over_a_file() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    let documents = tempfile::tempdir().unwrap();
    hearth.set_export_dir(Some(documents.path().to_path_buf()));
    let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let first = hearth
        .exchange()
        .export_markdown(&ExportOptions::default(), date, &SaveTo::ExportFolder)
        .unwrap();
    let second = hearth
        .exchange()
        .export_markdown(&ExportOptions::default(), date, &SaveTo::ExportFolder)
        .unwrap();
    assert_eq!(
        first.parent().unwrap(),
        documents.path(),
        "exports go to the named folder"
    );
    assert_eq!(
        second.file_name().unwrap(),
        "Hearth memory book 2026-11-22 (2).md",
        "a second export the same day is numbered by the core"
    );
    hearth.set_export_dir(Some(documents.path().join("gone")));
    let fallback = hearth
        .rituals()
        .export_ics(None, date, &SaveTo::ExportFolder)
        .unwrap();
    assert_eq!(
        fallback.parent().unwrap(),
        home.path(),
        "when the named folder is gone, exports go to the data folder"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_refusing_an_export_is_the_desktops_failure_not_the_journals() {
    let home = TempHearth::new();
    let (mut hearth, _) = couple(&home);
    // A folder no one may create files in, not even root.
    hearth.set_export_dir(Some("/proc".into()));
    let err = hearth
        .exchange()
        .export_everything(
            &ExportOptions::default(),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            &SaveTo::ExportFolder,
            &mut |_| {},
        )
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Desktop,
        "a folder that refuses a file is the desktop's failure, not storage: {err}"
    );
    assert_ne!(
        err.kind(),
        ErrorKind::Storage,
        "it is never described as the journal failing"
    );
}
