//! Reading Day One's and jrnl's JSON exports into plain entries, before
//! Hearth's rules are applied (see `fit.rs`).
//!
//! **Day One** (its "JSON" export: a zip with one `<journal name>.json`,
//! `Journal.json` for the default journal, beside folders of photos and other
//! media): `{"metadata": {"version": "1.0"}, "entries": [...]}`, each entry
//! with `uuid`, `creationDate` (UTC, RFC 3339), `modifiedDate`, `timeZone`
//! (an IANA name), `text` (Markdown, with punctuation escaped by `\` and
//! media shown as `![](dayone-moment://…)`), `richText`, `tags`, `starred`,
//! and, when present, `location`, `weather`, `photos`, `audios`, `videos`
//! and `pdfAttachments`. Fields Hearth doesn't know are ignored.
//!
//! **jrnl** (`jrnl --format json`): `{"tags": {"@tag": 1}, "entries": [...]}`,
//! each entry with `title`, `body`, `date` (`YYYY-MM-DD`), `time` (`HH:MM`,
//! the writer's local time, with no zone), `tags` (`["@tag"]`) and
//! `starred`; a journal kept in Day One's format adds its `uuid`.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;

use super::text::day_one_text;
use super::{refuse, JournalApp, LeftBehind};
use crate::error::Result;
use crate::stamp::OFFSET_LIMIT_MINUTES;

/// One entry as another app wrote it, before Hearth's rules.
#[derive(Debug, Clone)]
pub(super) struct Foreign {
    /// What its uid is derived from: the app's own id, or (jrnl keeps
    /// none) its time and words.
    pub key: String,
    pub created: DateTime<Utc>,
    pub created_offset: i32,
    pub updated: DateTime<Utc>,
    pub updated_offset: i32,
    pub title: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
}

/// A journal file read in full.
#[derive(Debug)]
pub(super) struct Journal {
    pub app: JournalApp,
    pub entries: Vec<Foreign>,
    pub left_behind: LeftBehind,
}

#[derive(Deserialize)]
struct RawFile {
    format: Option<serde_json::Value>,
    metadata: Option<IgnoredAny>,
    tags: Option<IgnoredAny>,
    entries: Option<Vec<RawEntry>>,
}

/// The fields of both apps' entries; everything else is skipped unread.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEntry {
    uuid: Option<String>,
    // Day One
    creation_date: Option<String>,
    modified_date: Option<String>,
    time_zone: Option<String>,
    text: Option<String>,
    location: Option<IgnoredAny>,
    weather: Option<IgnoredAny>,
    photos: Option<Count>,
    audios: Option<Count>,
    videos: Option<Count>,
    pdf_attachments: Option<Count>,
    // jrnl
    title: Option<String>,
    body: Option<String>,
    date: Option<String>,
    time: Option<String>,
    // both
    tags: Option<Vec<String>>,
    starred: Option<bool>,
}

/// How many items a list holds, without keeping them.
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Counter;
        impl<'de> Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(Counter)
    }
}

fn count(list: &Option<Count>) -> usize {
    list.as_ref().map_or(0, |c| c.0)
}

/// Reads one JSON export. `zone` is the computer's, for times written
/// without one (jrnl's).
pub(super) fn parse(text: &str, zone: Option<Tz>) -> Result<Journal> {
    let file: RawFile = serde_json::from_str(text).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Eof => refuse(
                "This journal file ends too soon; it may have been cut short while it was \
                 copied. Please export it again.",
            ),
            Category::Syntax | Category::Io => refuse(format!(
                "This file can't be read as a journal export: it isn't valid JSON (near line {}).",
                e.line()
            )),
            Category::Data => refuse(format!(
                "This journal file has something Hearth doesn't expect near line {}, so it may \
                 be damaged or come from an app Hearth doesn't read.",
                e.line()
            )),
        }
    })?;
    if file.format.as_ref().and_then(|f| f.as_str()) == Some(super::super::EXPORT_FORMAT) {
        return Err(refuse(
            "This is a Hearth backup, not another app's journal. Please use \
             \u{201c}Bring a backup back\u{201d} for it.",
        ));
    }
    let Some(entries) = file.entries else {
        return Err(unknown());
    };
    let first = entries.first();
    let app = if file.metadata.is_some() || first.is_some_and(|e| e.creation_date.is_some()) {
        JournalApp::DayOne
    } else if file.tags.is_some() || first.is_some_and(|e| e.date.is_some()) {
        JournalApp::Jrnl
    } else {
        return Err(unknown());
    };
    let mut left_behind = LeftBehind::default();
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.into_iter().enumerate() {
        left_behind.photos += count(&e.photos);
        left_behind.audio += count(&e.audios);
        left_behind.videos += count(&e.videos);
        left_behind.pdfs += count(&e.pdf_attachments);
        left_behind.places += usize::from(e.location.is_some());
        left_behind.weather += usize::from(e.weather.is_some());
        left_behind.stars += usize::from(e.starred == Some(true));
        out.push(match app {
            JournalApp::DayOne => day_one(e, i + 1)?,
            JournalApp::Jrnl => jrnl(e, i + 1, zone)?,
        });
    }
    Ok(Journal {
        app,
        entries: out,
        left_behind,
    })
}

pub(super) fn unknown() -> crate::error::Error {
    refuse(
        "Hearth can't read this file as a journal. It reads Day One's JSON export (the .zip \
         with Journal.json inside) and jrnl's JSON export.",
    )
}

fn day_one(e: RawEntry, n: usize) -> Result<Foreign> {
    let raw_date = e.creation_date.as_deref().unwrap_or_default();
    let created = instant(raw_date).ok_or_else(|| {
        refuse(format!(
            "Entry {n} in this Day One file has no date Hearth can read, so it can't be placed \
             in your journal."
        ))
    })?;
    let zone = e.time_zone.as_deref();
    let updated = e
        .modified_date
        .as_deref()
        .and_then(instant)
        .filter(|u| *u >= created)
        .unwrap_or(created);
    let raw_text = e.text.unwrap_or_default();
    let key = match e.uuid.as_deref().map(normal_uuid) {
        Some(id) if !id.is_empty() => format!("day-one:{id}"),
        _ => format!("day-one:{raw_date}\n{raw_text}"),
    };
    let (title, body) = day_one_text(&raw_text);
    Ok(Foreign {
        key,
        created,
        created_offset: zone_offset(zone, created),
        updated,
        updated_offset: zone_offset(zone, updated),
        title,
        body,
        tags: e.tags.unwrap_or_default(),
    })
}

fn jrnl(e: RawEntry, n: usize, zone: Option<Tz>) -> Result<Foreign> {
    let no_date = || {
        refuse(format!(
            "Entry {n} in this jrnl file has no date and time Hearth can read, so it can't be \
             placed in your journal."
        ))
    };
    let date = e
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .ok_or_else(no_date)?;
    let time = match e.time.as_deref().map(str::trim) {
        None | Some("") => NaiveTime::MIN,
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
            .map_err(|_| no_date())?,
    };
    let local = NaiveDateTime::new(date, time);
    let (created, offset) = match zone {
        Some(zone) => {
            let at = crate::schedule::dst::resolve(zone, local).ok_or_else(no_date)?;
            (at, zone_minutes(zone, at))
        }
        None => (local.and_utc(), 0),
    };
    let title = e.title.unwrap_or_default();
    let body = e.body.unwrap_or_default();
    let key = match e.uuid.as_deref().map(normal_uuid) {
        // A jrnl journal kept in Day One's format carries Day One's ids.
        Some(id) if !id.is_empty() => format!("day-one:{id}"),
        _ => format!("jrnl:{local}\n{title}\n{body}"),
    };
    let tags = e
        .tags
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.trim().trim_start_matches(['@', '#']).to_string())
        .collect();
    let (title, body) = if body.trim().is_empty() {
        (None, title)
    } else {
        (Some(title), body)
    };
    Ok(Foreign {
        key,
        created,
        created_offset: offset,
        updated: created,
        updated_offset: offset,
        title,
        body,
        tags,
    })
}

fn normal_uuid(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_uppercase()
}

/// An instant as Day One writes it (`2020-06-28T18:22:00Z`), or without a zone (UTC).
fn instant(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

fn zone_minutes(zone: Tz, at: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
        / 60
}

/// The writer's UTC offset at `at`, in minutes, from Day One's `timeZone`:
/// an IANA name, or now and then a fixed one (`GMT+0100`). Unknown: UTC.
fn zone_offset(name: Option<&str>, at: DateTime<Utc>) -> i32 {
    let Some(name) = name.map(str::trim) else {
        return 0;
    };
    if let Ok(zone) = name.parse::<Tz>() {
        return zone_minutes(zone, at);
    }
    let fixed = name
        .strip_prefix("GMT")
        .or_else(|| name.strip_prefix("UTC"))
        .and_then(|rest| {
            if rest.is_empty() {
                return Some(0);
            }
            let (sign, digits) = match rest.as_bytes()[0] {
                b'+' => (1, &rest[1..]),
                b'-' => (-1, &rest[1..]),
                _ => return None,
            };
            let (h, m) = match digits.split_once(':') {
                Some((h, m)) => (h, m),
                None if digits.len() == 4 => digits.split_at(2),
                None => (digits, "0"),
            };
            let minutes = h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?;
            Some(sign * minutes)
        });
    fixed
        .filter(|m| m.abs() <= OFFSET_LIMIT_MINUTES)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
