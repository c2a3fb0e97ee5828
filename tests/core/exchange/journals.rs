//! Bringing in a journal from Day One (its JSON zip) or jrnl (its JSON
//! export): entries land as the writer's, private unless chosen otherwise,
//! with their dates, tags and text; what Hearth has no place for is counted;
//! a second import adds nothing; a file that can't be used changes nothing.
//!
//! The files in `tests/fixtures/journals/` are written by hand from the
//! apps' public descriptions of their formats, with made-up words.

use hearth_tests::Exchange;
use std::io::{Cursor, Write};

use chrono::{DateTime, Utc};
use hearth_core::exchange::journals::{
    JOURNAL_ENTRIES_MAX, JOURNAL_FILE_MAX_BYTES, JOURNAL_TEXT_MAX_BYTES,
};
use hearth_core::exchange::{
    ExportEntry, ExportOptions, JournalApp, JournalImportReport, JournalOptions, LeftBehind,
};
use hearth_core::journal::{Visibility, BODY_MAX_CHARS};
use hearth_core::{ErrorKind, Hearth, PartnerId};
use hearth_tests::{TempHearth, ALEX, SAM};
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const DAY_ONE: &str = include_str!("../../fixtures/journals/day-one-Journal.json");
const JRNL: &str = include_str!("../../fixtures/journals/jrnl.json");

fn at(raw: &str) -> DateTime<Utc> {
    raw.parse().unwrap()
}

/// A zip of `(name, bytes)` files, deflated as Day One's are.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Day One's export as it comes: the journal beside a folder of photos.
fn day_one_zip(journal: &str) -> Vec<u8> {
    zip_of(&[
        ("Journal.json", journal.as_bytes()),
        (
            "photos/00112233445566778899aabbccddeeff.jpeg",
            b"\xFF\xD8\xFF not really a photo",
        ),
    ])
}

/// Every entry the viewer can see, oldest first, with every field.
fn entries(hearth: &mut Hearth) -> Vec<ExportEntry> {
    hearth
        .export_file(&ExportOptions {
            include_private: true,
        })
        .unwrap()
        .entries
}

fn private() -> JournalOptions {
    JournalOptions::default()
}

fn dump(home: &TempHearth) -> String {
    hearth_tests::dump(&home.database())
}

#[test]
fn a_day_one_zip_lands_as_the_writers_private_entries_with_dates_tags_and_text() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let report = hearth
        .exchange()
        .import_journal(&day_one_zip(DAY_ONE), &private())
        .unwrap();
    assert_eq!(
        report,
        JournalImportReport {
            app: JournalApp::DayOne,
            author: SAM,
            visibility: Visibility::Private,
            entries_added: 3,
            entries_already_here: 0,
            entries_split: 0,
            entries_without_words: 1,
            tags_shortened: 1,
            tags_left_out: 2,
            left_behind: LeftBehind {
                photos: 2,
                audio: 1,
                videos: 1,
                pdfs: 1,
                places: 1,
                weather: 1,
                stars: 1,
            },
        },
        "the summary counts what came and what couldn't"
    );
    let got = entries(&mut hearth);
    assert_eq!(got.len(), 3, "a photo with no words is not an entry");
    assert!(
        got.iter()
            .all(|e| e.author == SAM && e.visibility == Visibility::Private),
        "every entry is the writer's own, private by default"
    );

    let walk = &got[0];
    assert_eq!(
        walk.title.as_deref(),
        Some("Sunday walk"),
        "a first-line heading is the title"
    );
    assert_eq!(
        walk.body,
        "We walked to the lake. It was cold, but we talked the whole way (even about the hard part)!\n\n\
         I want more mornings like this one.",
        "Markdown escapes are undone and the photo's place in the text is gone"
    );
    assert_eq!(walk.tags, vec!["us", "walks"], "tags follow Hearth's rules");
    assert_eq!(
        walk.created_at,
        at("2024-03-10T08:15:00Z"),
        "the instant it was written"
    );
    assert_eq!(walk.created_offset, 60, "Berlin in March is UTC+1");
    assert_eq!(
        walk.updated_at,
        at("2024-03-10T09:40:00Z"),
        "the last change comes along"
    );

    let fireworks = &got[1];
    assert_eq!(fireworks.title, None, "no heading, no title");
    assert!(fireworks
        .body
        .starts_with("Fireworks from the roof. I said sorry"));
    assert_eq!(fireworks.created_offset, -240, "New York in July is UTC-4");
    assert_eq!(fireworks.tags.len(), 10, "at most ten tags");
    assert!(
        fireworks
            .tags
            .contains(&"an unusually long tag that goe".to_string()),
        "a long tag is shortened to 30 characters: {:?}",
        fireworks.tags
    );

    let coffee = &got[2];
    assert_eq!(coffee.created_offset, 0, "no zone given: UTC");
    assert_eq!(coffee.created_at, at("2024-09-15T06:45:10Z"));
    assert!(coffee.tags.is_empty());

    hearth.set_writer(ALEX).unwrap();
    assert!(
        entries(&mut hearth).is_empty(),
        "the other partner sees none of a private import"
    );
}

#[test]
fn a_second_import_adds_nothing_and_takes_no_snapshot() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let zip = day_one_zip(DAY_ONE);
    hearth.exchange().import_journal(&zip, &private()).unwrap();
    let backups = hearth.backups().list().unwrap().len();
    assert_eq!(backups, 1, "the first import took a snapshot first");
    let before = dump(&home);
    let again = hearth.exchange().import_journal(&zip, &private()).unwrap();
    assert_eq!(again.entries_added, 0, "nothing is added twice");
    assert_eq!(
        again.entries_already_here, 3,
        "each entry is found already here"
    );
    assert_eq!(dump(&home), before, "the database is unchanged");
    assert_eq!(
        hearth.backups().list().unwrap().len(),
        backups,
        "an import that adds nothing takes no snapshot"
    );
    // Day One's own ids decide, not the file's bytes: the unzipped
    // Journal.json, with a changed entry, still finds every entry here.
    let edited = DAY_ONE.replace("coffee together at 7", "coffee together at 8");
    let third = hearth
        .exchange()
        .import_journal(edited.as_bytes(), &private())
        .unwrap();
    assert_eq!(
        third.entries_added, 0,
        "the same Day One entries, by their ids"
    );
}

#[test]
fn each_partner_bringing_in_the_same_file_gets_their_own_entries() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let zip = day_one_zip(DAY_ONE);
    hearth.exchange().import_journal(&zip, &private()).unwrap();
    hearth.set_writer(ALEX).unwrap();
    let alex = hearth.exchange().import_journal(&zip, &private()).unwrap();
    assert_eq!(alex.author, ALEX);
    assert_eq!(
        (alex.entries_added, alex.entries_already_here),
        (3, 0),
        "Sam's private copies are neither reused nor revealed"
    );
    assert!(entries(&mut hearth).iter().all(|e| e.author == ALEX));
}

#[test]
fn shared_when_chosen() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let shared = JournalOptions {
        visibility: Visibility::Shared,
        ..JournalOptions::default()
    };
    let report = hearth
        .exchange()
        .import_journal(&day_one_zip(DAY_ONE), &shared)
        .unwrap();
    assert_eq!(report.visibility, Visibility::Shared);
    hearth.set_writer(ALEX).unwrap();
    let seen = entries(&mut hearth);
    assert_eq!(seen.len(), 3, "the other partner reads a shared import");
    assert!(
        seen.iter().all(|e| e.author == SAM),
        "still the importer's entries"
    );
}

#[test]
fn a_jrnl_export_lands_with_its_local_times_titles_and_tags() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let options = JournalOptions {
        zone: Some("America/New_York".into()),
        ..JournalOptions::default()
    };
    let report = hearth
        .exchange()
        .import_journal(JRNL.as_bytes(), &options)
        .unwrap();
    assert_eq!(report.app, JournalApp::Jrnl);
    assert_eq!(report.entries_added, 3);
    assert_eq!(
        report.left_behind.stars, 1,
        "stars have no place in Hearth and are counted"
    );
    let got = entries(&mut hearth);
    let tomatoes = &got[0];
    assert_eq!(
        tomatoes.title.as_deref(),
        Some("Planted the tomatoes together.")
    );
    assert!(tomatoes.body.starts_with("Alex did the watering"));
    assert_eq!(
        tomatoes.tags,
        vec!["garden", "us"],
        "jrnl's @ is not part of the tag"
    );
    assert_eq!(
        (tomatoes.created_at, tomatoes.created_offset),
        (at("2023-05-14T22:30:00Z"), -240),
        "jrnl's local time, read in the computer's zone"
    );
    let evening = &got[1];
    assert_eq!(
        (evening.title.as_deref(), evening.body.as_str()),
        (None, "Quiet evening, phones away."),
        "a title with no body is the text"
    );
    let talk = &got[2];
    assert_eq!(
        (talk.created_at, talk.created_offset),
        (at("2023-11-05T05:30:00Z"), -240),
        "01:30 happens twice that night: the first one, as Hearth reads such times"
    );
    let again = hearth
        .exchange()
        .import_journal(JRNL.as_bytes(), &options)
        .unwrap();
    assert_eq!(
        (again.entries_added, again.entries_already_here),
        (0, 3),
        "jrnl keeps no ids; the same time and words are the same entry"
    );
    // Without a zone, the times are the clock times written, in UTC.
    let other = TempHearth::new();
    let mut plain = other.couple();
    plain
        .exchange()
        .import_journal(JRNL.as_bytes(), &private())
        .unwrap();
    let first = &entries(&mut plain)[0];
    assert_eq!(
        (first.created_at, first.created_offset),
        (at("2023-05-14T18:30:00Z"), 0)
    );
}

/// Unknown fields, at every level and of every type, are ignored.
#[test]
fn fields_hearth_does_not_know_are_ignored() {
    let mut file: Value = serde_json::from_str(DAY_ONE).unwrap();
    file["metadata"]["exportedBy"] = json!({"app": "Day One", "build": [1, 2, 3]});
    file["journals"] = json!([{"name": "Journal", "color": null}]);
    for e in file["entries"].as_array_mut().unwrap() {
        e["mood"] = json!(4);
        e["template"] = json!({"id": null, "fields": [{"x": 1.5}]});
        e["userActivity"] = json!({"activityName": "Walking", "stepCount": 3000});
        if let Some(place) = e.get_mut("location") {
            place["futurePrecision"] = json!("high");
        }
    }
    let plain_home = TempHearth::new();
    let mut plain = plain_home.couple();
    let expected = plain
        .exchange()
        .import_journal(&day_one_zip(DAY_ONE), &private())
        .unwrap();
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let report = hearth
        .exchange()
        .import_journal(&day_one_zip(&file.to_string()), &private())
        .unwrap();
    assert_eq!(
        report, expected,
        "the same summary as without the unknown fields"
    );
    assert_eq!(
        entries(&mut hearth),
        entries(&mut plain),
        "the same entries as without the unknown fields"
    );
}

#[test]
fn a_very_long_entry_is_split_into_parts_and_no_word_is_lost() {
    let paragraph = format!("{} ", "This is a sentence that goes on.".repeat(30));
    let text = vec![paragraph.trim(); 260].join("\n\n");
    assert!(text.chars().count() > 2 * BODY_MAX_CHARS);
    let file = json!({"metadata": {"version": "1.0"}, "entries": [{
        "uuid": "4D5E6F708192A3B4C5D6E7F8091A2B34", "creationDate": "2024-10-01T10:00:00Z",
        "timeZone": "Europe/Berlin", "text": format!("# A long letter\n\n{text}"), "tags": ["letters"]}]});
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let report = hearth
        .exchange()
        .import_journal(&day_one_zip(&file.to_string()), &private())
        .unwrap();
    assert_eq!((report.entries_added, report.entries_split), (1, 1));
    let got = entries(&mut hearth);
    assert_eq!(
        got.len(),
        3,
        "three parts of at most {BODY_MAX_CHARS} characters"
    );
    assert_eq!(
        got.iter()
            .map(|e| e.title.clone().unwrap())
            .collect::<Vec<_>>(),
        vec![
            "A long letter (1 of 3)",
            "A long letter (2 of 3)",
            "A long letter (3 of 3)"
        ]
    );
    assert!(
        got.iter()
            .all(|e| e.created_at == at("2024-10-01T10:00:00Z")),
        "each part keeps the entry's date"
    );
    assert!(
        got.iter().all(|e| e.tags == vec!["letters"]),
        "each part keeps the tags"
    );
    let joined = got
        .iter()
        .map(|e| e.body.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(
        joined, text,
        "the parts, joined, are every word of the entry"
    );
    let again = hearth
        .exchange()
        .import_journal(&day_one_zip(&file.to_string()), &private())
        .unwrap();
    assert_eq!((again.entries_added, again.entries_already_here), (0, 1));
}

/// Patches a zip's declared uncompressed sizes (local header and table of
/// contents) of its first file to `size`.
fn lie_about_size(zip: &mut [u8], size: u32) {
    let find = |zip: &[u8], sig: &[u8]| zip.windows(4).position(|w| w == sig).unwrap();
    let local = find(zip, b"PK\x03\x04");
    zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    let central = find(zip, b"PK\x01\x02");
    zip[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
}

/// A "zip" whose table of contents claims 200,000 files (Zip64 records).
fn zip_listing_many_files() -> Vec<u8> {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend([0u8; 26]);
    let record = bytes.len() as u64;
    bytes.extend(b"PK\x06\x06");
    bytes.extend(44u64.to_le_bytes());
    bytes.extend([45u8, 0, 45, 0]);
    bytes.extend([0u8; 8]);
    bytes.extend(200_000u64.to_le_bytes());
    bytes.extend(200_000u64.to_le_bytes());
    bytes.extend([0u8; 16]);
    bytes.extend(b"PK\x06\x07");
    bytes.extend([0u8; 4]);
    bytes.extend(record.to_le_bytes());
    bytes.extend(1u32.to_le_bytes());
    bytes.extend(b"PK\x05\x06");
    bytes.extend([0u8; 4]);
    bytes.extend([0xFF, 0xFF, 0xFF, 0xFF]);
    bytes.extend([0xFF; 8]);
    bytes.extend([0, 0]);
    bytes
}

#[test]
fn files_that_cant_be_used_change_nothing_and_say_why() {
    let good = day_one_zip(DAY_ONE);
    let bomb_text = format!(
        "{{\"metadata\": {{}}, \"entries\": [], \"pad\": \"{}\"}}",
        " ".repeat(JOURNAL_TEXT_MAX_BYTES as usize)
    );
    let bomb = zip_of(&[("Journal.json", bomb_text.as_bytes())]);
    assert!(
        bomb.len() < 1024 * 1024,
        "a zip bomb is small: {} bytes",
        bomb.len()
    );
    let mut liar = zip_of(&[("Journal.json", bomb_text.as_bytes())]);
    lie_about_size(&mut liar, 1000);
    let mut no_entry_date: Value = serde_json::from_str(DAY_ONE).unwrap();
    no_entry_date["entries"][1]
        .as_object_mut()
        .unwrap()
        .remove("creationDate");
    let mut wrong_type: Value = serde_json::from_str(DAY_ONE).unwrap();
    wrong_type["entries"][0]["tags"] = json!("walks");
    let hearth_backup = {
        let other = TempHearth::new();
        let mut h = other.couple();
        h.export_text(&ExportOptions::default()).unwrap()
    };
    let too_many = json!({"tags": {}, "entries": (0..=JOURNAL_ENTRIES_MAX)
        .map(|i| json!({"title": format!("Day {i}."), "body": "", "date": "2024-01-01", "time": "08:00"}))
        .collect::<Vec<_>>()});
    let huge = vec![0u8; 1 << 30];
    let just_over = vec![b' '; JOURNAL_FILE_MAX_BYTES + 1];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a 1 GB file", huge, "1.0 GB"),
        (
            "a file just over the limit",
            just_over,
            "is 201 MB; Hearth brings in journal files of up to 200 MB",
        ),
        ("an empty file", Vec::new(), "empty"),
        (
            "a zip cut in half",
            good[..good.len() / 2].to_vec(),
            "cut short",
        ),
        (
            "a zip missing its last bytes",
            good[..good.len() - 10].to_vec(),
            "cut short",
        ),
        ("a zip bomb", bomb, "larger than 100 MB"),
        ("a zip that hides its size", liar, "Nothing was changed"),
        (
            "a zip that lists 200,000 files",
            zip_listing_many_files(),
            "200,000 files",
        ),
        (
            "a zip without Journal.json",
            zip_of(&[("photos/a.jpeg", b"not a photo")]),
            "Journal.json",
        ),
        (
            "invalid JSON",
            b"{ this is not json".to_vec(),
            "isn't valid JSON",
        ),
        (
            "JSON cut short",
            JRNL.as_bytes()[..JRNL.len() / 2].to_vec(),
            "cut short",
        ),
        (
            "JSON of another kind",
            br#"{"notes": [1, 2]}"#.to_vec(),
            "Day One",
        ),
        ("a JSON list", b"[1, 2, 3]".to_vec(), "Nothing was changed"),
        ("not text", vec![0xC3, 0x28, 0xFF, 0xFE], "Day One"),
        (
            "no entries",
            br#"{"metadata": {"version": "1.0"}, "entries": []}"#.to_vec(),
            "no entries",
        ),
        (
            "an entry without its date",
            day_one_zip(&no_entry_date.to_string()),
            "Entry 2",
        ),
        (
            "a field of the wrong type",
            day_one_zip(&wrong_type.to_string()),
            "near line",
        ),
        (
            "a Hearth backup",
            hearth_backup.into_bytes(),
            "Bring a backup back",
        ),
        (
            "more entries than one import brings in",
            too_many.to_string().into_bytes(),
            "50,001 entries; Hearth brings in up to 50,000",
        ),
    ];
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let before = dump(&home);
    for (what, bytes, says) in cases {
        let err = hearth
            .exchange()
            .import_journal(&bytes, &private())
            .unwrap_err();
        let message = err.to_string();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidInput,
            "{what}: refused as invalid input ({message})"
        );
        assert!(
            message.contains(says),
            "{what}: the message says \"{says}\": {message}"
        );
        assert!(
            message.ends_with("Nothing was changed."),
            "{what}: the message says nothing changed: {message}"
        );
        assert!(
            message.chars().count() <= 400,
            "{what}: a short message: {message}"
        );
        assert_eq!(dump(&home), before, "{what}: the database is unchanged");
        assert!(
            hearth.backups().list().unwrap().is_empty(),
            "{what}: no snapshot for a refused file"
        );
    }
    let bad_zone = JournalOptions {
        zone: Some("Mars/Olympus".into()),
        ..JournalOptions::default()
    };
    let err = hearth
        .exchange()
        .import_journal(JRNL.as_bytes(), &bad_zone)
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "a zone that isn't IANA is refused: {err}"
    );
    assert_eq!(dump(&home), before, "a bad zone changes nothing");
}

#[test]
fn nothing_is_brought_in_before_the_couple_is_set_up() {
    let home = TempHearth::new();
    let mut hearth = home.open();
    let err = hearth
        .exchange()
        .import_journal(&day_one_zip(DAY_ONE), &private())
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::NotSetUp,
        "whose entries would they be? {err}"
    );
}

#[test]
fn the_store_imports_for_the_partner_it_is_told() {
    let home = TempHearth::new();
    let mut hearth = home.couple();
    let report = hearth
        .as_writer(|s, _, _| s.import_journal(PartnerId(2), JRNL.as_bytes(), &private()))
        .unwrap();
    assert_eq!(report.author, ALEX);
    let err = hearth
        .as_writer(|s, _, _| s.import_journal(PartnerId(3), JRNL.as_bytes(), &private()))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "no partner 3: {err}");
}
