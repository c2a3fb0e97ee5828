//! Day One's Markdown made plain: a heading becomes the title, media
//! references go (they are counted from the entry's lists), escapes undone.

/// Day One's Markdown as a title (a heading on the first line, if any) and
/// the text: media references removed (they are counted from the entry's
/// lists), backslash escapes undone.
pub(super) fn day_one_text(raw: &str) -> (Option<String>, String) {
    let text = strip_moments(raw);
    let (title, rest) = heading(&text);
    (
        title.map(|t| unescape(&t)),
        collapse_blank_lines(&unescape(rest)),
    )
}

/// Removes `![…](dayone-moment:…)` (a photo, video, audio or PDF shown in
/// the text); a plain link to one is kept.
fn strip_moments(text: &str) -> String {
    const MARK: &str = "](dayone-moment:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(MARK) {
        let Some(close) = rest[i..].find(')').map(|c| i + c + 1) else {
            break;
        };
        let before = &rest[..i];
        match before.rfind("![").filter(|&o| !before[o..].contains('\n')) {
            Some(open) => out.push_str(&rest[..open]),
            None => out.push_str(&rest[..close]),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// A first line written as a Markdown heading (`# Words`) is the title.
fn heading(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start();
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let hashes = first.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && first[hashes..].starts_with([' ', '\t']) {
        let words = first[hashes..].trim().trim_end_matches('#').trim();
        if !words.is_empty() {
            return (Some(words.to_string()), rest);
        }
    }
    (None, text)
}

/// Undoes Markdown's backslash escapes (`\.` is `.`, `\\` is `\`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek().filter(|n| n.is_ascii_punctuation()) {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Lines of spaces become empty, and no more than one empty line in a row
/// (where a photo stood on its own line, nothing is left but a gap).
fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.replace("\r\n", "\n").split('\n') {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank_run = 0;
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim().to_string()
}
