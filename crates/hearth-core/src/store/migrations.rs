//! The schema, as an append-only list of steps keyed on `PRAGMA user_version`.
//!
//! Step *n* (1-based) takes a file from version *n-1* to *n*. An upgrade runs
//! every missing step and the new `user_version` inside one transaction, so a
//! crash half-way leaves the file exactly as it was. A shipped step is never
//! edited: fix forward with a new one. `tests/core/store/open.rs` proves that upgrading
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
    // v3: reconnection rituals (with pauses and what happened on each day),
    // weekly check-ins, and commitments with their check-offs.
    "CREATE TABLE rituals (
        id                     INTEGER PRIMARY KEY,
        uid                    TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
        title                  TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
        intention              TEXT CHECK (length(intention) BETWEEN 1 AND 280),
        rrule                  TEXT NOT NULL CHECK (rrule GLOB 'FREQ=*'),
        time_of_day            TEXT NOT NULL CHECK (time_of_day GLOB '[0-2][0-9]:[0-5][0-9]'),
        zone                   TEXT NOT NULL CHECK (length(zone) BETWEEN 1 AND 64),
        duration_minutes       INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
        start_date             TEXT NOT NULL,
        end_date               TEXT CHECK (end_date >= start_date),
        for_partner            INTEGER REFERENCES partners (id),
        active                 INTEGER NOT NULL CHECK (active IN (0, 1)),
        reminder_lead_minutes  INTEGER NOT NULL DEFAULT 0
                               CHECK (reminder_lead_minutes BETWEEN 0 AND 1440),
        template_id            TEXT,
        counted_from           TEXT NOT NULL,
        created_by             INTEGER NOT NULL REFERENCES partners (id),
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL,
        archived_at            TEXT,
        archived_on            TEXT,
        CHECK ((archived_at IS NULL) = (archived_on IS NULL))
     ) STRICT;
     CREATE INDEX rituals_listed ON rituals (archived_at, id);
     CREATE TABLE ritual_pauses (
        ritual_id   INTEGER NOT NULL REFERENCES rituals (id),
        from_date   TEXT NOT NULL,
        until_date  TEXT CHECK (until_date > from_date),
        PRIMARY KEY (ritual_id, from_date)
     ) STRICT, WITHOUT ROWID;
     CREATE UNIQUE INDEX ritual_pauses_one_open ON ritual_pauses (ritual_id)
        WHERE until_date IS NULL;
     CREATE TABLE ritual_outcomes (
        ritual_id    INTEGER NOT NULL REFERENCES rituals (id),
        date         TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
        by_partner   INTEGER NOT NULL REFERENCES partners (id),
        note         TEXT CHECK (length(note) BETWEEN 1 AND 2000),
        entry_id     INTEGER REFERENCES entries (id) ON DELETE SET NULL,
        recorded_at  TEXT NOT NULL,
        PRIMARY KEY (ritual_id, date)
     ) STRICT, WITHOUT ROWID;
     CREATE INDEX ritual_outcomes_by_entry ON ritual_outcomes (entry_id)
        WHERE entry_id IS NOT NULL;
     CREATE TABLE ritual_outcome_log (
        id          INTEGER PRIMARY KEY,
        ritual_id   INTEGER NOT NULL REFERENCES rituals (id),
        date        TEXT NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('done', 'skipped', 'undone')),
        by_partner  INTEGER NOT NULL REFERENCES partners (id),
        at          TEXT NOT NULL
     ) STRICT;
     CREATE INDEX ritual_outcome_log_by_ritual ON ritual_outcome_log (ritual_id, date, id);
     CREATE TABLE checkins (
        week             TEXT NOT NULL,
        author           INTEGER NOT NULL REFERENCES partners (id),
        trust            INTEGER NOT NULL CHECK (trust BETWEEN 1 AND 10),
        safety           INTEGER NOT NULL CHECK (safety BETWEEN 1 AND 10),
        closeness        INTEGER NOT NULL CHECK (closeness BETWEEN 1 AND 10),
        communication    INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 10),
        went_well        TEXT CHECK (length(went_well) BETWEEN 1 AND 5000),
        was_hard         TEXT CHECK (length(was_hard) BETWEEN 1 AND 5000),
        need_from_you    TEXT CHECK (length(need_from_you) BETWEEN 1 AND 5000),
        submitted_at     TEXT NOT NULL,
        submitted_offset INTEGER NOT NULL CHECK (submitted_offset BETWEEN -1080 AND 1080),
        PRIMARY KEY (week, author)
     ) STRICT, WITHOUT ROWID;
     CREATE TABLE commitments (
        id           INTEGER PRIMARY KEY,
        uid          TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
        title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        details      TEXT CHECK (length(details) BETWEEN 1 AND 2000),
        owner        INTEGER REFERENCES partners (id),
        cadence      TEXT CHECK (cadence GLOB 'FREQ=*'),
        start_date   TEXT NOT NULL,
        zone         TEXT NOT NULL CHECK (length(zone) BETWEEN 1 AND 64),
        review_on    TEXT CHECK (review_on >= start_date),
        created_by   INTEGER NOT NULL REFERENCES partners (id),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        ended_on     TEXT
     ) STRICT;
     CREATE TABLE commitment_checks (
        commitment_id  INTEGER NOT NULL REFERENCES commitments (id),
        date           TEXT NOT NULL,
        by_partner     INTEGER NOT NULL REFERENCES partners (id),
        note           TEXT CHECK (length(note) BETWEEN 1 AND 280),
        recorded_at    TEXT NOT NULL,
        PRIMARY KEY (commitment_id, date, by_partner)
     ) STRICT, WITHOUT ROWID;",
    // v4: reminders. Every reminder Hearth decided about (sent, sent late,
    // held back while paused, too old, cancelled), one row per key, written
    // before the notice goes out; and the snoozes waiting to come back.
    "CREATE TABLE reminder_log (
        key         TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
        origin      TEXT,
        kind        TEXT NOT NULL CHECK (kind IN ('ritual', 'commitment_review', 'checkin')),
        ritual_id   INTEGER REFERENCES rituals (id),
        date        TEXT,
        due_at      TEXT NOT NULL,
        local_time  TEXT NOT NULL,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        status      TEXT NOT NULL
                    CHECK (status IN ('sent', 'late', 'paused', 'expired', 'cancelled', 'failed')),
        attempts    INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        decided_at  TEXT NOT NULL
     ) STRICT, WITHOUT ROWID;
     CREATE INDEX reminder_log_retry ON reminder_log (status, due_at) WHERE status = 'failed';
     CREATE TABLE reminder_snoozes (
        key         TEXT PRIMARY KEY REFERENCES reminder_log (key),
        until       TEXT NOT NULL,
        snoozed_at  TEXT NOT NULL
     ) STRICT, WITHOUT ROWID;",
    // v5 (performance): a tag-filtered timeline page walks an index in
    // timeline order instead of sorting every entry with the tag: each tag
    // row carries its entry's `created_at` (filled and kept by triggers,
    // whoever inserts). And Today's unread count reads an index that holds
    // every column the visibility rule needs, never the entries' bodies.
    "CREATE INDEX entries_unread ON entries (author, deleted_at, visibility, prompt_date)
        WHERE deleted_at IS NULL;
     ALTER TABLE entry_tags ADD COLUMN created_at TEXT;
     UPDATE entry_tags SET created_at =
        (SELECT e.created_at FROM entries e WHERE e.id = entry_tags.entry_id);
     CREATE INDEX entry_tags_timeline ON entry_tags (tag, created_at, entry_id);
     CREATE TRIGGER entry_tags_stamp AFTER INSERT ON entry_tags
     WHEN new.created_at IS NULL BEGIN
        UPDATE entry_tags SET created_at =
            (SELECT e.created_at FROM entries e WHERE e.id = new.entry_id)
        WHERE entry_id = new.entry_id AND tag = new.tag;
     END;
     CREATE TRIGGER entries_tags_restamp AFTER UPDATE OF created_at ON entries BEGIN
        UPDATE entry_tags SET created_at = new.created_at WHERE entry_id = new.id;
     END;",
    // v6: a promise in the other partner's name is a proposal until they
    // accept it. Who added a commitment is `created_by` (always the writer
    // who added it, since v3). Every commitment from before this step counts
    // as accepted: it has been lived with, checked off and reminded about.
    "ALTER TABLE commitments ADD COLUMN accepted INTEGER NOT NULL DEFAULT 1
        CHECK (accepted = 1 OR (accepted = 0 AND owner IS NOT NULL AND owner <> created_by));",
    // v7: a reminder answered from its desktop notification keeps that
    // answer, so a second press (or a press after the window answered)
    // changes nothing. NULL: not answered from a notification.
    "ALTER TABLE reminder_log ADD COLUMN answer TEXT CHECK (answer IN ('done', 'snooze', 'skip'));
     ALTER TABLE reminder_log ADD COLUMN answered_at TEXT;",
    // v8 (privacy): each partner's key, wrapped once under their passphrase
    // and once under their recovery key (see `vault`). Only public parts are
    // stored: Argon2id's parameters and salt, the nonce, the wrapped key and
    // a checksum of those; never the wrapping key or anything derived from it.
    "CREATE TABLE key_slots (
        partner     INTEGER NOT NULL REFERENCES partners (id),
        kind        TEXT NOT NULL CHECK (kind IN ('passphrase', 'recovery')),
        version     INTEGER NOT NULL,
        kdf         TEXT NOT NULL,
        memory_kib  INTEGER NOT NULL,
        iterations  INTEGER NOT NULL,
        lanes       INTEGER NOT NULL,
        salt        BLOB NOT NULL,
        nonce       BLOB NOT NULL,
        wrapped     BLOB NOT NULL,
        checksum    BLOB NOT NULL,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (partner, kind)
     ) STRICT, WITHOUT ROWID;",
    // v9 (privacy): the private words of a partner with a passphrase are
    // sealed with their partner key (`vault::seal`, `journal::sealed`): the
    // sealed bytes go in `sealed`, the plain columns keep only placeholders,
    // and the search index gets nothing of a sealed entry.
    "ALTER TABLE entries ADD COLUMN sealed BLOB;
     ALTER TABLE drafts ADD COLUMN sealed BLOB;
     ALTER TABLE checkins ADD COLUMN sealed BLOB;
     DROP TRIGGER entries_fts_insert;
     CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO journal_fts (rowid, title, body, replies)
        VALUES (new.id, iif(new.sealed IS NULL, coalesce(new.title, ''), ''),
                iif(new.sealed IS NULL, new.body, ''), '');
     END;
     DROP TRIGGER entries_fts_update;
     CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, sealed ON entries BEGIN
        UPDATE journal_fts SET title = iif(new.sealed IS NULL, coalesce(new.title, ''), ''),
            body = iif(new.sealed IS NULL, new.body, '')
        WHERE rowid = new.id;
     END;",
    // v10 (two laptops, issue 16): this laptop's device id (its Loro peer
    // id, random, never shared by two laptops), the engine's changes as
    // Loro bytes (this laptop's and those brought from the other), and the
    // rows changed since the door last recorded (`sync`).
    "CREATE TABLE sync_device (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        peer  INTEGER NOT NULL CHECK (peer > 0)
     ) STRICT;
     INSERT INTO sync_device (id, peer) VALUES (1, (random() & 9223372036854775807) | 1);
     CREATE TABLE sync_changes (
        seq     INTEGER PRIMARY KEY,
        origin  TEXT NOT NULL CHECK (origin IN ('local', 'remote', 'snapshot')),
        bytes   BLOB NOT NULL
     ) STRICT;
     CREATE TABLE sync_pending (
        tbl  TEXT NOT NULL,
        key  TEXT NOT NULL,
        PRIMARY KEY (tbl, key)
     ) STRICT, WITHOUT ROWID;",
    // v11 (two laptops, issue 16): the sync folder. `sync_folder` (this
    // laptop's alone): the journal's id and the couple's sync key (with Lock
    // Hearth on, inside the encrypted file like everything else), the folder
    // chosen, what of this laptop's changes is written there, an open
    // pairing. `sync_peers` (this laptop's alone): how far each other
    // laptop's files were read, when it was last heard from, and the note
    // its files left. `sync_devices` (synced to every laptop): each laptop's
    // name and, once removed, when.
    "CREATE TABLE sync_folder (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        journal         BLOB NOT NULL CHECK (length(journal) = 16),
        key             BLOB NOT NULL CHECK (length(key) = 32),
        folder          TEXT,
        written_device  INTEGER NOT NULL DEFAULT 0,
        written_counter INTEGER NOT NULL DEFAULT 0,
        generation      INTEGER NOT NULL DEFAULT 0,
        pairing_since   TEXT,
        note            TEXT,
        last_exchange   TEXT
     ) STRICT;
     CREATE TABLE sync_peers (
        device      TEXT PRIMARY KEY,
        generation  INTEGER NOT NULL DEFAULT 0,
        frames      INTEGER NOT NULL DEFAULT 0,
        snapshot    TEXT,
        refused     TEXT,
        note        TEXT,
        last_heard  TEXT
     ) STRICT, WITHOUT ROWID;
     CREATE TABLE sync_devices (
        id          TEXT PRIMARY KEY CHECK (length(id) = 16),
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        added_at    TEXT NOT NULL,
        removed_at  TEXT
     ) STRICT, WITHOUT ROWID;",
    // v12: unlocking asks for a partner's sealed rows and for the rows
    // still to seal; these partial indexes hold just those, so a big
    // journal isn't walked (and, with Lock Hearth on, decrypted) whole.
    "CREATE INDEX entries_sealed ON entries (author, prompt_date) WHERE sealed IS NOT NULL;
     CREATE INDEX entries_to_seal ON entries (author)
        WHERE sealed IS NULL AND (visibility = 'private' OR prompt_date IS NOT NULL);",
    // v13 (two laptops): each partner's key changes counted, and the keys
    // removed, so the slots travel between laptops by rules (`sync::keys`).
    crate::sync::keys::MIGRATION,
    // v14 (two laptops): the records SQLite refused, for Settings to say.
    crate::sync::apply::MIGRATION,
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
