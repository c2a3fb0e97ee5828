//! Applying: the records an import changed, written to SQLite as the
//! document now has them.
//!
//! A row here is a function of the document alone (never of the order the
//! changes came in), so every laptop with the same changes has the same rows.

use std::collections::{BTreeSet, HashMap, HashSet};

use loro::{LoroDoc, LoroMap, LoroValue, ValueOrContainer};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value as Json;

use super::record::{is_purged, local_id, local_key, loro_to_sql, record_names, where_key};
use super::tables::{Table, TABLES};
use crate::error::Result;

/// The records SQLite refused, kept so Settings can say so (schema step
/// v14); a record leaves once it applies.
pub(crate) const MIGRATION: &str = "
    CREATE TABLE sync_refused (
        tbl  TEXT NOT NULL,
        key  TEXT NOT NULL,
        PRIMARY KEY (tbl, key)
    ) STRICT, WITHOUT ROWID;";

/// Writes the changed records; returns (rows written or removed, refused).
pub(super) fn apply_changed(
    doc: &LoroDoc,
    conn: &Connection,
    columns: &HashMap<&'static str, Vec<String>>,
    changed: &BTreeSet<(String, String)>,
) -> Result<(usize, usize)> {
    let (mut rows, mut refused) = (0, 0);
    // Rows of a tombstoned table that were not here before (new, or back
    // because an edit beat their removal), by table: their uids.
    let mut back: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut applied: HashSet<(&'static str, String)> = HashSet::new();
    let refused_before: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_refused)", [], |r| {
            r.get(0)
        })?;
    for table in TABLES {
        let mut keys = BTreeSet::new();
        for (_, record) in changed.iter().filter(|(t, _)| t == table.name) {
            let Ok(mut key) = serde_json::from_str::<Vec<Json>>(record) else {
                continue;
            };
            if table.variant.is_some() {
                key.pop();
            }
            if key.len() == table.key.len() {
                keys.insert(Json::Array(key).to_string());
            }
        }
        for name in keys {
            let key: Vec<Json> = serde_json::from_str(&name).unwrap_or_default();
            match apply_one(doc, conn, columns, table, &key) {
                Ok(written) => {
                    if refused_before {
                        conn.prepare_cached(
                            "DELETE FROM sync_refused WHERE tbl = ?1 AND key = ?2",
                        )?
                        .execute([table.name, &name])?;
                    }
                    rows += usize::from(written.row);
                    if let (true, [Json::String(uid)]) = (written.was_away, key.as_slice()) {
                        back.entry(table.name).or_default().insert(uid.clone());
                    }
                }
                Err(Refused) => {
                    refused += 1;
                    conn.prepare_cached(
                        "INSERT OR IGNORE INTO sync_refused (tbl, key) VALUES (?1, ?2)",
                    )?
                    .execute([table.name, &name])?;
                }
            }
            applied.insert((table.name, name));
        }
    }
    if !back.is_empty() {
        bring_back_children(doc, conn, columns, &back, &applied);
    }
    Ok((rows, refused))
}

/// What applying one record did.
struct Written {
    /// A row was written or removed.
    row: bool,
    /// The row was not here before (only asked of tombstoned tables).
    was_away: bool,
}

struct Refused;

impl From<rusqlite::Error> for Refused {
    fn from(_: rusqlite::Error) -> Self {
        Refused
    }
}

impl From<crate::error::Error> for Refused {
    fn from(_: crate::error::Error) -> Self {
        Refused
    }
}

/// The record's map as the document has it now, if the row should exist.
fn wanted(doc: &LoroDoc, table: &Table, key: &[Json]) -> Option<LoroMap> {
    let root = doc.get_map(table.name);
    let names = record_names(table, key);
    let record = names.iter().find_map(|name| match root.get(name) {
        Some(ValueOrContainer::Container(loro::Container::Map(map))) => Some(map),
        _ => None,
    })?;
    if table.tombstone && is_purged(&record) {
        return None;
    }
    Some(record)
}

fn apply_one(
    doc: &LoroDoc,
    conn: &Connection,
    columns: &HashMap<&'static str, Vec<String>>,
    table: &Table,
    key: &[Json],
) -> std::result::Result<Written, Refused> {
    let cols = &columns[table.name];
    let done = |row| {
        Ok(Written {
            row,
            was_away: false,
        })
    };
    let Some(record) = wanted(doc, table, key) else {
        let Some(local) = local_key(conn, table, key)? else {
            return done(false);
        };
        let sql = format!("DELETE FROM {} WHERE {}", table.name, where_key(table));
        return done(
            conn.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(local))?
                > 0,
        );
    };
    let LoroValue::Map(fields) = record.get_deep_value() else {
        return Err(Refused);
    };
    let mut row = Vec::with_capacity(cols.len());
    for column in cols {
        let value = fields.get(column.as_str()).map_or(Value::Null, loro_to_sql);
        let value = match (table.parent_of(column), value) {
            (Some(parent), Value::Text(uid)) => match local_id(conn, parent, &uid)? {
                Some(id) => Value::Integer(id),
                // A parent not here (emptied from the trash): the row waits.
                None if table.key.contains(&column.as_str()) => return done(false),
                None => Value::Null,
            },
            (_, value) => value,
        };
        row.push(value);
    }
    let updates: Vec<String> = cols
        .iter()
        .filter(|c| !table.key.contains(&c.as_str()))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    // A row already as the document has it is left alone: not counted as
    // arrived, and its search index not rewritten.
    let differs: Vec<&String> = cols
        .iter()
        .filter(|c| !table.key.contains(&c.as_str()))
        .collect();
    let on_conflict = if updates.is_empty() {
        "DO NOTHING".to_string()
    } else {
        format!(
            "DO UPDATE SET {} WHERE ({}) IS NOT ({})",
            updates.join(", "),
            differs
                .iter()
                .map(|c| format!("{}.{c}", table.name))
                .collect::<Vec<_>>()
                .join(", "),
            differs
                .iter()
                .map(|c| format!("excluded.{c}"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) {on_conflict}",
        table.name,
        cols.join(", "),
        (1..=cols.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", "),
        table.key.join(", "),
    );
    // Only a tombstoned row can come back, bringing its children with it.
    let was_away = table.tombstone
        && match local_key(conn, table, key)? {
            Some(local) => conn
                .prepare_cached(&format!(
                    "SELECT 1 FROM {} WHERE {}",
                    table.name,
                    where_key(table)
                ))?
                .query_row(rusqlite::params_from_iter(local), |_| Ok(()))
                .optional()?
                .is_none(),
            None => true,
        };
    let mut written = conn
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(row))?
        > 0;
    if let Some(set) = &table.set {
        let list = match fields.get(set.column) {
            Some(LoroValue::String(s)) => s.to_string(),
            _ => "[]".to_string(),
        };
        let key = where_key(table);
        let removed = conn
            .prepare_cached(&format!(
                "DELETE FROM {t} WHERE {p} = (SELECT id FROM {parent} WHERE {key})
                 AND {v} NOT IN (SELECT value FROM json_each(?{n}))",
                t = set.table,
                p = set.parent,
                parent = table.name,
                v = set.value,
                n = key_params(table) + 1,
            ))?
            .execute(rusqlite::params_from_iter(key_values(
                &fields, table, &list,
            )))?;
        let added = conn.prepare_cached(&format!(
                "INSERT OR IGNORE INTO {t} ({p}, {v}) SELECT (SELECT id FROM {parent} WHERE {key}), value
                 FROM json_each(?{n})",
                t = set.table,
                p = set.parent,
                parent = table.name,
                v = set.value,
                n = key_params(table) + 1,
            ))?
            .execute(rusqlite::params_from_iter(key_values(&fields, table, &list)))?;
        written |= removed + added > 0;
    }
    Ok(Written {
        row: written,
        was_away,
    })
}

fn key_params(table: &Table) -> usize {
    table.key.len()
}

/// The parent's key values from its record, then the list.
fn key_values(fields: &loro::LoroMapValue, table: &Table, list: &str) -> Vec<Value> {
    let mut values: Vec<Value> = table
        .key
        .iter()
        .map(|c| fields.get(*c).map_or(Value::Null, loro_to_sql))
        .collect();
    values.push(Value::Text(list.to_string()));
    values
}

/// Rows that come back (an edit beat their removal) bring back the rows
/// pointing at them, which went with them on the laptops that removed them:
/// the document still holds those. One pass over each child table, however
/// many rows came back (a first sync brings every entry "back").
fn bring_back_children(
    doc: &LoroDoc,
    conn: &Connection,
    columns: &HashMap<&'static str, Vec<String>>,
    back: &HashMap<&'static str, HashSet<String>>,
    applied: &HashSet<(&'static str, String)>,
) {
    for child in TABLES {
        let pointing: Vec<(&str, &HashSet<String>)> = child
            .refs
            .iter()
            .filter_map(|(column, parent)| back.get(parent).map(|uids| (*column, uids)))
            .collect();
        if pointing.is_empty() {
            continue;
        }
        let root = doc.get_map(child.name);
        let mut keys = BTreeSet::new();
        for name in root.keys() {
            let Some(ValueOrContainer::Container(loro::Container::Map(record))) = root.get(&name)
            else {
                continue;
            };
            let points_back = pointing.iter().any(|(column, uids)| {
                matches!(
                    record.get(column),
                    Some(ValueOrContainer::Value(LoroValue::String(s))) if uids.contains(s.as_str())
                )
            });
            let Ok(mut child_key) = serde_json::from_str::<Vec<Json>>(&name) else {
                continue;
            };
            if points_back {
                if child.variant.is_some() {
                    child_key.pop();
                }
                keys.insert(Json::Array(child_key).to_string());
            }
        }
        for name in keys {
            if applied.contains(&(child.name, name.clone())) {
                continue;
            }
            let child_key: Vec<Json> = serde_json::from_str(&name).unwrap_or_default();
            let _ = apply_one(doc, conn, columns, child, &child_key);
        }
    }
}
