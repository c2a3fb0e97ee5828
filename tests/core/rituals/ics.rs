//! The calendar export reads back in an independent iCalendar parser with the right zone, times, rule and text.

use hearth_core::rituals::RitualInput;
use hearth_core::schedule::Schedule;
use hearth_tests::rituals::{d, ritual, utc, with};
use hearth_tests::By;
use hearth_tests::Exchange;
use hearth_tests::{Journal, SAM};
use icalendar::{Calendar, Component};

fn tricky() -> RitualInput {
    with(
        ritual(
            "Coffee, tea; and \\ biscuits",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            "07:30",
            d(2026, 11, 22),
        ),
        |i| {
            i.intention = Some(format!(
                "Slow mornings, just us: no phones; no plans. Ça fait du bien, vraiment — {}",
                "é".repeat(60)
            ));
            i.duration_minutes = 90;
            i.end_date = Some(d(2027, 3, 31));
        },
    )
}

#[test]
fn the_ics_export_parses_with_an_independent_parser() {
    let mut j = Journal::new();
    let input = tricky();
    let r = j.by(SAM).rituals().create(&input).unwrap();
    let last_day = with(
        ritual(
            "Look back",
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "20:00",
            d(2026, 11, 1),
        ),
        |i| {
            i.zone = "America/New_York".into();
            i.intention = None;
        },
    );
    let r2 = j.by(SAM).rituals().create(&last_day).unwrap();
    let paused = j
        .by(SAM)
        .rituals()
        .create(&ritual("Paused one", "FREQ=DAILY", "08:00", d(2026, 11, 1)))
        .unwrap();
    j.by(SAM).rituals().set_active(paused.id, false).unwrap();

    let text = j.hearth.calendar(None).unwrap();
    for physical in text.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "lines fold at 75 octets: {physical:?}"
        );
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"), "lines end in CRLF");
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare newlines");

    let calendar: Calendar = text.parse().expect("the export parses");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(
        events.len(),
        2,
        "one event per active ritual; paused ones stay out"
    );

    let e = events
        .iter()
        .find(|e| e.get_uid() == Some(&format!("{}@hearth.app", r.uid)))
        .unwrap();
    assert_eq!(
        e.get_summary(),
        Some(input.title.as_str()),
        "commas, semicolons and backslashes survive"
    );
    assert_eq!(
        e.get_description(),
        input.intention.as_deref(),
        "the why is the description, folded and unfolded"
    );
    let start = &e.properties()["DTSTART"];
    assert_eq!(
        start.value(),
        "20261130T073000",
        "the first occurrence at its wall time: Monday the 30th, as every other week counts from the start's week (of the 16th)"
    );
    assert_eq!(start.params()["TZID"].value(), "Europe/Berlin");
    assert_eq!(e.property_value("DURATION"), Some("PT1H30M"));
    let rrule = e.property_value("RRULE").unwrap();
    assert_eq!(
        rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO;UNTIL=20270331T215959Z",
        "the engine's rule, ending at the last second of the end date in Berlin"
    );
    let without_until = rrule.split(";UNTIL=").next().unwrap();
    assert_eq!(
        Schedule::parse_rrule(without_until).unwrap(),
        r.schedule,
        "the rule reads back to the same schedule"
    );

    let e2 = events
        .iter()
        .find(|e| e.get_summary() == Some("Look back"))
        .unwrap();
    assert_eq!(
        e2.properties()["DTSTART"].params()["TZID"].value(),
        "America/New_York"
    );
    assert_eq!(e2.properties()["DTSTART"].value(), "20261130T200000");
    assert_eq!(
        e2.property_value("RRULE"),
        Some("FREQ=MONTHLY;BYMONTHDAY=-1"),
        "the last day of each month"
    );
    assert_eq!(e2.get_description(), None, "no why, no description");
    assert_eq!(r2.id, r.id + 1);

    j.clock.set(utc(2026, 12, 1, 8, 0));
    let again: Calendar = j.hearth.calendar(Some(&[r.id])).unwrap().parse().unwrap();
    let uids: Vec<_> = again
        .events()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    assert_eq!(
        uids,
        [format!("{}@hearth.app", r.uid)],
        "the UID is stable, so a re-import updates"
    );
}

#[test]
fn yearly_and_every_few_days_or_months_export_so_calendar_apps_agree() {
    // RFC 5545 counts an interval from DTSTART, and Hearth from the start:
    // DTSTART is the first occurrence, which is always in step.
    let mut j = Journal::new();
    let rituals = [
        (
            "The day we met",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
            d(2026, 11, 22),
            "20270228T190000",
            "29 February falls on 28 February in 2027, and the rule says so to calendar apps",
        ),
        (
            "A long walk",
            "FREQ=DAILY;INTERVAL=3",
            d(2026, 11, 25),
            "20261125T190000",
            "every 3 days counts from the start date, which is the first occurrence",
        ),
        (
            "Our budget talk",
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
            d(2026, 11, 22),
            "20270215T190000",
            "the 15th of November has passed; three months after November is February",
        ),
        (
            "Look back together",
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1",
            d(2026, 12, 1),
            "20261231T190000",
            "the last day of every other month, from December",
        ),
    ];
    for (title, rrule, start, _, _) in rituals {
        j.by(SAM)
            .rituals()
            .create(&ritual(title, rrule, "19:00", start))
            .unwrap();
    }
    let calendar: Calendar = j
        .hearth
        .calendar(None)
        .unwrap()
        .parse()
        .expect("the export parses");
    for (title, rrule, _, dtstart, why) in rituals {
        let e = calendar
            .events()
            .find(|e| e.get_summary() == Some(title))
            .unwrap();
        assert_eq!(e.properties()["DTSTART"].value(), dtstart, "{why}");
        assert_eq!(e.property_value("RRULE"), Some(rrule), "{why}");
        assert_eq!(
            Schedule::parse_rrule(rrule).unwrap().to_rrule(),
            rrule,
            "the rule reads back unchanged"
        );
    }
}

// ---------------------------------------------------------------------------
// Time zones, alarms and review dates (issue 17, item 5), read back through
// the parser's own component tree and an independent RRULE expander.

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use hearth_core::commitments::CommitmentInput;
use hearth_tests::ALEX;

/// A property as the parser read it: name, parameters (key, value), value.
type Prop = (String, Vec<(String, String)>, String);

/// A component as the parser read it, owned: name, properties in file
/// order, and sub-components.
#[derive(Debug, Clone)]
struct Node {
    name: String,
    props: Vec<Prop>,
    subs: Vec<Node>,
}

impl Node {
    fn from_parsed(c: &icalendar::parser::Component) -> Node {
        Node {
            name: c.name.as_str().to_string(),
            props: c
                .properties
                .iter()
                .map(|p| {
                    (
                        p.name.as_str().to_string(),
                        p.params
                            .iter()
                            .map(|a| {
                                (
                                    a.key.as_str().to_string(),
                                    a.val
                                        .as_ref()
                                        .map(|v| v.as_str().to_string())
                                        .unwrap_or_default(),
                                )
                            })
                            .collect(),
                        p.val.as_str().to_string(),
                    )
                })
                .collect(),
            subs: c.components.iter().map(Node::from_parsed).collect(),
        }
    }

    /// The values of every property with this name.
    fn all(&self, name: &str) -> Vec<&str> {
        self.props
            .iter()
            .filter(|p| p.0 == name)
            .map(|p| p.2.as_str())
            .collect()
    }

    /// The one value of this property, if any (and never two).
    fn get(&self, name: &str) -> Option<&str> {
        let all = self.all(name);
        assert!(all.len() <= 1, "{name} appears once in {}", self.name);
        all.first().copied()
    }

    fn param(&self, name: &str, param: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|p| p.0 == name)
            .and_then(|p| p.1.iter().find(|a| a.0 == param))
            .map(|a| a.1.as_str())
    }

    fn subs(&self, name: &str) -> Vec<&Node> {
        self.subs.iter().filter(|s| s.name == name).collect()
    }

    /// A TEXT value, as the parser unescaped it (RFC 5545 section 3.3.11).
    fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_owned)
    }
}

/// Checks the file's framing (CRLF, 75-octet lines, no bare newline) and
/// returns its VCALENDAR as the parser reads it.
fn read(text: &str) -> Node {
    for physical in text.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "lines fold at 75 octets: {physical:?}"
        );
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"), "lines end in CRLF");
    assert!(
        !text.replace("\r\n", "").contains(['\n', '\r']),
        "no bare newlines"
    );
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the export parses");
    let mut root: Vec<Node> = parsed.components.iter().map(Node::from_parsed).collect();
    let calendar = Node {
        name: "VCALENDAR".into(),
        props: Vec::new(),
        subs: std::mem::take(&mut root),
    };
    assert!(
        calendar
            .subs
            .iter()
            .all(|c| c.name == "VEVENT" || c.name == "VTIMEZONE"),
        "only events and zones at the top: {:?}",
        calendar.subs.iter().map(|c| &c.name).collect::<Vec<_>>()
    );
    calendar
}

fn offset_seconds(raw: &str) -> i32 {
    let sign = if raw.starts_with('-') { -1 } else { 1 };
    let digits = &raw[1..];
    let part = |i: usize| {
        digits
            .get(i..i + 2)
            .map_or(0, |d| d.parse::<i32>().unwrap())
    };
    sign * (part(0) * 3600 + part(2) * 60 + part(4))
}

fn local(raw: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%S").expect("a local date-time")
}

/// One STANDARD or DAYLIGHT block, expanded: every onset as a UTC instant.
#[derive(Debug)]
struct Observance {
    daylight: bool,
    from: i32,
    to: i32,
    onsets: Vec<DateTime<Utc>>,
}

/// Expands a sub-component with the `rrule` crate. Its DTSTART, RDATEs and
/// rule run on local wall time in TZOFFSETFROM, so they are expanded as if
/// that wall time were UTC (the arithmetic is the same) and shifted after.
fn observance(sub: &Node) -> Observance {
    let from = offset_seconds(sub.get("TZOFFSETFROM").expect("TZOFFSETFROM"));
    let to = offset_seconds(sub.get("TZOFFSETTO").expect("TZOFFSETTO"));
    let start = sub.get("DTSTART").expect("DTSTART");
    local(start); // a local time, no Z, no TZID
    assert_eq!(sub.param("DTSTART", "TZID"), None, "onsets are local times");
    let mut spec = format!("DTSTART:{start}Z\n");
    for rule in sub.all("RRULE") {
        let (body, until) = rule
            .split_once(";UNTIL=")
            .map(|(b, u)| (b, Some(u)))
            .unwrap_or((rule, None));
        let mut line = format!("RRULE:{body}");
        if let Some(until) = until {
            assert!(until.ends_with('Z'), "UNTIL is in UTC inside a VTIMEZONE");
            let u = local(until.trim_end_matches('Z')) + Duration::seconds(from.into());
            line.push_str(&format!(";UNTIL={}Z", u.format("%Y%m%dT%H%M%S")));
        }
        spec.push_str(&line);
        spec.push('\n');
    }
    for dates in sub.all("RDATE") {
        let shifted: Vec<String> = dates.split(',').map(|d| format!("{d}Z")).collect();
        spec.push_str(&format!("RDATE:{}\n", shifted.join(",")));
    }
    let walls: Vec<NaiveDateTime> = if spec.lines().count() == 1 {
        vec![local(start)]
    } else {
        let set: rrule::RRuleSet = spec.trim_end().parse().expect("the rule reads");
        let result = set.all(u16::MAX);
        assert!(!result.limited, "every rule ends");
        // RFC 5545 counts DTSTART as the first instance whatever the rule;
        // the crate, like dateutil, only lists what the rule and RDATEs make.
        let mut walls: Vec<NaiveDateTime> = result.dates.iter().map(|d| d.naive_utc()).collect();
        walls.push(local(start));
        walls.sort();
        walls.dedup();
        walls
    };
    Observance {
        daylight: sub.name == "DAYLIGHT",
        from,
        to,
        onsets: walls
            .into_iter()
            .map(|w| (w - Duration::seconds(from.into())).and_utc())
            .collect(),
    }
}

/// Every onset of a VTIMEZONE in order, with the offset it changes to.
fn timeline(observances: &[Observance]) -> Vec<(DateTime<Utc>, i32)> {
    let mut onsets: Vec<(DateTime<Utc>, i32)> = observances
        .iter()
        .flat_map(|o| o.onsets.iter().map(move |t| (*t, o.to)))
        .collect();
    onsets.sort();
    onsets
}

/// The offset a VTIMEZONE states at `at`: TZOFFSETTO of the latest onset at
/// or before it.
fn stated_offset(timeline: &[(DateTime<Utc>, i32)], at: DateTime<Utc>) -> Option<i32> {
    let before = timeline.partition_point(|(t, _)| *t <= at);
    before.checked_sub(1).map(|i| timeline[i].1)
}

fn hearth_offset(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// Zones of both hemispheres, half-hour DST, no DST, and rules that don't
/// repeat (Casablanca's Ramadan changes).
const ZONES: [&str; 8] = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/Santiago",
    "Australia/Sydney",
    "Pacific/Chatham",
    "Africa/Casablanca",
];

#[test]
fn each_zone_used_gets_a_vtimezone_that_lands_where_hearth_does() {
    let mut j = Journal::new();
    for (i, zone) in ZONES.iter().enumerate() {
        let input = with(
            ritual(&format!("Walk {i}"), "FREQ=DAILY", "07:30", d(2026, 11, 22)),
            |r| r.zone = zone.to_string(),
        );
        j.by(SAM).rituals().create(&input).unwrap();
    }
    // A second Berlin ritual that began in the spring: one zone, one block,
    // from the earliest event on.
    let spring = with(
        ritual(
            "Spring coffee",
            "FREQ=WEEKLY;BYDAY=SU",
            "02:30",
            d(2026, 3, 29),
        ),
        |r| r.zone = "Europe/Berlin".into(),
    );
    j.by(SAM).rituals().create(&spring).unwrap();

    let text = j.hearth.calendar(None).unwrap();
    let calendar = read(&text);
    let zones = calendar.subs("VTIMEZONE");
    let mut tzids: Vec<&str> = zones.iter().map(|z| z.get("TZID").unwrap()).collect();
    tzids.sort();
    let mut expected = ZONES.to_vec();
    expected.sort();
    assert_eq!(tzids, expected, "one VTIMEZONE for each zone a ritual uses");
    let first_event = calendar
        .subs
        .iter()
        .position(|c| c.name == "VEVENT")
        .unwrap();
    assert!(
        calendar.subs[..first_event]
            .iter()
            .all(|c| c.name == "VTIMEZONE"),
        "zones come before the events that use them"
    );
    for event in calendar.subs("VEVENT") {
        let tzid = event.param("DTSTART", "TZID").unwrap();
        assert!(
            tzids.contains(&tzid),
            "every TZID has its VTIMEZONE: {tzid}"
        );
    }

    for vtz in &zones {
        let name = vtz.get("TZID").unwrap();
        let tz: Tz = name.parse().unwrap();
        let blocks: Vec<Observance> = vtz
            .subs
            .iter()
            .map(|s| {
                assert!(
                    s.name == "STANDARD" || s.name == "DAYLIGHT",
                    "a VTIMEZONE holds STANDARD and DAYLIGHT only"
                );
                observance(s)
            })
            .collect();
        assert!(!blocks.is_empty(), "{name} states its offsets");

        // Every onset the file states is a real change in Hearth's tz data,
        // from TZOFFSETFROM to TZOFFSETTO, to the second.
        for b in &blocks {
            for t in &b.onsets {
                assert_eq!(
                    (hearth_offset(tz, *t - Duration::seconds(1)), hearth_offset(tz, *t)),
                    (b.from, b.to),
                    "{name}: the clocks change at {t} from TZOFFSETFROM to TZOFFSETTO, as Hearth's tz data says"
                );
                if b.daylight {
                    assert!(
                        tz.offset_from_utc_datetime(&t.naive_utc())
                            .fix()
                            .local_minus_utc()
                            == b.to,
                        "{name}: DAYLIGHT is the summer offset"
                    );
                }
            }
        }

        // Every hour-aligned noon and midnight from the earliest event to the
        // end of Hearth's tz data: the offset the file states is Hearth's.
        let earliest = if name == "Europe/Berlin" {
            // Just before the spring-forward night that is its first day.
            utc(2026, 3, 28, 0, 0)
        } else {
            utc(2026, 11, 22, 6, 0)
        };
        let timeline = timeline(&blocks);
        let mut at = earliest;
        while at < utc(2100, 1, 1, 0, 0) {
            assert_eq!(
                stated_offset(&timeline, at),
                Some(hearth_offset(tz, at)),
                "{name} at {at}: a calendar app reading the VTIMEZONE lands where Hearth does"
            );
            at += Duration::hours(12);
        }
    }

    // A few instants by hand: summer, winter, and either side of a change.
    let by_name = |name: &str| -> Vec<Observance> {
        zones
            .iter()
            .find(|z| z.get("TZID") == Some(name))
            .unwrap()
            .subs
            .iter()
            .map(observance)
            .collect()
    };
    let h = |hours: f64| (hours * 3600.0) as i32;
    let cases: [(&str, DateTime<Utc>, f64); 16] = [
        ("Europe/Berlin", utc(2027, 7, 1, 12, 0), 2.0),
        ("Europe/Berlin", utc(2027, 1, 15, 12, 0), 1.0),
        ("Europe/Berlin", utc(2027, 3, 28, 0, 59), 1.0),
        ("Europe/Berlin", utc(2027, 3, 28, 1, 0), 2.0),
        ("America/New_York", utc(2027, 3, 14, 6, 59), -5.0),
        ("America/New_York", utc(2027, 3, 14, 7, 0), -4.0),
        ("America/New_York", utc(2027, 11, 7, 5, 59), -4.0),
        ("America/New_York", utc(2027, 11, 7, 6, 0), -5.0),
        ("Australia/Lord_Howe", utc(2027, 1, 15, 12, 0), 11.0),
        ("Australia/Lord_Howe", utc(2027, 7, 1, 12, 0), 10.5),
        // The first Sunday of April, 02:00 in +11: 15:00 UTC the day before.
        ("Australia/Lord_Howe", utc(2027, 4, 3, 14, 59), 11.0),
        ("Australia/Lord_Howe", utc(2027, 4, 3, 15, 0), 10.5),
        ("Asia/Kolkata", utc(2027, 1, 15, 12, 0), 5.5),
        ("Asia/Kolkata", utc(2027, 7, 1, 12, 0), 5.5),
        ("America/Santiago", utc(2027, 1, 15, 12, 0), -3.0),
        ("America/Santiago", utc(2027, 7, 1, 12, 0), -4.0),
    ];
    for (name, at, hours) in cases {
        assert_eq!(
            stated_offset(&timeline(&by_name(name)), at),
            Some(h(hours)),
            "{name} at {at} is UTC{hours:+}"
        );
    }

    let kolkata = zones
        .iter()
        .find(|z| z.get("TZID") == Some("Asia/Kolkata"))
        .unwrap();
    assert_eq!(kolkata.subs.len(), 1, "a zone without DST has one block");
    assert_eq!(kolkata.subs[0].name, "STANDARD");
    assert_eq!(kolkata.subs[0].get("TZOFFSETTO"), Some("+0530"));
    assert_eq!(kolkata.subs[0].get("TZNAME"), Some("IST"));

    let berlin = zones
        .iter()
        .find(|z| z.get("TZID") == Some("Europe/Berlin"))
        .unwrap();
    let rules: Vec<&str> = berlin.subs.iter().flat_map(|s| s.all("RRULE")).collect();
    assert_eq!(
        rules.len(),
        2,
        "a zone with one yearly rule reads as two RRULEs: {berlin:?}"
    );
    assert!(
        rules.iter().all(|r| r.contains("BYDAY=-1SU")),
        "Berlin changes on the last Sunday: {rules:?}"
    );
    let onsets = berlin
        .subs
        .iter()
        .map(|s| local(s.get("DTSTART").unwrap()))
        .min()
        .unwrap();
    assert!(
        onsets <= local("20260329T023000"),
        "the zone is described from before its earliest event"
    );

    let lord_howe: Vec<Option<&str>> = zones
        .iter()
        .find(|z| z.get("TZID") == Some("Australia/Lord_Howe"))
        .unwrap()
        .subs
        .iter()
        .map(|s| s.get("TZOFFSETTO"))
        .collect();
    assert!(
        lord_howe.contains(&Some("+1030")) && lord_howe.contains(&Some("+1100")),
        "Lord Howe moves by half an hour: {lord_howe:?}"
    );
}

/// The instant of an event's DTSTART, read with its VTIMEZONE (not chrono-tz).
fn start_instant(calendar: &Node, event: &Node) -> DateTime<Utc> {
    let tzid = event.param("DTSTART", "TZID").unwrap();
    let vtz = calendar
        .subs("VTIMEZONE")
        .into_iter()
        .find(|z| z.get("TZID") == Some(tzid))
        .unwrap();
    let blocks: Vec<Observance> = vtz.subs.iter().map(observance).collect();
    let timeline = timeline(&blocks);
    let wall = local(event.get("DTSTART").unwrap());
    // The offset in force at that wall time: try each offset the zone has.
    let mut offsets: Vec<i32> = blocks.iter().flat_map(|b| [b.from, b.to]).collect();
    offsets.sort();
    offsets.dedup();
    offsets
        .iter()
        .map(|o| (wall - Duration::seconds((*o).into())).and_utc())
        .filter(|at| {
            stated_offset(&timeline, *at)
                .is_some_and(|s| wall == (*at + Duration::seconds(s.into())).naive_utc())
        })
        .min()
        .expect("the wall time exists in the zone")
}

#[test]
fn a_rituals_alarm_comes_at_its_reminder_lead() {
    let mut j = Journal::new();
    let mut made = Vec::new();
    for (title, lead, zone) in [
        ("Coffee at the time", 0, "Europe/Berlin"),
        ("Walk, soon", 15, "America/New_York"),
        ("Date night; dress up", 90, "Australia/Lord_Howe"),
        ("Letters \\ a day ahead", 1440, "Asia/Kolkata"),
    ] {
        let input = with(
            ritual(title, "FREQ=WEEKLY;BYDAY=FR", "19:30", d(2026, 11, 23)),
            |r| {
                r.reminder_lead_minutes = lead;
                r.zone = zone.into();
            },
        );
        made.push((j.by(SAM).rituals().create(&input).unwrap(), lead));
    }
    let calendar = read(&j.hearth.calendar(None).unwrap());
    let reminders = j
        .hearth
        .upcoming_reminders_for_tests(utc(2026, 11, 22, 0, 0), utc(2026, 12, 1, 0, 0))
        .unwrap();
    for (r, lead) in made {
        let event = calendar
            .subs("VEVENT")
            .into_iter()
            .find(|e| e.get("UID") == Some(&format!("{}@hearth.app", r.uid)))
            .unwrap();
        let alarms = event.subs("VALARM");
        assert_eq!(alarms.len(), 1, "each ritual has one alarm");
        let alarm = alarms[0];
        assert_eq!(
            alarm.get("ACTION"),
            Some("DISPLAY"),
            "the alarm shows a message"
        );
        assert_eq!(
            alarm.text("DESCRIPTION").as_deref(),
            Some(r.title.as_str()),
            "the alarm names the ritual"
        );
        let trigger = alarm.get("TRIGGER").unwrap();
        let expected = if lead == 0 {
            "PT0M".to_string()
        } else {
            format!("-PT{lead}M")
        };
        assert_eq!(
            trigger, expected,
            "a ritual's alarm comes at its reminder lead"
        );
        assert_eq!(
            alarm.param("TRIGGER", "RELATED"),
            None,
            "the alarm is relative to the start"
        );

        // The alarm of the first occurrence is when Hearth itself reminds.
        let rings = start_instant(&calendar, event) - Duration::minutes(lead);
        let hearths = reminders
            .iter()
            .filter(|due| due.ritual_id == Some(r.id))
            .map(|due| due.at)
            .min()
            .unwrap();
        assert_eq!(
            rings, hearths,
            "{}: a calendar app's alarm rings when Hearth's reminder does",
            r.title
        );
    }
}

fn review_promise(title: &str, review: chrono::NaiveDate) -> CommitmentInput {
    CommitmentInput {
        title: title.into(),
        details: Some("Private words; kept out of the calendar.".into()),
        owner: Some(SAM),
        cadence: None,
        start_date: d(2026, 10, 1),
        zone: "Europe/Berlin".into(),
        review_on: Some(review),
    }
}

#[test]
fn review_dates_of_open_accepted_commitments_are_all_day_events() {
    let mut j = Journal::new();
    // The clock: Sunday 22 November 2026.
    let kept = j
        .by(SAM)
        .commitments()
        .create(&review_promise("Text when I leave work", d(2026, 12, 14)))
        .unwrap();
    let past = j
        .by(SAM)
        .commitments()
        .create(&review_promise("No phones at dinner", d(2026, 11, 1)))
        .unwrap();
    let ended = j
        .by(SAM)
        .commitments()
        .create(&review_promise("Shared calendars", d(2027, 1, 10)))
        .unwrap();
    j.by(SAM).commitments().set_ended(ended.id, true).unwrap();
    // Alex proposes a promise in Sam's name: not yet a promise.
    let proposal = j
        .by(ALEX)
        .commitments()
        .create(&review_promise("Call when I'm late", d(2027, 2, 1)))
        .unwrap();
    assert!(!proposal.accepted);
    let no_review = j
        .by(SAM)
        .commitments()
        .create(&CommitmentInput {
            review_on: None,
            ..review_promise("Say goodnight", d(2027, 1, 1))
        })
        .unwrap();
    let walk = j
        .by(SAM)
        .rituals()
        .create(&ritual("Walk", "FREQ=DAILY", "19:00", d(2026, 11, 23)))
        .unwrap();

    let calendar = read(&j.hearth.calendar(None).unwrap());
    let reviews: Vec<&Node> = calendar
        .subs("VEVENT")
        .into_iter()
        .filter(|e| e.get("UID").is_some_and(|u| u.starts_with("review-")))
        .collect();
    let uids: Vec<&str> = reviews.iter().map(|e| e.get("UID").unwrap()).collect();
    assert_eq!(
        uids,
        [format!("review-{}@hearth.app", kept.uid), format!("review-{}@hearth.app", past.uid)],
        "open, accepted commitments with a review date; ended ones, proposals and those without a date stay out"
    );
    assert!(no_review.review_on.is_none());

    let e = reviews[0];
    assert_eq!(e.get("DTSTART"), Some("20261214"), "the review date");
    assert_eq!(
        e.param("DTSTART", "VALUE"),
        Some("DATE"),
        "an all-day event"
    );
    assert_eq!(e.get("DTEND"), Some("20261215"), "for that one day");
    assert_eq!(e.param("DTEND", "VALUE"), Some("DATE"));
    assert_eq!(
        e.text("SUMMARY").as_deref(),
        Some("Look back together: Text when I leave work"),
        "a warm summary with the commitment's title"
    );
    assert!(
        !e.text("DESCRIPTION")
            .unwrap_or_default()
            .contains("Private words"),
        "the commitment's details stay in Hearth"
    );
    assert_eq!(
        e.get("TRANSP"),
        Some("TRANSPARENT"),
        "a review doesn't make anyone busy"
    );
    let alarm = e.subs("VALARM");
    assert_eq!(alarm.len(), 1, "an upcoming review reminds");
    assert_eq!(alarm[0].get("ACTION"), Some("DISPLAY"));
    assert_eq!(
        alarm[0].get("TRIGGER"),
        Some("PT9H"),
        "at 09:00 of the review day, as Hearth reminds"
    );
    assert_eq!(
        alarm[0].text("DESCRIPTION").as_deref(),
        Some("Look back together: Text when I leave work")
    );
    assert!(
        reviews[1].subs("VALARM").is_empty(),
        "a review date already past doesn't ring as a missed alarm"
    );
    assert_eq!(reviews[1].get("DTSTART"), Some("20261101"));

    // Accepted, the proposal is a promise and its review comes in; a changed
    // review date keeps the event's UID, so a re-import moves it.
    j.by(SAM).commitments().accept(proposal.id).unwrap();
    j.by(SAM)
        .commitments()
        .update(
            kept.id,
            &review_promise("Text when I leave work", d(2027, 1, 4)),
        )
        .unwrap();
    let calendar = read(&j.hearth.calendar(None).unwrap());
    let review_of = |uid: &str| {
        calendar
            .subs("VEVENT")
            .into_iter()
            .find(|e| e.get("UID") == Some(&format!("review-{uid}@hearth.app")))
            .cloned()
    };
    assert_eq!(
        review_of(&proposal.uid)
            .and_then(|e| e.text("SUMMARY"))
            .as_deref(),
        Some("Look back together: Call when I'm late"),
        "once accepted, a proposal's review date is in the calendar"
    );
    assert_eq!(
        review_of(&kept.uid)
            .and_then(|e| e.get("DTSTART").map(str::to_owned))
            .as_deref(),
        Some("20270104"),
        "the same UID carries the new date"
    );

    // A calendar of chosen rituals holds just those.
    let chosen = read(&j.hearth.calendar(Some(&[walk.id])).unwrap());
    let uids: Vec<&str> = chosen
        .subs("VEVENT")
        .iter()
        .map(|e| e.get("UID").unwrap())
        .collect();
    assert_eq!(
        uids,
        [format!("{}@hearth.app", walk.uid)],
        "only the chosen rituals"
    );
}

#[test]
fn nasty_titles_never_break_the_calendar() {
    let mut j = Journal::new();
    let nasty = [
        "END:VEVENT\\nBEGIN:VALARM; a,b;c \\\\ \\; \"quoted\" 🙂",
        "Us: again; \\N\\n, and a very long title that keeps going 💛💛💛💛💛💛💛💛💛💛",
        "Ça; va\\ bien, merci — déjà vu ïöü ęłść 日本語のタイトル",
    ];
    for title in nasty {
        j.by(SAM)
            .rituals()
            .create(&with(
                ritual(title, "FREQ=DAILY", "08:00", d(2026, 11, 23)),
                |r| {
                    r.intention = Some(format!("{title} {title}"));
                    r.reminder_lead_minutes = 10;
                },
            ))
            .unwrap();
        j.by(SAM)
            .commitments()
            .create(&review_promise(title, d(2026, 12, 24)))
            .unwrap();
    }
    let text = j.hearth.calendar(None).unwrap();
    let calendar = read(&text);
    let events = calendar.subs("VEVENT");
    assert_eq!(
        events.len(),
        6,
        "one event per ritual and per review, whatever their titles"
    );
    for title in nasty {
        let ritual = events
            .iter()
            .find(|e| e.text("SUMMARY").as_deref() == Some(title))
            .expect("the title reads back exactly");
        assert_eq!(ritual.text("DESCRIPTION"), Some(format!("{title} {title}")));
        assert_eq!(ritual.subs("VALARM").len(), 1, "its alarm is still its own");
        assert_eq!(
            ritual.subs("VALARM")[0].text("DESCRIPTION").as_deref(),
            Some(title)
        );
        let review = events
            .iter()
            .find(|e| e.text("SUMMARY") == Some(format!("Look back together: {title}")))
            .expect("the review's summary reads back exactly");
        assert_eq!(review.subs("VALARM").len(), 1);
    }
    // The independent parser's own calendar type agrees on the count.
    let parsed: Calendar = text.parse().unwrap();
    assert_eq!(parsed.events().count(), 6);
}
