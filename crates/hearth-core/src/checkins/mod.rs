//! The weekly check-in: four ratings and three open questions per partner.
//!
//! Weeks are identified by their first day. They start on Monday (ISO weeks)
//! unless the couple chooses another first day; the choice can't change
//! while one of you is waiting for the other, so both answers always land in
//! the same week.
//!
//! Like the prompt of the day, a partner's check-in (ratings and answers) is
//! hidden from the other until both have submitted that week; the other is
//! only told that it is waiting. Until then its author may change it; once
//! both have shared, a week's check-ins stay as they are. A check-in can be
//! written for the current week or an earlier one, never ahead.
//!
//! For a partner with a passphrase, the three written answers are sealed
//! with their key until both have shared (`seal.rs`); the ratings stay
//! plain, as the trend is drawn from them and shows only what may be seen.

mod seal;
mod trend;

pub(crate) use seal::{open_revealed, reseal_all};

use chrono::{DateTime, Days, Duration, NaiveDate, Utc, Weekday};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::rituals::{day, parse_day};
use crate::stamp::{self, check_offset};
use crate::store::Store;
use crate::text::long_text;

pub use trend::{CheckinTrend, Rating, TrendPoint, TrendSeries};

/// Longest answer to one open question, in characters.
pub const ANSWER_MAX_CHARS: usize = 5000;
/// Most weeks [`Store::checkin_history`] returns at once.
pub const HISTORY_MAX_WEEKS: u32 = 520;

pub(crate) const WEEK_START_KEY: &str = "checkin_week_start";

/// What a partner fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckinInput {
    pub trust: i64,
    pub safety: i64,
    pub closeness: i64,
    pub communication: i64,
    #[serde(default)]
    pub went_well: Option<String>,
    #[serde(default)]
    pub was_hard: Option<String>,
    #[serde(default)]
    pub need_from_you: Option<String>,
}

/// The four ratings, each 1 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ratings {
    pub trust: u8,
    /// Feeling safe.
    pub safety: u8,
    pub closeness: u8,
    pub communication: u8,
}

/// One partner's check-in for one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkin {
    pub author: PartnerId,
    pub week: NaiveDate,
    pub ratings: Ratings,
    pub went_well: Option<String>,
    pub was_hard: Option<String>,
    pub need_from_you: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub submitted_offset: i32,
    /// The written answers are sealed with the author's key, which isn't
    /// open now (shared by both, the author hasn't unlocked since).
    pub sealed: bool,
    #[serde(skip)]
    pub(crate) sealed_bytes: Option<Vec<u8>>,
}

/// A week as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckinWeek {
    /// The week's first day.
    pub week: NaiveDate,
    pub last_day: NaiveDate,
    pub mine: Option<Checkin>,
    /// The other partner's, only once both have submitted.
    pub partner: Option<Checkin>,
    /// Whether the other has submitted (without what they wrote).
    pub partner_has_submitted: bool,
    /// Both have submitted: each can read the other's.
    pub revealed: bool,
}

const COLUMNS: &str = "week, author, trust, safety, closeness, communication, went_well, \
                       was_hard, need_from_you, submitted_at, submitted_offset, sealed";

fn checkin_from_row(r: &Row) -> rusqlite::Result<Checkin> {
    Ok(Checkin {
        week: parse_day(&r.get::<_, String>(0)?, 0)?,
        author: PartnerId(r.get(1)?),
        ratings: Ratings {
            trust: r.get(2)?,
            safety: r.get(3)?,
            closeness: r.get(4)?,
            communication: r.get(5)?,
        },
        went_well: r.get(6)?,
        was_hard: r.get(7)?,
        need_from_you: r.get(8)?,
        submitted_at: stamp::parse_column(&r.get::<_, String>(9)?, 9)?,
        submitted_offset: r.get(10)?,
        sealed: false,
        sealed_bytes: r.get(11)?,
    })
}

fn rating(value: i64, what: &str) -> Result<u8> {
    match u8::try_from(value) {
        Ok(v @ 1..=10) => Ok(v),
        _ => Err(Error::invalid(format!(
            "{what} is rated from 1 to 10, so {value} doesn't work."
        ))),
    }
}

fn answer(raw: Option<&str>, what: &str) -> Result<Option<String>> {
    match raw {
        Some(text) if !text.trim().is_empty() => Ok(Some(long_text(text, what, ANSWER_MAX_CHARS)?)),
        _ => Ok(None),
    }
}

/// The first day of the week holding `date`, for weeks starting on `start`.
pub fn week_start(date: NaiveDate, start: Weekday) -> NaiveDate {
    date.week(start).first_day()
}

impl Store {
    /// The day weeks start on for check-ins (Monday unless chosen).
    pub fn checkin_week_start(&self) -> Result<Weekday> {
        Ok(self
            .setting(WEEK_START_KEY)?
            .and_then(|raw| raw.parse().ok())
            .unwrap_or(Weekday::Mon))
    }

    /// Chooses the day weeks start on; refused while one of you is waiting
    /// for the other's check-in.
    pub fn set_checkin_week_start(&mut self, start: Weekday) -> Result<Weekday> {
        let waiting: i64 = self.conn().query_row(
            "SELECT count(*) FROM (SELECT week FROM checkins GROUP BY week HAVING count(*) = 1)",
            [],
            |r| r.get(0),
        )?;
        if waiting > 0 && start != self.checkin_week_start()? {
            return Err(Error::invalid(
                "One of you is waiting for the other's check-in. Once you've both shared it, \
                 you can change the day your week starts.",
            ));
        }
        self.set_setting(WEEK_START_KEY, &start.to_string())?;
        Ok(start)
    }

    /// Saves (or, until both have shared, changes) the author's check-in for
    /// the week holding `date`. `offset_minutes` is the author's UTC offset.
    pub fn submit_checkin(
        &mut self,
        author: PartnerId,
        date: NaiveDate,
        input: &CheckinInput,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<CheckinWeek> {
        self.ensure_partner(author)?;
        let offset = check_offset(offset_minutes)?;
        let ratings = Ratings {
            trust: rating(input.trust, "Trust")?,
            safety: rating(input.safety, "Feeling safe")?,
            closeness: rating(input.closeness, "Closeness")?,
            communication: rating(input.communication, "Communication")?,
        };
        let went_well = answer(input.went_well.as_deref(), "What went well")?;
        let was_hard = answer(input.was_hard.as_deref(), "What was hard")?;
        let need = answer(input.need_from_you.as_deref(), "What you need")?;
        let start = self.checkin_week_start()?;
        let week = week_start(date, start);
        let local_today = (clock.now() + Duration::minutes(offset.into())).date_naive();
        if week > week_start(local_today, start) {
            return Err(Error::invalid(
                "That week hasn't started yet. You can check in for this week or an earlier one.",
            ));
        }
        let now = self.checkin(author, date)?;
        if now.revealed {
            return Err(Error::NotAllowed(
                "You've both shared this week's check-in, so it stays as it is.".into(),
            ));
        }
        let key = self.key_to_seal(author, !now.partner_has_submitted)?;
        let answers = seal::Answers {
            went_well,
            was_hard,
            need_from_you: need,
        };
        let stored = seal::Stored::new(&day(week), author, answers, key.as_ref());
        let (went_well, was_hard, need) = (stored.went_well, stored.was_hard, stored.need);
        self.conn().execute(
            "INSERT INTO checkins (week, author, trust, safety, closeness, communication,
                went_well, was_hard, need_from_you, submitted_at, submitted_offset, sealed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (week, author) DO UPDATE SET trust = excluded.trust,
                safety = excluded.safety, closeness = excluded.closeness,
                communication = excluded.communication, went_well = excluded.went_well,
                was_hard = excluded.was_hard, need_from_you = excluded.need_from_you,
                submitted_at = excluded.submitted_at, submitted_offset = excluded.submitted_offset,
                sealed = excluded.sealed",
            params![
                day(week),
                author.0,
                ratings.trust,
                ratings.safety,
                ratings.closeness,
                ratings.communication,
                went_well,
                was_hard,
                need,
                stamp::now(clock),
                offset,
                stored.sealed,
            ],
        )?;
        self.checkin(author, date)
    }

    /// The week holding `date`, as `viewer` may see it.
    pub fn checkin(&self, viewer: PartnerId, date: NaiveDate) -> Result<CheckinWeek> {
        self.ensure_partner(viewer)?;
        let week = week_start(date, self.checkin_week_start()?);
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM checkins WHERE week = ?1"))?;
        let mut rows = stmt
            .query_map([day(week)], checkin_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.iter_mut().for_each(|c| self.open_checkin(c));
        Ok(week_view(viewer, week, rows))
    }

    /// The weeks either of you checked in, newest first (at most `limit`).
    pub fn checkin_history(&self, viewer: PartnerId, limit: u32) -> Result<Vec<CheckinWeek>> {
        self.ensure_partner(viewer)?;
        let limit = limit.clamp(1, HISTORY_MAX_WEEKS);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM checkins WHERE week IN
                (SELECT DISTINCT week FROM checkins ORDER BY week DESC LIMIT ?1)
             ORDER BY week DESC, author"
        ))?;
        let mut rows = stmt
            .query_map([limit], checkin_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.iter_mut().for_each(|c| self.open_checkin(c));
        let mut weeks: Vec<CheckinWeek> = Vec::new();
        let mut pending: Vec<Checkin> = Vec::new();
        for row in rows {
            if pending.first().is_some_and(|p| p.week != row.week) {
                let week = pending[0].week;
                weeks.push(week_view(viewer, week, std::mem::take(&mut pending)));
            }
            pending.push(row);
        }
        if let Some(first) = pending.first() {
            let week = first.week;
            weeks.push(week_view(viewer, week, pending));
        }
        Ok(weeks)
    }
}

fn week_view(viewer: PartnerId, week: NaiveDate, rows: Vec<Checkin>) -> CheckinWeek {
    let revealed = rows.len() == 2;
    let (mut mine, mut partner) = (None, None);
    for row in rows {
        if row.author == viewer {
            mine = Some(row);
        } else {
            partner = Some(row);
        }
    }
    let partner_has_submitted = partner.is_some();
    CheckinWeek {
        week,
        last_day: week.checked_add_days(Days::new(6)).unwrap_or(week),
        mine,
        partner: partner.filter(|_| revealed),
        partner_has_submitted,
        revealed,
    }
}
