//! Today, the agenda of the next days, and the reminders that fall due.
//!
//! Days are the **viewer's** local days: an occurrence belongs to the day its
//! instant falls on in the viewer's zone, and shows both its wall time in the
//! ritual's own zone and the viewer's. Outcomes stay keyed by the ritual's
//! own local date (`date`), which the page sends back to mark it.

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use super::occurrences::{instant_on, outcomes_between, view, OccurrenceView};
use super::{today_in, Ritual};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::schedule::parse_zone;
use crate::store::Store;

/// Days the agenda shows by default.
pub const AGENDA_DAYS: u32 = 7;
/// Most days one agenda request may cover.
pub const AGENDA_MAX_DAYS: u32 = 31;

/// One occurrence on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub title: String,
    pub intention: Option<String>,
    pub for_partner: Option<PartnerId>,
    pub duration_minutes: u32,
    /// The ritual's zone (`localTime` is on its clock).
    pub zone: String,
    /// The wall time on the viewer's clock, "13:30".
    pub viewer_time: String,
    #[serde(flatten)]
    pub occurrence: OccurrenceView,
}

/// One of the viewer's local days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaDay {
    pub date: NaiveDate,
    pub items: Vec<AgendaItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Ritual,
    CommitmentReview,
}

/// A reminder that falls due, for the reminder scheduler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueReminder {
    pub kind: ReminderKind,
    /// Stable and unique per reminder ("ritual:<uid>:2026-11-23"), for
    /// recording that it was delivered.
    pub key: String,
    pub ritual_id: Option<i64>,
    pub commitment_id: Option<i64>,
    /// The local date of the occurrence (or of the review) in its zone.
    pub date: NaiveDate,
    /// When to remind: the occurrence's instant minus the lead.
    pub at: DateTime<Utc>,
    /// When the ritual itself happens (the review's reminder time for reviews).
    pub occurs_at: DateTime<Utc>,
    pub title: String,
    pub intention: Option<String>,
    /// The wall time in its own zone, "07:00".
    pub local_time: String,
    pub zone: String,
}

impl Store {
    /// The viewer's local days from `from`, `days` of them (1 to 31), with
    /// every occurrence of the rituals that are active and not deleted.
    pub fn agenda(
        &self,
        from: NaiveDate,
        days: u32,
        viewer_zone: &str,
        clock: &dyn Clock,
    ) -> Result<Vec<AgendaDay>> {
        if !(1..=AGENDA_MAX_DAYS).contains(&days) {
            return Err(Error::invalid(format!(
                "The agenda shows 1 to {AGENDA_MAX_DAYS} days at a time, not {days}."
            )));
        }
        let viewer = parse_zone(viewer_zone)?;
        let day_start = |d: NaiveDate| instant_on(viewer, NaiveTime::MIN, d);
        let end_date = from
            .checked_add_days(Days::new(days.into()))
            .ok_or_else(|| Error::invalid("That date is too far ahead."))?;
        let (start, end) = (day_start(from), day_start(end_date));
        let rituals = self.rituals(false)?;
        let gaps = self.all_gaps()?;
        // Occurrence dates are in each ritual's zone: a day either side of
        // the viewer's window covers every zone.
        let mut recorded = outcomes_between(
            self.conn(),
            None,
            from.checked_sub_days(Days::new(2)).unwrap_or(from),
            end_date.checked_add_days(Days::new(2)).unwrap_or(end_date),
        )?;
        let mut out: Vec<AgendaDay> = (0..days)
            .filter_map(|i| from.checked_add_days(Days::new(i.into())))
            .map(|date| AgendaDay {
                date,
                items: Vec::new(),
            })
            .collect();
        for ritual in &rituals {
            let gaps = gaps.get(&ritual.id).map(Vec::as_slice).unwrap_or(&[]);
            let recorded = recorded.remove(&ritual.id).unwrap_or_default();
            let today = today_in(ritual.tz, clock);
            let occurrences = ritual
                .timing()
                .occurrences_after(start - Duration::seconds(1))
                .take_while(|o| o.at < end)
                .filter(|o| !gaps.iter().any(|g| g.covers(o.date)));
            for o in occurrences {
                let local = o.at.with_timezone(&viewer);
                let index = (local.date_naive() - from).num_days();
                let Some(slot) = usize::try_from(index).ok().and_then(|i| out.get_mut(i)) else {
                    continue;
                };
                slot.items.push(item(
                    ritual,
                    view(ritual, o.date, today, recorded.get(&o.date)),
                    local.format("%H:%M").to_string(),
                ));
            }
        }
        for day in &mut out {
            day.items
                .sort_by_key(|i| (i.occurrence.at, i.occurrence.ritual_id));
        }
        Ok(out)
    }

    /// Today: the viewer's local `date` with its rituals and their states.
    pub fn today(
        &self,
        date: NaiveDate,
        viewer_zone: &str,
        clock: &dyn Clock,
    ) -> Result<AgendaDay> {
        Ok(self
            .agenda(date, 1, viewer_zone, clock)?
            .pop()
            .unwrap_or(AgendaDay {
                date,
                items: Vec::new(),
            }))
    }

    /// The reminders whose time is in `(from, to]`: one per occurrence of
    /// each active ritual that isn't deleted and has nothing recorded yet
    /// (at its time minus its lead), and each open commitment's review date.
    /// Windows that share an end never both hold a reminder.
    pub fn upcoming_reminders(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DueReminder>> {
        let mut due = Vec::new();
        if to <= from {
            return Ok(due);
        }
        let gaps = self.all_gaps()?;
        // Occurrences up to a day's lead after `to`, in any zone: two days
        // either side of the window's dates hold all their outcomes.
        let mut recorded = outcomes_between(
            self.conn(),
            None,
            from.date_naive()
                .checked_sub_days(Days::new(2))
                .unwrap_or(NaiveDate::MIN),
            to.date_naive()
                .checked_add_days(Days::new(3))
                .unwrap_or(NaiveDate::MAX),
        )?;
        for ritual in self.rituals(false)? {
            let gaps = gaps.get(&ritual.id).map(Vec::as_slice).unwrap_or(&[]);
            let recorded = recorded.remove(&ritual.id).unwrap_or_default();
            let lead = Duration::minutes(ritual.reminder_lead_minutes.into());
            let occurrences = ritual
                .timing()
                .occurrences_between(from + lead, to + lead)
                .filter(|o| !gaps.iter().any(|g| g.covers(o.date)))
                .filter(|o| !recorded.contains_key(&o.date));
            for o in occurrences {
                due.push(reminder(&ritual, o.date, o.at, lead));
            }
        }
        due.extend(self.review_reminders(from, to)?);
        due.sort_by(|a, b| (a.at, &a.key).cmp(&(b.at, &b.key)));
        Ok(due)
    }
}

fn item(ritual: &Ritual, occurrence: OccurrenceView, viewer_time: String) -> AgendaItem {
    AgendaItem {
        title: ritual.title.clone(),
        intention: ritual.intention.clone(),
        for_partner: ritual.for_partner,
        duration_minutes: ritual.duration_minutes,
        zone: ritual.zone.clone(),
        viewer_time,
        occurrence,
    }
}

fn reminder(ritual: &Ritual, date: NaiveDate, at: DateTime<Utc>, lead: Duration) -> DueReminder {
    DueReminder {
        kind: ReminderKind::Ritual,
        key: format!("ritual:{}:{}", ritual.uid, super::day(date)),
        ritual_id: Some(ritual.id),
        commitment_id: None,
        date,
        at: at - lead,
        occurs_at: at,
        title: ritual.title.clone(),
        intention: ritual.intention.clone(),
        local_time: at.with_timezone(&ritual.tz).format("%H:%M").to_string(),
        zone: ritual.zone.clone(),
    }
}
