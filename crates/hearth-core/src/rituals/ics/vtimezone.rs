//! `VTIMEZONE` blocks derived from the tz data compiled into chrono-tz, so a
//! calendar app that reads them lands on the same instants as Hearth.
//!
//! chrono-tz does not list a zone's transitions, so they are found by
//! looking the zone up every six hours from a little before the earliest
//! event to the end of its data (2100), and narrowing each change down to
//! the second. Every transition from the one in force at the earliest event
//! on is written out:
//!
//! - transitions of one kind (same offsets before and after, same name) that
//!   follow a yearly rule ("the last Sunday of March at 02:00", "the Sunday
//!   on or after the 2nd of April at 00:00") become one `RRULE` with an
//!   `UNTIL` at the last of them, but only after the rule was checked
//!   against every transition it stands for;
//! - the rest (one-off changes, rules that don't repeat) are `RDATE`s.
//!
//! Each `DTSTART`/`RDATE` is the local time of the onset in the offset
//! before it (`TZOFFSETFROM`), and `UNTIL` is in UTC, as RFC 5545 asks. A
//! zone without changes in that span gets a single `STANDARD` whose onset is
//! the 1st of January of the year before the earliest event.
//!
//! After 2099 chrono-tz keeps the last offset of its data, and so does the
//! file: no rule runs past the data.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Weekday};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::{escape, line};

/// The first instant past chrono-tz's data (its transitions end in 2099).
const HORIZON_YEAR: i32 = 2100;
/// How often the zone is looked up while searching for its transitions.
/// Real zones never change twice within six hours.
const STEP_SECONDS: i64 = 6 * 3600;
/// How long before the first event the zone is described from.
const MARGIN_SECONDS: i64 = 2 * 24 * 3600;
/// The earliest instant any local midnight can be (UTC+14).
const LATEST_OFFSET_SECONDS: i64 = 14 * 3600;

/// What a zone's clocks read between two transitions.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    /// Seconds east of UTC.
    offset: i32,
    dst: bool,
    name: Option<String>,
}

fn state(tz: Tz, at: i64) -> State {
    let utc = DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .naive_utc();
    let o = tz.offset_from_utc_datetime(&utc);
    State {
        offset: o.fix().local_minus_utc(),
        dst: !o.dst_offset().is_zero(),
        name: o.abbreviation().map(str::to_owned),
    }
}

/// The clocks change from `from` to `to` at `at` (seconds since the epoch).
#[derive(Debug, Clone)]
struct Onset {
    at: i64,
    from: i32,
    to: State,
}

impl Onset {
    /// The onset as local time in the offset before it.
    fn local(&self) -> NaiveDateTime {
        DateTime::from_timestamp(self.at + i64::from(self.from), 0)
            .unwrap_or_default()
            .naive_utc()
    }
}

/// Every change of `tz` in `(from, to]`, in order.
fn transitions(tz: Tz, from: i64, to: i64) -> Vec<Onset> {
    let mut out = Vec::new();
    let (mut cur, mut cur_state) = (from, state(tz, from));
    while cur < to {
        let next = (cur + STEP_SECONDS).min(to);
        if state(tz, next) == cur_state {
            cur = next;
            continue;
        }
        // The first second in (cur, next] whose state differs.
        let (mut lo, mut hi) = (cur, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if state(tz, mid) == cur_state {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let to_state = state(tz, hi);
        out.push(Onset {
            at: hi,
            from: cur_state.offset,
            to: to_state.clone(),
        });
        (cur, cur_state) = (hi, to_state);
    }
    out
}

/// The onsets that describe `tz` from `earliest` (a UTC instant) to the end
/// of the data: the one in force two days before `earliest` (so the offset
/// before a change on the first day is stated too), then every later one.
fn onsets(tz: Tz, earliest: i64) -> Vec<Onset> {
    let earliest = earliest - MARGIN_SECONDS;
    let year = DateTime::from_timestamp(earliest, 0)
        .map(|t| t.year())
        .unwrap_or(1970);
    let base = NaiveDate::from_ymd_opt(year - 1, 1, 1)
        .unwrap_or_default()
        .and_time(chrono::NaiveTime::MIN);
    let scan_from = base.and_utc().timestamp() - LATEST_OFFSET_SECONDS;
    let horizon = NaiveDate::from_ymd_opt(HORIZON_YEAR, 1, 1)
        .unwrap_or_default()
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp();
    let all = transitions(tz, scan_from, horizon.max(earliest));
    match all.iter().rposition(|o| o.at <= earliest) {
        Some(i) => all[i..].to_vec(),
        None => {
            // Nothing changed from before the 1st of January of last year to
            // `earliest`: that midnight serves as the onset, with no change.
            let then = state(tz, scan_from);
            let mut list = vec![Onset {
                at: base.and_utc().timestamp() - i64::from(then.offset),
                from: then.offset,
                to: then,
            }];
            list.extend(all);
            list
        }
    }
}

/// A day of the year a transition can recur on, in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    /// The nth (1 to 4) or, with -1, the last weekday of the month.
    Nth(i8, Weekday),
    /// The first weekday on or after this day of the month.
    OnOrAfter(u32, Weekday),
    /// This day of the month.
    Fixed(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearlyRule {
    month: u32,
    day: Day,
}

impl YearlyRule {
    /// The date the rule falls on in `year`, as RFC 5545 expands it.
    fn on(self, year: i32) -> Option<NaiveDate> {
        let month = self.month;
        match self.day {
            Day::Nth(n, wd) if n > 0 => {
                NaiveDate::from_weekday_of_month_opt(year, month, wd, n.unsigned_abs())
            }
            Day::Nth(_, wd) => {
                let last = days_in_month(year, month)?;
                (0..7).find_map(|back| {
                    NaiveDate::from_ymd_opt(year, month, last - back).filter(|d| d.weekday() == wd)
                })
            }
            Day::OnOrAfter(k, wd) => (k..k + 7)
                .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
                .find(|d| d.weekday() == wd),
            Day::Fixed(d) => NaiveDate::from_ymd_opt(year, month, d),
        }
    }

    fn rrule(self) -> String {
        let day = match self.day {
            Day::Nth(n, wd) => format!("BYDAY={n}{}", weekday(wd)),
            Day::OnOrAfter(k, wd) => format!(
                "BYDAY={};BYMONTHDAY={}",
                weekday(wd),
                (k..k + 7)
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            Day::Fixed(d) => format!("BYMONTHDAY={d}"),
        };
        format!("FREQ=YEARLY;BYMONTH={};{day}", self.month)
    }

    /// The rules a transition on `date` could be one year of.
    fn candidates(date: NaiveDate) -> Vec<YearlyRule> {
        let (month, d, wd) = (date.month(), date.day(), date.weekday());
        let mut days = Vec::new();
        let nth = (d - 1) / 7 + 1;
        if nth <= 4 {
            days.push(Day::Nth(nth as i8, wd));
        }
        if days_in_month(date.year(), month).is_some_and(|last| d + 7 > last) {
            days.push(Day::Nth(-1, wd));
        }
        for k in d.saturating_sub(6).max(1)..=d {
            if (k - 1) % 7 != 0 && k + 6 <= 31 {
                days.push(Day::OnOrAfter(k, wd));
            }
        }
        days.push(Day::Fixed(d));
        days.into_iter()
            .map(|day| YearlyRule { month, day })
            .collect()
    }
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some(next.signed_duration_since(first).num_days() as u32)
}

fn weekday(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// How many of `run` (from the first) one yearly rule stands for.
fn covered(rule: YearlyRule, run: &[Onset]) -> usize {
    let first = run[0].local();
    run.iter()
        .enumerate()
        .take_while(|(i, o)| {
            let year = first.year() + *i as i32;
            rule.on(year).map(|d| d.and_time(first.time())) == Some(o.local())
        })
        .count()
}

/// One `STANDARD` or `DAYLIGHT` sub-component.
struct Observance {
    first: Onset,
    /// A yearly rule and the UTC instant of its last onset.
    rule: Option<(YearlyRule, i64)>,
    /// Further onsets (local times in the offset before).
    dates: Vec<NaiveDateTime>,
}

fn observances(onsets: Vec<Onset>) -> Vec<Observance> {
    // Onsets of the same kind, in order.
    let mut kinds: Vec<Vec<Onset>> = Vec::new();
    for o in onsets {
        match kinds
            .iter_mut()
            .find(|k| k[0].from == o.from && k[0].to == o.to)
        {
            Some(kind) => kind.push(o),
            None => kinds.push(vec![o]),
        }
    }
    let mut out = Vec::new();
    for kind in kinds {
        let mut singles: Vec<Onset> = Vec::new();
        let mut i = 0;
        while i < kind.len() {
            let run = &kind[i..];
            let best = YearlyRule::candidates(run[0].local().date())
                .into_iter()
                .map(|rule| (covered(rule, run), rule))
                .fold(None::<(usize, YearlyRule)>, |best, (n, rule)| match best {
                    Some((m, _)) if m >= n => best,
                    _ => Some((n, rule)),
                });
            match best {
                Some((n, rule)) if n >= 2 => {
                    out.push(Observance {
                        first: run[0].clone(),
                        rule: Some((rule, run[n - 1].at)),
                        dates: Vec::new(),
                    });
                    i += n;
                }
                _ => {
                    singles.push(run[0].clone());
                    i += 1;
                }
            }
        }
        if let Some((first, rest)) = singles.split_first() {
            out.push(Observance {
                first: first.clone(),
                rule: None,
                dates: rest.iter().map(Onset::local).collect(),
            });
        }
    }
    out.sort_by_key(|o| o.first.at);
    out
}

/// `+0100`, `-0330`, `+0530`; seconds only when there are some.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let a = seconds.unsigned_abs();
    let (h, m, s) = (a / 3600, a % 3600 / 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

const LOCAL: &str = "%Y%m%dT%H%M%S";

/// Appends the `VTIMEZONE` of `tz`, named `tzid`, valid from `earliest` (the
/// UTC instant of the first event that uses it) on.
pub(crate) fn vtimezone(out: &mut String, tzid: &str, tz: Tz, earliest: i64) {
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{tzid}"));
    for o in observances(onsets(tz, earliest)) {
        let kind = if o.first.to.dst {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        line(out, &format!("BEGIN:{kind}"));
        line(out, &format!("DTSTART:{}", o.first.local().format(LOCAL)));
        line(out, &format!("TZOFFSETFROM:{}", utc_offset(o.first.from)));
        line(
            out,
            &format!("TZOFFSETTO:{}", utc_offset(o.first.to.offset)),
        );
        if let Some((rule, until)) = o.rule {
            let until = DateTime::from_timestamp(until, 0).unwrap_or_default();
            line(
                out,
                &format!(
                    "RRULE:{};UNTIL={}",
                    rule.rrule(),
                    until.format("%Y%m%dT%H%M%SZ")
                ),
            );
        }
        if !o.dates.is_empty() {
            let dates: Vec<String> = o
                .dates
                .iter()
                .map(|d| d.format(LOCAL).to_string())
                .collect();
            line(out, &format!("RDATE:{}", dates.join(",")));
        }
        // The tz data's own abbreviation, or, where it has only numbers
        // ("+1030"), the same numbers.
        let name = o.first.to.name.clone().unwrap_or_else(|| {
            let numeric = utc_offset(o.first.to.offset);
            numeric
                .strip_suffix("00")
                .filter(|_| numeric.len() == 5)
                .map_or(numeric.clone(), str::to_owned)
        });
        line(out, &format!("TZNAME:{}", escape(&name)));
        line(out, &format!("END:{kind}"));
    }
    line(out, "END:VTIMEZONE");
}

#[cfg(test)]
mod tests;
