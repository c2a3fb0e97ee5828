//! Answering a reminder from its desktop notification.
//!
//! The shell only talks to the notification service; what a notification
//! offers, what each of its buttons means and whether an answer still
//! counts are decided here, so they are the same on every desktop and
//! testable without one.
//!
//! - **What it offers.** A notice about one ritual or one commitment review
//!   carries "We did it", "Snooze 10 min" and "Skip this time" where the
//!   desktop can show buttons. Every notice, on every desktop, also opens
//!   Hearth on its subject when clicked (the freedesktop `default` action):
//!   the ritual, the commitments, the check-in, or Today for several
//!   reminders at once (one set of buttons for several would be a guess).
//! - **The same answer as the banner.** "We did it" and "Skip this time"
//!   are [`Store::answer_reminder`], "Snooze 10 min" is
//!   [`Scheduler::snooze`]: the calls behind the banner's Done, Skip and
//!   Snooze, as the partner writing now.
//! - **Once.** A notification can be pressed twice, or after the window
//!   answered, or linger after a restart. The first answer is written into
//!   the reminder's row of the log, and a reminder whose log says it was
//!   answered, whose ritual already has an outcome that day, or that is
//!   already snoozed, takes no further answer: nothing changes, and the
//!   answer says so. A refusal (the ritual was deleted or moved off that
//!   day since) changes nothing either, and says why in the core's words.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::log::Status;
use super::{Notice, NoticeItem, NoticeKind, Scheduler};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::rituals::day;
use crate::stamp;
use crate::store::Store;

/// How long "Snooze 10 min" snoozes.
pub const NOTIFICATION_SNOOZE_MINUTES: i64 = 10;

/// A button of a desktop notification, or the click on the notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationAction {
    /// "We did it": the banner's Done.
    Done,
    /// "Snooze 10 min".
    Snooze,
    /// "Skip this time": the banner's Skip.
    Skip,
    /// A click on the notification itself: open Hearth on its subject.
    Open,
}

impl NotificationAction {
    /// The answers, in the order a notification shows them.
    pub const ANSWERS: [NotificationAction; 3] = [
        NotificationAction::Done,
        NotificationAction::Snooze,
        NotificationAction::Skip,
    ];

    /// The action's key on the desktop; `default` is the freedesktop name
    /// of a click on the notification itself.
    pub fn key(self) -> &'static str {
        match self {
            NotificationAction::Done => "done",
            NotificationAction::Snooze => "snooze",
            NotificationAction::Skip => "skip",
            NotificationAction::Open => "default",
        }
    }

    /// What the button says.
    pub fn label(self) -> &'static str {
        match self {
            NotificationAction::Done => "We did it",
            NotificationAction::Snooze => "Snooze 10 min",
            NotificationAction::Skip => "Skip this time",
            NotificationAction::Open => "Open Hearth",
        }
    }

    /// The action a desktop reports by its key; `None` for a key Hearth
    /// never sent.
    pub fn from_key(key: &str) -> Option<NotificationAction> {
        [Self::ANSWERS.as_slice(), &[NotificationAction::Open]]
            .concat()
            .into_iter()
            .find(|a| a.key() == key)
    }
}

/// What the shell should do about an action a desktop reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Response {
    /// Bring the window forward on this place of the page ("rituals/ritual/3").
    Open { route: String },
    /// Answer the reminder `key` with [`Scheduler::answer_from_notification`].
    Answer {
        key: String,
        action: NotificationAction,
    },
    /// Not something this notification offered: do nothing.
    Nothing,
}

impl Notice {
    /// The reminder a notification's buttons answer: the notice's only
    /// item, when it is a ritual or a commitment review. A check-in, or
    /// several reminders in one notice, have none.
    pub fn answerable_item(&self) -> Option<&NoticeItem> {
        match self.items.as_slice() {
            [item] if answerable(item) => Some(item),
            _ => None,
        }
    }

    /// The place of the page a click on the notification opens.
    pub fn route(&self) -> String {
        match self.items.as_slice() {
            [item] => match (item.kind, item.ritual_id) {
                (NoticeKind::Ritual, Some(id)) => format!("rituals/ritual/{id}"),
                (NoticeKind::CommitmentReview, _) => "rituals/commitments".into(),
                (NoticeKind::Checkin, _) => "checkins".into(),
                _ => "today".into(),
            },
            _ => "today".into(),
        }
    }

    /// What the notification carries, in order: the answers where the
    /// desktop can show buttons (`desktop_has_actions`) and the notice has
    /// one reminder to answer, then the click that opens Hearth.
    pub fn notification_actions(&self, desktop_has_actions: bool) -> Vec<NotificationAction> {
        let mut actions = Vec::new();
        if desktop_has_actions && self.answerable_item().is_some() {
            actions.extend(NotificationAction::ANSWERS);
        }
        actions.push(NotificationAction::Open);
        actions
    }

    /// The notice that says an answer from a notification was refused,
    /// with the core's reason (`why`): the window may be closed, so the
    /// desktop is where the person hears it.
    pub fn answer_refused(why: &str) -> Notice {
        Notice {
            title: "Nothing was recorded".into(),
            body: why.into(),
            items: Vec::new(),
        }
    }

    /// What the desktop's report of `action_key` on this notice asks for.
    pub fn respond(&self, action_key: &str) -> Response {
        match NotificationAction::from_key(action_key) {
            Some(NotificationAction::Open) => Response::Open {
                route: self.route(),
            },
            Some(action) => match self.answerable_item() {
                Some(item) => Response::Answer {
                    key: item.key.clone(),
                    action,
                },
                None => Response::Nothing,
            },
            None => Response::Nothing,
        }
    }
}

fn answerable(item: &NoticeItem) -> bool {
    match item.kind {
        NoticeKind::Ritual => item.ritual_id.is_some() && item.date.is_some(),
        NoticeKind::CommitmentReview => true,
        NoticeKind::Checkin => false,
    }
}

/// What became of an answer from a notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answered {
    /// The reminder answered.
    pub key: String,
    pub action: NotificationAction,
    /// False when the reminder had been answered already: nothing changed.
    pub recorded: bool,
    /// One sentence for the person: what was recorded, or why nothing was.
    pub said: String,
}

impl Scheduler {
    /// Answers the reminder `key` from its notification, as `by`: "We did
    /// it" and "Skip this time" record the ritual's outcome for the day the
    /// reminder was for, "Snooze 10 min" brings it back in ten minutes.
    /// Only the first answer to a reminder counts (see the module's notes);
    /// a later one returns `recorded: false` and changes nothing. An answer
    /// the core refuses (the ritual was deleted, or is no longer planned
    /// that day) is an error and changes nothing.
    pub(crate) fn answer_from_notification(
        &mut self,
        store: &mut Store,
        by: PartnerId,
        key: &str,
        action: NotificationAction,
        clock: &dyn Clock,
    ) -> Result<Answered> {
        if action == NotificationAction::Open {
            return Err(Error::invalid(
                "Opening Hearth isn't an answer to a reminder.",
            ));
        }
        let logged = store.logged_reminder(key)?;
        if !matches!(logged.status, Status::Sent | Status::Late) {
            return Err(Error::invalid(
                "That reminder wasn't shown, so there's nothing to answer.",
            ));
        }
        let title = logged.title.clone();
        let done_before = match (logged.ritual_id, logged.date) {
            (Some(id), Some(date)) => outcome_of(store, id, date)?,
            _ => None,
        };
        if answer_of(store, key)?.is_some() || done_before.is_some() || is_snoozed(store, key)? {
            return Ok(Answered {
                key: key.into(),
                action,
                recorded: false,
                said: format!("“{title}” was already answered, so nothing changed."),
            });
        }
        let ritual = logged.ritual_id.is_some();
        let said = match action {
            NotificationAction::Done | NotificationAction::Skip => {
                let skip = action == NotificationAction::Skip;
                store.answer_reminder(by, key, skip, clock)?;
                match (skip, ritual) {
                    (false, true) => format!("Marked “{title}” done."),
                    (false, false) => format!("Noted: “{title}”."),
                    (true, _) => format!("Skipped “{title}” this time."),
                }
            }
            NotificationAction::Snooze => {
                self.snooze(store, key, NOTIFICATION_SNOOZE_MINUTES, clock.now())?;
                format!("“{title}” will come back in {NOTIFICATION_SNOOZE_MINUTES} minutes.")
            }
            NotificationAction::Open => unreachable!("refused above"),
        };
        mark_answered(store, key, action, clock)?;
        self.replan();
        Ok(Answered {
            key: key.into(),
            action,
            recorded: true,
            said,
        })
    }
}

/// The answer a notification gave this reminder, if any.
fn answer_of(store: &Store, key: &str) -> Result<Option<String>> {
    Ok(store
        .conn()
        .prepare_cached("SELECT answer FROM reminder_log WHERE key = ?1")?
        .query_row([key], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

fn mark_answered(
    store: &Store,
    key: &str,
    action: NotificationAction,
    clock: &dyn Clock,
) -> Result<()> {
    store.conn().execute(
        "UPDATE reminder_log SET answer = ?2, answered_at = ?3
         WHERE key = ?1 AND answer IS NULL",
        params![key, action.key(), stamp::now(clock)],
    )?;
    Ok(())
}

fn outcome_of(store: &Store, ritual_id: i64, date: NaiveDate) -> Result<Option<String>> {
    Ok(store
        .conn()
        .prepare_cached("SELECT status FROM ritual_outcomes WHERE ritual_id = ?1 AND date = ?2")?
        .query_row(params![ritual_id, day(date)], |r| r.get(0))
        .optional()?)
}

fn is_snoozed(store: &Store, key: &str) -> Result<bool> {
    Ok(store
        .conn()
        .prepare_cached("SELECT 1 FROM reminder_snoozes WHERE key = ?1")?
        .exists([key])?)
}
