//! Writes entries and drafts through the domain API until it is killed, and
//! prints each one only after the call returned Ok (used by tests/core/store/crash.rs).
//!
//! Usage: `crash_writer <data-dir> <run>`. Lines on stdout, each written with
//! one `write` and flushed:
//!
//! - `OPEN`: the journal is open (the test may count its delay from here)
//! - `ENTRY <id> <uid> <author> <run> <i>`: entry `i` is saved
//! - `DRAFT <run> <i>`: Sam's `new` draft now holds `crash_draft(run, i)`
//! - `SNAPSHOT <path>`: a verified daily snapshot was kept
//!
//! The clock is a FixedClock starting at a day per run, a minute per entry,
//! and a day every 3 entries (so a daily snapshot falls due now and then).

use std::io::Write;

use chrono::{Duration, TimeZone, Utc};
use hearth_core::journal::EntryInput;
use hearth_core::{FixedClock, Hearth, PartnerId};
use hearth_tests::safety::{crash_body, crash_draft};
use hearth_tests::By;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a data directory");
    let run: u32 = args
        .next()
        .and_then(|r| r.parse().ok())
        .expect("a run number");
    let clock = FixedClock::at(
        Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap() + Duration::days(i64::from(run)),
    );
    let mut hearth = Hearth::open(&dir, Box::new(clock.clone()));
    let out = std::io::stdout();
    let say = |line: String| {
        let mut out = out.lock();
        out.write_all(line.as_bytes()).expect("stdout");
        out.flush().expect("stdout");
    };
    say("OPEN\n".into());
    for i in 0.. {
        clock.advance(Duration::minutes(1));
        let author = PartnerId(1 + (i % 2) as i64);
        let input = EntryInput {
            body: crash_body(run, i),
            tags: vec![format!("run-{run}")],
            ..Default::default()
        };
        let entry = hearth
            .by(author)
            .journal()
            .create_entry(&input, 60)
            .unwrap_or_else(|e| panic!("saving entry {i} of run {run}: {e}"));
        say(format!(
            "ENTRY {} {} {} {run} {i}\n",
            entry.id, entry.uid, author.0
        ));

        hearth
            .by(PartnerId(1))
            .journal()
            .save_draft("new", &crash_draft(run, i))
            .unwrap_or_else(|e| panic!("saving draft {i} of run {run}: {e}"));
        say(format!("DRAFT {run} {i}\n"));

        if i % 3 == 2 {
            clock.advance(Duration::days(1));
            if let Some(b) = hearth
                .backups()
                .snapshot_if_due()
                .unwrap_or_else(|e| panic!("a daily snapshot in run {run}: {e}"))
            {
                say(format!("SNAPSHOT {}\n", b.path.display()));
            }
        }
    }
}
