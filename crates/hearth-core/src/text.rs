//! Checks shared by everything that accepts text from people.

use crate::error::{Error, Result};

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
}
