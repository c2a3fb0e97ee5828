//! Ritual ideas written by this project, each with a sensible default
//! schedule, time and length, and one line on why it helps. Adding one makes
//! an ordinary ritual the couple can change in every way.

use chrono::NaiveDate;
use serde::Serialize;

use super::{check_input, Ritual, RitualInput};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::schedule::Schedule;
use crate::store::Store;

/// A ritual idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RitualTemplate {
    pub id: &'static str,
    pub title: &'static str,
    /// The one-line why.
    pub intention: &'static str,
    /// RRULE text.
    pub schedule: &'static str,
    pub time: &'static str,
    pub duration_minutes: u32,
    pub reminder_lead_minutes: u32,
}

impl RitualTemplate {
    /// The form, filled in: starting `start` in `zone`, for both of you.
    pub fn input(&self, zone: &str, start: NaiveDate) -> RitualInput {
        RitualInput {
            title: self.title.into(),
            intention: Some(self.intention.into()),
            schedule: self.schedule.into(),
            time: self.time.into(),
            zone: zone.into(),
            duration_minutes: self.duration_minutes.into(),
            start_date: start,
            end_date: None,
            for_partner: None,
            reminder_lead_minutes: self.reminder_lead_minutes.into(),
        }
    }

    /// When it happens, in the words a ritual's own description uses:
    /// "Every Tuesday, Thursday and Sunday at 19:00". The page shows it
    /// next to the idea, so choosing one is choosing a known rhythm.
    pub fn describe(&self) -> String {
        match Schedule::parse_rrule(self.schedule) {
            Ok(schedule) => format!("{} at {}", schedule.describe(), self.time),
            Err(_) => format!("At {}", self.time),
        }
    }
}

const fn t(
    id: &'static str,
    title: &'static str,
    intention: &'static str,
    schedule: &'static str,
    time: &'static str,
    duration_minutes: u32,
    reminder_lead_minutes: u32,
) -> RitualTemplate {
    RitualTemplate {
        id,
        title,
        intention,
        schedule,
        time,
        duration_minutes,
        reminder_lead_minutes,
    }
}

static TEMPLATES: &[RitualTemplate] = &[
    t(
        "morning-coffee",
        "Morning coffee together",
        "A few quiet minutes side by side before the day pulls you apart.",
        "FREQ=DAILY",
        "07:30",
        15,
        0,
    ),
    t(
        "evening-walk",
        "Evening walk",
        "Walking side by side makes it easier to talk, and easier to just be together.",
        "FREQ=WEEKLY;BYDAY=TU,TH,SU",
        "19:00",
        30,
        0,
    ),
    t(
        "phone-free-hour",
        "Phone-free hour",
        "An hour with nothing asking for your attention except each other.",
        "FREQ=DAILY",
        "20:30",
        60,
        0,
    ),
    t(
        "weekly-check-in",
        "Weekly check-in",
        "A calm half hour to ask how we are doing, and to listen to the answer.",
        "FREQ=WEEKLY;BYDAY=SU",
        "18:00",
        30,
        15,
    ),
    t(
        "weekly-date",
        "Date night",
        "Time to enjoy each other, not to fix anything.",
        "FREQ=WEEKLY;BYDAY=FR",
        "19:30",
        120,
        60,
    ),
    t(
        "old-letters",
        "Rereading old letters",
        "Remembering what we wrote when we were close reminds us what we are rebuilding.",
        "FREQ=MONTHLY;BYDAY=1SU",
        "16:00",
        45,
        0,
    ),
    t(
        "fun-trip",
        "A trip just for fun",
        "New good memories matter as much as the serious talks.",
        "FREQ=MONTHLY;BYDAY=-1SA",
        "10:00",
        360,
        1440,
    ),
    t(
        "thinking-of-you",
        "Thinking-of-you message",
        "A short note in the middle of the day: you are on my mind.",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "12:30",
        5,
        0,
    ),
    t(
        "thank-yous",
        "Three thank-yous",
        "Saying out loud what the other did that helped, however small.",
        "FREQ=WEEKLY;BYDAY=WE,SA",
        "21:00",
        10,
        0,
    ),
    t(
        "cook-together",
        "Cooking together",
        "Making something side by side, with no goal but a good meal.",
        "FREQ=WEEKLY;BYDAY=SA",
        "18:00",
        90,
        30,
    ),
    t(
        "month-look-back",
        "Looking back on the month",
        "Noticing how far you have come together, step by small step.",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "20:00",
        30,
        0,
    ),
];

/// Every ritual idea, in the order the page offers them.
pub fn templates() -> &'static [RitualTemplate] {
    TEMPLATES
}

/// One idea by its id.
pub fn template(id: &str) -> Result<&'static RitualTemplate> {
    TEMPLATES.iter().find(|t| t.id == id.trim()).ok_or_else(|| {
        Error::NotFound(
            "Hearth doesn't have that ritual idea. Please pick one from the list.".into(),
        )
    })
}

impl Store {
    /// Adds a ritual from an idea, starting `today` in `zone` (the system's
    /// zone, from the shell). Everything stays editable afterwards.
    pub fn create_from_template(
        &mut self,
        by: PartnerId,
        template_id: &str,
        zone: &str,
        today: NaiveDate,
        clock: &dyn Clock,
    ) -> Result<Ritual> {
        self.ensure_partner(by)?;
        let template = template(template_id)?;
        let checked = check_input(&template.input(zone, today))?;
        self.insert_ritual(by, &checked, Some(template.id), clock)
    }
}
