//! Recording: the rows noted in `sync_pending`, as they now are, written
//! into the document where they differ from it.
//!
//! A record is a map at `<table>/<key>` (mergeable, so two laptops that
//! create the same record get one map). Each column is a value, set only
//! when it changed, so two laptops changing different columns of one row
//! keep both; a text column (an entry's body) is a text the engine merges.

use loro::{LoroDoc, LoroMap, LoroValue, ValueOrContainer};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value as Json;

use super::tables::{self, Table};
use crate::error::{Error, Result};

/// The field a tombstoned record's latest change is named by.
pub(super) const REVISION: &str = "_rev";
/// The field a deleted tombstoned record keeps: the revision it deleted.
pub(super) const PURGED: &str = "_purged";

pub(super) fn record_pending(
    doc: &LoroDoc,
    conn: &Connection,
    columns: &std::collections::HashMap<&'static str, Vec<String>>,
) -> Result<usize> {
    let noted: Vec<(String, String)> = conn
        .prepare("SELECT tbl, key FROM sync_pending ORDER BY tbl, key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, key) in &noted {
        let Some(table) = tables::find(name) else {
            continue;
        };
        let Ok(key) = serde_json::from_str::<Vec<Json>>(key) else {
            continue;
        };
        if key.iter().any(Json::is_null) {
            // A row removed with its parent (an entry's tags when the entry
            // is emptied from the trash): the parent's mark says it all, and
            // the row comes back with the parent if an edit brings it back.
            continue;
        }
        let Some(local) = local_key(conn, table, &key)? else {
            continue;
        };
        let mut cols = columns[table.name].clone();
        let row = select_row(conn, table, &cols, &local)?;
        if let Some(set) = &table.set {
            cols.push(set.column.to_string());
        }
        match row {
            Some(row) => write(doc, conn, table, &key, &cols, row)?,
            // Gone with its parent (a reply when its entry is emptied from
            // the trash): the parent's mark says it all, and the document
            // keeps the row, to come back with the parent if an edit
            // another laptop made brings it back.
            None if gone_with_parent(doc, conn, table, &key)? => {}
            None => erase(doc, table, &key)?,
        }
    }
    Ok(noted.len())
}

/// Whether a row that is gone pointed at a row of a tombstoned table that
/// is gone too (the document still says which).
fn gone_with_parent(doc: &LoroDoc, conn: &Connection, table: &Table, key: &[Json]) -> Result<bool> {
    let names = record_names(table, key);
    let root = doc.get_map(table.name);
    for name in names {
        let Some(ValueOrContainer::Container(loro::Container::Map(record))) = root.get(&name)
        else {
            continue;
        };
        for (column, parent) in table.refs {
            if !tables::find(parent).is_some_and(|p| p.tombstone) {
                continue;
            }
            if let Some(ValueOrContainer::Value(LoroValue::String(uid))) = record.get(column) {
                if local_id(conn, parent, &uid)?.is_none() {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// The key with each uid of a parent turned into its local id here; `None`
/// when a parent is not here.
pub(super) fn local_key(
    conn: &Connection,
    table: &Table,
    key: &[Json],
) -> Result<Option<Vec<Value>>> {
    let mut local = Vec::with_capacity(key.len());
    for (column, part) in table.key.iter().zip(key) {
        let value = match (table.parent_of(column), part) {
            (Some(parent), Json::String(uid)) => match local_id(conn, parent, uid)? {
                Some(id) => Value::Integer(id),
                None => return Ok(None),
            },
            _ => json_to_sql(part),
        };
        local.push(value);
    }
    Ok(Some(local))
}

pub(super) fn local_id(conn: &Connection, parent: &str, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM {parent} WHERE uid = ?1"))?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

pub(super) fn where_key(table: &Table) -> String {
    table
        .key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn select_row(
    conn: &Connection,
    table: &Table,
    cols: &[String],
    local: &[Value],
) -> Result<Option<Vec<Value>>> {
    let mut exprs = cols.to_vec();
    if let Some(set) = &table.set {
        exprs.push(set.list_sql(table.name));
    }
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        exprs.join(", "),
        table.name,
        where_key(table)
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(local), |r| {
            (0..exprs.len()).map(|i| r.get::<_, Value>(i)).collect()
        })
        .optional()?)
}

/// Every name the record of `key` may have in the document: one, or one
/// per variant for a table that keeps variants side by side.
pub(super) fn record_names(table: &Table, key: &[Json]) -> Vec<String> {
    match table.variant {
        Some((_, values)) => values.iter().map(|v| record_key(key, Some(v))).collect(),
        None => vec![record_key(key, None)],
    }
}

/// The record's name in the document: its key as JSON, with the variant's
/// value last for a table that keeps variants side by side.
pub(super) fn record_key(key: &[Json], variant: Option<&str>) -> String {
    let mut parts = key.to_vec();
    if let Some(v) = variant {
        parts.push(Json::String(v.to_string()));
    }
    Json::Array(parts).to_string()
}

fn write(
    doc: &LoroDoc,
    conn: &Connection,
    table: &Table,
    key: &[Json],
    cols: &[String],
    row: Vec<Value>,
) -> Result<()> {
    let root = doc.get_map(table.name);
    let variant = table.variant.and_then(|(column, _)| {
        let i = cols.iter().position(|c| c == column)?;
        match &row[i] {
            Value::Text(v) => Some(v.clone()),
            _ => None,
        }
    });
    let name = record_key(key, variant.as_deref());
    let record = root.ensure_mergeable_map(&name).map_err(super::engine)?;
    let mut changed = false;
    for (column, value) in cols.iter().zip(row) {
        let value = match (table.parent_of(column), value) {
            (Some(parent), Value::Integer(id)) => conn
                .prepare_cached(&format!("SELECT uid FROM {parent} WHERE id = ?1"))?
                .query_row([id], |r| r.get::<_, String>(0))
                .optional()?
                .map_or(Value::Null, Value::Text),
            (_, value) => value,
        };
        changed |= set(&record, table, column, value)?;
    }
    if table.tombstone {
        let purged = is_purged(&record);
        if changed || purged || record.get(REVISION).is_none() {
            let revision = uuid::Uuid::new_v4().simple().to_string();
            record.insert(REVISION, revision).map_err(super::engine)?;
        }
    }
    if let (Some((_, values)), Some(mine)) = (table.variant, &variant) {
        for other in values.iter().filter(|v| *v != mine) {
            let other = record_key(key, Some(other));
            if root.get(&other).is_some() {
                root.delete(&other).map_err(super::engine)?;
            }
        }
    }
    Ok(())
}

/// Sets one column where it differs; true when it did.
fn set(record: &LoroMap, table: &Table, column: &str, value: Value) -> Result<bool> {
    if table.texts.contains(&column) {
        if let Value::Text(words) = &value {
            let text = record
                .ensure_mergeable_text(column)
                .map_err(super::engine)?;
            if text.to_string() == *words {
                return Ok(false);
            }
            text.update(words, Default::default())
                .map_err(|_| Error::Storage("a change was too long to record".into()))?;
            return Ok(true);
        }
    }
    let value = sql_to_loro(value);
    let current = match record.get(column) {
        Some(ValueOrContainer::Value(v)) => Some(v),
        _ => None,
    };
    if current.as_ref() == Some(&value) {
        return Ok(false);
    }
    record.insert(column, value).map_err(super::engine)?;
    Ok(true)
}

pub(super) fn is_purged(record: &LoroMap) -> bool {
    match (record.get(PURGED), record.get(REVISION)) {
        (Some(ValueOrContainer::Value(p)), Some(ValueOrContainer::Value(r))) => p == r,
        _ => false,
    }
}

fn erase(doc: &LoroDoc, table: &Table, key: &[Json]) -> Result<()> {
    let root = doc.get_map(table.name);
    if table.tombstone {
        let name = record_key(key, None);
        if root.get(&name).is_some() {
            let record = root.ensure_mergeable_map(&name).map_err(super::engine)?;
            if let Some(ValueOrContainer::Value(revision)) = record.get(REVISION) {
                if !is_purged(&record) {
                    record.insert(PURGED, revision).map_err(super::engine)?;
                }
            }
        }
        return Ok(());
    }
    let names = record_names(table, key);
    for name in names {
        if root.get(&name).is_some() {
            root.delete(&name).map_err(super::engine)?;
        }
    }
    Ok(())
}

pub(super) fn json_to_sql(part: &Json) -> Value {
    match part {
        Json::String(s) => Value::Text(s.clone()),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        Json::Bool(b) => Value::Integer(*b as i64),
        _ => Value::Null,
    }
}

pub(super) fn sql_to_loro(value: Value) -> LoroValue {
    match value {
        Value::Null => LoroValue::Null,
        Value::Integer(i) => LoroValue::I64(i),
        Value::Real(f) => LoroValue::Double(f),
        Value::Text(s) => LoroValue::from(s),
        Value::Blob(b) => LoroValue::from(b),
    }
}

pub(super) fn loro_to_sql(value: &LoroValue) -> Value {
    match value {
        LoroValue::Bool(b) => Value::Integer(*b as i64),
        LoroValue::I64(i) => Value::Integer(*i),
        LoroValue::Double(f) => Value::Real(*f),
        LoroValue::String(s) => Value::Text(s.to_string()),
        LoroValue::Binary(b) => Value::Blob(b.to_vec()),
        _ => Value::Null,
    }
}
