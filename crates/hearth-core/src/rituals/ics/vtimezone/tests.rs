//! The yearly rules expand as RFC 5545 does; the offsets read as it asks.
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn yearly_rules_fall_on_the_days_the_tz_rules_name() {
    let last_sunday_of_march = YearlyRule {
        month: 3,
        day: Day::Nth(-1, Weekday::Sun),
    };
    assert_eq!(last_sunday_of_march.on(2026), Some(d(2026, 3, 29)));
    assert_eq!(last_sunday_of_march.on(2027), Some(d(2027, 3, 28)));
    assert_eq!(
        last_sunday_of_march.rrule(),
        "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
    );
    let second_sunday = YearlyRule {
        month: 3,
        day: Day::Nth(2, Weekday::Sun),
    };
    assert_eq!(second_sunday.on(2026), Some(d(2026, 3, 8)));
    let sunday_from_the_2nd = YearlyRule {
        month: 4,
        day: Day::OnOrAfter(2, Weekday::Sun),
    };
    assert_eq!(sunday_from_the_2nd.on(2028), Some(d(2028, 4, 2)));
    assert_eq!(sunday_from_the_2nd.on(2029), Some(d(2029, 4, 8)));
    assert_eq!(
        sunday_from_the_2nd.rrule(),
        "FREQ=YEARLY;BYMONTH=4;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8"
    );
}

#[test]
fn offsets_are_signed_hours_and_minutes() {
    assert_eq!(utc_offset(3600), "+0100");
    assert_eq!(utc_offset(-12600), "-0330");
    assert_eq!(utc_offset(0), "+0000");
    assert_eq!(utc_offset(37800), "+1030");
    assert_eq!(utc_offset(-(3600 + 61)), "-010101");
}
