//! The memory book: the journal as Markdown, month by month, oldest first.
//!
//! Both voices are labelled by name, times are shown as the writer lived
//! them (their own UTC offset at the time), and the same rule as the JSON
//! export decides what is in it, minus the trash.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{DateTime, Datelike, FixedOffset, Utc};

use super::ExportOptions;
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::Result;
use crate::journal::{Entry, EntryKind, Visibility, REPAIR_PARTS};
use crate::store::Store;

fn local(at: DateTime<Utc>, offset_minutes: i32) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"));
    at.with_timezone(&offset)
}

fn when(at: DateTime<Utc>, offset_minutes: i32) -> String {
    local(at, offset_minutes)
        .format("%A %-d %B %Y at %H:%M")
        .to_string()
}

/// Escapes the characters that mean something inside a Markdown line
/// (emphasis, code, links, images, raw HTML, entities, tables,
/// strikethrough), so a name, title or tag shows exactly as it was typed.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Plain text with paragraphs as Markdown that shows the same text: inline
/// syntax escaped, nothing at the start of a line read as a heading, list,
/// quote, rule or code block, and each line break kept (a hard break)
/// rather than folded into the line before.
fn block(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        // Leading blanks would make an indented code block: keep them as
        // character references, which Markdown shows as text.
        let rest = line.trim_start_matches([' ', '\t']);
        let indent: String = line[..line.len() - rest.len()]
            .chars()
            .map(|c| if c == '\t' { "&#9;" } else { "&#32;" })
            .collect();
        let mut escaped = inline(rest);
        // `-`, `+` and `=` start lists, rules and heading underlines; a
        // number then `.` or `)` starts a numbered list.
        if escaped.starts_with(['-', '+', '=']) {
            escaped.insert(0, '\\');
        } else {
            let digits = escaped.len()
                - escaped
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
                escaped.insert(digits, '\\');
            }
        }
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        out.push(format!(
            "{indent}{escaped}{}",
            if next_is_text { "\\" } else { "" }
        ));
    }
    out.join("\n")
}

/// Quotes every line of `text` as a Markdown block quote.
fn quoted(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

enum Item {
    Entry(Box<Entry>),
    Thanks(String),
}

/// What happened in each (year, month), with when it happened.
type Months = BTreeMap<(i32, u32), Vec<(DateTime<Utc>, Item)>>;

impl Store {
    /// The journal as a readable Markdown memory book for `viewer`.
    pub fn export_markdown(
        &self,
        viewer: PartnerId,
        options: &ExportOptions,
        clock: &dyn Clock,
    ) -> Result<String> {
        let partners = self.partners()?;
        let name = |id: PartnerId| {
            partners
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| format!("Partner {}", id.0))
        };
        let mut months = Months::new();
        for entry in self.exported_entries(viewer, options)? {
            if entry.deleted_at.is_some() {
                continue;
            }
            let day = local(entry.created_at, entry.created_offset);
            months
                .entry((day.year(), day.month()))
                .or_default()
                .push((entry.created_at, Item::Entry(Box::new(entry))));
        }
        for a in self.appreciations(viewer, crate::appreciations::APPRECIATIONS_MAX)? {
            let day = local(a.created_at, a.created_offset);
            let line = format!(
                "- **{}** to **{}**, {}: {}",
                inline(&name(a.from)),
                inline(&name(a.to)),
                day.format("%-d %B"),
                inline(&a.text)
            );
            months
                .entry((day.year(), day.month()))
                .or_default()
                .push((a.created_at, Item::Thanks(line)));
        }

        let mut out = String::new();
        let names: Vec<String> = partners.iter().map(|p| inline(&p.name)).collect();
        let _ = writeln!(out, "# Our journal: {}\n", names.join(" and "));
        let _ = writeln!(
            out,
            "Exported by {} on {}. {}\n",
            inline(&name(viewer)),
            clock.now().format("%-d %B %Y"),
            if options.include_private {
                format!("{}'s private entries are included.", inline(&name(viewer)))
            } else {
                "Private entries are not included.".to_string()
            }
        );
        for ((year, month), mut items) in months {
            items.sort_by_key(|(at, _)| *at);
            let first = chrono::NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
            let _ = writeln!(out, "## {}\n", first.format("%B %Y"));
            let mut thanks = Vec::new();
            for (_, item) in items {
                match item {
                    Item::Thanks(line) => thanks.push(line),
                    Item::Entry(e) => self.write_entry(&mut out, viewer, &e, &name)?,
                }
            }
            if !thanks.is_empty() {
                let _ = writeln!(out, "### Thank-yous\n\n{}\n", thanks.join("\n"));
            }
        }
        Ok(out)
    }

    fn write_entry(
        &self,
        out: &mut String,
        viewer: PartnerId,
        e: &Entry,
        name: &dyn Fn(PartnerId) -> String,
    ) -> Result<()> {
        let author = inline(&name(e.author));
        let prompt = match &e.prompt_id {
            Some(id) => Some(inline(&self.prompt(id)?.text)),
            None => None,
        };
        let heading = match (&e.title, e.kind) {
            (Some(title), _) => inline(title),
            (None, EntryKind::Answer) => format!("{author}'s answer"),
            (None, EntryKind::Repair) => format!("{author}: making it right"),
            (None, EntryKind::Note) => format!("{author} wrote"),
        };
        let _ = writeln!(out, "### {heading}\n");
        let mut line = vec![
            format!("**{author}**"),
            when(e.created_at, e.created_offset),
        ];
        if let Some(f) = e.feeling {
            line.push(format!("feeling {}", f.as_str()));
        }
        if e.visibility == Visibility::Private {
            line.push("private".into());
        }
        if e.edited {
            line.push(format!("edited {}", when(e.updated_at, e.updated_offset)));
        }
        let _ = writeln!(out, "{}\n", line.join(" · "));
        if let Some(text) = prompt {
            let label = match e.prompt_date {
                Some(date) => format!("Prompt of {}", date.format("%-d %B %Y")),
                None => "Prompt".to_string(),
            };
            let _ = writeln!(out, "*{label}: {text}*\n");
        }
        match &e.repair {
            Some(parts) => {
                let texts = [
                    &parts.what_i_did,
                    &parts.how_it_affected_you,
                    &parts.what_i_feel,
                    &parts.what_i_will_do_differently,
                ];
                for (part, text) in REPAIR_PARTS.iter().zip(texts) {
                    let _ = writeln!(out, "#### {}\n\n{}\n", part.label, block(text));
                }
            }
            None => {
                let _ = writeln!(out, "{}\n", block(&e.body));
            }
        }
        if !e.tags.is_empty() {
            let tags: Vec<String> = e.tags.iter().map(|t| inline(t)).collect();
            let _ = writeln!(out, "Tags: {}\n", tags.join(", "));
        }
        for r in self.replies(viewer, e.id)? {
            let _ = writeln!(
                out,
                "{}\n",
                quoted(&format!(
                    "**{}**, {}:\\\n{}",
                    inline(&name(r.author)),
                    when(r.created_at, r.created_offset),
                    block(&r.body)
                ))
            );
        }
        for m in &e.reads {
            let _ = writeln!(
                out,
                "*Read by {} on {}.*\n",
                inline(&name(m.reader)),
                when(m.read_at, m.read_offset)
            );
        }
        Ok(())
    }
}
