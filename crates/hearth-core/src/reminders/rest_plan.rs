//! Reminders while the whole journal is locked ("Lock Hearth"): the plan
//! of what falls due in the next two weeks, kept beside the encrypted
//! file in `hearth.plan`, because the loop can't open the journal without
//! a passphrase.
//!
//! The plan holds no words at all: each reminder's key (a ritual's or
//! commitment's number and a date, or the week of a check-in), its kind,
//! when it is due and when it may be shown (pause and quiet hours already
//! applied: they can't change while Hearth is locked), and the keys shown
//! meanwhile. Its notices always say only "A Hearth reminder". At the next
//! unlock the keys shown are written to the journal's reminder log, so
//! nothing is shown twice.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::log::{Decision, Status};
use super::settings::Pause;
use super::wording::{decide, item_of};
use super::{Notice, NoticeItem, NoticeKind, Scheduler, ON_TIME_MINUTES};
use crate::error::Result;
use crate::hearth::PRIVATE_REMINDER;
use crate::store::Store;

/// The name of the plan inside the data folder.
pub const PLAN_FILE: &str = "hearth.plan";
/// How far ahead the plan looks.
const HORIZON_DAYS: i64 = 14;
const FORMAT: u32 = 1;

/// What the reminder loop may know while the journal is locked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestPlan {
    hearth: String,
    format: u32,
    pub written_at: DateTime<Utc>,
    grace_minutes: i64,
    pub due: Vec<PlanItem>,
    /// Keys shown while locked, to be logged at the next unlock.
    pub shown: Vec<String>,
}

/// One reminder that may fall due while locked: numbers and times only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanItem {
    pub key: String,
    kind: String,
    ritual_id: Option<i64>,
    date: Option<NaiveDate>,
    due_at: DateTime<Utc>,
    local_time: String,
    /// When it may be shown: its time, or the end of quiet hours.
    show_at: DateTime<Utc>,
}

impl Scheduler {
    /// The plan of the next two weeks, read from the open journal.
    pub(crate) fn rest_plan(&self, store: &Store, now: DateTime<Utc>) -> Result<RestPlan> {
        let grace = Duration::minutes(store.reminder_grace()?.into());
        let from = now - grace;
        let to = now + Duration::days(HORIZON_DAYS);
        let mut items: Vec<NoticeItem> = store
            .upcoming_reminders(from, to)?
            .iter()
            .map(item_of)
            .collect();
        items.extend(self.checkins_due(store, from, to)?);
        let pause = store.reminder_pause()?;
        let quiet = store.quiet_hours()?;
        let mut due = Vec::new();
        for item in items {
            if store.is_decided(&item.key)? {
                continue;
            }
            let paused = match pause {
                Some(Pause::Forever) => true,
                Some(Pause::Until(until)) => item.due_at < until,
                None => false,
            };
            if paused {
                continue;
            }
            let show_at = match &quiet {
                Some(q) if q.contains(item.due_at.with_timezone(&self.zone()).time()) => {
                    q.end_after(item.due_at, self.zone())
                }
                _ => item.due_at,
            };
            due.push(PlanItem {
                key: item.key,
                kind: item.kind.as_str().into(),
                ritual_id: item.ritual_id,
                date: item.date,
                due_at: item.due_at,
                local_time: item.local_time,
                show_at,
            });
        }
        Ok(RestPlan {
            hearth: "plan".into(),
            format: FORMAT,
            written_at: now,
            grace_minutes: grace.num_minutes(),
            due,
            shown: vec![],
        })
    }
}

impl RestPlan {
    pub fn parse(bytes: &[u8]) -> Option<RestPlan> {
        serde_json::from_slice::<RestPlan>(bytes)
            .ok()
            .filter(|p| p.hearth == "plan" && p.format == FORMAT)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("a plan serialises")
    }

    /// The notices due at `now` that weren't shown yet, each naming
    /// nothing; they are marked shown. One notice per reminder.
    pub(crate) fn tick(&mut self, now: DateTime<Utc>) -> Vec<Notice> {
        let grace = Duration::minutes(self.grace_minutes).max(Duration::minutes(ON_TIME_MINUTES));
        let mut notices = vec![];
        for item in &self.due {
            if item.show_at > now || now - item.due_at > grace || self.shown.contains(&item.key) {
                continue;
            }
            notices.push(Notice {
                title: PRIVATE_REMINDER.into(),
                body: "Open Hearth to see it.".into(),
                items: vec![NoticeItem {
                    late: now - item.due_at > Duration::minutes(ON_TIME_MINUTES),
                    ..item.notice_item()
                }],
            });
        }
        for n in &notices {
            self.shown.extend(n.keys().map(str::to_string));
        }
        notices
    }

    /// Writes the reminders shown while locked into the journal's log (as
    /// shown), so the open journal never shows them again.
    pub(crate) fn record_shown(&self, store: &mut Store, now: DateTime<Utc>) -> Result<()> {
        let decisions: Vec<Decision> = self
            .due
            .iter()
            .filter(|i| self.shown.contains(&i.key))
            .map(|i| {
                let mut d = decide(i.notice_item(), None, now, Duration::days(HORIZON_DAYS));
                d.status = Status::Sent;
                d
            })
            .collect();
        if decisions.is_empty() {
            return Ok(());
        }
        store.record_decisions(&decisions, None, now)
    }
}

impl PlanItem {
    fn notice_item(&self) -> NoticeItem {
        NoticeItem {
            key: self.key.clone(),
            kind: match self.kind.as_str() {
                "ritual" => NoticeKind::Ritual,
                "commitment_review" => NoticeKind::CommitmentReview,
                _ => NoticeKind::Checkin,
            },
            ritual_id: self.ritual_id,
            date: self.date,
            title: PRIVATE_REMINDER.into(),
            body: String::new(),
            due_at: self.due_at,
            local_time: self.local_time.clone(),
            late: false,
        }
    }
}
