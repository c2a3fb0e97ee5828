//! How the connection is set up, as SQLite itself reports it (for Settings
//! and the tests that prove every connection is durable), and the tests'
//! way to fill the "disk".

use super::Store;
use crate::error::Result;

/// How the connection is set up, as SQLite itself reports it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    pub journal_mode: String,
    /// 2 is FULL.
    pub synchronous: String,
    pub foreign_keys: bool,
    pub busy_timeout_ms: u64,
    pub schema_version: i64,
}

impl Store {
    /// Connection settings as SQLite reports them, for Settings and tests.
    pub fn diagnostics(&self) -> Result<Diagnostics> {
        let pragma = |name: &str| -> Result<String> {
            Ok(self
                .conn
                .query_row(&format!("SELECT * FROM pragma_{name}"), [], |r| {
                    r.get::<_, rusqlite::types::Value>(0)
                })
                .map(|v| match v {
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })?)
        };
        Ok(Diagnostics {
            journal_mode: pragma("journal_mode")?,
            synchronous: pragma("synchronous")?,
            foreign_keys: pragma("foreign_keys")? == "1",
            busy_timeout_ms: pragma("busy_timeout")?.parse().unwrap_or(0),
            schema_version: self.schema_version()?,
        })
    }

    /// Caps the file at `pages` pages on this connection (SQLite won't go
    /// below the current size), so tests can fill the "disk". Returns the cap
    /// now in force. Not for the app.
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: u32) -> Result<i64> {
        Ok(self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })?)
    }
}
