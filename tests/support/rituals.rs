//! Helpers for the ritual, check-in and commitment tests.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hearth_core::rituals::RitualInput;

/// The zone the couple lives in, in these tests.
pub const BERLIN: &str = "Europe/Berlin";

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

pub fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
}

/// A 20-minute ritual in Berlin for both, no end, no reminder lead.
pub fn ritual(title: &str, rrule: &str, time: &str, start: NaiveDate) -> RitualInput {
    RitualInput {
        title: title.into(),
        intention: Some("Because it helps.".into()),
        schedule: rrule.into(),
        time: time.into(),
        zone: BERLIN.into(),
        duration_minutes: 20,
        start_date: start,
        end_date: None,
        for_partner: None,
        reminder_lead_minutes: 0,
    }
}

/// The same input, changed by `f`.
pub fn with(mut input: RitualInput, f: impl FnOnce(&mut RitualInput)) -> RitualInput {
    f(&mut input);
    input
}
