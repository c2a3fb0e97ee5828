//! Reading Day One's and jrnl's exports into entries.

use super::*;

#[test]
fn a_first_line_heading_is_the_title_and_escapes_are_undone() {
    let (title, body) = day_one_text("# A walk\\!\n\nWe went out\\. It rained\\.");
    assert_eq!(title.as_deref(), Some("A walk!"));
    assert_eq!(body, "We went out. It rained.");
    let (title, body) = day_one_text("Just words.\n# Not a title");
    assert_eq!(title, None, "only the first line can be the title");
    assert_eq!(body, "Just words.\n# Not a title");
    let (title, _) = day_one_text("#hashtag first");
    assert_eq!(title, None, "a heading needs a space after its #");
}

#[test]
fn media_in_the_text_is_removed_and_plain_links_kept() {
    let (_, body) = day_one_text(
        "Before.\n\n![](dayone-moment://ABC123)\n\nAfter [that day](dayone-moment:/video/DEF).",
    );
    assert_eq!(
        body,
        "Before.\n\nAfter [that day](dayone-moment:/video/DEF)."
    );
}

#[test]
fn zones_give_the_offset_of_that_day() {
    let winter = instant("2024-01-15T12:00:00Z").unwrap();
    let summer = instant("2024-07-15T12:00:00Z").unwrap();
    assert_eq!(zone_offset(Some("Europe/Berlin"), winter), 60);
    assert_eq!(zone_offset(Some("Europe/Berlin"), summer), 120);
    assert_eq!(zone_offset(Some("GMT+0530"), winter), 330);
    assert_eq!(zone_offset(Some("GMT-05:00"), winter), -300);
    assert_eq!(
        zone_offset(Some("Mars/Olympus"), winter),
        0,
        "unknown is UTC"
    );
    assert_eq!(
        zone_offset(Some("GMT+99"), winter),
        0,
        "out of range is UTC"
    );
}
