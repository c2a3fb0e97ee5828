//! The scheduler step: what fell due, what to do with it, written down first.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::params;

use super::log::{Decision, LoggedReminder, Status};
use super::settings::{pause_end, Pause, QuietHours};
use super::wording::{decide, item_of, notices};
use super::{
    Notice, NoticeItem, NoticeKind, PauseFor, ReminderSettings, LOOKBACK_MAX_DAYS,
    SAFETY_RECHECK_MINUTES, SNOOZE_CHOICES, TICK_SECONDS,
};
use crate::checkins::week_start;
use crate::error::{Error, Result};
use crate::rituals::{day, instant_on};
use crate::schedule::parse_zone;
use crate::store::Store;

/// Ticks further apart than this mean the wall clock jumped (a suspended
/// laptop, a clock change): look again whatever the plan said.
const JUMP_SECONDS: i64 = 3 * TICK_SECONDS as i64;

/// The reminder loop's state: the local zone and when to look next. It
/// holds nothing that must survive a restart: that is all in the store.
#[derive(Debug, Clone)]
pub struct Scheduler {
    zone: Tz,
    last_tick: Option<DateTime<Utc>>,
    next_look: Option<DateTime<Utc>>,
    /// The store's change count after the last look: any write since (a
    /// ritual added, an outcome recorded) means look again, even if the
    /// command that wrote forgot to call [`Scheduler::replan`].
    seen_changes: Option<u64>,
}

impl Scheduler {
    /// A scheduler for someone whose clock is in `zone` (quiet hours, "for
    /// today" and the check-in reminder follow it).
    pub fn new(zone: &str) -> Result<Scheduler> {
        Ok(Scheduler {
            zone: parse_zone(zone)?,
            last_tick: None,
            next_look: None,
            seen_changes: None,
        })
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The laptop's zone as the system reports it now (the shell asks at
    /// every tick, so a flight or a change in the system settings counts
    /// within one tick, with no restart). From the next look, quiet hours,
    /// the weekly check-in and "pause for today" follow the new zone; each
    /// ritual keeps its own. A name that isn't a zone is ignored (the last
    /// good one stays). Returns whether the zone changed.
    pub(crate) fn follow_zone(&mut self, store: &Store, zone: &str) -> Result<bool> {
        let Ok(zone) = parse_zone(zone) else {
            return Ok(false);
        };
        if zone == self.zone {
            return Ok(false);
        }
        self.zone = zone;
        // "For today" ends at midnight where the laptop is now.
        if let Some(day) = store.paused_day()? {
            if matches!(store.reminder_pause()?, Some(Pause::Until(_))) {
                let until = instant_on(zone, chrono::NaiveTime::MIN, day + Days::new(1));
                store.set_reminder_pause(Some(Pause::Until(until)))?;
            }
        }
        self.replan();
        Ok(true)
    }

    /// Something changed (a ritual, a setting): look at the next tick.
    pub fn replan(&mut self) {
        self.next_look = None;
    }

    /// When the next tick will look at the store (`None`: at the next tick).
    pub fn next_look(&self) -> Option<DateTime<Utc>> {
        self.next_look
    }

    /// One step of the loop at the wall-clock instant `now`: decides about
    /// every reminder that fell due, records the decisions, and returns the
    /// notices to show. Nothing is returned that was not recorded first.
    pub(crate) fn tick(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<Vec<Notice>> {
        let jumped = match self.last_tick {
            None => true,
            Some(prev) => now < prev || now - prev > Duration::seconds(JUMP_SECONDS),
        };
        self.last_tick = Some(now);
        let changed = self.seen_changes != Some(store.change_count());
        if !jumped && !changed && self.next_look.is_some_and(|at| now < at) {
            return Ok(Vec::new());
        }
        let notices = self.look(store, now);
        if notices.is_err() {
            // Try again at the next tick rather than waiting for the plan.
            self.next_look = None;
        }
        notices
    }

    /// The desktop refused `notice`: mark it so the next ticks try again.
    pub(crate) fn delivery_failed(&mut self, store: &Store, notice: &Notice) -> Result<()> {
        self.next_look = None;
        store.mark_failed(notice.keys())
    }

    /// Brings a shown reminder back in 10, 30 or 60 minutes; returns when.
    pub(crate) fn snooze(
        &mut self,
        store: &mut Store,
        key: &str,
        minutes: i64,
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>> {
        if !SNOOZE_CHOICES.contains(&minutes) {
            return Err(Error::invalid(format!(
                "A reminder can be snoozed for 10, 30 or 60 minutes, not {minutes}."
            )));
        }
        let logged = store.logged_reminder(key)?;
        if !matches!(logged.status, Status::Sent | Status::Late) {
            return Err(Error::invalid(
                "That reminder wasn't shown, so there's nothing to snooze.",
            ));
        }
        let until = now + Duration::minutes(minutes);
        store.insert_snooze(key, until, now)?;
        self.replan();
        Ok(until)
    }

    pub(crate) fn pause(
        &mut self,
        store: &mut Store,
        pause: PauseFor,
        now: DateTime<Utc>,
    ) -> Result<ReminderSettings> {
        store.set_reminder_pause(Some(pause_end(pause, now, self.zone)?))?;
        // Kept so "for today" can follow the laptop to another zone.
        let today =
            matches!(pause, PauseFor::Today).then(|| now.with_timezone(&self.zone).date_naive());
        store.set_paused_day(today)?;
        self.settings_changed(store, now)
    }

    pub(crate) fn resume(
        &mut self,
        store: &mut Store,
        now: DateTime<Utc>,
    ) -> Result<ReminderSettings> {
        store.set_reminder_pause(None)?;
        store.set_paused_day(None)?;
        self.settings_changed(store, now)
    }

    /// Quiet hours from `start` to `end` ("22:00", "07:00"), or off (`None`).
    pub(crate) fn set_quiet_hours(
        &mut self,
        store: &mut Store,
        hours: Option<(&str, &str)>,
        now: DateTime<Utc>,
    ) -> Result<ReminderSettings> {
        let quiet = hours.map(|(s, e)| QuietHours::new(s, e)).transpose()?;
        store.set_quiet_hours(quiet)?;
        self.settings_changed(store, now)
    }

    /// How late (0 to 720 minutes) a missed reminder may still come.
    pub(crate) fn set_grace(
        &mut self,
        store: &mut Store,
        minutes: i64,
        now: DateTime<Utc>,
    ) -> Result<ReminderSettings> {
        store.set_reminder_grace(minutes)?;
        self.settings_changed(store, now)
    }

    /// The weekly check-in reminder: on or off, ISO weekday (1 Monday to 7
    /// Sunday) and local time.
    pub(crate) fn set_checkin_reminder(
        &mut self,
        store: &mut Store,
        enabled: bool,
        weekday: i64,
        time: &str,
        now: DateTime<Utc>,
    ) -> Result<ReminderSettings> {
        let reminder = super::CheckinReminder::new(enabled, weekday, time)?;
        store.set_checkin_reminder(reminder)?;
        self.settings_changed(store, now)
    }

    fn settings_changed(&mut self, store: &Store, now: DateTime<Utc>) -> Result<ReminderSettings> {
        self.replan();
        store.reminder_settings(now)
    }

    /// The full look: everything due since the watermark, decided and
    /// recorded in one transaction, then the plan for the next look.
    fn look(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<Vec<Notice>> {
        let safety = now + Duration::minutes(SAFETY_RECHECK_MINUTES);
        if let Some(quiet) = store.quiet_hours()? {
            if quiet.contains(now.with_timezone(&self.zone).time()) {
                // Held: the watermark stays, so at the end of the quiet hours
                // the next look finds what fell due inside them.
                self.next_look = Some(quiet.end_after(now, self.zone).min(safety));
                self.seen_changes = Some(store.change_count());
                return Ok(Vec::new());
            }
        }
        let grace = Duration::minutes(store.reminder_grace()?.into());
        let paused = match store.reminder_pause()? {
            Some(Pause::Forever) => true,
            Some(Pause::Until(until)) => now < until,
            None => false,
        };
        let from = match store.checked_through()? {
            Some(seen) if seen < now => seen.max(now - Duration::days(LOOKBACK_MAX_DAYS)),
            // The clock went back: what lies between was decided already.
            Some(_) => now,
            None => now - grace,
        };

        let mut decisions = Vec::new();
        for due in store.upcoming_reminders(from, now)? {
            if !store.is_decided(&due.key)? {
                decisions.push(decide(item_of(&due), None, now, grace));
            }
        }
        for item in self.checkins_due(store, from, now)? {
            if !store.is_decided(&item.key)? {
                decisions.push(decide(item, None, now, grace));
            }
        }
        for failed in store.failed_reminders(now - grace)? {
            let mut d = decide(failed.item(false), failed.origin.clone(), now, grace);
            d.item.late = d.status == Status::Late;
            decisions.push(d);
        }
        for (until, logged) in store.due_snoozes(now)? {
            decisions.push(self.snooze_back(store, until, &logged, now, grace)?);
        }
        if paused {
            for d in &mut decisions {
                if matches!(d.status, Status::Sent | Status::Late) {
                    d.status = Status::Paused;
                }
            }
        }
        store.record_decisions(&decisions, Some(now), now)?;
        self.next_look = Some(self.plan(store, now, safety)?);
        self.seen_changes = Some(store.change_count());
        Ok(notices(&decisions))
    }

    /// A snooze whose time has come: shown again unless its ritual was
    /// deleted, paused, done or skipped meanwhile.
    fn snooze_back(
        &self,
        store: &Store,
        until: DateTime<Utc>,
        logged: &LoggedReminder,
        now: DateTime<Utc>,
        grace: Duration,
    ) -> Result<Decision> {
        let mut item = logged.item(false);
        item.key = format!("snooze:{}@{}", logged.key, until.timestamp());
        item.due_at = until;
        item.local_time = until.with_timezone(&self.zone).format("%H:%M").to_string();
        let mut decision = decide(item, Some(logged.key.clone()), now, grace);
        if let (Some(id), Some(date)) = (logged.ritual_id, logged.date) {
            let wanted = match store.ritual(id) {
                Ok(r) => r.active && !r.is_archived() && !has_outcome(store, id, date)?,
                Err(_) => false,
            };
            if !wanted {
                decision.status = Status::Cancelled;
            }
        }
        Ok(decision)
    }

    /// Weekly check-in reminders falling in `(from, to]`, unless both of
    /// you already checked in that week.
    pub(super) fn checkins_due(
        &self,
        store: &Store,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<NoticeItem>> {
        let reminder = store.checkin_reminder()?;
        if !reminder.enabled || to <= from {
            return Ok(Vec::new());
        }
        let week_starts = store.checkin_week_start()?;
        let mut date = from.with_timezone(&self.zone).date_naive();
        let last = to.with_timezone(&self.zone).date_naive();
        let mut out = Vec::new();
        while date <= last {
            if date.weekday() == reminder.chrono_weekday() {
                let at = instant_on(self.zone, reminder.time, date);
                let week = week_start(date, week_starts);
                if at > from && at <= to && checkins_in(store, week)? < 2 {
                    out.push(NoticeItem {
                        key: format!("checkin:{}", day(date)),
                        kind: NoticeKind::Checkin,
                        ritual_id: None,
                        date: Some(date),
                        title: "Your weekly check-in".into(),
                        body: "A few quiet minutes, together: how did this week feel?".into(),
                        due_at: at,
                        local_time: at.with_timezone(&self.zone).format("%H:%M").to_string(),
                        late: false,
                    });
                }
            }
            date = date + Days::new(1);
        }
        Ok(out)
    }

    /// The next instant worth looking at: the first reminder, check-in or
    /// snooze after `now`, or the safety recheck.
    fn plan(
        &self,
        store: &Store,
        now: DateTime<Utc>,
        safety: DateTime<Utc>,
    ) -> Result<DateTime<Utc>> {
        let mut next = safety;
        if let Some(first) = store.upcoming_reminders(now, safety)?.first() {
            next = next.min(first.at);
        }
        if let Some(first) = self.checkins_due(store, now, safety)?.first() {
            next = next.min(first.due_at);
        }
        if let Some(snooze) = store.next_snooze()? {
            next = next.min(snooze.max(now));
        }
        Ok(next)
    }
}

fn has_outcome(store: &Store, ritual_id: i64, date: NaiveDate) -> Result<bool> {
    Ok(store
        .conn()
        .prepare_cached("SELECT 1 FROM ritual_outcomes WHERE ritual_id = ?1 AND date = ?2")?
        .exists(params![ritual_id, day(date)])?)
}

fn checkins_in(store: &Store, week: NaiveDate) -> Result<i64> {
    Ok(store.conn().query_row(
        "SELECT count(*) FROM checkins WHERE week = ?1",
        [day(week)],
        |r| r.get(0),
    )?)
}
