//! Hearth's rules applied to entries from another app, so that each one is
//! an entry Hearth itself could have saved:
//!
//! - **Text**: line endings are `\n`, invisible control characters are
//!   dropped. An entry with no words (a photo alone) is left out and
//!   counted. Text longer than [`BODY_MAX_CHARS`] is **split**, never cut
//!   or refused (losing words is the worst thing an import could do): at a
//!   blank line, else a line break, else a space, into parts titled
//!   "… (1 of 2)" that share the entry's date.
//! - **Title**: kept when it fits [`TITLE_MAX_CHARS`] on one line; a longer
//!   one becomes the first line of the text.
//! - **Tags**: tidied the way Hearth tidies them (lower case, single
//!   spaces); one longer than [`TAG_MAX_CHARS`] is shortened, and past
//!   [`TAGS_MAX`] the rest are left out. Both are counted in the summary.
//! - **Uid**: derived (UUID v5) from the partner it lands for and the app's
//!   own id for the entry (jrnl has none: its time and words), so importing
//!   the same file again finds every entry already here, and the same file
//!   brought in by each partner gives each their own copy.

use uuid::Uuid;

use super::formats::Foreign;
use super::{refuse, JournalImportReport};
use crate::couple::PartnerId;
use crate::error::Result;
use crate::journal::{
    check_tags, Checked, Visibility, BODY_MAX_CHARS, TAGS_MAX, TAG_MAX_CHARS, TITLE_MAX_CHARS,
};
use crate::stamp;
use crate::text::{long_text, optional_label, HIT_END, HIT_START};

/// The namespace of the uids of entries brought in from other apps.
const NAMESPACE: Uuid = Uuid::from_u128(0x5f0c_6a4e_93d1_4b2a_8c37_1e9b_d2a4_7f60);

/// One entry (or one part of a long one) ready to be saved.
pub(super) struct Planned {
    pub uid: String,
    pub checked: Checked,
    pub created_at: String,
    pub created_offset: i32,
    pub updated_at: String,
    pub updated_offset: i32,
}

/// Every entry of the file as the parts it will be saved as.
pub(super) fn fit(
    entries: Vec<Foreign>,
    author: PartnerId,
    visibility: Visibility,
    report: &mut JournalImportReport,
) -> Result<Vec<Vec<Planned>>> {
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.into_iter().enumerate() {
        let mut title = e
            .title
            .as_deref()
            .map(|t| tidy(t).replace(['\n', '\t'], " "));
        let mut body = tidy(&e.body);
        if let Some(t) = title.as_deref() {
            if optional_label(Some(t), "The title", TITLE_MAX_CHARS).is_err() {
                body = format!("{t}\n\n{body}").trim().to_string();
                title = None;
            }
        }
        if body.is_empty() {
            match title.take() {
                Some(t) => body = t,
                None => {
                    report.entries_without_words += 1;
                    continue;
                }
            }
        }
        let tags = fit_tags(&e.tags, report)?;
        let pieces = split(&body, BODY_MAX_CHARS);
        let n = pieces.len();
        let mut parts = Vec::with_capacity(n);
        for (k, piece) in pieces.into_iter().enumerate() {
            let invalid = |err: crate::error::Error| {
                refuse(format!("Entry {} can't be brought in: {err}", i + 1))
            };
            let part_title = if n == 1 {
                title.clone()
            } else {
                Some(part_title(title.as_deref(), k + 1, n))
            };
            let checked = Checked {
                title: optional_label(part_title.as_deref(), "Its title", TITLE_MAX_CHARS)
                    .map_err(invalid)?,
                body: long_text(&piece, "Its text", BODY_MAX_CHARS).map_err(invalid)?,
                feeling: None,
                tags: tags.clone(),
                visibility,
            };
            parts.push(Planned {
                uid: uid(author, &e.key, k + 1),
                checked,
                created_at: stamp::format(e.created),
                created_offset: e.created_offset,
                updated_at: stamp::format(e.updated.max(e.created)),
                updated_offset: e.updated_offset,
            });
        }
        out.push(parts);
    }
    Ok(out)
}

fn uid(author: PartnerId, key: &str, part: usize) -> String {
    let name = if part == 1 {
        format!("{}:{key}", author.0)
    } else {
        format!("{}:{key}#part-{part}", author.0)
    };
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
        .simple()
        .to_string()
}

/// `\n` line endings, no control characters but newline and tab, none of
/// the characters search reserves, no spaces at the ends.
fn tidy(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| (!c.is_control() || c == '\n' || c == '\t') && c != HIT_START && c != HIT_END)
        .collect::<String>()
        .trim()
        .to_string()
}

fn fit_tags(raw: &[String], report: &mut JournalImportReport) -> Result<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw {
        let mut tag = tidy(tag)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if tag.chars().count() > TAG_MAX_CHARS {
            tag = tag
                .chars()
                .take(TAG_MAX_CHARS)
                .collect::<String>()
                .trim_end()
                .to_string();
            report.tags_shortened += 1;
        }
        if tag.is_empty() || tags.contains(&tag) {
            continue;
        }
        if tags.len() == TAGS_MAX {
            report.tags_left_out += 1;
            continue;
        }
        tags.push(tag);
    }
    check_tags(&tags).map_err(|e| refuse(format!("A tag can't be brought in: {e}")))
}

/// "Sunday (2 of 3)", shortening the title to make room; "Part 2 of 3"
/// without one.
fn part_title(title: Option<&str>, k: usize, n: usize) -> String {
    match title {
        None => format!("Part {k} of {n}"),
        Some(t) => {
            let suffix = format!(" ({k} of {n})");
            let room = TITLE_MAX_CHARS - suffix.chars().count();
            let t: String = t.chars().take(room).collect();
            format!("{}{suffix}", t.trim_end())
        }
    }
}

/// Text in pieces of at most `max` characters, cut at a blank line, else a
/// line break, else a space, in the second half of a piece; where there is
/// none, between two characters.
fn split(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let half = rest.char_indices().nth(max / 2).map_or(0, |(i, _)| i);
        let window = &rest[..limit];
        let cut = ["\n\n", "\n", " "]
            .iter()
            .find_map(|sep| window.rfind(sep).filter(|&at| at >= half))
            .unwrap_or(limit);
        pieces.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_split_at_paragraphs_and_nothing_is_lost() {
        let para = "word ".repeat(30).trim().to_string();
        let text = vec![para.clone(); 10].join("\n\n");
        let pieces = split(&text, 400);
        assert!(pieces.len() > 1, "the text is split");
        assert!(
            pieces.iter().all(|p| p.chars().count() <= 400),
            "each piece fits"
        );
        assert_eq!(
            pieces.join("\n\n"),
            text,
            "joined again, the pieces are the text"
        );
        assert!(
            pieces
                .iter()
                .all(|p| p.starts_with("word") && p.ends_with("word")),
            "cut between paragraphs"
        );
    }

    #[test]
    fn text_without_spaces_is_split_between_characters() {
        let text = "é".repeat(25);
        let pieces = split(&text, 10);
        assert_eq!(pieces, vec!["é".repeat(10), "é".repeat(10), "é".repeat(5)]);
    }

    #[test]
    fn part_titles_fit_the_title_limit() {
        assert_eq!(part_title(None, 2, 3), "Part 2 of 3");
        assert_eq!(part_title(Some("Sunday"), 1, 2), "Sunday (1 of 2)");
        let long = "a".repeat(TITLE_MAX_CHARS);
        assert_eq!(
            part_title(Some(&long), 1, 2).chars().count(),
            TITLE_MAX_CHARS
        );
    }

    #[test]
    fn uids_depend_on_the_partner_and_the_entry_only() {
        assert_eq!(
            uid(PartnerId(1), "day-one:AB", 1),
            uid(PartnerId(1), "day-one:AB", 1)
        );
        assert_ne!(
            uid(PartnerId(1), "day-one:AB", 1),
            uid(PartnerId(2), "day-one:AB", 1)
        );
        assert_ne!(
            uid(PartnerId(1), "day-one:AB", 1),
            uid(PartnerId(1), "day-one:AB", 2)
        );
        assert!(
            stamp::is_uid(&uid(PartnerId(1), "x", 1)),
            "a uid of Hearth's shape"
        );
    }
}
