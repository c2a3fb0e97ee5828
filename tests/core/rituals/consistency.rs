//! Consistency, gently: a skip keeps the run, a miss ends it, today's open one leaves it be; shares leave skips out; milestones at 7, 30 and 100; no shaming words.

use chrono::NaiveDate;
use hearth_core::rituals::{templates, Consistency, MILESTONES};
use hearth_tests::rituals::{d, ritual, utc};
use hearth_tests::By;
use hearth_tests::OFFSET;
use hearth_tests::{Journal, SAM};

// The fixed clock: Sunday 22 November 2026, 10:30 in Berlin.

fn daily(j: &mut Journal, title: &str, start: NaiveDate) -> i64 {
    j.by(SAM)
        .rituals()
        .create(&ritual(title, "FREQ=DAILY", "07:30", start))
        .unwrap()
        .id
}

fn done(j: &mut Journal, id: i64, days: impl IntoIterator<Item = u32>) {
    for day in days {
        j.by(SAM)
            .rituals()
            .mark_done(id, d(2026, 11, day), None, None, OFFSET)
            .unwrap();
    }
}

fn of(j: &mut Journal, id: i64) -> Consistency {
    j.hearth.rituals().one_consistency(id).unwrap().consistency
}

#[test]
fn a_skip_neither_counts_nor_breaks_the_run() {
    let mut j = Journal::new();
    let id = daily(&mut j, "Coffee", d(2026, 11, 15));
    done(&mut j, id, 15..=17);
    j.by(SAM)
        .rituals()
        .skip(id, d(2026, 11, 18), Some("Early train"))
        .unwrap();
    done(&mut j, id, 19..=21);
    let c = of(&mut j, id);
    assert_eq!(
        c.current_run, 6,
        "a skip keeps the run, and today's open one doesn't end it"
    );
    assert_eq!(c.longest_run, 6);
    assert_eq!((c.kept, c.skipped), (6, 1), "a skip doesn't count as kept");
}

#[test]
fn a_miss_ends_the_run_and_the_longest_is_remembered() {
    let mut j = Journal::new();
    let id = daily(&mut j, "Coffee", d(2026, 11, 15));
    done(&mut j, id, 15..=18);
    done(&mut j, id, 20..=21);
    let c = of(&mut j, id);
    assert_eq!(
        c.current_run, 2,
        "the 19th passed with nothing recorded: the run starts again"
    );
    assert_eq!(c.longest_run, 4, "the longest run stays");
}

#[test]
fn todays_occurrence_ends_the_run_only_once_its_day_has_passed() {
    let mut j = Journal::new();
    let id = daily(&mut j, "Coffee", d(2026, 11, 20));
    done(&mut j, id, 20..=21);
    assert_eq!(
        of(&mut j, id).current_run,
        2,
        "today (the 22nd) is still open"
    );
    j.clock.set(utc(2026, 11, 22, 22, 59));
    assert_eq!(
        of(&mut j, id).current_run,
        2,
        "23:59 in Berlin is still the 22nd"
    );
    j.clock.set(utc(2026, 11, 22, 23, 1));
    let c = of(&mut j, id);
    assert_eq!(
        c.current_run, 0,
        "once the local day has passed, it is missed"
    );
    assert_eq!(c.longest_run, 2);
}

#[test]
fn shares_count_kept_over_kept_and_missed_leaving_skips_out() {
    let mut j = Journal::new();
    let id = daily(&mut j, "Coffee", d(2026, 11, 1));
    done(&mut j, id, 1..=10);
    for day in 11..=15 {
        j.by(SAM)
            .rituals()
            .skip(id, d(2026, 11, day), None)
            .unwrap();
    }
    // 16th to 21st: nothing recorded (6 missed); 22nd is today.
    let c = of(&mut j, id);
    assert_eq!(
        (c.last_4_weeks.kept, c.last_4_weeks.counted),
        (10, 16),
        "10 kept of 16 that count: the 5 skips and today are left out"
    );
    assert!((c.last_4_weeks.share.unwrap() - 0.625).abs() < 1e-9);
    assert_eq!(
        c.last_12_weeks.counted, 16,
        "the ritual is younger than 12 weeks"
    );

    let fresh = daily(&mut j, "Walk", d(2026, 11, 22));
    assert_eq!(
        of(&mut j, fresh).last_4_weeks.share,
        None,
        "nothing to count yet is not zero"
    );
}

#[test]
fn the_four_week_window_is_the_last_28_local_days() {
    let mut j = Journal::new();
    let id = daily(&mut j, "Coffee", d(2026, 10, 1));
    // Every day of October done: only 26 to 31 October fall in the last 28 days.
    for day in 1..=31 {
        j.by(SAM)
            .rituals()
            .mark_done(id, d(2026, 10, day), None, None, OFFSET)
            .unwrap();
    }
    let c = of(&mut j, id);
    assert_eq!(
        (c.last_4_weeks.kept, c.last_4_weeks.counted),
        (6, 27),
        "25 Oct to 21 Nov, less today"
    );
    assert_eq!((c.last_12_weeks.kept, c.last_12_weeks.counted), (31, 52));
}

#[test]
fn milestones_come_at_7_30_and_100_kept_and_are_celebrated_once_reached() {
    let mut j = Journal::new();
    let id = daily(&mut j, "Coffee", d(2026, 8, 1));
    let start = d(2026, 8, 1);
    let mark = |j: &mut Journal, n: u64| {
        let date = start.checked_add_days(chrono::Days::new(n)).unwrap();
        j.by(SAM)
            .rituals()
            .mark_done(id, date, None, None, OFFSET)
            .unwrap();
    };
    assert_eq!(MILESTONES, [7, 30, 100]);
    for n in 0..6 {
        mark(&mut j, n);
    }
    let m = of(&mut j, id).milestones;
    assert_eq!(
        (m.reached.len(), m.just_reached, m.next),
        (0, None, Some(7))
    );
    mark(&mut j, 6);
    let m = of(&mut j, id).milestones;
    assert_eq!(
        (m.reached, m.just_reached),
        (vec![7], Some(7)),
        "the 7th kept reaches the first milestone"
    );
    assert!(
        of(&mut j, id).summary.contains("celebrating"),
        "and the summary celebrates it"
    );
    mark(&mut j, 7);
    assert_eq!(
        of(&mut j, id).milestones.just_reached,
        None,
        "the celebration is for the moment it is reached"
    );
    for n in 8..30 {
        mark(&mut j, n);
    }
    assert_eq!(of(&mut j, id).milestones.just_reached, Some(30));
    for n in 30..100 {
        mark(&mut j, n);
    }
    let c = of(&mut j, id);
    assert_eq!(c.kept, 100);
    assert_eq!(
        (
            c.milestones.reached,
            c.milestones.just_reached,
            c.milestones.next
        ),
        (vec![7, 30, 100], Some(100), None)
    );
    let overall = j.hearth.rituals().consistency().unwrap().overall;
    assert_eq!(
        overall.milestones.just_reached,
        Some(100),
        "overall counts every ritual's kept"
    );
}

#[test]
fn overall_puts_every_ritual_in_one_line_by_time() {
    let mut j = Journal::new();
    let coffee = daily(&mut j, "Coffee", d(2026, 11, 19));
    let walk = j
        .by(SAM)
        .rituals()
        .create(&ritual("Walk", "FREQ=DAILY", "19:00", d(2026, 11, 19)))
        .unwrap()
        .id;
    done(&mut j, coffee, 19..=21);
    done(&mut j, walk, [19, 21]);
    let report = j.hearth.rituals().consistency().unwrap();
    assert_eq!(report.rituals.len(), 2);
    assert_eq!(report.rituals[0].consistency.current_run, 3);
    assert_eq!(report.rituals[1].consistency.current_run, 1);
    assert_eq!(
        report.overall.current_run, 2,
        "the walk of the 20th (19:00) ends the overall run; coffee and walk on the 21st follow"
    );
    assert_eq!(
        report.overall.longest_run, 3,
        "coffee 19, walk 19, coffee 20"
    );
    assert_eq!(report.overall.kept, 5);
}

#[test]
fn nothing_the_couple_reads_shames_them() {
    let mut j = Journal::new();
    let id = daily(&mut j, "Coffee", d(2026, 11, 1));
    let mut texts: Vec<String> = Vec::new();
    texts.push(of(&mut j, id).summary);
    done(&mut j, id, [1, 2, 3]);
    texts.push(of(&mut j, id).summary);
    done(&mut j, id, 4..=21);
    texts.push(of(&mut j, id).summary);
    for t in templates() {
        texts.push(t.title.to_string());
        texts.push(t.intention.to_string());
    }
    let report = j.hearth.rituals().consistency().unwrap();
    texts.push(report.overall.summary);
    for word in [
        "fail", "broke", "broken", "missed", "streak", "lost", "behind", "lazy", "shame", "should",
        "only",
    ] {
        for text in &texts {
            assert!(
                !text
                    .to_lowercase()
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w == word),
                "no shaming words such as “{word}” in “{text}”"
            );
        }
    }
}

#[test]
fn the_summary_says_runs_and_recent_weeks_as_people_say_them() {
    let mut j = Journal::new();
    // Today is the 22nd; its 07:30 occurrence is still open and not counted.
    let once = daily(&mut j, "Tea", d(2026, 11, 21));
    done(&mut j, once, [21]);
    assert_eq!(
        of(&mut j, once).summary,
        "Kept the last time.",
        "a run of one is “the last time”, never “once in a row”, and one of one needs no count"
    );

    let twice = daily(&mut j, "Walk", d(2026, 11, 20));
    done(&mut j, twice, [20, 21]);
    assert_eq!(
        of(&mut j, twice).summary,
        "Kept the last 2 times in a row.",
        "a run of two or more says how many, in a row"
    );

    let five = daily(&mut j, "Coffee", d(2026, 11, 17));
    done(&mut j, five, 17..=21);
    assert_eq!(of(&mut j, five).summary, "Kept the last 5 times in a row.");

    let after_a_gap = daily(&mut j, "Letters", d(2026, 11, 15));
    done(&mut j, after_a_gap, [21]);
    assert_eq!(
        of(&mut j, after_a_gap).summary,
        "Kept the last time. 1 of the last 7 in the past four weeks.",
        "the past four weeks are said when they add to the run"
    );

    let some_back = daily(&mut j, "Phones away", d(2026, 11, 18));
    done(&mut j, some_back, [18]);
    assert_eq!(
        of(&mut j, some_back).summary,
        "Kept once so far. 1 of the last 4 in the past four weeks.",
        "without a run, what was kept so far, in words"
    );

    let not_yet = daily(&mut j, "Stretch", d(2026, 11, 20));
    assert_eq!(
        of(&mut j, not_yet).summary,
        "None kept yet, and that's all right: the next one is a fresh start.",
        "days that passed unmarked are said without a count against anyone, and never as \"still ahead\""
    );

    for id in [once, twice, five, after_a_gap, some_back, not_yet] {
        let text = of(&mut j, id).summary;
        for machine in [
            "once in a row",
            "1 times",
            "of the last 1 ",
            "0 of the last",
        ] {
            assert!(
                !text.contains(machine),
                "no machine-like “{machine}” in “{text}”"
            );
        }
    }
}

#[test]
fn the_summary_never_says_the_first_is_ahead_beside_a_day_that_came() {
    let mut j = Journal::new();
    let fresh = daily(&mut j, "Walk", d(2026, 11, 25));
    assert_eq!(
        of(&mut j, fresh).summary,
        "The first one is still ahead of you.",
        "before any day has come, the first one is ahead"
    );

    let started = daily(&mut j, "Tea", d(2026, 11, 20));
    j.by(SAM)
        .rituals()
        .skip(started, d(2026, 11, 20), None)
        .unwrap();
    let summary = of(&mut j, started).summary;
    assert!(
        !summary.contains("still ahead"),
        "with a day skipped and others passed, the first one is not \"still ahead\": {summary}"
    );
    assert!(
        summary.contains("fresh start"),
        "none kept yet is said gently: {summary}"
    );
}
