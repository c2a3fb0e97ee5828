//! The unlocked partner's private search index: how long indexing 5,000
//! sealed private entries takes at unlock (target <= 200 ms), printed beside
//! a baseline measured in the same process: SQLite's FTS5 indexing the same
//! words (in memory), so the ratio holds on a slower or busier machine.
//!
//! ```text
//! cargo bench -p hearth-tests --bench private_index              # 5,000 entries
//! cargo bench -p hearth-tests --bench private_index -- --smoke   # 200, a few seconds (CI)
//! ```
//!
//! It prints numbers and never fails on timing.

use std::time::{Duration, Instant};

use hearth_core::journal::{EntryInput, Visibility};
use hearth_core::{FixedClock, Hearth, PartnerInput};

const WORDS: &[&str] = &[
    "morning", "coffee", "walk", "river", "sorry", "trust", "tired", "hopeful", "dinner", "phone",
    "promise", "weekend", "listen", "quiet", "angry", "laugh", "garden", "letter", "rain",
    "kitchen", "honest", "afraid", "closer", "distance", "evening", "train", "mother", "holiday",
    "slowly", "again", "together", "alone", "message", "forgive", "remember", "today", "tomorrow",
    "patience",
];

fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let n = if smoke { 200 } else { 5_000 };
    let runs = if smoke { 3 } else { 7 };
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let clock = FixedClock::at(chrono::Utc::now());
    let mut hearth = Hearth::open(tmp.path(), Box::new(clock));
    let partner = |name: &str| PartnerInput {
        name: name.into(),
        color: None,
    };
    hearth
        .setup_couple([partner("Sam"), partner("Alex")])
        .unwrap();
    hearth.use_cheap_keys_for_tests();
    hearth
        .set_passphrase("a bench passphrase", "a bench passphrase")
        .unwrap();

    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        WORDS[(seed % WORDS.len() as u64) as usize]
    };
    let bodies: Vec<(String, String)> = (0..n)
        .map(|i| {
            let title = format!("{} {} {i}", word(), word());
            let body = (0..80).map(|_| word()).collect::<Vec<_>>().join(" ");
            (title, body)
        })
        .collect();
    let t = Instant::now();
    for (title, body) in &bodies {
        hearth
            .journal()
            .create_entry(
                &EntryInput {
                    title: Some(title.clone()),
                    body: body.clone(),
                    tags: vec!["mine".into()],
                    visibility: Visibility::Private,
                    ..Default::default()
                },
                60,
            )
            .unwrap();
    }
    println!(
        "# Private search index, {n} sealed private entries (written in {:.1} s)",
        t.elapsed().as_secs_f64()
    );

    let index: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let indexed = hearth.index_private_pages().unwrap();
            assert_eq!(indexed, n, "every sealed entry is indexed");
            t.elapsed()
        })
        .collect();
    let baseline: Vec<Duration> = (0..runs)
        .map(|_| {
            let conn = rusqlite::Connection::open_in_memory().unwrap();
            conn.execute_batch(
                "CREATE VIRTUAL TABLE f USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');",
            )
            .unwrap();
            let t = Instant::now();
            let tx = conn.unchecked_transaction().unwrap();
            let mut insert = tx.prepare("INSERT INTO f (title, body) VALUES (?1, ?2)").unwrap();
            for (title, body) in &bodies {
                insert.execute([title, body]).unwrap();
            }
            drop(insert);
            tx.commit().unwrap();
            t.elapsed()
        })
        .collect();
    let (index, baseline) = (median(index), median(baseline));
    println!(
        "index at unlock (open {n} sealed entries, index in memory): {:.1} ms (target <= 200 ms)",
        ms(index)
    );
    println!(
        "baseline, FTS5 indexing the same words in memory: {:.1} ms",
        ms(baseline)
    );
    println!("ratio index / baseline: {:.2}", ms(index) / ms(baseline));
    let t = Instant::now();
    let hits = hearth.journal().search("river garden", 20).unwrap();
    println!(
        "a search over them after: {:.1} ms ({} hits)",
        ms(t.elapsed()),
        hits.len()
    );
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
