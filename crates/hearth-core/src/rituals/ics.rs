//! Rituals as an iCalendar (RFC 5545) file a calendar app can import.
//!
//! One `VEVENT` per ritual: `DTSTART;TZID=<IANA zone>` at the ritual's wall
//! time on its first occurrence, `DURATION`, the engine's `RRULE` (with
//! `UNTIL` for an end date), `SUMMARY` (the name) and `DESCRIPTION` (the
//! why). The `UID` is derived from the ritual's own uid, so importing again
//! updates the events instead of duplicating them. Text is escaped and lines
//! are folded at 75 octets, as the RFC asks.
//!
//! Zones are named by their IANA id without `VTIMEZONE` blocks; calendar
//! apps resolve these names themselves. Pauses and skips are not exported:
//! the file describes when each ritual happens, not what was recorded.

use std::fmt::Write as _;

use chrono::SecondsFormat;

use super::Ritual;
use crate::clock::Clock;
use crate::error::Result;
use crate::store::Store;

/// The product id every exported calendar declares.
pub const PRODID: &str = "-//Hearth//Rituals 1.0//EN";

impl Store {
    /// An `.ics` calendar of the rituals with these ids, or, with `None`,
    /// of every active ritual that isn't deleted.
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
        let stamp = clock
            .now()
            .to_rfc3339_opts(SecondsFormat::Secs, true)
            .replace(['-', ':'], "");
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, &format!("PRODID:{PRODID}"));
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "X-WR-CALNAME:Hearth rituals");
        for ritual in &rituals {
            event(&mut out, ritual, &stamp);
        }
        line(&mut out, "END:VCALENDAR");
        Ok(out)
    }
}

fn event(out: &mut String, ritual: &Ritual, stamp: &str) {
    let timing = ritual.full_timing();
    // RFC 5545 counts DTSTART as the first occurrence, so it must be one.
    let Some(first) = timing.first() else {
        return;
    };
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
    line(out, "END:VEVENT");
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
