//! Which tables hold the couple's data, and how each row is named across
//! laptops.
//!
//! A row's local `id` differs from laptop to laptop, so every record is named
//! by its natural key (an entry's `uid`, a read mark's entry and reader), with
//! a column that points at another table's local id carried as that row's
//! `uid`. What is not here (drafts, the reminder log, who is writing at this
//! laptop, key slots) stays on its laptop.

/// One table of the couple's data.
pub(crate) struct Table {
    /// The SQLite table, and the name of its map at the Loro document's root.
    pub name: &'static str,
    /// The columns that name a row (a conflict target SQLite knows).
    pub key: &'static [&'static str],
    /// Columns that never leave the laptop (local ids, derived stamps).
    pub local: &'static [&'static str],
    /// Columns holding another table's local id, carried as its `uid`.
    pub refs: &'static [(&'static str, &'static str)],
    /// Text columns whose concurrent edits the engine merges character by
    /// character; every other column is last-writer-wins by causal order.
    pub texts: &'static [&'static str],
    /// A column whose values are kept side by side when two laptops write
    /// different ones, the first in this list winning ("done beats skip").
    pub variant: Option<(&'static str, &'static [&'static str])>,
    /// A deleted row leaves a mark that loses against an edit it did not see
    /// (an entry emptied from the trash on one laptop and edited on the other
    /// comes back, in the trash, with the edit).
    pub tombstone: bool,
    /// A child table whose rows are one column of this record: its values
    /// as a sorted JSON list (an entry's tags: a tag is user text, and a
    /// record's key is kept for good, so a tag is never a key).
    pub set: Option<Set>,
    /// Only the rows whose column (first) holds one of these values; the
    /// others stay on their laptop (the couple's settings among this
    /// laptop's own).
    pub only: Option<(&'static str, &'static [&'static str])>,
}

/// A child table carried as a column of its parent's record.
pub(crate) struct Set {
    /// The column's name in the record.
    pub column: &'static str,
    pub table: &'static str,
    /// The child's column holding the parent's local id.
    pub parent: &'static str,
    /// The child's column holding each value.
    pub value: &'static str,
}

impl Set {
    /// SQL for the sorted JSON list of values of the row `alias`.
    pub fn list_sql(&self, alias: &str) -> String {
        format!(
            "(SELECT json_group_array({v}) FROM (SELECT {v} FROM main.{t} WHERE {p} = {alias}.id ORDER BY {v}))",
            v = self.value,
            t = self.table,
            p = self.parent,
        )
    }

    /// The triggers noting the parent's record when a child row changes.
    pub fn triggers_sql(&self, parent: &str) -> String {
        let note = |alias: &str| {
            format!(
                "INSERT INTO main.sync_pending (tbl, key) SELECT '{parent}', k FROM
                 (SELECT json_array((SELECT uid FROM main.{parent} WHERE id = {alias}.{p})) AS k)
                 WHERE NOT EXISTS (SELECT 1 FROM main.sync_pending q WHERE q.tbl = '{parent}' AND q.key = k);",
                p = self.parent
            )
        };
        let t = self.table;
        format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS sync_{t}_insert AFTER INSERT ON main.{t}
             BEGIN {new} END;
             CREATE TEMP TRIGGER IF NOT EXISTS sync_{t}_delete AFTER DELETE ON main.{t}
             BEGIN {old} END;",
            new = note("new"),
            old = note("old"),
        )
    }
}

const fn table(name: &'static str, key: &'static [&'static str]) -> Table {
    Table {
        name,
        key,
        local: &[],
        refs: &[],
        texts: &[],
        variant: None,
        tombstone: false,
        set: None,
        only: None,
    }
}

const WITH_UID: &[&str] = &["uid"];

/// Every synced table, parents before the tables that point at them.
pub(crate) static TABLES: &[Table] = &[
    table("partners", &["id"]),
    Table {
        local: &["id"],
        texts: &["body"],
        tombstone: true,
        set: Some(Set {
            column: "tags",
            table: "entry_tags",
            parent: "entry_id",
            value: "tag",
        }),
        ..table("entries", WITH_UID)
    },
    Table {
        local: &["id"],
        refs: &[("entry_id", "entries")],
        ..table("replies", WITH_UID)
    },
    Table {
        refs: &[("entry_id", "entries")],
        ..table("entry_reads", &["entry_id", "reader"])
    },
    Table {
        local: &["id"],
        ..table("appreciations", WITH_UID)
    },
    table("custom_prompts", &["id"]),
    table("daily_prompts", &["date"]),
    table("skipped_prompts", &["date", "prompt_id"]),
    Table {
        local: &["id"],
        ..table("rituals", WITH_UID)
    },
    Table {
        refs: &[("ritual_id", "rituals")],
        ..table("ritual_pauses", &["ritual_id", "from_date"])
    },
    Table {
        refs: &[("ritual_id", "rituals"), ("entry_id", "entries")],
        variant: Some(("status", &["done", "skipped"])),
        ..table("ritual_outcomes", &["ritual_id", "date"])
    },
    table("checkins", &["week", "author"]),
    Table {
        local: &["id"],
        ..table("commitments", WITH_UID)
    },
    Table {
        refs: &[("commitment_id", "commitments")],
        ..table(
            "commitment_checks",
            &["commitment_id", "date", "by_partner"],
        )
    },
    // The laptops sharing the journal (a removal must reach every laptop).
    table("sync_devices", &["id"]),
    // The couple's settings: the day their check-in week starts (both
    // laptops must put a check-in in the same week) and what a locked
    // laptop's reminders say. Who is writing, "Lock after" and the
    // reminders' own settings stay on each laptop.
    Table {
        only: Some((
            "key",
            &[
                crate::checkins::WEEK_START_KEY,
                crate::hearth::locking::NOTICE_KEY,
            ],
        )),
        ..table("settings", &["key"])
    },
];

pub(crate) fn find(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

impl Table {
    /// SQL saying whether the row `alias` is one this table syncs.
    pub fn synced_row_sql(&self, alias: &str) -> String {
        match self.only {
            Some((column, values)) => {
                let values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
                format!("{alias}.{column} IN ({})", values.join(", "))
            }
            None => "1".into(),
        }
    }

    pub fn parent_of(&self, column: &str) -> Option<&'static str> {
        self.refs
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, p)| *p)
    }

    /// SQL for this row's key as a JSON array, read from `alias` (`new`,
    /// `old`, or a table alias), with local ids turned into uids.
    pub fn key_sql(&self, alias: &str) -> String {
        let parts: Vec<String> = self
            .key
            .iter()
            .map(|column| match self.parent_of(column) {
                Some(parent) => {
                    format!("(SELECT uid FROM main.{parent} WHERE id = {alias}.{column})")
                }
                None => format!("{alias}.{column}"),
            })
            .collect();
        format!("json_array({})", parts.join(", "))
    }

    /// The triggers that note every changed row in `sync_pending`, in the
    /// same transaction as the change. Temporary (this connection only): the
    /// door installs them when it opens the file, so they follow this
    /// module's list rather than a shipped schema step.
    pub fn triggers_sql(&self) -> String {
        let name = self.name;
        // Not `INSERT OR IGNORE`: inside a trigger the outer statement's
        // conflict policy wins (an upsert's would abort on a second note).
        let note = |alias: &str| {
            format!(
                "INSERT INTO main.sync_pending (tbl, key) SELECT '{name}', k FROM (SELECT {} AS k)
                 WHERE {} AND NOT EXISTS (SELECT 1 FROM main.sync_pending p WHERE p.tbl = '{name}' AND p.key = k);",
                self.key_sql(alias),
                self.synced_row_sql(alias)
            )
        };
        let children = self
            .set
            .as_ref()
            .map(|s| s.triggers_sql(name))
            .unwrap_or_default();
        format!(
            "{children}
             CREATE TEMP TRIGGER IF NOT EXISTS sync_{name}_insert AFTER INSERT ON main.{name}
             BEGIN {new} END;
             CREATE TEMP TRIGGER IF NOT EXISTS sync_{name}_update AFTER UPDATE ON main.{name}
             BEGIN {old} {new} END;
             CREATE TEMP TRIGGER IF NOT EXISTS sync_{name}_delete AFTER DELETE ON main.{name}
             BEGIN {old} END;",
            new = note("new"),
            old = note("old"),
        )
    }

    /// Notes every row of the table (the first recording of a journal that
    /// was written before Hearth recorded anything).
    pub fn note_all_sql(&self) -> String {
        format!(
            "INSERT OR IGNORE INTO sync_pending (tbl, key) SELECT '{}', {} FROM main.{} AS r WHERE {};",
            self.name,
            self.key_sql("r"),
            self.name,
            self.synced_row_sql("r")
        )
    }
}
