//! The couple's reminder settings: grace window, quiet hours, pause, and the
//! weekly check-in reminder. Each is one row of the `settings` table, so a
//! restart keeps them; bad values are refused and change nothing.

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::rituals::instant_on;
use crate::schedule::parse_time;
use crate::stamp;
use crate::store::Store;

/// How late a missed reminder is still delivered, by default (two hours).
pub const GRACE_DEFAULT_MINUTES: u32 = 120;
/// The longest grace window: half a day.
pub const GRACE_MAX_MINUTES: u32 = 720;
/// The lengths a reminder may be snoozed for, in minutes.
pub const SNOOZE_CHOICES: [i64; 3] = [10, 30, 60];
/// The longest pause given in minutes (a day); "until resumed" has no end.
pub const PAUSE_MAX_MINUTES: i64 = 1440;

const GRACE_KEY: &str = "reminders.grace_minutes";
const QUIET_KEY: &str = "reminders.quiet_hours";
const PAUSE_KEY: &str = "reminders.paused";
/// The local date of a "pause for today", so its end can follow the laptop's zone.
const PAUSED_DAY_KEY: &str = "reminders.paused_day";
const CHECKIN_KEY: &str = "reminders.checkin";
pub(super) const CHECKED_KEY: &str = "reminders.checked_through";
const PAUSED_FOREVER: &str = "until-resumed";

/// A daily span in which nothing is shown; it may run past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuietHours {
    #[serde(serialize_with = "hhmm")]
    pub start: NaiveTime,
    #[serde(serialize_with = "hhmm")]
    pub end: NaiveTime,
}

fn hhmm<S: serde::Serializer>(t: &NaiveTime, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.format("%H:%M").to_string())
}

impl QuietHours {
    /// Checks "22:00" to "07:00"; the start and end must differ.
    pub fn new(start: &str, end: &str) -> Result<QuietHours> {
        let (start, end) = (parse_time(start)?, parse_time(end)?);
        if start == end {
            return Err(Error::invalid(
                "Quiet hours need to start and end at different times.",
            ));
        }
        Ok(QuietHours { start, end })
    }

    /// Whether the local time `t` is inside (start included, end not).
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// When the quiet hours around `now` end (only meaningful inside them).
    pub fn end_after(&self, now: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
        let today = now.with_timezone(&zone).date_naive();
        [today, today + Days::new(1)]
            .into_iter()
            .map(|d| instant_on(zone, self.end, d))
            .find(|&at| at > now)
            .unwrap_or(now + Duration::days(1))
    }
}

/// The reminder for the weekly check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckinReminder {
    pub enabled: bool,
    /// ISO day: 1 is Monday, 7 is Sunday.
    pub weekday: u8,
    #[serde(serialize_with = "hhmm")]
    pub time: NaiveTime,
}

impl Default for CheckinReminder {
    /// Sunday at 19:00: the week is over, the evening is usually free.
    fn default() -> Self {
        CheckinReminder {
            enabled: true,
            weekday: 7,
            time: NaiveTime::from_hms_opt(19, 0, 0).expect("a real time"),
        }
    }
}

impl CheckinReminder {
    pub fn new(enabled: bool, weekday: i64, time: &str) -> Result<CheckinReminder> {
        let weekday = u8::try_from(weekday)
            .ok()
            .filter(|d| (1..=7).contains(d))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "Days of the week go from 1 (Monday) to 7 (Sunday), not {weekday}."
                ))
            })?;
        Ok(CheckinReminder {
            enabled,
            weekday,
            time: parse_time(time)?,
        })
    }

    pub(super) fn chrono_weekday(&self) -> Weekday {
        Weekday::try_from(self.weekday - 1).unwrap_or(Weekday::Sun)
    }

    fn encode(&self) -> String {
        format!(
            "{}|{}|{}",
            if self.enabled { "on" } else { "off" },
            self.weekday,
            self.time.format("%H:%M")
        )
    }

    fn decode(raw: &str) -> Option<CheckinReminder> {
        let mut parts = raw.split('|');
        let enabled = parts.next()? == "on";
        let weekday = parts.next()?.parse().ok()?;
        CheckinReminder::new(enabled, weekday, parts.next()?).ok()
    }
}

/// How long to pause all reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PauseFor {
    /// 1 to 1440 minutes (the page offers an hour).
    Minutes {
        minutes: i64,
    },
    /// Until the next local midnight.
    Today,
    UntilResumed,
}

/// Everything the Settings section shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettings {
    pub grace_minutes: u32,
    /// `None` while off (the default).
    pub quiet_hours: Option<QuietHours>,
    /// Paused now (a pause whose end has passed is over).
    pub paused: bool,
    /// When the pause ends; `None` with `paused` means until resumed.
    pub paused_until: Option<DateTime<Utc>>,
    pub checkin: CheckinReminder,
}

/// The stored pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pause {
    Until(DateTime<Utc>),
    Forever,
}

impl Store {
    /// The reminder settings as they stand at `now`.
    pub fn reminder_settings(&self, now: DateTime<Utc>) -> Result<ReminderSettings> {
        let pause = self.reminder_pause()?.filter(|p| match p {
            Pause::Until(until) => *until > now,
            Pause::Forever => true,
        });
        Ok(ReminderSettings {
            grace_minutes: self.reminder_grace()?,
            quiet_hours: self.quiet_hours()?,
            paused: pause.is_some(),
            paused_until: match pause {
                Some(Pause::Until(until)) => Some(until),
                _ => None,
            },
            checkin: self.checkin_reminder()?,
        })
    }

    pub(super) fn reminder_grace(&self) -> Result<u32> {
        Ok(self
            .setting(GRACE_KEY)?
            .and_then(|v| v.parse().ok())
            .filter(|m| *m <= GRACE_MAX_MINUTES)
            .unwrap_or(GRACE_DEFAULT_MINUTES))
    }

    pub(super) fn quiet_hours(&self) -> Result<Option<QuietHours>> {
        Ok(self.setting(QUIET_KEY)?.and_then(|v| {
            let (start, end) = v.split_once('-')?;
            QuietHours::new(start, end).ok()
        }))
    }

    pub(super) fn reminder_pause(&self) -> Result<Option<Pause>> {
        Ok(self.setting(PAUSE_KEY)?.and_then(|v| {
            if v == PAUSED_FOREVER {
                Some(Pause::Forever)
            } else {
                stamp::parse_column(&v, 0).ok().map(Pause::Until)
            }
        }))
    }

    pub(super) fn checkin_reminder(&self) -> Result<CheckinReminder> {
        Ok(self
            .setting(CHECKIN_KEY)?
            .and_then(|v| CheckinReminder::decode(&v))
            .unwrap_or_default())
    }

    /// 0 (never deliver a missed reminder) to 720 minutes.
    pub(super) fn set_reminder_grace(&self, minutes: i64) -> Result<()> {
        let minutes = u32::try_from(minutes)
            .ok()
            .filter(|m| *m <= GRACE_MAX_MINUTES)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "A missed reminder can still come up to 12 hours late (720 minutes), \
                     or never (0); {minutes} minutes doesn't work."
                ))
            })?;
        self.set_setting(GRACE_KEY, &minutes.to_string())
    }

    pub(super) fn set_quiet_hours(&self, quiet: Option<QuietHours>) -> Result<()> {
        match quiet {
            Some(q) => self.set_setting(
                QUIET_KEY,
                &format!("{}-{}", q.start.format("%H:%M"), q.end.format("%H:%M")),
            ),
            None => self.remove_setting(QUIET_KEY),
        }
    }

    pub(super) fn set_reminder_pause(&self, pause: Option<Pause>) -> Result<()> {
        match pause {
            Some(Pause::Forever) => self.set_setting(PAUSE_KEY, PAUSED_FOREVER),
            Some(Pause::Until(until)) => self.set_setting(PAUSE_KEY, &stamp::format(until)),
            None => self.remove_setting(PAUSE_KEY),
        }
    }

    pub(super) fn paused_day(&self) -> Result<Option<NaiveDate>> {
        Ok(self
            .setting(PAUSED_DAY_KEY)?
            .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok()))
    }

    pub(super) fn set_paused_day(&self, day: Option<NaiveDate>) -> Result<()> {
        match day {
            Some(day) => self.set_setting(PAUSED_DAY_KEY, &day.format("%Y-%m-%d").to_string()),
            None => self.remove_setting(PAUSED_DAY_KEY),
        }
    }

    pub(super) fn set_checkin_reminder(&self, reminder: CheckinReminder) -> Result<()> {
        self.set_setting(CHECKIN_KEY, &reminder.encode())
    }

    pub(super) fn checked_through(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .setting(CHECKED_KEY)?
            .and_then(|v| stamp::parse_column(&v, 0).ok()))
    }

    fn remove_setting(&self, key: &str) -> Result<()> {
        self.conn()
            .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }
}

/// The instant a pause chosen at `now` ends.
pub(super) fn pause_end(pause: PauseFor, now: DateTime<Utc>, zone: Tz) -> Result<Pause> {
    match pause {
        PauseFor::Minutes { minutes } if (1..=PAUSE_MAX_MINUTES).contains(&minutes) => {
            Ok(Pause::Until(now + Duration::minutes(minutes)))
        }
        PauseFor::Minutes { minutes } => Err(Error::invalid(format!(
            "Reminders can be paused for 1 to {PAUSE_MAX_MINUTES} minutes, \
             for today, or until you resume them; {minutes} minutes doesn't work."
        ))),
        PauseFor::Today => {
            let tomorrow = now.with_timezone(&zone).date_naive() + Days::new(1);
            Ok(Pause::Until(instant_on(zone, NaiveTime::MIN, tomorrow)))
        }
        PauseFor::UntilResumed => Ok(Pause::Forever),
    }
}
