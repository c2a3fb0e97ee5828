//! When Hearth locks, and what a locked Hearth still says.
//!
//! Locking wipes the unlocked partner's key (the vault forgets it); the
//! writer stays who they were, locked, so the page can show only the unlock
//! step. Who asks for a lock is the shell's business (the header's "Lock",
//! Ctrl+L, the tray, the screen locker, a suspend); **whether** anything is
//! locked, and when idle time has run out, is decided here:
//!
//! - **Idle time is measured against the injected clock.** The shell tells
//!   the core when the person used Hearth's window ([`Hearth::note_activity`])
//!   and asks now and then whether the unlocked partner's "Lock after" has
//!   run out ([`Hearth::lock_if_idle`]). Unlocking counts as activity, so a
//!   long-ago last touch never locks someone who has just typed their
//!   passphrase. A wall clock that jumps forward (a laptop that slept
//!   without saying so) counts as idle time, which is the safe direction.
//! - **"Lock after" is each partner's own** (5, 10 or 30 minutes, or never;
//!   10 unless chosen), since it guards their own pages; it is kept in the
//!   settings table as `lock_after:<partner>`.
//! - **What a reminder says while locked is the couple's** (`locked_notice`):
//!   the ritual's name, or only "A Hearth reminder". The default is the
//!   private one: a partner who set a passphrase and walked away (or let
//!   Hearth lock itself) has asked for the screen to show nothing of theirs,
//!   and a notification pops up in front of whoever is near the laptop; a
//!   name can't be taken back once seen, while "A Hearth reminder" costs
//!   only a click to see which. The reminder loop itself keeps running while
//!   locked (see docs/SECURITY.md, "Reminders while locked").

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{reopen_error, Hearth};
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::reminders::{Answered, Notice, NotificationAction, NOTIFICATION_SNOOZE_MINUTES};
use crate::store::Store;

/// The "Lock after" choices, in minutes; `None` in [`LockSettings`] is never.
pub const LOCK_AFTER_CHOICES: [u32; 3] = [5, 10, 30];
/// "Lock after" until a partner chooses.
pub const LOCK_AFTER_DEFAULT: u32 = 10;
/// What a reminder is called while locked, with [`LockedNotice::Private`].
pub const PRIVATE_REMINDER: &str = "A Hearth reminder";

pub(crate) const NOTICE_KEY: &str = "locked_notice";

/// What a notification shows while Hearth is locked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockedNotice {
    /// The ritual's (or the commitment's) name, as when unlocked.
    Name,
    /// Only "A Hearth reminder".
    #[default]
    Private,
}

/// The locking choices the page shows in Settings → Privacy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LockSettings {
    /// The writer's "Lock after", in minutes; `None`: never.
    pub lock_after: Option<u32>,
    /// The choices, in minutes (never is `null`).
    pub lock_after_choices: [u32; 3],
    /// The couple's choice of what a locked Hearth's reminders say.
    pub locked_notice: LockedNotice,
}

/// The last time the person used Hearth's window, and the test harness's
/// shorter idle time.
#[derive(Debug, Default)]
pub(super) struct Idle {
    last: Option<DateTime<Utc>>,
    shortest: Option<Duration>,
}

impl Hearth {
    /// The person touched Hearth's window (a key, a click, the mouse).
    pub fn note_activity(&mut self) {
        self.idle.last = Some(self.clock.now());
    }

    /// Locks when the unlocked partner's "Lock after" has passed since the
    /// window was last used; returns whether it locked.
    pub fn lock_if_idle(&mut self) -> Result<bool> {
        let now = self.clock.now();
        let Some(partner) = self.vault.unlocked() else {
            return Ok(false);
        };
        let Some(limit) = self.idle_limit(partner)? else {
            return Ok(false);
        };
        let since = *self.idle.last.get_or_insert(now);
        if now - since < limit {
            return Ok(false);
        }
        self.forget_keys();
        Ok(true)
    }

    /// Locks now, if a partner's key is open (the tray, the screen locker, a
    /// suspend); returns whether there was one to lock.
    pub fn lock_if_open(&mut self) -> bool {
        let open = self.vault.unlocked().is_some();
        self.forget_keys();
        open
    }

    /// Makes every "Lock after" at most `limit` (never stays never): the
    /// end-to-end tests' way to see an idle lock without waiting minutes.
    /// It can only make Hearth lock sooner.
    pub fn shorten_idle_for_tests(&mut self, limit: Duration) {
        self.idle.shortest = Some(limit.max(Duration::seconds(1)));
    }

    /// The writer's "Lock after" and the couple's locked wording.
    pub fn lock_settings(&mut self) -> Result<LockSettings> {
        self.as_writer(|store, writer, _| settings(store, writer))
    }

    /// The writer's "Lock after": 5, 10 or 30 minutes, or `None` for never.
    pub fn set_lock_after(&mut self, minutes: Option<u32>) -> Result<LockSettings> {
        let value = match minutes {
            None => "never".to_string(),
            Some(m) if LOCK_AFTER_CHOICES.contains(&m) => m.to_string(),
            Some(_) => {
                return Err(Error::invalid(
                    "Hearth can lock after 5, 10 or 30 minutes, or never.",
                ))
            }
        };
        self.as_writer(|store, writer, _| {
            store.set_setting(&lock_after_key(writer), &value)?;
            settings(store, writer)
        })
    }

    /// What reminders say while Hearth is locked, for both partners.
    pub fn set_locked_notice(&mut self, notice: LockedNotice) -> Result<LockSettings> {
        self.as_writer(|store, writer, _| {
            let value = match notice {
                LockedNotice::Name => "name",
                LockedNotice::Private => "private",
            };
            store.set_setting(NOTICE_KEY, value)?;
            settings(store, writer)
        })
    }

    /// True when the reminders shown now must not name what they are for:
    /// the writer is locked and the couple chose the private wording.
    pub(crate) fn reminders_hidden(&mut self) -> Result<bool> {
        let store = match &self.store {
            Ok(store) => store,
            Err(err) => return Err(reopen_error(err)),
        };
        let writer = store.writer()?;
        let locked = super::privacy::describe(store, &self.vault, writer)?.locked;
        Ok(locked && locked_notice(store)? == LockedNotice::Private)
    }

    fn idle_limit(&mut self, partner: PartnerId) -> Result<Option<Duration>> {
        let minutes = lock_after(self.store()?, partner)?;
        Ok(minutes.map(|m| {
            let chosen = Duration::minutes(i64::from(m));
            self.idle.shortest.map_or(chosen, |s| s.min(chosen))
        }))
    }
}

fn lock_after_key(partner: PartnerId) -> String {
    format!("lock_after:{}", partner.0)
}

fn lock_after(store: &Store, partner: PartnerId) -> Result<Option<u32>> {
    Ok(match store.setting(&lock_after_key(partner))?.as_deref() {
        Some("never") => None,
        Some(m) => Some(
            m.parse()
                .ok()
                .filter(|m| LOCK_AFTER_CHOICES.contains(m))
                .unwrap_or(LOCK_AFTER_DEFAULT),
        ),
        None => Some(LOCK_AFTER_DEFAULT),
    })
}

fn locked_notice(store: &Store) -> Result<LockedNotice> {
    Ok(match store.setting(NOTICE_KEY)?.as_deref() {
        Some("name") => LockedNotice::Name,
        _ => LockedNotice::Private,
    })
}

fn settings(store: &Store, writer: PartnerId) -> Result<LockSettings> {
    Ok(LockSettings {
        lock_after: lock_after(store, writer)?,
        lock_after_choices: LOCK_AFTER_CHOICES,
        locked_notice: locked_notice(store)?,
    })
}

/// A notice that names nothing: the title and body of it and of each of
/// its reminders become "A Hearth reminder"; the keys its buttons answer
/// stay, so "We did it" still records.
pub(super) fn hide(notice: &mut Notice) {
    notice.title = PRIVATE_REMINDER.into();
    notice.body = "Open Hearth to see it.".into();
    for item in &mut notice.items {
        item.title = PRIVATE_REMINDER.into();
        item.body = String::new();
    }
}

/// What an answer from a hidden notification says: what was done, without
/// the ritual's name.
pub(super) fn hide_answer(answered: &mut Answered) {
    answered.said = if !answered.recorded {
        "That reminder was already answered, so nothing changed.".into()
    } else {
        match answered.action {
            NotificationAction::Done => "Marked it done.".into(),
            NotificationAction::Skip => "Skipped it this time.".into(),
            NotificationAction::Snooze => {
                format!("It will come back in {NOTIFICATION_SNOOZE_MINUTES} minutes.")
            }
            NotificationAction::Open => String::new(),
        }
    };
}

/// The notice saying an answer from a notification was refused: the core's
/// reason, or, while reminders are hidden, only where to see it.
pub(super) fn refusal(why: &str, hidden: bool) -> Notice {
    if hidden {
        Notice::answer_refused("Please open Hearth to see why.")
    } else {
        Notice::answer_refused(why)
    }
}
