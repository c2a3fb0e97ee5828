//! The reminder plan through the door.
//!
//! The scheduler lives inside [`Hearth`], beside the store it reads, so the
//! decisions are made here: what is due, pause and resume (the tray's one
//! item too), snooze, quiet hours, the grace window. The shell keeps only
//! what needs the desktop: it ticks on the wall clock, hands the notices to
//! the notifier and the page, and registers a [`Waker`] so it hears at once
//! when a write changed what is due.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::plan::Waker;
use super::{reopen_error, Hearth};
use crate::error::{Error, Result};
use crate::reminders::{
    Answered, Notice, NotificationAction, Notifier, PauseFor, ReminderSettings, Scheduler,
};
use crate::rituals::OccurrenceView;
use crate::store::Store;

/// How long the tray's "Pause reminders" pauses them.
pub const TRAY_PAUSE_MINUTES: i64 = 60;

pub struct RemindersHandle<'a>(pub(super) &'a mut Hearth);

impl RemindersHandle<'_> {
    /// The laptop's zone at start (quiet hours, "for today" and the
    /// check-in follow it); UTC when the name isn't a zone.
    pub fn start_in_zone(&mut self, zone: &str) {
        self.0.plan.scheduler = Scheduler::new(zone)
            .or_else(|_| Scheduler::new("UTC"))
            .expect("UTC is a known zone");
    }

    /// Called whenever a write changed what is due (the shell's loop wakes).
    pub fn on_change(&mut self, waker: Waker) {
        self.0.plan.set_waker(waker);
    }

    /// How many times the plan was woken since Hearth opened.
    pub fn wakes(&self) -> u64 {
        self.0.plan.wakes()
    }

    pub fn zone(&self) -> Tz {
        self.0.plan.scheduler.zone()
    }

    /// When the next tick will look at the store (`None`: at the next tick).
    pub fn next_look(&self) -> Option<DateTime<Utc>> {
        self.0.plan.scheduler.next_look()
    }

    /// The laptop's zone as the system reports it now; see
    /// [`Scheduler::follow_zone`]. Nothing to follow while the file is closed.
    pub fn follow_zone(&mut self, zone: &str) -> Result<bool> {
        let hearth = &mut *self.0;
        match &hearth.store {
            Ok(store) => hearth.plan.scheduler.follow_zone(store, zone),
            Err(_) => Ok(false),
        }
    }

    /// One step of the loop at the clock's time: the notices to show, each
    /// recorded first. Nothing while the file can't be opened.
    /// While Hearth is locked and the couple chose so, the notices name
    /// nothing ("A Hearth reminder"; see `locking.rs`).
    pub fn tick(&mut self) -> Result<Vec<Notice>> {
        let hearth = &mut *self.0;
        if hearth.closed_at_rest() {
            return Ok(hearth.tick_at_rest());
        }
        let now = hearth.clock.now();
        let mut notices = match &mut hearth.store {
            Ok(store) => hearth.plan.scheduler.tick(store, now)?,
            Err(_) => return Ok(Vec::new()),
        };
        hearth.refresh_rest_plan();
        // A failing check hides: the notices are already recorded as shown.
        if !notices.is_empty() && hearth.reminders_hidden().unwrap_or(true) {
            notices.iter_mut().for_each(super::locking::hide);
        }
        Ok(notices)
    }

    /// [`RemindersHandle::tick`], each notice handed to `notifier`; how many
    /// were shown, or the first refusal.
    pub fn run(&mut self, notifier: &dyn Notifier) -> Result<usize> {
        if let Err(err) = &self.0.store {
            if !self.0.closed_at_rest() {
                return Err(reopen_error(err));
            }
        }
        let notices = self.tick()?;
        let mut refused = None;
        for notice in &notices {
            if let Err(err) = notifier.deliver(notice) {
                self.delivery_failed(notice)?;
                refused.get_or_insert(err);
            }
        }
        match refused {
            Some(err) => Err(err),
            None => Ok(notices.len()),
        }
    }

    /// The desktop refused `notice`: the next ticks try it again (not at
    /// once: the loop is not woken, so a refusing desktop isn't hammered).
    pub fn delivery_failed(&mut self, notice: &Notice) -> Result<()> {
        let hearth = &mut *self.0;
        match &hearth.store {
            Ok(store) => hearth.plan.scheduler.delivery_failed(store, notice),
            Err(err) => Err(reopen_error(err)),
        }
    }

    pub fn settings(&mut self) -> Result<ReminderSettings> {
        let now = self.0.clock.now();
        self.0.store()?.reminder_settings(now)
    }

    pub fn pause(&mut self, pause: PauseFor) -> Result<ReminderSettings> {
        self.with_scheduler(|sch, store, now| sch.pause(store, pause, now))
    }

    pub fn resume(&mut self) -> Result<ReminderSettings> {
        self.with_scheduler(|sch, store, now| sch.resume(store, now))
    }

    /// The tray's one item: resumes reminders when they are paused, else
    /// pauses them for [`TRAY_PAUSE_MINUTES`]. Returns whether they are
    /// paused now.
    pub fn toggle_pause(&mut self) -> Result<bool> {
        let settings = if self.settings()?.paused {
            self.resume()?
        } else {
            self.pause(PauseFor::Minutes {
                minutes: TRAY_PAUSE_MINUTES,
            })?
        };
        Ok(settings.paused)
    }

    /// Quiet hours from `start` to `end` ("22:00", "07:00"); both absent:
    /// off; one without the other is refused.
    pub fn set_quiet_hours(
        &mut self,
        start: Option<&str>,
        end: Option<&str>,
    ) -> Result<ReminderSettings> {
        let hours = match (start, end) {
            (Some(s), Some(e)) => Some((s, e)),
            (None, None) => None,
            _ => {
                return Err(Error::InvalidInput(
                    "Quiet hours need both a start and an end.".into(),
                ))
            }
        };
        self.with_scheduler(|sch, store, now| sch.set_quiet_hours(store, hours, now))
    }

    pub fn set_grace(&mut self, minutes: i64) -> Result<ReminderSettings> {
        self.with_scheduler(|sch, store, now| sch.set_grace(store, minutes, now))
    }

    pub fn set_checkin_reminder(
        &mut self,
        enabled: bool,
        weekday: i64,
        time: &str,
    ) -> Result<ReminderSettings> {
        self.with_scheduler(|sch, store, now| {
            sch.set_checkin_reminder(store, enabled, weekday, time, now)
        })
    }

    /// Brings a shown reminder back in 10, 30 or 60 minutes; returns when.
    pub fn snooze(&mut self, key: &str, minutes: i64) -> Result<DateTime<Utc>> {
        self.with_scheduler(|sch, store, now| sch.snooze(store, key, minutes, now))
    }

    /// The banner's Done (or Skip, with `skip`): the ritual's outcome for
    /// the day the reminder was for, as the partner writing now.
    pub fn answer(&mut self, key: &str, skip: bool) -> Result<Option<OccurrenceView>> {
        self.0
            .as_writer_waking(|s, me, c| s.answer_reminder(me, key, skip, c))
    }

    /// Answers the reminder `key` from its notification as the partner
    /// writing now (see [`Scheduler::answer_from_notification`]); a
    /// recorded answer wakes the plan.
    ///
    /// Also while that partner is locked: an answer records a ritual's
    /// outcome (shared with both, never private text) and reads nothing
    /// else, so a reminder answered from the desktop while Hearth is locked
    /// still counts, once. While reminders are hidden, what it says back
    /// names nothing either.
    pub fn answer_from_notification(
        &mut self,
        key: &str,
        action: NotificationAction,
    ) -> Result<Answered> {
        let hidden = self.0.reminders_hidden()?;
        let hearth = &mut *self.0;
        let clock = &*hearth.clock;
        let store = match &mut hearth.store {
            Ok(store) => store,
            Err(err) => return Err(reopen_error(err)),
        };
        let by = store.writer()?.ok_or(Error::NotSetUp)?;
        let before = store.change_count();
        let result = hearth
            .plan
            .scheduler
            .answer_from_notification(store, by, key, action, clock);
        if store.change_count() != before {
            hearth.plan.wake();
        }
        let mut answered = result?;
        if hidden {
            super::locking::hide_answer(&mut answered);
        }
        Ok(answered)
    }

    /// The notice that says an answer from a notification was refused
    /// (`why`: the refusal); while reminders are hidden it names nothing.
    pub fn refusal_notice(&mut self, why: &Error) -> Notice {
        let hidden = self.0.reminders_hidden().unwrap_or(true);
        super::locking::refusal(&why.to_string(), hidden)
    }

    /// Runs `f` on the scheduler and the store at the clock's time; when it
    /// changed a row, the plan is woken.
    fn with_scheduler<T>(
        &mut self,
        f: impl FnOnce(&mut Scheduler, &mut Store, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        let hearth = &mut *self.0;
        let now = hearth.clock.now();
        let store = match &mut hearth.store {
            Ok(store) => store,
            Err(err) => return Err(reopen_error(err)),
        };
        let before = store.change_count();
        let result = f(&mut hearth.plan.scheduler, store, now);
        if store.change_count() != before {
            hearth.plan.wake();
        }
        result
    }
}
