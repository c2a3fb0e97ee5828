//! Search over titles, bodies, repair parts and replies, with SQLite FTS5.
//!
//! What people type is never handed to `MATCH` as it is: every word becomes a
//! quoted FTS5 string (an inner `"` doubled), so `"`, `*`, `NEAR(a b)`, `AND`,
//! `-`, `:` and stray parentheses are only words to look for. Results pass
//! through [`VISIBLE`] like every other read: nothing from the trash, nothing
//! private of the other partner, no answer the viewer may not see yet.
//!
//! Snippets are never HTML. SQLite marks the hits with two private-use
//! characters that no stored text may contain, and they are split here into
//! `[{text, hit}]` segments the page renders with `textContent`.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::{entry_from_row, Entry, ENTRY_COLUMNS, VISIBLE};
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::{HIT_END, HIT_START};

/// Most words of a query that are looked for; the rest are ignored.
const MAX_TERMS: usize = 16;
/// Most results returned at once.
pub const SEARCH_MAX: u32 = 100;
/// Most matches ranked for one search. Ranking costs time for every match,
/// so for a word found in more entries than this (a "the" or an "and" in a
/// journal of years), the best of the most recent matches are shown.
const RANKED_MAX: i64 = 4000;
/// Tokens of context around a hit in a snippet.
const SNIPPET_TOKENS: i64 = 24;

/// A piece of a snippet: plain text, marked when it is a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub entry: Entry,
    /// Where the words were found (the title, the body or a reply).
    pub snippet: Vec<Segment>,
}

/// Turns what a person typed into a safe FTS5 query: each word quoted, all
/// words required. `Ok(None)` when nothing in it can be searched for (only
/// punctuation, say); an error when it is blank.
pub fn search_terms(raw: &str) -> Result<Option<String>> {
    if raw.trim().is_empty() {
        return Err(Error::invalid("Please type a word or two to search for."));
    }
    let cleaned: String = raw
        .chars()
        .map(|c| {
            if c.is_control() || c == HIT_START || c == HIT_END {
                ' '
            } else {
                c
            }
        })
        .collect();
    let terms: Vec<String> = cleaned
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .take(MAX_TERMS)
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect();
    Ok(if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    })
}

/// The ranking query: `?1` the viewer, `?2` the MATCH expression, `?3` the
/// limit, `?4` the lowest entry id ranked. Titles weigh four times as much as
/// bodies and replies.
pub(crate) fn search_sql() -> String {
    format!(
        "SELECT e.id FROM journal_fts JOIN entries e ON e.id = journal_fts.rowid
         WHERE journal_fts MATCH ?2 AND journal_fts.rowid >= ?4 AND {VISIBLE}
         ORDER BY bm25(journal_fts, 4.0, 1.0, 1.0), e.id DESC LIMIT ?3"
    )
}

/// Splits a snippet marked with [`HIT_START`]/[`HIT_END`] into segments.
pub(crate) fn segments(marked: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut text = String::new();
    let mut hit = false;
    let flush = |text: &mut String, hit: bool, out: &mut Vec<Segment>| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(text),
            _ => out.push(Segment {
                text: text.clone(),
                hit,
            }),
        }
        text.clear();
    };
    for c in marked.chars() {
        match c {
            HIT_START => {
                flush(&mut text, hit, &mut out);
                hit = true;
            }
            HIT_END => {
                flush(&mut text, hit, &mut out);
                hit = false;
            }
            c => text.push(c),
        }
    }
    flush(&mut text, hit, &mut out);
    out
}

impl Store {
    /// Entries the viewer may see that hold every word of `query`, best first
    /// (among the 4,000 most recent entries holding them, for very common words).
    pub fn search(&self, viewer: PartnerId, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        self.ensure_partner(viewer)?;
        if !(1..=SEARCH_MAX).contains(&limit) {
            return Err(Error::invalid(format!(
                "Search shows 1 to {SEARCH_MAX} results at a time."
            )));
        }
        let Some(terms) = search_terms(query)? else {
            return Ok(Vec::new());
        };
        let conn = self.conn();
        // Walking matches newest first is cheap; ranking each one is not.
        let floor: i64 = conn
            .prepare_cached(
                "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            )?
            .query_row(rusqlite::params![terms, RANKED_MAX - 1], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        // Rank, then build entries and snippets for the few shown.
        let ids: Vec<i64> = conn
            .prepare_cached(&search_sql())?
            .query_map(rusqlite::params![viewer.0, terms, limit, floor], |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut entry_stmt = conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?2 AND {VISIBLE}"
        ))?;
        let mut snippet_stmt = conn.prepare_cached(
            "SELECT snippet(journal_fts, -1, ?3, ?4, '…', ?5) FROM journal_fts
             WHERE journal_fts MATCH ?2 AND rowid = ?1",
        )?;
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(mut entry) = entry_stmt
                .query_row(rusqlite::params![viewer.0, id], entry_from_row)
                .optional()?
            else {
                continue;
            };
            self.hydrate(&mut entry)?;
            let marked: String = snippet_stmt.query_row(
                rusqlite::params![
                    id,
                    terms,
                    HIT_START.to_string(),
                    HIT_END.to_string(),
                    SNIPPET_TOKENS
                ],
                |r| r.get(0),
            )?;
            hits.push(SearchHit {
                entry,
                snippet: segments(&marked),
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_and_quotes_are_doubled() {
        assert_eq!(search_terms("sorry").unwrap().unwrap(), "\"sorry\"");
        assert_eq!(
            search_terms("NEAR(a b) AND \"x").unwrap().unwrap(),
            "\"NEAR(a\" \"b)\" \"AND\" \"\"\"x\""
        );
        assert_eq!(
            search_terms("* - ( :").unwrap(),
            None,
            "punctuation alone finds nothing"
        );
        assert!(search_terms("  \n").is_err(), "a blank search is an error");
    }

    #[test]
    fn snippets_split_into_plain_segments() {
        let marked = format!("a {HIT_START}b{HIT_END} <c> {HIT_START}d{HIT_END}");
        let got = segments(&marked);
        let want = [("a ", false), ("b", true), (" <c> ", false), ("d", true)];
        assert_eq!(
            got.iter()
                .map(|s| (s.text.as_str(), s.hit))
                .collect::<Vec<_>>(),
            want
        );
    }
}
