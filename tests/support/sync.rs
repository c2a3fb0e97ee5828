//! Helpers of the two-laptop tests: the couple's data as a dump that two
//! laptops can compare (rows named by their uids, never by local ids).

use std::path::Path;

/// The couple's tables, as issue 16 asks every laptop to hold them alike.
pub const COUPLE_TABLES: &[&str] = &[
    "partners",
    "entries",
    "entry_tags",
    "replies",
    "entry_reads",
    "appreciations",
    "custom_prompts",
    "daily_prompts",
    "skipped_prompts",
    "rituals",
    "ritual_pauses",
    "ritual_outcomes",
    "checkins",
    "commitments",
    "commitment_checks",
];

/// Columns pointing at another table's local id, read as that row's uid.
const REFS: &[(&str, &str)] = &[
    ("entry_id", "entries"),
    ("ritual_id", "rituals"),
    ("commitment_id", "commitments"),
];

/// Every row of the couple's tables through a second connection, local ids
/// left out and references shown as uids, each table's rows sorted.
pub fn couple_dump(database: &Path) -> String {
    let conn = rusqlite::Connection::open(database).expect("a second connection");
    let mut out = String::new();
    for table in COUPLE_TABLES {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let has_uid = names.iter().any(|n| n == "uid");
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut values = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    if has_uid && name == "id" {
                        continue;
                    }
                    let value: rusqlite::types::Value = r.get(i)?;
                    values.push(format!("{name}={value:?}"));
                    if let (Some((_, parent)), rusqlite::types::Value::Integer(id)) =
                        (REFS.iter().find(|(c, _)| c == name), &value)
                    {
                        values.pop();
                        values.push(format!("{name}={}", uid_of(&conn, parent, *id)));
                    }
                }
                Ok(values.join(" | "))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.push_str(&format!(
            "== {table} ({} rows)\n{}\n",
            rows.len(),
            rows.join("\n")
        ));
    }
    out
}

fn uid_of(conn: &rusqlite::Connection, table: &str, id: i64) -> String {
    conn.query_row(
        &format!("SELECT uid FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap_or_else(|_| format!("missing {table} {id}"))
}

/// Whether `needle` is anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
