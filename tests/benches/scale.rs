//! The database at scale: how Hearth's own queries behave on years of writing.
//!
//! ```text
//! cargo bench -p hearth-tests --bench scale                 # 100,000 entries (see Sizes::SCALE)
//! cargo bench -p hearth-tests --bench scale -- --smoke      # tiny sizes, a few seconds (CI)
//! cargo bench -p hearth-tests --bench scale -- --keep PATH  # reuse (or make) the database at PATH
//! cargo bench -p hearth-tests --bench scale -- --populate DIR year|scale|empty|locked
//! ```
//!
//! It prints numbers and never fails on timing: the targets (page <= 5 ms,
//! search p95 <= 30 ms, durable insert p95 <= 10 ms, Today <= 10 ms) are
//! printed beside the figures for a person to read. `--populate` only writes
//! a Hearth data folder (for `scripts/bench-startup`) and exits.
//!
//! Every figure goes through the door the Tauri commands call (`Hearth` and
//! its handles), so it includes row decoding, hydration and privacy rules,
//! not just SQLite.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use hearth_core::generate::{Rng, Sizes, COMMON, TAGS};
use hearth_core::journal::{cursor_at_date, EntryInput, TimelineFilter, TimelineQuery};
use hearth_core::rituals::AGENDA_DAYS;
use hearth_core::{FixedClock, Hearth, PartnerId};
use hearth_tests::By;

const DATABASE_FILE: &str = "hearth.sqlite3";
/// The passphrase of the `locked` data folder's writer.
const LOCKED_PASSPHRASE: &str = "a long walk home by the river";

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let flag = |name: &str| args.iter().position(|a| a == name).map(|i| args.get(i + 1));
    if let Some(dir) = flag("--populate") {
        let dir = PathBuf::from(dir.expect("--populate DIR year|scale|empty|locked"));
        let sizes = match args.last().map(String::as_str) {
            Some("scale") => Sizes::SCALE,
            // A couple set up with nothing written yet: the same first screen.
            Some("empty") => Sizes {
                entries: 0,
                rituals: 0,
                years: 1,
                checkins: 0,
            },
            _ => Sizes::YEAR,
        };
        populate_dir(&dir, sizes);
        // A year of use where the partner writing has a passphrase: Hearth
        // starts on the lock screen (the key is never kept between runs).
        if args.last().map(String::as_str) == Some("locked") {
            let mut hearth = Hearth::open(&dir, Box::new(FixedClock::at(Utc::now())));
            hearth
                .set_passphrase(LOCKED_PASSPHRASE, LOCKED_PASSPHRASE)
                .expect("a passphrase for the writer");
            assert!(
                hearth.lock().expect("locking").privacy.locked,
                "the writer is locked"
            );
        }
        return;
    }
    let smoke = args.iter().any(|a| a == "--smoke");
    let sizes = if smoke { Sizes::SMOKE } else { Sizes::SCALE };
    let keep = flag("--keep").map(|p| PathBuf::from(p.expect("--keep PATH")));
    let runs = if smoke { 5 } else { 200 };

    println!(
        "# Hearth database benchmark, {}",
        Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    println!("load average: {}", load_average());
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let path = tmp.path().join(DATABASE_FILE);
    match &keep {
        Some(kept) if kept.exists() => {
            std::fs::copy(kept, &path).expect("a copy of the kept database");
            println!("database: a copy of {}", kept.display());
        }
        _ => {
            let t = Instant::now();
            let mut hearth = Hearth::open(tmp.path(), Box::new(hearth_core::SystemClock));
            let made = hearth
                .populate_for_tests(&sizes, Utc::now())
                .expect("generated data");
            println!(
                "generated {} entries, {} replies, {} ritual outcomes ({} rituals over {} years), {} check-ins in {:.1} s",
                made.entries,
                made.replies,
                made.outcomes,
                sizes.rituals,
                sizes.years,
                made.checkins,
                t.elapsed().as_secs_f64()
            );
            drop(hearth);
            if let Some(kept) = &keep {
                std::fs::copy(&path, kept).expect("a kept copy");
            }
        }
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("database file: {:.1} MB", size as f64 / 1e6);

    // Opening: the read-only inspection (schema version, quick_check), the
    // connection settings and the migration check, as at every start.
    let opens: Vec<Duration> = (0..if smoke { 2 } else { 5 })
        .map(|_| time(|| drop(Hearth::open(tmp.path(), Box::new(hearth_core::SystemClock)))))
        .collect();
    report("open Hearth (the store, incl. quick_check)", &opens, None);
    let opens: Vec<Duration> = (0..if smoke { 2 } else { 5 })
        .map(|_| {
            time(|| {
                let mut hearth = Hearth::open(tmp.path(), Box::new(hearth_core::SystemClock));
                hearth.state().expect("the state");
            })
        })
        .collect();
    report("open Hearth and read its state", &opens, None);

    let clock = FixedClock::at(Utc::now());
    let mut hearth = Hearth::open(tmp.path(), Box::new(clock.clone()));
    let viewer = PartnerId(1);
    timeline(hearth.by(viewer), runs);
    search(
        hearth.by(viewer),
        runs.max(20) + if smoke { 0 } else { 100 },
    );
    today(hearth.by(viewer), if smoke { 5 } else { 50 });
    inserts(&mut hearth, if smoke { 10 } else { 200 });
}

/// Writes a Hearth data folder with a couple set up, filled to `sizes`.
fn populate_dir(dir: &Path, sizes: Sizes) {
    std::fs::create_dir_all(dir).expect("the data folder");
    let path = dir.join(DATABASE_FILE);
    assert!(
        !path.exists(),
        "{} exists already; pick a new folder",
        path.display()
    );
    let mut hearth = Hearth::open(dir, Box::new(hearth_core::SystemClock));
    let made = hearth
        .populate_for_tests(&sizes, Utc::now())
        .expect("generated data");
    println!("{made:?}");
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

/// One line: median, p95, worst, and the target when there is one.
fn report(what: &str, samples: &[Duration], target: Option<&str>) {
    println!(
        "{what:<44} p50 {:>9}  p95 {:>9}  max {:>9}  (n={}){}",
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.95)),
        ms(*samples.iter().max().expect("samples")),
        samples.len(),
        target.map(|t| format!("  target {t}")).unwrap_or_default()
    );
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Pages of 20 walked from the top (each page continues from the last), for
/// the unfiltered timeline and each filter, plus a jump to a date.
fn timeline(hearth: &mut Hearth, runs: usize) {
    let filters = [
        ("timeline page of 20", TimelineFilter::default()),
        (
            "timeline page, by author",
            TimelineFilter {
                author: Some(PartnerId(2)),
                ..Default::default()
            },
        ),
        (
            "timeline page, by tag",
            TimelineFilter {
                tag: Some("tag7".into()),
                ..Default::default()
            },
        ),
        (
            "timeline page, by feeling",
            TimelineFilter {
                feeling: Some("hopeful".into()),
                ..Default::default()
            },
        ),
        (
            "timeline page, by author and tag",
            TimelineFilter {
                author: Some(PartnerId(2)),
                tag: Some("tag3".into()),
                ..Default::default()
            },
        ),
    ];
    for (what, filter) in filters {
        let mut cursor = None;
        let mut samples = Vec::new();
        for _ in 0..runs {
            let query = TimelineQuery {
                filter: filter.clone(),
                cursor: cursor.clone(),
                limit: Some(20),
            };
            let t = Instant::now();
            let page = hearth.journal().timeline(&query).expect("a page");
            samples.push(t.elapsed());
            // Back to the top at the end, so every sample is a full page walk.
            cursor = page.next_cursor;
        }
        report(what, &samples, Some("<= 5 ms"));
    }
    let days_back = [3, 40, 200, 900, 1500];
    let samples: Vec<Duration> = (0..runs)
        .map(|i| {
            let date =
                Utc::now().date_naive() - chrono::Duration::days(days_back[i % days_back.len()]);
            let query = TimelineQuery {
                cursor: Some(cursor_at_date(date, 60).expect("a date cursor")),
                limit: Some(20),
                ..Default::default()
            };
            time(|| drop(hearth.journal().timeline(&query).expect("a page")))
        })
        .collect();
    report("timeline page, jumped to a date", &samples, Some("<= 5 ms"));
}

/// Searches of one common word, two words, one rare word, a tag-like word.
fn search(hearth: &mut Hearth, runs: usize) {
    let mut rng = Rng(0x5eed);
    let mut samples = Vec::new();
    let mut worst = (Duration::ZERO, String::new());
    for i in 0..runs {
        let q = match i % 4 {
            0 => rng.word(),
            1 => format!("{} {}", rng.word(), rng.word()),
            2 => COMMON[rng.below(COMMON.len() as u64) as usize].to_string(),
            _ => format!("w{}x{}", rng.below(97), rng.below(5000)),
        };
        let t = Instant::now();
        hearth.journal().search(&q, 20).expect("search");
        let took = t.elapsed();
        if took > worst.0 {
            worst = (took, q);
        }
        samples.push(took);
    }
    report(
        "search, 20 results with snippets",
        &samples,
        Some("p95 <= 30 ms"),
    );
    println!("  slowest search: {:?} ({})", worst.1, ms(worst.0));
}

/// What the Today screen asks for when it opens, and the rituals' figures.
fn today(hearth: &mut Hearth, runs: usize) {
    let date = Utc::now().date_naive();
    let zone = "Europe/Berlin";
    let mut total = Vec::new();
    let mut parts: [(&str, Vec<Duration>); 5] = [
        ("  state (partners, writer)", vec![]),
        ("  prompt of the day", vec![]),
        ("  unread thank-yous and entries", vec![]),
        ("  today's rituals", vec![]),
        ("  this week's check-in", vec![]),
    ];
    for _ in 0..runs {
        let t = Instant::now();
        parts[0].1.push(time(|| {
            hearth.state().expect("partners and writer");
        }));
        parts[1].1.push(time(|| {
            hearth.journal().prompt_of_the_day(date).expect("prompt");
        }));
        parts[2].1.push(time(|| {
            hearth.journal().unread_appreciations().expect("thanks");
            hearth.journal().unread_count().expect("unread");
        }));
        parts[3].1.push(time(|| {
            hearth.rituals().today(date, zone).expect("today");
        }));
        parts[4].1.push(time(|| {
            hearth.checkins().week(date).expect("check-in");
        }));
        total.push(t.elapsed());
    }
    report("Today screen, all its queries", &total, Some("<= 10 ms"));
    for (what, samples) in &parts {
        report(what, samples, None);
    }
    let agenda: Vec<Duration> = (0..runs)
        .map(|_| {
            time(|| {
                drop(
                    hearth
                        .rituals()
                        .agenda(date, AGENDA_DAYS, zone)
                        .expect("agenda"),
                )
            })
        })
        .collect();
    report(&format!("agenda, {AGENDA_DAYS} days"), &agenda, None);
    let consistency: Vec<Duration> = (0..runs.min(20))
        .map(|_| time(|| drop(hearth.rituals().consistency().expect("consistency"))))
        .collect();
    report("consistency figures, all rituals", &consistency, None);
    let history: Vec<Duration> = (0..runs.min(20))
        .map(|_| time(|| drop(hearth.checkins().history(52).expect("history"))))
        .collect();
    report("check-in history, a year", &history, None);
}

/// Durable saves (synchronous=FULL: each waits for the disk) of new entries.
fn inserts(hearth: &mut Hearth, runs: usize) {
    let mut rng = Rng(0xfeed);
    let samples: Vec<Duration> = (0..runs)
        .map(|i| {
            let input = EntryInput {
                body: rng.words(80),
                tags: if i % 3 == 0 {
                    vec![format!("tag{}", rng.below(TAGS))]
                } else {
                    vec![]
                },
                ..Default::default()
            };
            // Switching the writer is not timed: only the save is.
            let author = hearth.by(PartnerId(1 + (i as i64 % 2)));
            time(|| drop(author.journal().create_entry(&input, 60).expect("an entry")))
        })
        .collect();
    report("durable insert of an entry", &samples, Some("p95 <= 10 ms"));
}
