//! The schema, as an append-only list of steps keyed on `PRAGMA user_version`.
//!
//! Step *n* (1-based) takes a file from version *n-1* to *n*. An upgrade runs
//! every missing step and the new `user_version` inside one transaction, so a
//! crash half-way leaves the file exactly as it was. A shipped step is never
//! edited: fix forward with a new one. `tests/store.rs` proves that upgrading
//! from every earlier version gives the same schema as a fresh install.

use rusqlite::Connection;

use crate::error::Result;

/// Every schema step, oldest first.
pub static STEPS: &[&str] = &[
    // v1: the couple and a small settings table.
    "CREATE TABLE partners (
        id          INTEGER PRIMARY KEY CHECK (id IN (1, 2)),
        name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 40),
        color       TEXT NOT NULL CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
        created_at  TEXT NOT NULL
     ) STRICT;
     CREATE UNIQUE INDEX partners_name ON partners (lower(name));
     CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
     ) STRICT, WITHOUT ROWID;",
];

/// The version a fresh install ends at.
pub const LATEST_VERSION: i64 = STEPS.len() as i64;

/// Runs the steps after `from`, all in one transaction.
pub(super) fn apply(conn: &mut Connection, steps: &[&str], from: i64) -> Result<()> {
    let tx = conn.transaction()?;
    for step in &steps[from as usize..] {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", steps.len() as i64)?;
    tx.commit()?;
    Ok(())
}
