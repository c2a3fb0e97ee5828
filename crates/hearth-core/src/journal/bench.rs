//! A rough measure at 100,000 entries: a timeline page and a search, timed.
//! Ignored by default (it takes a minute to fill); run it with
//! `cargo test -p hearth-core --release bench_100k -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use rusqlite::params;

use super::entries::{insert_entry, NewEntry};
use super::timeline::{TimelineFilter, TimelineQuery};
use super::{Checked, EntryKind, Feeling, Visibility};
use crate::couple::{PartnerId, PartnerInput};
use crate::store::Store;
use crate::FixedClock;

const COMMON: &[&str] = &[
    "the", "and", "we", "i", "you", "to", "it", "was", "that", "of", "a", "in", "me", "my", "felt",
    "today", "about", "when", "with", "for", "not", "but", "so", "us", "together", "again", "time",
    "talk", "home", "night", "morning", "walk", "dinner", "sorry", "trust", "hurt", "love", "work",
    "phone", "tired", "better", "hard", "quiet", "laugh", "week", "promise", "kept", "coffee",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A word: mostly common ones, sometimes one of 5,000 rarer ones.
fn word(rng: &mut Rng) -> String {
    if rng.below(10) < 7 {
        COMMON[rng.below(COMMON.len() as u64) as usize].to_string()
    } else {
        let n = rng.below(5000);
        format!("w{}x{}", n % 97, n)
    }
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

#[test]
#[ignore]
fn bench_100k() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("h.sqlite3")).unwrap();
    let clock = FixedClock::at(chrono::Utc::now());
    let input = |name: &str| PartnerInput {
        name: name.into(),
        color: None,
    };
    store
        .setup_couple([input("Sam"), input("Alex")], &clock)
        .unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = Instant::now();
    let base = chrono::Utc::now() - chrono::Duration::days(3 * 365);
    {
        let tx = store.conn_mut().transaction().unwrap();
        for i in 0..100_000i64 {
            let words = 20 + rng.below(120);
            let body: Vec<String> = (0..words).map(|_| word(&mut rng)).collect();
            let at = crate::stamp::format(base + chrono::Duration::minutes(i * 15));
            let checked = Checked {
                title: (rng.below(3) == 0)
                    .then(|| format!("{} {}", word(&mut rng), word(&mut rng))),
                body: body.join(" "),
                feeling: (rng.below(2) == 0)
                    .then(|| Feeling::ALL[rng.below(Feeling::ALL.len() as u64) as usize]),
                tags: if rng.below(4) == 0 {
                    vec![format!("tag{}", rng.below(40))]
                } else {
                    vec![]
                },
                visibility: if rng.below(10) == 0 {
                    Visibility::Private
                } else {
                    Visibility::Shared
                },
            };
            let id = insert_entry(
                &tx,
                &NewEntry {
                    uid: crate::stamp::new_uid(),
                    author: PartnerId(1 + (i % 2)),
                    kind: EntryKind::Note,
                    checked: &checked,
                    prompt_id: None,
                    prompt_date: None,
                    repair: None,
                    created_at: at.clone(),
                    created_offset: 60,
                    updated_at: at.clone(),
                    updated_offset: 60,
                    deleted_at: (rng.below(50) == 0).then(|| at.clone()),
                },
            )
            .unwrap();
            if rng.below(3) == 0 {
                let reply: Vec<String> = (0..15).map(|_| word(&mut rng)).collect();
                tx.execute(
                    "INSERT INTO replies (uid, entry_id, author, body, created_at, created_offset)
                     VALUES (?1, ?2, ?3, ?4, ?5, 60)",
                    params![
                        crate::stamp::new_uid(),
                        id,
                        2 - (i % 2),
                        reply.join(" "),
                        at
                    ],
                )
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    println!("filled 100,000 entries in {:?}", start.elapsed());
    if let Ok(keep) = std::env::var("HEARTH_BENCH_KEEP") {
        store.conn().execute("VACUUM INTO ?1", [&keep]).unwrap();
    }
    let size = std::fs::metadata(dir.path().join("h.sqlite3"))
        .unwrap()
        .len();
    println!("database size {} MB (plus WAL)", size / 1_000_000);

    let viewer = PartnerId(1);
    let mut cursor = None;
    let mut pages = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let page = store
            .timeline(
                viewer,
                &TimelineQuery {
                    cursor: cursor.clone(),
                    limit: Some(20),
                    ..Default::default()
                },
            )
            .unwrap();
        pages.push(t.elapsed());
        cursor = page.next_cursor;
    }
    println!(
        "timeline page of 20: p50 {:?}, p95 {:?}, max {:?}",
        percentile(pages.clone(), 0.5),
        percentile(pages.clone(), 0.95),
        pages.iter().max().unwrap()
    );
    for (what, filter) in [
        (
            "by author",
            TimelineFilter {
                author: Some(PartnerId(2)),
                ..Default::default()
            },
        ),
        (
            "by feeling",
            TimelineFilter {
                feeling: Some("sad".into()),
                ..Default::default()
            },
        ),
        (
            "by tag",
            TimelineFilter {
                tag: Some("tag7".into()),
                ..Default::default()
            },
        ),
        (
            "by absent tag",
            TimelineFilter {
                tag: Some("nothing".into()),
                ..Default::default()
            },
        ),
    ] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            store
                .timeline(
                    viewer,
                    &TimelineQuery {
                        filter: filter.clone(),
                        limit: Some(20),
                        ..Default::default()
                    },
                )
                .unwrap();
            times.push(t.elapsed());
        }
        println!(
            "timeline {what}: p50 {:?}, max {:?}",
            percentile(times.clone(), 0.5),
            times.iter().max().unwrap()
        );
    }
    let deep = crate::journal::cursor_at_date(base.date_naive() + chrono::Duration::days(100), 60)
        .unwrap();
    let t = Instant::now();
    store
        .timeline(
            viewer,
            &TimelineQuery {
                cursor: Some(deep),
                limit: Some(20),
                ..Default::default()
            },
        )
        .unwrap();
    println!("timeline page jumped to a date: {:?}", t.elapsed());

    let mut searches = Vec::new();
    let mut worst = (Duration::ZERO, String::new());
    for i in 0..300 {
        let q = match i % 4 {
            0 => word(&mut rng),
            1 => format!("{} {}", word(&mut rng), word(&mut rng)),
            2 => COMMON[rng.below(COMMON.len() as u64) as usize].to_string(),
            _ => format!("w{}x{}", rng.below(97), rng.below(5000)),
        };
        let t = Instant::now();
        store.search(viewer, &q, 20).unwrap();
        let took = t.elapsed();
        if took > worst.0 {
            worst = (took, q);
        }
        searches.push(took);
    }
    println!(
        "search (20 results): p50 {:?}, p95 {:?}, worst {:?} for {:?}",
        percentile(searches.clone(), 0.5),
        percentile(searches, 0.95),
        worst.0,
        worst.1
    );
}
