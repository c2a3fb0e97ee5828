//! Search over titles, bodies, repair parts and replies, with SQLite FTS5.
//!
//! Search reads what people type the way search boxes usually do:
//!
//! - words are all required, in any order;
//! - words in `"quotes"` are a phrase: found only side by side, in that order
//!   (a quote left open, as while typing, runs to the end);
//! - a word ending in `*` matches any word it begins (`lantern*` finds
//!   "lanterns"), and so does the last bare word, because the page searches
//!   as you type and the last word is usually still being written; a
//!   beginning is at least [`PREFIX_MIN_CHARS`] letters.
//!
//! What people type is never handed to `MATCH` as it is: every word and
//! phrase becomes a quoted FTS5 string (an inner `"` can't occur, since quotes
//! only delimit), optionally followed by FTS5's prefix `*`, so `*` elsewhere,
//! `NEAR(a b)`, `AND`, `OR`, `NOT`, `-`, `:`, `^` and stray parentheses are
//! only text to look for, and no input can make a syntax error. Results pass
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

/// Most words of a query that are looked for (words of phrases included);
/// the rest are ignored.
const MAX_TERMS: usize = 16;
/// A word's beginning needs this many letters or digits; a shorter one is
/// looked for as a whole word. "a*" would match thousands of words and take
/// a second or more in years of writing; three letters take a few ms.
pub const PREFIX_MIN_CHARS: usize = 3;
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

/// One thing to look for: a word or a phrase, whole or as a beginning.
struct Term {
    words: Vec<String>,
    prefix: bool,
    quoted: bool,
}

/// Turns what a person typed into a safe FTS5 query: each word or quoted
/// phrase an FTS5 string, all required, a trailing `*` (and the last bare
/// word) as a prefix. `Ok(None)` when nothing in it can be searched for
/// (only punctuation, say); an error when it is blank.
pub fn search_terms(raw: &str) -> Result<Option<String>> {
    if raw.trim().is_empty() {
        return Err(Error::invalid("Please type a word or two to search for."));
    }
    let cleaned: Vec<char> = raw
        .chars()
        .map(|c| {
            if c.is_control() || c == HIT_START || c == HIT_END {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut terms: Vec<Term> = Vec::new();
    let mut i = 0;
    while i < cleaned.len() {
        let c = cleaned[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let (text, quoted, mut prefix);
        if c == '"' {
            // A phrase, up to the closing quote; one left open (still being
            // typed) runs to the end and its last word is a beginning.
            let close = cleaned[i + 1..].iter().position(|&c| c == '"');
            let end = close.map_or(cleaned.len(), |n| i + 1 + n);
            text = cleaned[i + 1..end].iter().collect::<String>();
            quoted = true;
            prefix = close.is_none();
            i = (end + 1).min(cleaned.len());
            // `"in the sea"*`: the phrase's last word is a beginning.
            while i < cleaned.len() && cleaned[i] == '*' {
                prefix = true;
                i += 1;
            }
        } else {
            let end = cleaned[i..]
                .iter()
                .position(|&c| c.is_whitespace() || c == '"')
                .map_or(cleaned.len(), |n| i + n);
            let word: String = cleaned[i..end].iter().collect();
            let bare = word.trim_end_matches('*');
            prefix = bare.len() < word.len();
            text = bare.to_string();
            quoted = false;
            i = end;
        }
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if words.iter().any(|w| w.chars().any(char::is_alphanumeric)) {
            terms.push(Term {
                words,
                prefix,
                quoted,
            });
        }
    }
    // Search as you type: the last bare word is still being written.
    if let Some(last) = terms.last_mut() {
        if !last.quoted {
            last.prefix = true;
        }
    }
    let mut room = MAX_TERMS;
    let mut out: Vec<String> = Vec::new();
    for mut term in terms {
        if room == 0 {
            break;
        }
        if term.words.len() > room {
            term.words.truncate(room);
            term.prefix = false;
        }
        room -= term.words.len();
        if term.prefix && term.words.last().map_or(0, |w| final_token_chars(w)) < PREFIX_MIN_CHARS {
            term.prefix = false;
        }
        // Quotes only delimit, so a string never holds one; `replace` is a
        // second guard all the same.
        let string = format!("\"{}\"", term.words.join(" ").replace('"', "\"\""));
        out.push(if term.prefix {
            format!("{string}*")
        } else {
            string
        });
    }
    Ok(if out.is_empty() {
        None
    } else {
        Some(out.join(" "))
    })
}

/// How many letters or digits end `word`, once trailing punctuation is set
/// aside: the length of the token FTS5 would treat as the beginning.
fn final_token_chars(word: &str) -> usize {
    word.trim_end_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .count()
}

/// A query FTS5 refuses is answered in words, never as a storage error.
/// [`search_terms`] makes that impossible; this is a second guard.
fn refused(err: rusqlite::Error) -> Error {
    if err.to_string().starts_with("fts5:") {
        Error::invalid("Hearth can't search for that. Please try other words.")
    } else {
        err.into()
    }
}

/// The ranking query: `?1` the viewer, `?2` the MATCH expression, `?3` the
/// limit, `?4` the lowest entry id ranked. Titles weigh four times as much as
/// bodies and replies. The snippet comes in the same query: SQLite makes it
/// only for the rows kept, and a word's beginning is looked up once rather
/// than again for every hit (which costs ~3 ms a hit in a large journal).
pub(crate) fn search_sql() -> String {
    format!(
        "SELECT e.id, snippet(journal_fts, -1, '{HIT_START}', '{HIT_END}', '…', {SNIPPET_TOKENS})
         FROM journal_fts JOIN entries e ON e.id = journal_fts.rowid
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
            .optional()
            .map_err(refused)?
            .unwrap_or(0);
        // Rank with snippets, then build entries for the few shown.
        let ranked: Vec<(i64, String)> = conn
            .prepare_cached(&search_sql())?
            .query_map(rusqlite::params![viewer.0, terms, limit, floor], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
            .map_err(refused)?;
        let mut entry_stmt = conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?2 AND {VISIBLE}"
        ))?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (id, marked) in ranked {
            let Some(mut entry) = entry_stmt
                .query_row(rusqlite::params![viewer.0, id], entry_from_row)
                .optional()?
            else {
                continue;
            };
            self.hydrate(&mut entry)?;
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
    fn every_word_and_phrase_is_quoted_and_only_a_star_follows() {
        assert_eq!(
            search_terms("sorry").unwrap().unwrap(),
            "\"sorry\"*",
            "the last bare word is a beginning (search as you type)"
        );
        assert_eq!(
            search_terms("NEAR(a b) AND \"xyz").unwrap().unwrap(),
            "\"NEAR(a\" \"b)\" \"AND\" \"xyz\"*",
            "FTS5 words are text; an open quote is a phrase still being typed"
        );
        assert_eq!(
            search_terms("\"glow  lanternfish\" sea").unwrap().unwrap(),
            "\"glow lanternfish\" \"sea\"*",
            "quotes make a phrase"
        );
        assert_eq!(
            search_terms("lantern* -sea \"deep\"").unwrap().unwrap(),
            "\"lantern\"* \"-sea\" \"deep\"",
            "a trailing * is a beginning; a closed phrase at the end is whole"
        );
        assert_eq!(
            search_terms("\"in the dee\"* ab*bcd**").unwrap().unwrap(),
            "\"in the dee\"* \"ab*bcd\"*",
            "a * after a phrase is a beginning of its last word; inner * is text"
        );
        assert_eq!(
            search_terms("a* we don't").unwrap().unwrap(),
            "\"a\" \"we\" \"don't\"",
            "a beginning of one or two letters is a whole word (it would match thousands)"
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
