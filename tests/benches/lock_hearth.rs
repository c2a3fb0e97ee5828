//! Lock Hearth at scale: the same journal plain and encrypted (SQLCipher),
//! measured in the same run through the door, side by side.
//!
//! ```text
//! cargo bench -p hearth-tests --bench lock_hearth             # 100,000 entries, real Argon2id
//! cargo bench -p hearth-tests --bench lock_hearth -- --smoke  # tiny, cheap keys (CI)
//! ```
//!
//! It prints numbers and never fails on timing: the targets (page <= 5 ms,
//! search p95 <= 30 ms, durable insert p95 <= 10 ms, unlock to Today <= 1 s
//! with Argon2id) are printed for a person to read, with the ratio of the
//! encrypted figure to the plain one.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use hearth_core::generate::{Rng, Sizes, COMMON};
use hearth_core::journal::{EntryInput, TimelineQuery};
use hearth_core::{Hearth, PartnerId, SystemClock};

const SAMS: &str = "the lighthouse at dawn";
const ALEXS: &str = "a kettle on the stove";
const ZONE: &str = "Europe/Berlin";

fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let sizes = if smoke { Sizes::SMOKE } else { Sizes::SCALE };
    let runs = if smoke { 5 } else { 200 };
    println!(
        "# Lock Hearth benchmark, {} ({} entries{})",
        Utc::now().format("%Y-%m-%d %H:%M UTC"),
        sizes.entries,
        if smoke { ", smoke: cheap keys" } else { "" }
    );
    println!("load average: {}", load_average());

    let tmp = tempfile::tempdir().expect("a temporary folder");
    let plain = tmp.path().join("plain");
    let locked = tmp.path().join("locked");
    let t = Instant::now();
    make_journal(&plain, &sizes, smoke);
    println!("generated and set up in {:.1} s", t.elapsed().as_secs_f64());
    copy_dir(&plain, &locked);

    let mut hearth = open(&locked, smoke);
    hearth.unlock(PartnerId(1), SAMS).expect("Sam unlocks");
    let t = Instant::now();
    let done = hearth
        .turn_on_lock_hearth(ALEXS)
        .expect("Lock Hearth turns on");
    println!(
        "turning Lock Hearth on: {:.2} s ({} snapshots converted)",
        t.elapsed().as_secs_f64(),
        done.copies_converted
    );
    drop(hearth);
    let size = |dir: &Path| std::fs::metadata(dir.join("hearth.sqlite3")).map_or(0, |m| m.len());
    println!(
        "file: plain {:.1} MB, encrypted {:.1} MB",
        size(&plain) as f64 / 1e6,
        size(&locked) as f64 / 1e6
    );

    let a = measure(&plain, runs, smoke);
    let b = measure(&locked, runs, smoke);
    println!();
    println!(
        "{:<40} {:>24} {:>24} {:>7}  target",
        "", "plain p50 / p95", "Lock Hearth p50 / p95", "ratio"
    );
    for ((what, target, x), (_, _, y)) in a.iter().zip(&b) {
        println!(
            "{what:<40} {:>11} / {:>10} {:>11} / {:>10} {:>6.2}x  {target}",
            ms(percentile(x, 0.5)),
            ms(percentile(x, 0.95)),
            ms(percentile(y, 0.5)),
            ms(percentile(y, 0.95)),
            percentile(y, 0.95).as_secs_f64() / percentile(x, 0.95).as_secs_f64().max(1e-9)
        );
    }
}

type Figures = Vec<(&'static str, &'static str, Vec<Duration>)>;

/// A data folder with a couple, `sizes` of writing, and a passphrase each.
fn make_journal(dir: &Path, sizes: &Sizes, smoke: bool) {
    let mut hearth = open(dir, smoke);
    let now = Utc::now();
    hearth
        .populate_for_tests(sizes, now)
        .expect("generated data");
    hearth.set_writer(PartnerId(2)).expect("Alex");
    hearth
        .set_passphrase(ALEXS, ALEXS)
        .expect("Alex's passphrase");
    hearth.lock().expect("lock");
    hearth.set_writer(PartnerId(1)).expect("Sam");
    hearth.set_passphrase(SAMS, SAMS).expect("Sam's passphrase");
}

fn open(dir: &Path, smoke: bool) -> Hearth {
    let mut hearth = Hearth::open(dir, Box::new(SystemClock));
    if smoke {
        hearth.use_cheap_keys_for_tests();
    }
    hearth
}

/// Start to lock screen, unlock (Argon2id and opening the file), unlock to
/// Today, timeline pages, searches and durable inserts, through the door.
fn measure(dir: &Path, runs: usize, smoke: bool) -> Figures {
    let mut figures: Figures = vec![];
    let mut starts = vec![];
    let mut unlocks = vec![];
    let mut to_today = vec![];
    let today = Utc::now().date_naive();
    for _ in 0..if smoke { 2 } else { 5 } {
        let t = Instant::now();
        let mut hearth = open(dir, smoke);
        let state = hearth.state().expect("the state");
        assert!(state.privacy.locked, "Sam's pages wait for the passphrase");
        starts.push(t.elapsed());
        let t = Instant::now();
        hearth.unlock(PartnerId(1), SAMS).expect("Sam unlocks");
        unlocks.push(t.elapsed());
        hearth.first_screen(today, ZONE).expect("Today");
        to_today.push(t.elapsed());
    }
    figures.push(("start to the lock screen", "", starts));
    figures.push(("unlock (Argon2id, opening the file)", "", unlocks));
    figures.push(("unlock to Today", "<= 1 s", to_today));

    let mut hearth = open(dir, smoke);
    hearth.unlock(PartnerId(1), SAMS).expect("Sam unlocks");
    let mut cursor = None;
    let pages = (0..runs)
        .map(|_| {
            let query = TimelineQuery {
                cursor: cursor.clone(),
                limit: Some(20),
                ..Default::default()
            };
            let t = Instant::now();
            let page = hearth.journal().timeline(&query).expect("a page");
            let took = t.elapsed();
            cursor = page.next_cursor;
            took
        })
        .collect();
    figures.push(("timeline page of 20", "<= 5 ms", pages));

    let mut rng = Rng(0x5eed);
    let searches = (0..runs.max(20))
        .map(|i| {
            let q = match i % 3 {
                0 => rng.word(),
                1 => format!("{} {}", rng.word(), rng.word()),
                _ => COMMON[rng.below(COMMON.len() as u64) as usize].to_string(),
            };
            time(|| drop(hearth.journal().search(&q, 20).expect("search")))
        })
        .collect();
    figures.push(("search, 20 results with snippets", "p95 <= 30 ms", searches));

    let inserts = (0..if smoke { 10 } else { 200 })
        .map(|_| {
            let input = EntryInput {
                body: rng.words(80),
                ..Default::default()
            };
            time(|| drop(hearth.journal().create_entry(&input, 60).expect("an entry")))
        })
        .collect();
    figures.push(("durable insert of an entry", "p95 <= 10 ms", inserts));
    figures
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copy");
        }
    }
}

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn percentile(samples: &[Duration], p: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
