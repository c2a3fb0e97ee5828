//! Two laptops (issue 16): applying 10,000 remote changes (target <= 2 s),
//! what recording adds to a durable insert (p95, target <= 1 ms), and the
//! first sync of a journal of 100,000 entries to a new laptop (target <= 60
//! s, the sync folder no larger than 2x the database).
//!
//! ```text
//! cargo bench -p hearth-tests --bench sync              # 10,000 entries, 300 inserts, 100,000 first
//! cargo bench -p hearth-tests --bench sync -- --smoke   # 500 entries, 40 inserts, 400 first (CI)
//! ```
//!
//! Laptop A writes the entries through the door (each recorded as it is
//! written); laptop B, set up on its own, applies all of A's changes at
//! once: the engine's import and the one SQLite transaction that writes
//! every row. Then inserts through the door alternate, ten at a time,
//! between recording on and off (the triggers removed), each a durable
//! save (`synchronous=FULL`). It prints numbers and never fails on timing.

use std::time::{Duration, Instant};

use std::path::Path;

use hearth_core::generate::Sizes;
use hearth_core::journal::EntryInput;
use hearth_core::{FixedClock, Hearth, PartnerInput};

fn laptop(dir: &std::path::Path) -> Hearth {
    let clock = FixedClock::at(chrono::Utc::now());
    let mut hearth = Hearth::open(dir, Box::new(clock));
    let partner = |name: &str| PartnerInput {
        name: name.into(),
        color: None,
    };
    hearth
        .setup_couple([partner("Sam"), partner("Alex")])
        .unwrap();
    hearth
}

fn entry(i: usize) -> EntryInput {
    EntryInput {
        title: Some(format!("Evening {i}")),
        body: format!(
            "We talked for a while after dinner, number {i}. It was calm and we listened \
             to each other without rushing to fix anything."
        ),
        tags: vec!["evening".into()],
        ..Default::default()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let (n, inserts) = if smoke { (500, 40) } else { (10_000, 300) };
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = laptop(dir_a.path());
    let mut b = laptop(dir_b.path());

    let t = Instant::now();
    for i in 0..n {
        a.journal().create_entry(&entry(i), 60).unwrap();
    }
    let written = t.elapsed();
    let since = b.sync().version().unwrap();
    let t = Instant::now();
    let changes = a.sync().changes(Some(&since)).unwrap();
    let exported = t.elapsed();
    let t = Instant::now();
    let applied = b.sync().apply(&changes).unwrap();
    let apply = t.elapsed();
    assert_eq!(applied.rows, n, "every entry arrived");
    println!(
        "# Sync: {n} entries written on laptop A ({:.1} s through the door, recorded)",
        written.as_secs_f64()
    );
    println!(
        "changes for laptop B: {:.1} KiB, exported in {:.1} ms",
        changes.len() as f64 / 1024.0,
        ms(exported)
    );
    println!(
        "apply {n} remote changes on laptop B: {:.0} ms (target <= 2000 ms; {:.1} µs a change)",
        ms(apply),
        apply.as_secs_f64() * 1e6 / n as f64
    );

    let (mut on, mut off) = (Vec::new(), Vec::new());
    for round in 0..inserts / 10 {
        for recording in [round % 2 == 0, round % 2 == 1] {
            a.sync().pause_recording_for_benchmarks(!recording).unwrap();
            for i in 0..10 {
                let t = Instant::now();
                a.journal()
                    .create_entry(&entry(n + round * 20 + i), 60)
                    .unwrap();
                let took = t.elapsed();
                if recording {
                    on.push(took)
                } else {
                    off.push(took)
                }
            }
        }
    }
    a.sync().pause_recording_for_benchmarks(false).unwrap();
    on.sort();
    off.sort();
    let (p50_on, p95_on) = (percentile(&on, 0.5), percentile(&on, 0.95));
    let (p50_off, p95_off) = (percentile(&off, 0.5), percentile(&off, 0.95));
    println!(
        "durable insert through the door, {} each: recording off p50 {:.2} ms p95 {:.2} ms; \
         on p50 {:.2} ms p95 {:.2} ms",
        on.len(),
        ms(p50_off),
        ms(p95_off),
        ms(p50_on),
        ms(p95_on)
    );
    println!(
        "recording adds: p50 {:+.2} ms, p95 {:+.2} ms (target <= 1 ms at p95; ratio p95 on/off {:.2})",
        ms(p50_on) - ms(p50_off),
        ms(p95_on) - ms(p95_off),
        p95_on.as_secs_f64() / p95_off.as_secs_f64()
    );
    drop((a, b));
    first_sync(smoke);
}

/// A journal of years (generated, then recorded whole on first use, as a
/// journal from before syncing is) chooses a sync folder and makes a
/// pairing code; a new laptop joins with it. Timed from choosing the folder
/// to the new laptop holding every entry.
fn first_sync(smoke: bool) {
    let sizes = if smoke { Sizes::SMOKE } else { Sizes::SCALE };
    let (dir_a, dir_b, folder) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let now = chrono::Utc::now();
    let mut a = Hearth::open(dir_a.path(), Box::new(FixedClock::at(now)));
    a.populate_for_tests(&sizes, now).unwrap();
    let entries = |dir: &Path| -> i64 {
        rusqlite::Connection::open(dir.join("hearth.sqlite3"))
            .unwrap()
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
            .unwrap()
    };
    let want = entries(dir_a.path());
    let before = memory();

    let t = Instant::now();
    a.sync()
        .choose_folder(folder.path(), "Sam's laptop")
        .unwrap();
    let code = a.sync().pairing_code().unwrap();
    let sent = t.elapsed();
    let with_a = memory();
    drop(a); // closing folds the write-ahead log into the file
    let t = Instant::now();
    let mut b = Hearth::open(dir_b.path(), Box::new(FixedClock::at(now)));
    b.join_journal(folder.path(), &code.code, "Alex's laptop")
        .unwrap();
    let joined = t.elapsed();
    let with_b = memory();
    drop(b);
    assert_eq!(entries(dir_b.path()), want, "every entry arrived");

    let database = size(dir_a.path(), &|name| name.starts_with("hearth.sqlite3"));
    let in_folder = size(folder.path(), &|_| true);
    println!(
        "# First sync: a journal of {want} entries to a new laptop \
         ({:.1} MiB database)",
        mib(database)
    );
    println!(
        "laptop A records it whole and writes its snapshot: {:.1} s; laptop B joins: {:.1} s; \
         total {:.1} s (target <= 60 s)",
        sent.as_secs_f64(),
        joined.as_secs_f64(),
        (sent + joined).as_secs_f64()
    );
    println!(
        "sync folder {:.1} MiB for a {:.1} MiB database: {:.2}x (target <= 2x)",
        mib(in_folder),
        mib(database),
        in_folder as f64 / database as f64
    );
    if let (Some(before), Some(with_a), Some(with_b)) = (before, with_a, with_b) {
        println!(
            "memory (resident, MiB; memory freed may stay with the process): before {:.0}, \
             laptop A synced, holding its record {:.0}, laptop B joined (A closed) {:.0}, \
             the process's peak {:.0}",
            before.0, with_a.0, with_b.0, with_b.1
        );
    }
}

/// (resident now, resident at the peak) in MiB, on Linux.
fn memory() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = |field: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    };
    Some((kib("VmRSS:")? / 1024.0, kib("VmHWM:")? / 1024.0))
}

/// Bytes in the files under `dir` whose names pass `keep`.
fn size(dir: &Path, keep: &dyn Fn(&str) -> bool) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            total += size(&entry.path(), keep);
        } else if keep(&entry.file_name().to_string_lossy()) {
            total += meta.len();
        }
    }
    total
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
