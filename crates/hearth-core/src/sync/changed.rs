//! What an import changed: the records whose rows SQLite must write again.
//!
//! Asked of the engine after the import (`LoroDoc::diff` between the
//! versions before and after), never heard from a listener: in Loro a
//! subscription turns on event recording for good, so every *local* commit
//! would work out (and hold) events nobody reads; recording a whole journal
//! took twice as long. A document of next to nothing (a laptop joining)
//! skips the question: every record it holds, before and after, is listed,
//! and the upsert leaves the unchanged rows alone.

use std::cell::Cell;
use std::collections::BTreeSet;

use loro::event::Diff;
use loro::{Frontiers, Index, LoroDoc};

use super::{engine, tables};
use crate::error::Result;

/// (table, record key) pairs an import changed.
pub(super) type Changed = BTreeSet<(String, String)>;

thread_local! {
    /// Below this many records, an import lists every record rather than
    /// asking the engine what changed.
    static LIST_ALL_BELOW: Cell<usize> = const { Cell::new(1000) };
}

/// Tests only, on this thread: every import asks the engine what changed,
/// as one into a journal of a thousand records or more does, so that tests
/// of a few records cover that way too. Never called by the app.
#[doc(hidden)]
pub fn ask_the_engine_what_changed_for_tests() {
    LIST_ALL_BELOW.with(|n| n.set(0));
}

/// The document as it was before an import.
pub(super) enum Before {
    /// Next to nothing: its records (the import may remove them).
    Few(Changed),
    /// Its version, to ask the engine the difference from.
    Many(Frontiers),
}

impl Before {
    pub fn of(doc: &LoroDoc) -> Before {
        if record_count(doc) < LIST_ALL_BELOW.with(Cell::get) {
            Before::Few(every_record(doc))
        } else {
            Before::Many(doc.state_frontiers())
        }
    }

    /// The records whose state differs now from then.
    pub fn changed(self, doc: &LoroDoc) -> Result<Changed> {
        match self {
            Before::Few(mut records) => {
                records.extend(every_record(doc));
                Ok(records)
            }
            Before::Many(then) => changed_between(doc, &then, &doc.state_frontiers()),
        }
    }
}

fn record_count(doc: &LoroDoc) -> usize {
    tables::TABLES
        .iter()
        .map(|t| doc.get_map(t.name).len())
        .sum()
}

/// Every record the document holds, as (table, record key).
fn every_record(doc: &LoroDoc) -> Changed {
    let mut out = Changed::new();
    for table in tables::TABLES {
        for key in doc.get_map(table.name).keys() {
            out.insert((table.name.to_string(), key.to_string()));
        }
    }
    out
}

/// The records whose state differs between versions `a` and `b`.
fn changed_between(doc: &LoroDoc, a: &Frontiers, b: &Frontiers) -> Result<Changed> {
    let batch = doc.diff(a, b).map_err(engine)?;
    let mut out = Changed::new();
    for (container, diff) in batch.iter() {
        let path = doc.get_path_to_container(container).unwrap_or_default();
        let key = |i: usize| match path.get(i) {
            Some((_, Index::Key(k))) => Some(k.to_string()),
            _ => None,
        };
        match (key(0), key(1)) {
            (Some(table), Some(record)) => {
                out.insert((table, record));
            }
            (Some(table), None) => {
                if let Diff::Map(map) = diff {
                    for record in map.updated.keys() {
                        out.insert((table.clone(), record.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}
