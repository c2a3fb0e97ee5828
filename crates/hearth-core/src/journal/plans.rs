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
    let (sql, params, _) = timeline_sql(
        v,
        &TimelineQuery {
            filter: TimelineFilter {
                tag: Some("us".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    let plan = plan(&store, &sql, params);
    assert!(
        plan.contains("USING COVERING INDEX entry_tags_by_tag (tag=?)"),
        "a tag is looked up by index\n{plan}"
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
