//! The timeline: newest first, a page at a time.
//!
//! Pages are keyset-paged on `(created_at, id)`: a cursor names the last entry
//! shown and the next page starts strictly before it, so a page costs the
//! same at entry 10 and at entry 100,000 (no OFFSET), and an entry written
//! meanwhile doesn't shift what comes next. Filters narrow the same walk.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::{entry_from_row, Entry, EntryKind, Feeling, ENTRY_COLUMNS, VISIBLE};
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp::{self, check_offset};
use crate::store::Store;

/// Most entries on one page.
pub const PAGE_MAX: u32 = 100;
const PAGE_DEFAULT: u32 = 20;

/// What to narrow the timeline to; every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimelineFilter {
    pub author: Option<PartnerId>,
    pub feeling: Option<String>,
    pub tag: Option<String>,
    pub prompt_id: Option<String>,
    pub kind: Option<EntryKind>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimelineQuery {
    #[serde(flatten)]
    pub filter: TimelineFilter,
    /// Where to continue: a page's `nextCursor`, or [`cursor_at_date`].
    pub cursor: Option<String>,
    /// 1 to [`PAGE_MAX`]; 20 when not given.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    pub entries: Vec<Entry>,
    /// Pass back as `cursor` for the next (older) page; `None` at the end.
    pub next_cursor: Option<String>,
}

/// A cursor that starts the timeline at the end of a local date: the first
/// page holds the entries written on or before that day.
pub fn cursor_at_date(date: NaiveDate, offset_minutes: i32) -> Result<String> {
    let offset = check_offset(offset_minutes)?;
    let next_midnight = (date + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .ok_or_else(|| Error::invalid("That date is out of range."))?;
    let utc = Utc.from_utc_datetime(&next_midnight) - Duration::minutes(offset.into());
    // Id 0: nothing written at that very instant is after the cursor.
    Ok(format!("{}/0", stamp::format(utc)))
}

fn parse_cursor(raw: &str) -> Result<(String, i64)> {
    let bad =
        || Error::invalid("That page marker isn't one Hearth made. Please start from the top.");
    let (at, id) = raw.rsplit_once('/').ok_or_else(bad)?;
    let at = chrono::DateTime::parse_from_rfc3339(at).map_err(|_| bad())?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    Ok((stamp::format(at.with_timezone(&Utc)), id))
}

/// The page's SQL and its parameters (`?1` is the viewer).
pub(crate) fn timeline_sql(
    viewer: PartnerId,
    query: &TimelineQuery,
) -> Result<(String, Vec<Value>, u32)> {
    let limit = query.limit.unwrap_or(PAGE_DEFAULT);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(Error::invalid(format!(
            "A page holds 1 to {PAGE_MAX} entries."
        )));
    }
    let f = &query.filter;
    let tag = f.tag.as_deref().map(|tag| {
        tag.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    });
    // With a tag, the walk starts from the tag's rows, which are kept in
    // timeline order (`entry_tags_timeline`), and joins each entry by key;
    // CROSS JOIN keeps SQLite from starting on `entries` and sorting.
    let (mut sql, key) = match tag {
        Some(_) => (
            format!(
                "SELECT {ENTRY_COLUMNS} FROM entry_tags t CROSS JOIN entries e \
                 ON e.id = t.entry_id WHERE t.tag = ?2 AND {VISIBLE}"
            ),
            ("t.created_at", "t.entry_id"),
        ),
        None => (
            format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE {VISIBLE}"),
            ("e.created_at", "e.id"),
        ),
    };
    let mut params = vec![Value::Integer(viewer.0)];
    if let Some(tag) = tag {
        params.push(Value::Text(tag));
    }
    let mut push = |sql: &mut String, clause: &str, value: Value| {
        params.push(value);
        sql.push_str(&clause.replace('?', &format!("?{}", params.len())));
    };
    if let Some(author) = f.author {
        push(&mut sql, " AND e.author = ?", Value::Integer(author.0));
    }
    if let Some(feeling) = f.feeling.as_deref() {
        let feeling = Feeling::parse(feeling)?;
        push(
            &mut sql,
            " AND e.feeling = ?",
            Value::Text(feeling.as_str().into()),
        );
    }
    if let Some(prompt) = f.prompt_id.as_deref() {
        push(
            &mut sql,
            " AND e.prompt_id = ?",
            Value::Text(prompt.trim().into()),
        );
    }
    if let Some(kind) = f.kind {
        push(
            &mut sql,
            " AND e.kind = ?",
            Value::Text(kind.as_str().into()),
        );
    }
    let (at_col, id_col) = key;
    if let Some(cursor) = query.cursor.as_deref() {
        let (at, id) = parse_cursor(cursor)?;
        push(
            &mut sql,
            &format!(" AND ({at_col}, {id_col}) < (?"),
            Value::Text(at),
        );
        push(&mut sql, ", ?)", Value::Integer(id));
    }
    push(
        &mut sql,
        &format!(" ORDER BY {at_col} DESC, {id_col} DESC LIMIT ?"),
        Value::Integer(i64::from(limit) + 1),
    );
    Ok((sql, params, limit))
}

impl Store {
    /// A page of the timeline as the viewer may see it, newest first.
    pub fn timeline(&self, viewer: PartnerId, query: &TimelineQuery) -> Result<Page> {
        self.ensure_partner(viewer)?;
        let (sql, params, limit) = timeline_sql(viewer, query)?;
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut entries: Vec<Entry> = stmt
            .query_map(rusqlite::params_from_iter(params), entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        for entry in &mut entries {
            self.hydrate(entry)?;
        }
        let next_cursor = match (more, entries.last()) {
            (true, Some(last)) => Some(format!("{}/{}", stamp::format(last.created_at), last.id)),
            _ => None,
        };
        Ok(Page {
            entries,
            next_cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_cursor_ends_at_the_local_midnight_after_it() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(
            cursor_at_date(date, 60).unwrap(),
            "2026-11-22T23:00:00.000Z/0",
            "midnight in UTC+1 is 23:00 UTC the evening before"
        );
        assert!(
            cursor_at_date(date, 19 * 60).is_err(),
            "offsets beyond 18 h are refused"
        );
    }

    #[test]
    fn the_page_sends_queries_and_entries_in_camel_case() {
        let q: TimelineQuery = serde_json::from_value(serde_json::json!({
            "author": 2, "feeling": "sad", "tag": "us", "promptId": "hope-01",
            "kind": "repair", "cursor": "2026-11-22T23:00:00.000Z/0", "limit": 10
        }))
        .unwrap();
        assert_eq!(q.filter.author, Some(PartnerId(2)));
        assert_eq!(q.filter.prompt_id.as_deref(), Some("hope-01"));
        assert_eq!(q.filter.kind, Some(EntryKind::Repair));
        assert_eq!((q.cursor.is_some(), q.limit), (true, Some(10)));
        let empty: TimelineQuery = serde_json::from_value(serde_json::json!({})).unwrap();
        assert!(empty.filter.author.is_none() && empty.cursor.is_none());
        let input: crate::journal::EntryInput = serde_json::from_value(serde_json::json!({
            "body": "x", "visibility": "private", "promptId": "hope-01", "tags": ["a"]
        }))
        .unwrap();
        assert_eq!(input.visibility, crate::journal::Visibility::Private);
        assert_eq!(input.prompt_id.as_deref(), Some("hope-01"));
    }

    #[test]
    fn cursors_that_hearth_did_not_make_are_refused() {
        for bad in [
            "",
            "x/1",
            "2026-11-22T23:00:00.000Z",
            "2026-11-22T23:00:00.000Z/x",
        ] {
            assert!(parse_cursor(bad).is_err(), "{bad:?} is not a cursor");
        }
    }
}
