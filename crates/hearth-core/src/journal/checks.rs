//! The rules every entry's fields follow, shared by writing, editing,
//! answering, repairing and importing.

use super::{
    EntryInput, Feeling, Visibility, BODY_MAX_CHARS, TAGS_MAX, TAG_MAX_CHARS, TITLE_MAX_CHARS,
};
use crate::error::{Error, Result};
use crate::text::{long_text, optional_label};

/// An entry's input after every rule has been checked.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub title: Option<String>,
    pub body: String,
    pub feeling: Option<Feeling>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
}

pub(crate) fn check_common(
    title: Option<&str>,
    feeling: Option<&str>,
    tags: &[String],
) -> Result<(Option<String>, Option<Feeling>, Vec<String>)> {
    let title = optional_label(title, "The title", TITLE_MAX_CHARS)?;
    let feeling = match feeling.map(str::trim) {
        None | Some("") => None,
        Some(word) => Some(Feeling::parse(word)?),
    };
    Ok((title, feeling, check_tags(tags)?))
}

pub(crate) fn check_input(input: &EntryInput) -> Result<Checked> {
    let (title, feeling, tags) = check_common(
        input.title.as_deref(),
        input.feeling.as_deref(),
        &input.tags,
    )?;
    Ok(Checked {
        title,
        body: long_text(&input.body, "The entry", BODY_MAX_CHARS)?,
        feeling,
        tags,
        visibility: input.visibility,
    })
}

/// Tags are trimmed, lower-cased, inner spaces collapsed, blanks dropped and
/// repeats removed, then sorted; at most [`TAGS_MAX`] of at most
/// [`TAG_MAX_CHARS`] characters each.
pub fn check_tags(raw: &[String]) -> Result<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw {
        let tag = tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if tag.is_empty() || tags.contains(&tag) {
            continue;
        }
        let shown: String = tag.chars().take(TAG_MAX_CHARS).collect();
        if tag
            .chars()
            .any(|c| c.is_control() || ('\u{E000}'..='\u{E001}').contains(&c))
        {
            return Err(Error::invalid(format!(
                "The tag \"{shown}\" has an invisible character in it. Please retype it."
            )));
        }
        let chars = tag.chars().count();
        if chars > TAG_MAX_CHARS {
            return Err(Error::invalid(format!(
                "The tag \"{shown}…\" is {chars} characters long; a tag is a word or two, \
                 up to {TAG_MAX_CHARS} characters."
            )));
        }
        tags.push(tag);
    }
    if tags.len() > TAGS_MAX {
        return Err(Error::invalid(format!(
            "That's {} tags; an entry can have up to {TAGS_MAX}.",
            tags.len()
        )));
    }
    tags.sort();
    Ok(tags)
}
