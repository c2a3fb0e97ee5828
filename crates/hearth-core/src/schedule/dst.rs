//! From a wall-clock time in a zone to one instant, by Hearth's daylight-saving
//! policy (see the module docs of [`super`]):
//!
//! - a time that exists once is that instant;
//! - a time that happens twice (clocks go back) is the first, earlier instant;
//! - a time that doesn't exist (clocks go forward) is read with the offset in
//!   force just before the change, which moves it forward by the length of the
//!   gap: 02:30 on a spring-forward night in New York is 03:30 EDT.
//!
//! This is exactly what RFC 5545 (section 3.3.5) prescribes for calendar
//! events, so an exported ritual lands at the same instant in a calendar app.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant `local` means in `zone`. `None` only at the very edge of the
/// representable calendar.
pub(crate) fn resolve(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let with = |offset_seconds: i32| {
        local
            .checked_sub_signed(Duration::seconds(offset_seconds.into()))
            .map(|utc| utc.and_utc())
    };
    match zone.offset_from_local_datetime(&local) {
        LocalResult::Single(offset) => with(offset.fix().local_minus_utc()),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (
                with(a.fix().local_minus_utc())?,
                with(b.fix().local_minus_utc())?,
            );
            Some(a.min(b))
        }
        LocalResult::None => in_gap(zone, local, with),
    }
}

/// A wall time that the clocks skip. Every real transition has its gap
/// within 14 hours of the instant it starts at (offsets stay within ±14h),
/// so the offset in force a day before `local` (read as UTC) is the one
/// before the change, unless a zone changed twice in a day; in that case,
/// or if the result would not move forward, fall back to the first minute
/// after the gap that exists.
fn in_gap(
    zone: Tz,
    local: NaiveDateTime,
    with: impl Fn(i32) -> Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let a_day_before = local.checked_sub_signed(Duration::days(1))?;
    let before = zone.offset_from_utc_datetime(&a_day_before).fix();
    let instant = with(before.local_minus_utc())?;
    if instant.with_timezone(&zone).naive_local() > local {
        return Some(instant);
    }
    let mut probe = local;
    for _ in 0..(48 * 60) {
        probe = probe.checked_add_signed(Duration::minutes(1))?;
        if let Some(first) = zone.from_local_datetime(&probe).earliest() {
            return Some(first.with_timezone(&Utc));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    //! The three cases of the daylight-saving policy, at exact instants.
    use chrono::NaiveDate;

    use super::*;

    fn at(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        resolve(
            zone,
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
        .unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn a_skipped_time_moves_forward_by_the_gap() {
        // New York springs forward at 02:00 EST on 2026-03-08.
        assert_eq!(
            at(Tz::America__New_York, 2026, 3, 8, 2, 30),
            utc(2026, 3, 8, 7, 30)
        );
        assert_eq!(
            at(Tz::America__New_York, 2026, 3, 8, 2, 0),
            utc(2026, 3, 8, 7, 0)
        );
    }

    #[test]
    fn a_doubled_time_is_the_first_one() {
        // New York falls back at 02:00 EDT on 2026-11-01: 01:30 happens at
        // 05:30Z (EDT) and again at 06:30Z (EST).
        assert_eq!(
            at(Tz::America__New_York, 2026, 11, 1, 1, 30),
            utc(2026, 11, 1, 5, 30)
        );
    }

    #[test]
    fn a_zone_that_skipped_a_whole_day_still_resolves_forward() {
        // Samoa skipped 2011-12-30 entirely (UTC-10 to UTC+14).
        let skipped = at(Tz::Pacific__Apia, 2011, 12, 30, 10, 0);
        assert_eq!(
            skipped,
            utc(2011, 12, 30, 20, 0),
            "read with the offset before the change"
        );
    }
}
