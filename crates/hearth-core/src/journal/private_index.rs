//! Searching the unlocked partner's own sealed entries, in memory only.
//!
//! Sealed words never go into SQLite's FTS5 index (it is part of the file).
//! So that a partner can still find their own private pages, the entries
//! sealed with their key are opened once when they unlock and indexed here:
//! a map from each word to the entries holding it, and each entry's words
//! for phrases and snippets. It is never written anywhere, and it is dropped
//! with the key (lock, becoming the other partner, removing the passphrase),
//! every word wiped on the way out. A write that changes the journal makes
//! it stale; the next search indexes again (5,000 entries take a few tens of
//! milliseconds: `tests/benches/private_index.rs`).
//!
//! It reads queries as [`super::search`] does (every word required, quoted
//! phrases, a beginning for `word*` and the last bare word) with simpler
//! matching: words are lower-cased runs of letters and digits, without
//! FTS5's folding of accents.

use std::collections::HashMap;

use zeroize::Zeroize;

use super::search::{SearchHit, Segment};
use super::{entry_from_row, ENTRY_COLUMNS};
use crate::couple::PartnerId;
use crate::error::Result;
use crate::store::Store;

/// Words of context on each side of the first hit in a snippet.
const SNIPPET_WORDS: usize = 12;

struct Doc {
    id: i64,
    /// Title, body and tags, as written (for snippets).
    text: String,
    /// Lower-cased words of `text`, with where each begins and ends.
    words: Vec<(String, usize, usize)>,
    /// Whether the title holds each word (weighs more).
    title_words: usize,
}

/// The index of one partner's sealed entries.
pub(crate) struct PrivateIndex {
    partner: PartnerId,
    /// The store's change count when it was built; another means stale.
    pub(crate) built_at: u64,
    docs: Vec<Doc>,
    postings: HashMap<String, Vec<u32>>,
}

fn words_of(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = vec![];
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((text[s..i].to_lowercase(), s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// One required term: a word or a phrase, the last word maybe a beginning.
struct Term {
    words: Vec<String>,
    prefix: bool,
}

fn terms(query: &str) -> Vec<Term> {
    let mut out: Vec<Term> = vec![];
    for (n, part) in query.split('"').enumerate() {
        let quoted = n % 2 == 1;
        if quoted {
            let words: Vec<String> = words_of(part).into_iter().map(|w| w.0).collect();
            if !words.is_empty() {
                out.push(Term {
                    words,
                    prefix: false,
                });
            }
            continue;
        }
        for raw in part.split_whitespace() {
            for (w, _, end) in words_of(raw) {
                out.push(Term {
                    words: vec![w],
                    prefix: raw[end..].starts_with('*'),
                });
            }
        }
    }
    let open_quote = query.matches('"').count() % 2 == 1;
    if let Some(last) = out.last_mut() {
        if !query.trim_end().ends_with('"') || open_quote {
            last.prefix = true;
        }
    }
    for t in &mut out {
        if t.prefix
            && t.words.last().map_or(0, |w| w.chars().count()) < super::search::PREFIX_MIN_CHARS
        {
            t.prefix = false;
        }
    }
    out
}

impl PrivateIndex {
    /// Opens and indexes every sealed entry of `partner`'s not in the trash.
    /// (The rows come through the partial index `entries_sealed`.)
    /// The store must hold their key (it does during a call through the door).
    pub(crate) fn build(store: &Store, partner: PartnerId) -> Result<PrivateIndex> {
        let mut index = PrivateIndex {
            partner,
            built_at: store.change_count(),
            docs: vec![],
            postings: HashMap::new(),
        };
        let mut stmt = store.conn().prepare(&build_sql())?;
        let rows = stmt.query_map([partner.0], entry_from_row)?;
        for entry in rows {
            let mut entry = entry?;
            store.open_entry(&mut entry);
            if entry.sealed {
                continue;
            }
            let title = entry.title.take().unwrap_or_default();
            let title_words = words_of(&title).len();
            let mut text = title;
            text.push('\n');
            text.push_str(&entry.body);
            for tag in &entry.tags {
                text.push('\n');
                text.push_str(tag);
            }
            entry.body.zeroize();
            let words = words_of(&text);
            let n = index.docs.len() as u32;
            for (w, _, _) in &words {
                let list = index.postings.entry(w.clone()).or_default();
                if list.last() != Some(&n) {
                    list.push(n);
                }
            }
            index.docs.push(Doc {
                id: entry.id,
                text,
                words,
                title_words,
            });
        }
        Ok(index)
    }

    pub(crate) fn partner(&self) -> PartnerId {
        self.partner
    }

    /// How many entries are indexed.
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    /// The docs holding every term, best first: (doc, first hit, score).
    fn matches(&self, query: &str) -> Vec<(usize, usize, usize)> {
        let terms = terms(query);
        if terms.is_empty() {
            return vec![];
        }
        let mut found: Option<Vec<u32>> = None;
        for term in &terms {
            let mut docs: Vec<u32> = vec![];
            for (i, word) in term.words.iter().enumerate() {
                let last = i + 1 == term.words.len();
                let mut these: Vec<u32> = if last && term.prefix {
                    self.postings
                        .iter()
                        .filter(|(k, _)| k.starts_with(word.as_str()))
                        .flat_map(|(_, v)| v.iter().copied())
                        .collect()
                } else {
                    self.postings.get(word).cloned().unwrap_or_default()
                };
                these.sort_unstable();
                these.dedup();
                docs = if i == 0 {
                    these
                } else {
                    docs.into_iter()
                        .filter(|d| these.binary_search(d).is_ok())
                        .collect()
                };
            }
            if term.words.len() > 1 {
                docs.retain(|&d| self.phrase_at(d as usize, term).is_some());
            }
            found = Some(match found {
                None => docs,
                Some(before) => before
                    .into_iter()
                    .filter(|d| docs.binary_search(d).is_ok())
                    .collect(),
            });
        }
        let mut out: Vec<(usize, usize, usize)> = found
            .unwrap_or_default()
            .into_iter()
            .filter_map(|d| {
                let d = d as usize;
                let hits: Vec<usize> = terms.iter().filter_map(|t| self.phrase_at(d, t)).collect();
                let first = *hits.iter().min()?;
                let doc = &self.docs[d];
                let score = hits
                    .iter()
                    .map(|&at| if at < doc.title_words { 4 } else { 1 })
                    .sum();
                Some((d, first, score))
            })
            .collect();
        out.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(self.docs[b.0].id.cmp(&self.docs[a.0].id))
        });
        out
    }

    /// Where in doc `d` the term's words stand side by side, if they do.
    fn phrase_at(&self, d: usize, term: &Term) -> Option<usize> {
        let words = &self.docs[d].words;
        let n = term.words.len();
        (0..words.len().saturating_sub(n - 1)).find(|&at| {
            term.words.iter().enumerate().all(|(i, w)| {
                let here = &words[at + i].0;
                if i + 1 == n && term.prefix {
                    here.starts_with(w.as_str())
                } else {
                    here == w
                }
            })
        })
    }

    /// The hits for `query`, at most `limit`, each with its entry (as the
    /// store shows it to its author) and a snippet around the first hit.
    pub(crate) fn search(
        &self,
        store: &Store,
        query: &str,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let mut hits = vec![];
        for (d, first, _) in self.matches(query).into_iter().take(limit) {
            let doc = &self.docs[d];
            let Ok(entry) = store.entry(self.partner, doc.id) else {
                continue;
            };
            hits.push(SearchHit {
                entry,
                snippet: snippet(doc, first, &terms(query)),
            });
        }
        Ok(hits)
    }
}

/// A few words around the first hit, the hit words marked.
fn snippet(doc: &Doc, first: usize, terms: &[Term]) -> Vec<Segment> {
    let from = first.saturating_sub(SNIPPET_WORDS);
    let to = (first + SNIPPET_WORDS).min(doc.words.len().saturating_sub(1));
    let is_hit = |w: &str| {
        terms.iter().any(|t| {
            t.words.iter().enumerate().any(|(i, tw)| {
                if i + 1 == t.words.len() && t.prefix {
                    w.starts_with(tw.as_str())
                } else {
                    w == tw
                }
            })
        })
    };
    let mut out: Vec<Segment> = vec![];
    let mut push = |text: &str, hit: bool| match out.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(text),
        _ if !text.is_empty() => out.push(Segment {
            text: text.to_string(),
            hit,
        }),
        _ => {}
    };
    if from > 0 {
        push("…", false);
    }
    let mut at = doc.words[from].1;
    for (w, s, e) in &doc.words[from..=to] {
        push(&doc.text[at..*s], false);
        push(&doc.text[*s..*e], is_hit(w));
        at = *e;
    }
    if to + 1 < doc.words.len() {
        push("…", false);
    }
    out
}

impl Drop for PrivateIndex {
    /// Every word is wiped before the memory is given back.
    fn drop(&mut self) {
        for doc in &mut self.docs {
            doc.text.zeroize();
            for (w, _, _) in &mut doc.words {
                w.zeroize();
            }
        }
        for (mut word, _) in self.postings.drain() {
            word.zeroize();
        }
    }
}

/// A partner's sealed entries not in the trash, as the index reads them.
/// Without statistics SQLite would pick `entries_unread` (every entry of
/// the partner's not in the trash), so the partial index is named.
pub(crate) fn build_sql() -> String {
    format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e INDEXED BY entries_sealed
         WHERE e.author = ?1 AND e.sealed IS NOT NULL AND e.deleted_at IS NULL"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_read_as_search_reads_them() {
        let t = terms("blue \"red fox\" lant");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].words, vec!["red", "fox"]);
        assert!(
            !t[0].prefix && !t[1].prefix,
            "only the last bare word is a beginning"
        );
        assert!(
            t[2].prefix,
            "the last bare word is a beginning (search as you type)"
        );
        assert!(!terms("we")[0].prefix, "a beginning needs three letters");
    }
}
