//! Query plans: the timeline and search walk indexes, never the whole table
//! or a temporary sort (checked with EXPLAIN QUERY PLAN).

use super::timeline::{timeline_sql, TimelineFilter, TimelineQuery};
use crate::couple::PartnerId;
use crate::store::Store;

fn plan(store: &Store, sql: &str, params: Vec<rusqlite::types::Value>) -> String {
    let mut stmt = store
        .conn()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            r.get::<_, String>(3)
        })
        .unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("h.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn the_timeline_walks_an_index_in_order() {
    let (_dir, store) = store();
    let v = PartnerId(1);
    let cursor = || Some("2026-11-22T09:30:00.000Z/5".to_string());
    let filtered = |filter: TimelineFilter| TimelineQuery {
        filter,
        cursor: cursor(),
        ..Default::default()
    };
    let cases = [
        (
            "a first page",
            TimelineQuery::default(),
            "USING INDEX entries_timeline",
        ),
        (
            "a later page",
            TimelineQuery {
                cursor: cursor(),
                ..Default::default()
            },
            "USING INDEX entries_timeline (created_at<?)",
        ),
        (
            "by author",
            filtered(TimelineFilter {
                author: Some(v),
                ..Default::default()
            }),
            "USING INDEX entries_by_author (author=? AND created_at<?)",
        ),
        (
            "by feeling",
            filtered(TimelineFilter {
                feeling: Some("sad".into()),
                ..Default::default()
            }),
            "USING INDEX entries_by_feeling (feeling=? AND created_at<?)",
        ),
        (
            "by prompt",
            filtered(TimelineFilter {
                prompt_id: Some("hope-01".into()),
                ..Default::default()
            }),
            "USING INDEX entries_by_prompt (prompt_id=? AND created_at<?)",
        ),
    ];
    for (what, query, want) in cases {
        let (sql, params, _) = timeline_sql(v, &query).unwrap();
        let plan = plan(&store, &sql, params);
        assert!(
            plan.contains(want),
            "{what}: the page walks an index\n{plan}"
        );
        assert!(
            !plan.contains("TEMP B-TREE"),
            "{what}: no sort of the whole table\n{plan}"
        );
        assert!(
            !plan.contains("SCAN m"),
            "{what}: the answer check is an index lookup\n{plan}"
        );
    }
    // A tag page walks the tag's rows in timeline order and looks each entry
    // up by key: no sort of every entry with that tag, first page or later.
    let tagged = |author: Option<PartnerId>, cursor: Option<String>| TimelineQuery {
        filter: TimelineFilter {
            tag: Some("Us".into()),
            author,
            ..Default::default()
        },
        cursor,
        ..Default::default()
    };
    for (what, query, want) in [
        (
            "a first tag page",
            tagged(None, None),
            "INDEX entry_tags_timeline (tag=?)",
        ),
        (
            "a later tag page",
            tagged(None, cursor()),
            "INDEX entry_tags_timeline (tag=? AND (created_at,entry_id)<(?,?))",
        ),
        (
            "a tag page by one author",
            tagged(Some(v), cursor()),
            "INDEX entry_tags_timeline (tag=? AND (created_at,entry_id)<(?,?))",
        ),
    ] {
        let (sql, params, _) = timeline_sql(v, &query).unwrap();
        let plan = plan(&store, &sql, params);
        assert!(plan.contains(want), "{what}: walks the tag index\n{plan}");
        assert!(
            plan.contains("SEARCH e USING INTEGER PRIMARY KEY"),
            "{what}: entries are joined by key\n{plan}"
        );
        assert!(
            !plan.contains("TEMP B-TREE"),
            "{what}: no sort of the tagged entries\n{plan}"
        );
    }
}

#[test]
fn the_unread_count_reads_an_index_not_the_entries() {
    let (_dir, store) = store();
    let sql = super::replies::unread_count_sql();
    let plan = plan(&store, &sql, vec![1.into(), 2.into()]);
    assert!(
        plan.contains("SEARCH e USING COVERING INDEX entries_unread (author=? AND deleted_at=?)"),
        "Today's count walks the other partner's entries in an index that covers the visibility rule\n{plan}"
    );
    assert!(
        !plan.contains("SCAN e"),
        "never a scan of all entries\n{plan}"
    );
}

#[test]
fn search_starts_from_the_full_text_index() {
    let (_dir, store) = store();
    let sql = super::search::search_sql();
    let plan = plan(
        &store,
        &sql,
        vec![1.into(), "\"x\"".to_string().into(), 20.into(), 0.into()],
    );
    assert!(
        plan.contains("journal_fts VIRTUAL TABLE INDEX 0:M"),
        "search uses the FTS index\n{plan}"
    );
    assert!(
        plan.contains("SEARCH e USING INTEGER PRIMARY KEY"),
        "entries are joined by key\n{plan}"
    );
    assert!(
        !plan.contains("SCAN e"),
        "never a scan of all entries\n{plan}"
    );
}

#[test]
fn unlocking_reads_only_the_sealed_and_the_sealable_rows() {
    let (_dir, store) = store();
    let author = || vec![rusqlite::types::Value::Integer(1)];
    for (what, sql, index) in [
        (
            "what is still to seal",
            super::sealed::TO_SEAL_SQL,
            "entries_to_seal",
        ),
        (
            "what is revealed",
            super::sealed::REVEALED_SQL,
            "entries_sealed",
        ),
        (
            "every sealed entry",
            super::sealed::ALL_SEALED_SQL,
            "entries_sealed",
        ),
        (
            "the private index's entries",
            &super::private_index::build_sql(),
            "entries_sealed",
        ),
    ] {
        let shown = plan(&store, sql, author());
        let first = shown.lines().next().unwrap_or_default();
        assert!(
            first.contains(&format!("USING INDEX {index}"))
                || first.contains(&format!("USING COVERING INDEX {index}")),
            "unlocking finds {what} through {index}, not a walk over the partner's entries:\n{shown}"
        );
    }
}
