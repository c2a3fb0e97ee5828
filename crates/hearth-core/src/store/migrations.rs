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
    // v2: the joint journal (entries, replies, "I read this", tags, search),
    // drafts, prompts of the day and appreciations.
    "CREATE TABLE entries (
        id              INTEGER PRIMARY KEY,
        uid             TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
        author          INTEGER NOT NULL REFERENCES partners (id),
        kind            TEXT NOT NULL CHECK (kind IN ('note', 'answer', 'repair')),
        title           TEXT,
        body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
        feeling         TEXT,
        visibility      TEXT NOT NULL CHECK (visibility IN ('shared', 'private')),
        prompt_id       TEXT,
        prompt_date     TEXT,
        repair_did      TEXT,
        repair_effect   TEXT,
        repair_feel     TEXT,
        repair_change   TEXT,
        created_at      TEXT NOT NULL,
        created_offset  INTEGER NOT NULL CHECK (created_offset BETWEEN -1080 AND 1080),
        updated_at      TEXT NOT NULL,
        updated_offset  INTEGER NOT NULL CHECK (updated_offset BETWEEN -1080 AND 1080),
        deleted_at      TEXT,
        CHECK ((kind = 'answer') = (prompt_date IS NOT NULL)),
        CHECK (prompt_date IS NULL OR prompt_id IS NOT NULL),
        CHECK ((kind = 'repair') = (repair_did IS NOT NULL))
     ) STRICT;
     CREATE INDEX entries_timeline ON entries (created_at, id);
     CREATE INDEX entries_by_author ON entries (author, created_at, id);
     CREATE INDEX entries_by_feeling ON entries (feeling, created_at, id);
     CREATE INDEX entries_by_prompt ON entries (prompt_id, created_at, id);
     CREATE UNIQUE INDEX entries_one_answer ON entries (prompt_date, author)
        WHERE prompt_date IS NOT NULL;
     CREATE INDEX entries_trash ON entries (author, deleted_at)
        WHERE deleted_at IS NOT NULL;
     CREATE TABLE entry_tags (
        entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        tag       TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 30),
        PRIMARY KEY (entry_id, tag)
     ) STRICT, WITHOUT ROWID;
     CREATE INDEX entry_tags_by_tag ON entry_tags (tag, entry_id);
     CREATE TABLE replies (
        id              INTEGER PRIMARY KEY,
        uid             TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
        entry_id        INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        author          INTEGER NOT NULL REFERENCES partners (id),
        body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
        created_at      TEXT NOT NULL,
        created_offset  INTEGER NOT NULL CHECK (created_offset BETWEEN -1080 AND 1080)
     ) STRICT;
     CREATE INDEX replies_thread ON replies (entry_id, created_at, id);
     CREATE TABLE entry_reads (
        entry_id     INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        reader       INTEGER NOT NULL REFERENCES partners (id),
        read_at      TEXT NOT NULL,
        read_offset  INTEGER NOT NULL CHECK (read_offset BETWEEN -1080 AND 1080),
        PRIMARY KEY (entry_id, reader)
     ) STRICT, WITHOUT ROWID;
     CREATE VIRTUAL TABLE journal_fts USING fts5 (
        title, body, replies, tokenize = 'unicode61 remove_diacritics 2'
     );
     CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO journal_fts (rowid, title, body, replies)
        VALUES (new.id, coalesce(new.title, ''), new.body, '');
     END;
     CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body ON entries BEGIN
        UPDATE journal_fts SET title = coalesce(new.title, ''), body = new.body
        WHERE rowid = new.id;
     END;
     CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        DELETE FROM journal_fts WHERE rowid = old.id;
     END;
     CREATE TRIGGER replies_fts_insert AFTER INSERT ON replies BEGIN
        UPDATE journal_fts SET replies = coalesce((
            SELECT group_concat(body, char(10) || char(10))
            FROM (SELECT body FROM replies WHERE entry_id = new.entry_id ORDER BY created_at, id)
        ), '') WHERE rowid = new.entry_id;
     END;
     CREATE TRIGGER replies_fts_delete AFTER DELETE ON replies BEGIN
        UPDATE journal_fts SET replies = coalesce((
            SELECT group_concat(body, char(10) || char(10))
            FROM (SELECT body FROM replies WHERE entry_id = old.entry_id ORDER BY created_at, id)
        ), '') WHERE rowid = old.entry_id;
     END;
     CREATE TABLE drafts (
        author    INTEGER NOT NULL REFERENCES partners (id),
        key       TEXT NOT NULL,
        content   TEXT NOT NULL,
        saved_at  TEXT NOT NULL,
        PRIMARY KEY (author, key)
     ) STRICT, WITHOUT ROWID;
     CREATE TABLE custom_prompts (
        id          TEXT PRIMARY KEY,
        category    TEXT NOT NULL,
        text        TEXT NOT NULL,
        created_by  INTEGER NOT NULL REFERENCES partners (id),
        created_at  TEXT NOT NULL
     ) STRICT, WITHOUT ROWID;
     CREATE TABLE daily_prompts (
        date        TEXT PRIMARY KEY,
        prompt_id   TEXT NOT NULL,
        chosen_at   TEXT NOT NULL
     ) STRICT, WITHOUT ROWID;
     CREATE INDEX daily_prompts_by_prompt ON daily_prompts (prompt_id, date);
     CREATE TABLE skipped_prompts (
        date        TEXT NOT NULL,
        prompt_id   TEXT NOT NULL,
        PRIMARY KEY (date, prompt_id)
     ) STRICT, WITHOUT ROWID;
     CREATE TABLE appreciations (
        id              INTEGER PRIMARY KEY,
        uid             TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
        from_partner    INTEGER NOT NULL REFERENCES partners (id),
        to_partner      INTEGER NOT NULL REFERENCES partners (id),
        text            TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 280),
        created_at      TEXT NOT NULL,
        created_offset  INTEGER NOT NULL CHECK (created_offset BETWEEN -1080 AND 1080),
        read_at         TEXT,
        CHECK (from_partner <> to_partner)
     ) STRICT;
     CREATE INDEX appreciations_by_recipient ON appreciations (to_partner, read_at, created_at);
     CREATE INDEX appreciations_timeline ON appreciations (created_at, id);",
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
