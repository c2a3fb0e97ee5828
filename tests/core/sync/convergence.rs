//! Convergence, proven (issue 16): three laptops apply random operations
//! (concurrent edits of one entry, delete against edit, emptying the trash,
//! replies, read marks, the same ritual day done on one and skipped on
//! another) and exchange their changes in random orders, duplicated and
//! cut short; all end with identical dumps of the couple's data.
//! `HEARTH_SYNC_CASES` sets the number of cases (CI: the small default).

use chrono::Duration;
use hearth_core::journal::TimelineQuery;
use hearth_core::Hearth;
use hearth_tests::rituals::{d, ritual};
use hearth_tests::{note, ALEX, OFFSET, SAM};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use super::{exchange, Laptop};

#[derive(Debug, Clone)]
enum Op {
    Write {
        on: usize,
        tagged: bool,
    },
    /// Prepend or append a word to an entry's body (known entries by index).
    Edit {
        on: usize,
        entry: usize,
        front: bool,
    },
    Retitle {
        on: usize,
        entry: usize,
    },
    Delete {
        on: usize,
        entry: usize,
    },
    Restore {
        on: usize,
        entry: usize,
    },
    EmptyTrash {
        on: usize,
    },
    Reply {
        on: usize,
        entry: usize,
    },
    Read {
        on: usize,
        entry: usize,
    },
    Done {
        on: usize,
        day: u32,
    },
    Skip {
        on: usize,
        day: u32,
    },
    Undo {
        on: usize,
        day: u32,
    },
    Thanks {
        on: usize,
    },
    /// Send `to` what it lacks from `from`: whole, twice, or first cut short.
    Send {
        from: usize,
        to: usize,
        how: u8,
        cut: u16,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let on = 0..3usize;
    let entry = 0..6usize;
    prop_oneof![
        2 => (on.clone(), any::<bool>()).prop_map(|(on, tagged)| Op::Write { on, tagged }),
        4 => (on.clone(), entry.clone(), any::<bool>())
            .prop_map(|(on, entry, front)| Op::Edit { on, entry, front }),
        1 => (on.clone(), entry.clone()).prop_map(|(on, entry)| Op::Retitle { on, entry }),
        2 => (on.clone(), entry.clone()).prop_map(|(on, entry)| Op::Delete { on, entry }),
        1 => (on.clone(), entry.clone()).prop_map(|(on, entry)| Op::Restore { on, entry }),
        1 => on.clone().prop_map(|on| Op::EmptyTrash { on }),
        1 => (on.clone(), entry.clone()).prop_map(|(on, entry)| Op::Reply { on, entry }),
        1 => (on.clone(), entry.clone()).prop_map(|(on, entry)| Op::Read { on, entry }),
        2 => (on.clone(), 0..3u32).prop_map(|(on, day)| Op::Done { on, day }),
        2 => (on.clone(), 0..3u32).prop_map(|(on, day)| Op::Skip { on, day }),
        1 => (on.clone(), 0..3u32).prop_map(|(on, day)| Op::Undo { on, day }),
        1 => on.clone().prop_map(|on| Op::Thanks { on }),
        4 => (on.clone(), on, 0..3u8, any::<u16>())
            .prop_map(|(from, to, how, cut)| Op::Send { from, to, how, cut }),
    ]
}

/// The local id of the entry with `uid` (in the timeline or the trash).
fn find(hearth: &mut Hearth, uid: &str) -> Option<(i64, bool)> {
    let query = TimelineQuery {
        limit: Some(100),
        ..Default::default()
    };
    let live = hearth.journal().timeline(&query).ok()?.entries;
    if let Some(e) = live.iter().find(|e| e.uid == uid) {
        return Some((e.id, false));
    }
    let trash = hearth.journal().trash().ok()?;
    trash.iter().find(|e| e.uid == uid).map(|e| (e.id, true))
}

struct World {
    laptops: Vec<Laptop>,
    ritual: Vec<i64>,
    uids: Vec<String>,
    words: usize,
}

impl World {
    fn new(skews: &[i64; 3]) -> World {
        let mut laptops: Vec<Laptop> = (0..3).map(|_| Laptop::new()).collect();
        for (laptop, days) in laptops.iter_mut().zip(skews) {
            // Each laptop's clock is off by its own days: wall time never decides.
            laptop.clock.advance(Duration::days(*days));
        }
        let walk = ritual("Evening walk", "FREQ=DAILY", "19:00", d(2026, 11, 1));
        laptops[0].hearth.rituals().create(&walk).unwrap();
        {
            let [a, b, c] = &mut laptops[..] else {
                unreachable!()
            };
            exchange(&mut [a, b, c]);
        }
        let ritual = laptops
            .iter_mut()
            .map(|l| l.hearth.rituals().list(false).unwrap()[0].id)
            .collect();
        World {
            laptops,
            ritual,
            uids: Vec::new(),
            words: 0,
        }
    }

    fn word(&mut self) -> String {
        self.words += 1;
        format!("w{}", self.words)
    }

    fn entry(&mut self, on: usize, entry: usize) -> Option<(i64, bool)> {
        let uid = self.uids.get(entry)?.clone();
        find(&mut self.laptops[on].hearth, &uid)
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match *op {
            Op::Write { on, tagged } => {
                let mut input = note(&format!("Entry {}", self.word()));
                if tagged {
                    input.tags = vec![self.word()];
                }
                let e = self.laptops[on]
                    .hearth
                    .journal()
                    .create_entry(&input, OFFSET);
                if let Ok(e) = e {
                    self.uids.push(e.uid);
                }
            }
            Op::Edit { on, entry, front } => {
                if let Some((id, false)) = self.entry(on, entry) {
                    let word = self.word();
                    let h = &mut self.laptops[on].hearth;
                    let old = h.journal().entry(id).unwrap();
                    let body = if front {
                        format!("{word} {}", old.body)
                    } else {
                        format!("{} {word}", old.body)
                    };
                    let mut input = note(&body);
                    input.title = old.title.clone();
                    input.tags = old.tags.clone();
                    let _ = h.journal().edit_entry(id, &input, OFFSET);
                }
            }
            Op::Retitle { on, entry } => {
                if let Some((id, false)) = self.entry(on, entry) {
                    let word = self.word();
                    let h = &mut self.laptops[on].hearth;
                    let old = h.journal().entry(id).unwrap();
                    let mut input = note(&old.body);
                    input.title = Some(format!("Title {word}"));
                    input.tags = vec![word];
                    let _ = h.journal().edit_entry(id, &input, OFFSET);
                }
            }
            Op::Delete { on, entry } => {
                if let Some((id, false)) = self.entry(on, entry) {
                    let _ = self.laptops[on].hearth.journal().delete_entry(id);
                }
            }
            Op::Restore { on, entry } => {
                if let Some((id, true)) = self.entry(on, entry) {
                    let _ = self.laptops[on].hearth.journal().restore_entry(id);
                }
            }
            Op::EmptyTrash { on } => {
                let _ = self.laptops[on].hearth.journal().empty_trash();
            }
            Op::Reply { on, entry } | Op::Read { on, entry } => {
                if let Some((id, _)) = self.entry(on, entry) {
                    let word = self.word();
                    let h = &mut self.laptops[on].hearth;
                    h.set_writer(ALEX).unwrap();
                    let _ = match op {
                        Op::Reply { .. } => h
                            .journal()
                            .reply(id, &format!("Reply {word}"), OFFSET)
                            .map(drop),
                        _ => h.journal().mark_read(id, OFFSET).map(drop),
                    };
                    h.set_writer(SAM).unwrap();
                }
            }
            Op::Done { on, day } | Op::Skip { on, day } | Op::Undo { on, day } => {
                let date = d(2026, 11, 15 + day);
                let id = self.ritual[on];
                let mut r = self.laptops[on].hearth.rituals();
                let _ = match op {
                    Op::Done { .. } => r.mark_done(id, date, None, None, OFFSET).map(drop),
                    Op::Skip { .. } => r.skip(id, date, None).map(drop),
                    _ => r.undo_outcome(id, date).map(drop),
                };
            }
            Op::Thanks { on } => {
                let word = self.word();
                let _ = self.laptops[on]
                    .hearth
                    .journal()
                    .appreciate(&format!("Thanks {word}"), OFFSET);
            }
            Op::Send { from, to, how, cut } => {
                if from == to {
                    return Ok(());
                }
                let since = self.laptops[to].hearth.sync().version().unwrap();
                let bytes = self.laptops[from]
                    .hearth
                    .sync()
                    .changes(Some(&since))
                    .unwrap();
                let receiver = &mut self.laptops[to];
                if how == 2 && bytes.len() > 1 {
                    let before = receiver.dump();
                    let short = &bytes[..1 + cut as usize % (bytes.len() - 1)];
                    let refused = receiver.hearth.sync().apply(short);
                    prop_assert!(refused.is_err(), "cut-short changes are refused");
                    prop_assert_eq!(&receiver.dump(), &before, "and apply nothing");
                }
                receiver.hearth.sync().apply(&bytes).unwrap();
                if how == 1 {
                    let again = receiver.hearth.sync().apply(&bytes).unwrap();
                    prop_assert!(
                        again.known,
                        "the same changes twice are known the second time"
                    );
                }
            }
        }
        Ok(())
    }
}

#[test]
fn three_laptops_end_with_the_same_journal_whatever_the_order() {
    converge("");
}

/// The same, with every import asking the engine what changed (a journal of
/// a thousand records or more; a smaller one lists every record instead).
#[test]
fn three_laptops_converge_when_the_engine_says_what_each_import_changed() {
    hearth_core::sync::ask_the_engine_what_changed_for_tests();
    converge(", each import asking the engine what changed");
}

fn converge(how: &str) {
    let cases: u32 = std::env::var("HEARTH_SYNC_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 300,
        ..Config::default()
    });
    let strategy = (
        [-4i64..=4, -4i64..=4, -4i64..=4],
        proptest::collection::vec(op(), 10..50),
    );
    let started = std::time::Instant::now();
    let result = runner.run(&strategy, |(skews, ops)| {
        let mut world = World::new(&skews);
        for op in &ops {
            world.apply(op)?;
        }
        {
            let [a, b, c] = &mut world.laptops[..] else {
                unreachable!()
            };
            exchange(&mut [a, b, c]);
        }
        let dumps: Vec<String> = world.laptops.iter().map(Laptop::dump).collect();
        prop_assert_eq!(
            &dumps[0],
            &dumps[1],
            "laptops A and B hold the same journal"
        );
        prop_assert_eq!(
            &dumps[0],
            &dumps[2],
            "laptops A and C hold the same journal"
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    println!(
        "sync convergence{how}: {cases} cases of 10 to 50 operations on three laptops, all converged ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
}
