//! Phrases and small helpers read the way people write them.
use super::*;

#[test]
fn ordinals_follow_english() {
    let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
        .into_iter()
        .map(ordinal)
        .collect();
    assert_eq!(
        got,
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"],
        "ordinals use st/nd/rd except the teens"
    );
}

#[test]
fn weekday_sets_list_monday_first_without_repeats() {
    let set: Weekdays = [Weekday::Fri, Weekday::Mon, Weekday::Fri]
        .into_iter()
        .collect();
    assert_eq!(set.len(), 2, "a day chosen twice counts once");
    assert_eq!(
        set.iter().collect::<Vec<_>>(),
        [Weekday::Mon, Weekday::Fri],
        "days are listed Monday first"
    );
    assert_eq!(day_list(set), "Monday and Friday");
}
