//! Rituals as an iCalendar (RFC 5545) file a calendar app can import.
//!
//! One `VEVENT` per ritual: `DTSTART;TZID=<IANA zone>` at the ritual's wall
//! time on its first occurrence, `DURATION`, the engine's `RRULE` (with
//! `UNTIL` for an end date), `SUMMARY` (the name) and `DESCRIPTION` (the
//! why), and a `VALARM` that shows the ritual's name at its reminder lead
//! (`TRIGGER:-PT15M`; `PT0M` for a reminder at the time itself). The `UID` is
//! derived from the ritual's own uid, so importing again updates the events
//! instead of duplicating them. Text is escaped and lines are folded at 75
//! octets, as the RFC asks.
//!
//! Each zone a ritual uses gets a `VTIMEZONE` ([`vtimezone`]) written from
//! the tz data Hearth itself uses, so an app that reads it instead of its
//! own zone data still lands on Hearth's instants.
//!
//! The whole calendar (no ids given) also carries the review date of each
//! open, accepted commitment as an all-day event, "Look back together:
//! <title>", with a `VALARM` at 09:00 of that day (Hearth's own review
//! reminder time) while the date is still ahead. A proposal is not yet a
//! promise, so it is left out until its owner accepts it; an ended
//! commitment is left out too. A calendar of chosen rituals holds only those.
//!
//! Pauses and skips are not exported: the file describes when each ritual
//! happens, not what was recorded.

mod vtimezone;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Days, NaiveTime, SecondsFormat, Timelike};
use chrono_tz::Tz;

use super::{today_in, Ritual};
use crate::clock::Clock;
use crate::commitments::{Commitment, REVIEW_REMINDER_TIME};
use crate::error::Result;
use crate::schedule::parse_zone;
use crate::store::Store;

/// The product id every exported calendar declares.
pub const PRODID: &str = "-//Hearth//Rituals 1.0//EN";

impl Store {
    /// An `.ics` calendar of the rituals with these ids, or, with `None`, of
    /// every active ritual that isn't deleted and the review dates of the
    /// open, accepted commitments.
    pub fn rituals_ics(&self, only: Option<&[i64]>, clock: &dyn Clock) -> Result<String> {
        let rituals: Vec<Ritual> = match only {
            None => self
                .rituals(false)?
                .into_iter()
                .filter(|r| r.active)
                .collect(),
            Some(ids) => ids
                .iter()
                .map(|id| self.ritual(*id))
                .collect::<Result<_>>()?,
        };
        let reviews: Vec<Commitment> = match only {
            None => self
                .commitments(false, clock)?
                .into_iter()
                .filter(|c| c.active && c.accepted && c.review_on.is_some())
                .collect(),
            Some(_) => Vec::new(),
        };
        let stamp = clock
            .now()
            .to_rfc3339_opts(SecondsFormat::Secs, true)
            .replace(['-', ':'], "");
        let mut events = String::new();
        // Each zone used, with the earliest instant an event uses it.
        let mut zones: BTreeMap<String, (Tz, i64)> = BTreeMap::new();
        for ritual in &rituals {
            if let Some(at) = event(&mut events, ritual, &stamp) {
                let earliest = zones.entry(ritual.zone.clone()).or_insert((ritual.tz, at));
                earliest.1 = earliest.1.min(at);
            }
        }
        for c in &reviews {
            review(&mut events, c, &stamp, clock);
        }
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, &format!("PRODID:{PRODID}"));
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "X-WR-CALNAME:Hearth rituals");
        for (tzid, (tz, earliest)) in &zones {
            vtimezone::vtimezone(&mut out, tzid, *tz, *earliest);
        }
        out.push_str(&events);
        line(&mut out, "END:VCALENDAR");
        Ok(out)
    }
}

/// Appends the ritual's event and returns the instant it first happens
/// (as seconds since the epoch), or `None` when it never does.
fn event(out: &mut String, ritual: &Ritual, stamp: &str) -> Option<i64> {
    let timing = ritual.full_timing();
    // RFC 5545 counts DTSTART as the first occurrence, so it must be one.
    let first = timing.first()?;
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}@hearth.app", ritual.uid));
    line(out, &format!("DTSTAMP:{stamp}"));
    line(
        out,
        &format!(
            "DTSTART;TZID={}:{}",
            ritual.zone,
            first
                .date
                .and_time(ritual.naive_time)
                .format("%Y%m%dT%H%M%S")
        ),
    );
    line(
        out,
        &format!("DURATION:{}", duration(ritual.duration_minutes)),
    );
    line(out, &format!("RRULE:{}", timing.to_rrule()));
    line(out, &format!("SUMMARY:{}", escape(&ritual.title)));
    if let Some(why) = &ritual.intention {
        line(out, &format!("DESCRIPTION:{}", escape(why)));
    }
    let lead = ritual.reminder_lead_minutes;
    let trigger = if lead == 0 {
        "PT0M".to_string()
    } else {
        format!("-PT{lead}M")
    };
    alarm(out, &ritual.title, &trigger);
    line(out, "END:VEVENT");
    Some(first.at.timestamp())
}

/// Appends an all-day event on the commitment's review date.
fn review(out: &mut String, c: &Commitment, stamp: &str, clock: &dyn Clock) {
    let Some(date) = c.review_on else {
        return;
    };
    let title = format!("Look back together: {}", c.title);
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:review-{}@hearth.app", c.uid));
    line(out, &format!("DTSTAMP:{stamp}"));
    line(
        out,
        &format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")),
    );
    if let Some(next) = date.checked_add_days(Days::new(1)) {
        line(out, &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
    }
    line(out, &format!("SUMMARY:{}", escape(&title)));
    line(
        out,
        "DESCRIPTION:The day you set to talk about how this promise is going and whether it still fits.",
    );
    line(out, "TRANSP:TRANSPARENT");
    // A review day already past would only ring as a missed alarm.
    let zone = parse_zone(&c.zone).unwrap_or(Tz::UTC);
    if date >= today_in(zone, clock) {
        alarm(
            out,
            &title,
            &format!("PT{}", time_of_day(REVIEW_REMINDER_TIME)),
        );
    }
    line(out, "END:VEVENT");
}

/// A `VALARM` that shows `text` at `trigger` (relative to the start).
fn alarm(out: &mut String, text: &str, trigger: &str) {
    line(out, "BEGIN:VALARM");
    line(out, "ACTION:DISPLAY");
    line(out, &format!("DESCRIPTION:{}", escape(text)));
    line(out, &format!("TRIGGER:{trigger}"));
    line(out, "END:VALARM");
}

/// `9H`, `9H30M`: the time since midnight, for a trigger on an all-day event.
fn time_of_day(time: NaiveTime) -> String {
    duration(time.hour() * 60 + time.minute())
        .trim_start_matches("PT")
        .to_string()
}

/// `PT45M`, `PT2H`, `PT1H30M`.
fn duration(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let mut text = "PT".to_string();
    if h > 0 {
        let _ = write!(text, "{h}H");
    }
    if m > 0 || h == 0 {
        let _ = write!(text, "{m}M");
    }
    text
}

/// Escapes a TEXT value (RFC 5545 section 3.3.11).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line exceeds 75 octets
/// (continuations start with a space), never splitting a character.
pub(crate) fn line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    //! Escaping and folding follow RFC 5545 to the octet.
    use super::*;

    #[test]
    fn text_escapes_the_four_special_characters() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(100)));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "at most 75 octets: {}",
                physical.len()
            );
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(100)));
    }

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(duration(45), "PT45M");
        assert_eq!(duration(120), "PT2H");
        assert_eq!(duration(90), "PT1H30M");
        assert_eq!(duration(600), "PT10H");
    }
}
