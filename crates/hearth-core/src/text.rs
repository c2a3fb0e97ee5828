//! Checks shared by everything that accepts text from people.

use crate::error::{Error, Result};

/// How much of someone's input a message quotes back.
const ECHO_MAX_CHARS: usize = 40;

/// Input quoted back in a message: at most 40 characters (then "…"), with
/// control characters shown as spaces, so a refusal of a megabyte of text
/// is still one short sentence.
pub(crate) fn echo(raw: &str) -> String {
    let mut out: String = raw
        .chars()
        .take(ECHO_MAX_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if raw.chars().nth(ECHO_MAX_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Trims `raw` and checks it is a short, single-line label (a name, a title).
/// `what` names the field in the message ("Your name").
pub(crate) fn short_label(raw: &str, what: &str, max_chars: usize) -> Result<String> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(Error::invalid(format!("{what} can't be empty.")));
    }
    let chars = value.chars().count();
    if chars > max_chars {
        return Err(Error::invalid(format!(
            "{what} is {chars} characters long; please keep it to {max_chars}."
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "{what} has an invisible control character in it (maybe from a paste). Please retype it."
        )));
    }
    Ok(value.to_string())
}

/// The two private-use characters search uses to mark hits in snippets.
/// They are refused in everything people write, so a snippet can be split on
/// them without ambiguity and no stored text can fake a highlight.
pub(crate) const HIT_START: char = '\u{E000}';
pub(crate) const HIT_END: char = '\u{E001}';

fn has_sentinel(value: &str) -> bool {
    value.contains([HIT_START, HIT_END])
}

/// Trims `raw` and checks it is a short label; an empty value is `None`.
pub(crate) fn optional_label(
    raw: Option<&str>,
    what: &str,
    max_chars: usize,
) -> Result<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => {
            let value = short_label(value, what, max_chars)?;
            if has_sentinel(&value) {
                return Err(invisible(what));
            }
            Ok(Some(value))
        }
    }
}

/// Checks free text with paragraphs (an entry's body, a reply): line endings
/// become `\n`, the ends are trimmed, and it must be `1..=max_chars`
/// characters long with no control characters other than newline and tab.
pub(crate) fn long_text(raw: &str, what: &str, max_chars: usize) -> Result<String> {
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    let value = normalised.trim();
    if value.is_empty() {
        return Err(Error::invalid(format!(
            "{what} is empty. Please write something first."
        )));
    }
    let chars = value.chars().count();
    if chars > max_chars {
        return Err(Error::invalid(format!(
            "{what} is {chars} characters long; Hearth keeps up to {max_chars} in one piece. \
             Please split it in two."
        )));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
        || has_sentinel(value)
    {
        return Err(invisible(what));
    }
    Ok(value.to_string())
}

fn invisible(what: &str) -> Error {
    Error::invalid(format!(
        "{what} has an invisible character in it (maybe from a paste). Please retype that part."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_and_bounded() {
        assert_eq!(short_label("  Sam ", "Name", 40).unwrap(), "Sam");
        assert!(short_label(" \t ", "Name", 40).is_err(), "blank is refused");
        assert!(
            short_label(&"a".repeat(41), "Name", 40).is_err(),
            "41 chars is refused"
        );
        assert!(
            short_label(&"é".repeat(40), "Name", 40).is_ok(),
            "limits count characters, not bytes"
        );
        assert!(
            short_label("Sa\u{7}m", "Name", 40).is_err(),
            "control characters are refused"
        );
        assert!(
            short_label("Sa\nm", "Name", 40).is_err(),
            "a label is one line"
        );
    }

    #[test]
    fn long_text_keeps_paragraphs_and_refuses_the_invisible() {
        assert_eq!(long_text(" a\r\n\r\nb\t \n", "It", 10).unwrap(), "a\n\nb");
        assert!(long_text(" \n\t", "It", 10).is_err(), "blank is refused");
        assert!(long_text("a\u{0}b", "It", 10).is_err(), "NUL is refused");
        assert!(
            long_text("a\u{E000}b", "It", 10).is_err(),
            "hit markers are refused"
        );
        assert!(
            long_text(&"é".repeat(10), "It", 10).is_ok(),
            "characters, not bytes"
        );
        assert!(long_text(&"é".repeat(11), "It", 10).is_err());
    }
}

#[cfg(test)]
mod echo_tests {
    use super::echo;

    #[test]
    fn input_quoted_back_is_short_and_on_one_line() {
        assert_eq!(echo("Europe/Berlin"), "Europe/Berlin");
        let long = "a".repeat(1_000_000);
        let quoted = echo(&long);
        assert_eq!(quoted.chars().count(), 41, "40 characters and an ellipsis");
        assert!(quoted.ends_with('…'));
        assert_eq!(
            echo("a\nb\0c"),
            "a b c",
            "no control character reaches a message"
        );
        assert_eq!(
            echo(&"é".repeat(40)),
            "é".repeat(40),
            "exactly 40 is not cut"
        );
    }
}
