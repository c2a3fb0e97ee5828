//! Commitments and agreements, stated openly: a promise one partner makes
//! ("text when I leave work"), or an agreement both make ("shared calendars
//! until March"), each with an optional cadence, an optional review date,
//! and a record of follow-through.
//!
//! - Either partner may check a commitment off for a day; who did is kept.
//!   A day counts as followed through when anyone checked it off.
//! - With a cadence (a [`Schedule`]), a check-off must be on one of its days,
//!   and the follow-through share is the checked days over the cadence's days
//!   from the start until today (today only once it is checked) or the end.
//!   Without a cadence there is no share, only the check-offs.
//! - Check-offs are for today or earlier, never ahead. Undo removes one.
//! - Ending a commitment keeps it and its record; it can be reopened. The
//!   review date is reminded about at 09:00 in the commitment's zone while
//!   it is open and accepted.
//! - Every commitment keeps who added it. A promise added in the other
//!   partner's name is a **proposal** until its owner accepts it: it has no
//!   follow-through, can't be checked off and reminds no one. Only the owner
//!   can accept it; only the one who proposed it can change it meanwhile,
//!   and either of you can end it (for the one who proposed it, that is
//!   withdrawing it). Once accepted, a promise is its owner's: only they can
//!   change it. Nobody can put a promise in the other's name by changing one
//!   they didn't add.

mod record;

use record::follow_through;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::rituals::{check_partner_id, day, long_date, optional_day, parse_day, today_in};
use crate::schedule::{parse_zone, Schedule};
use crate::stamp::{self, bad_column};
use crate::store::Store;
use crate::text::{long_text, short_label};

pub const TITLE_MAX_CHARS: usize = 120;
pub const DETAILS_MAX_CHARS: usize = 2000;
pub const CHECK_NOTE_MAX_CHARS: usize = 280;
/// The local time a review date is reminded about.
pub const REVIEW_REMINDER_TIME: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentInput {
    pub title: String,
    #[serde(default)]
    pub details: Option<String>,
    /// The partner who promises, or `None` for an agreement you both make.
    #[serde(default)]
    pub owner: Option<PartnerId>,
    /// How often it is kept, as RRULE text; `None` for no set rhythm.
    #[serde(default)]
    pub cadence: Option<String>,
    pub start_date: NaiveDate,
    /// IANA zone (the system's, from the shell) for its days and review.
    pub zone: String,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckOff {
    pub date: NaiveDate,
    pub by: PartnerId,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowThrough {
    /// Days checked off (with a cadence: days of the cadence checked off).
    pub checked: u32,
    /// The cadence's days so far; `None` without a cadence.
    pub due: Option<u32>,
    /// `checked / due`, when there is a cadence and a day has come.
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Commitment {
    pub id: i64,
    pub uid: String,
    pub title: String,
    pub details: Option<String>,
    pub owner: Option<PartnerId>,
    /// Serialized as RRULE text.
    pub cadence: Option<Schedule>,
    /// "Every weekday, Monday to Friday".
    pub cadence_description: Option<String>,
    pub start_date: NaiveDate,
    pub zone: String,
    pub review_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub active: bool,
    /// The writer who added it.
    pub added_by: PartnerId,
    /// `false` while it is a proposal: a promise in the name of someone
    /// other than the one who added it, not yet accepted by its owner.
    pub accepted: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Newest first.
    pub checks: Vec<CheckOff>,
    pub follow_through: FollowThrough,
}

const COLUMNS: &str = "id, uid, title, details, owner, cadence, start_date, zone, review_on, \
                       ended_on, created_by, created_at, updated_at, accepted";

fn from_row(r: &Row) -> rusqlite::Result<Commitment> {
    let cadence = match r.get::<_, Option<String>>(5)? {
        Some(raw) => Some(Schedule::parse_rrule(&raw).map_err(|_| bad_column(5, "rrule", &raw))?),
        None => None,
    };
    let zone: String = r.get(7)?;
    parse_zone(&zone).map_err(|_| bad_column(7, "zone", &zone))?;
    let ended_on = optional_day(r.get(9)?, 9)?;
    Ok(Commitment {
        id: r.get(0)?,
        uid: r.get(1)?,
        title: r.get(2)?,
        details: r.get(3)?,
        owner: r.get::<_, Option<i64>>(4)?.map(PartnerId),
        cadence_description: cadence.map(|c| c.describe()),
        cadence,
        start_date: parse_day(&r.get::<_, String>(6)?, 6)?,
        zone,
        review_on: optional_day(r.get(8)?, 8)?,
        active: ended_on.is_none(),
        ended_on,
        added_by: PartnerId(r.get(10)?),
        accepted: r.get(13)?,
        created_at: stamp::parse_column(&r.get::<_, String>(11)?, 11)?,
        updated_at: stamp::parse_column(&r.get::<_, String>(12)?, 12)?,
        checks: Vec::new(),
        follow_through: FollowThrough {
            checked: 0,
            due: None,
            share: None,
        },
    })
}

struct Checked {
    title: String,
    details: Option<String>,
    owner: Option<PartnerId>,
    cadence: Option<Schedule>,
    start: NaiveDate,
    zone: Tz,
    review_on: Option<NaiveDate>,
}

fn check(input: &CommitmentInput) -> Result<Checked> {
    let title = short_label(&input.title, "What you're committing to", TITLE_MAX_CHARS)?;
    let details = match input.details.as_deref() {
        Some(t) if !t.trim().is_empty() => Some(long_text(t, "The details", DETAILS_MAX_CHARS)?),
        _ => None,
    };
    if let Some(owner) = input.owner {
        check_partner_id(owner)?;
    }
    let cadence = match input.cadence.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(rule) => Some(Schedule::parse_rrule(rule)?),
    };
    let zone = parse_zone(&input.zone)?;
    if let Some(review) = input.review_on.filter(|r| *r < input.start_date) {
        return Err(Error::invalid(format!(
            "The review date ({}) is before the start ({}). Please choose one on or after the start.",
            long_date(review),
            long_date(input.start_date)
        )));
    }
    Ok(Checked {
        title,
        details,
        owner: input.owner,
        cadence,
        start: input.start_date,
        zone,
        review_on: input.review_on,
    })
}

/// A promise in the name of someone other than `by` waits for its owner's yes.
fn is_proposal(owner: Option<PartnerId>, by: PartnerId) -> bool {
    owner.is_some_and(|owner| owner != by)
}

impl Store {
    pub fn create_commitment(
        &mut self,
        by: PartnerId,
        input: &CommitmentInput,
        clock: &dyn Clock,
    ) -> Result<Commitment> {
        self.ensure_partner(by)?;
        let c = check(input)?;
        let now = stamp::now(clock);
        self.conn().execute(
            "INSERT INTO commitments (uid, title, details, owner, cadence, start_date, zone,
                review_on, created_by, created_at, updated_at, accepted)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
            params![
                stamp::new_uid(),
                c.title,
                c.details,
                c.owner.map(|p| p.0),
                c.cadence.map(|s| s.to_rrule()),
                day(c.start),
                c.zone.name(),
                c.review_on.map(day),
                by.0,
                now,
                !is_proposal(c.owner, by)
            ],
        )?;
        self.commitment(self.conn().last_insert_rowid(), clock)
    }

    pub fn update_commitment(
        &mut self,
        by: PartnerId,
        id: i64,
        input: &CommitmentInput,
        clock: &dyn Clock,
    ) -> Result<Commitment> {
        self.ensure_partner(by)?;
        let current = self.commitment(id, clock)?;
        self.may_change(by, &current)?;
        let c = check(input)?;
        let proposal = is_proposal(c.owner, by);
        // Only the one who added it may hand it to the other as a proposal.
        if let Some(owner) = c.owner.filter(|o| *o != by && by != current.added_by) {
            let name = self.partner(owner)?.name;
            return Err(Error::NotAllowed(format!(
                "A promise in {name}'s name is {name}'s to make. Add it as a new one, and {name} can accept it."
            )));
        }
        self.conn().execute(
            "UPDATE commitments SET title = ?2, details = ?3, owner = ?4, cadence = ?5,
                start_date = ?6, zone = ?7, review_on = ?8, updated_at = ?9, accepted = ?10
             WHERE id = ?1",
            params![
                id,
                c.title,
                c.details,
                c.owner.map(|p| p.0),
                c.cadence.map(|s| s.to_rrule()),
                day(c.start),
                c.zone.name(),
                c.review_on.map(day),
                stamp::now(clock),
                !proposal
            ],
        )?;
        self.commitment(id, clock)
    }

    /// Whether `by` may change `c`: a proposal is its proposer's to change
    /// until it is accepted, and an accepted promise is its owner's.
    fn may_change(&self, by: PartnerId, c: &Commitment) -> Result<()> {
        if !c.accepted && by != c.added_by {
            let name = self.partner(c.added_by)?.name;
            return Err(Error::NotAllowed(format!(
                "{name} proposed this. Accept it first, and then it's yours to change; or talk about it together."
            )));
        }
        match c.owner {
            Some(owner) if c.accepted && owner != by => {
                let name = self.partner(owner)?.name;
                Err(Error::NotAllowed(format!(
                    "This is {name}'s promise, so only {name} can change it. Talk about it together first."
                )))
            }
            _ => Ok(()),
        }
    }

    /// The owner accepts a promise proposed in their name; from then on it
    /// counts, can be checked off and is reminded about. Accepting one
    /// already accepted changes nothing.
    pub fn accept_commitment(
        &mut self,
        by: PartnerId,
        id: i64,
        clock: &dyn Clock,
    ) -> Result<Commitment> {
        self.ensure_partner(by)?;
        let c = self.commitment(id, clock)?;
        if c.accepted {
            return Ok(c);
        }
        // A proposal always has an owner (the schema checks it).
        if let Some(owner) = c.owner.filter(|o| *o != by) {
            let name = self.partner(owner)?.name;
            return Err(Error::NotAllowed(format!(
                "Only {name} can accept a promise in {name}'s name."
            )));
        }
        if !c.active {
            return Err(Error::invalid(
                "This proposal has ended. Reopen it first if you'd like to take it on.",
            ));
        }
        self.conn().execute(
            "UPDATE commitments SET accepted = 1, updated_at = ?2 WHERE id = ?1",
            params![id, stamp::now(clock)],
        )?;
        self.commitment(id, clock)
    }

    /// One commitment with its check-offs and follow-through as of now.
    pub fn commitment(&self, id: i64, clock: &dyn Clock) -> Result<Commitment> {
        let mut c = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM commitments WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound("That commitment isn't here.".into()))?;
        c.checks = self.checks(Some(id))?.remove(&id).unwrap_or_default();
        let today = today_in(parse_zone(&c.zone)?, clock);
        follow_through(&mut c, today);
        Ok(c)
    }

    /// Every commitment (open ones first, then ended), in two queries.
    pub fn commitments(&self, include_ended: bool, clock: &dyn Clock) -> Result<Vec<Commitment>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM commitments WHERE ?1 OR ended_on IS NULL
             ORDER BY ended_on IS NOT NULL, id"
        ))?;
        let mut list = stmt
            .query_map([include_ended], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut checks = self.checks(None)?;
        for c in &mut list {
            c.checks = checks.remove(&c.id).unwrap_or_default();
            let today = today_in(parse_zone(&c.zone)?, clock);
            follow_through(c, today);
        }
        Ok(list)
    }

    /// Ends (`true`) or reopens (`false`) a commitment; its record stays.
    pub fn set_commitment_ended(
        &mut self,
        by: PartnerId,
        id: i64,
        ended: bool,
        clock: &dyn Clock,
    ) -> Result<Commitment> {
        self.ensure_partner(by)?;
        let c = self.commitment(id, clock)?;
        if c.active != ended {
            return Ok(c);
        }
        let ended_on = ended.then(|| day(today_in(parse_zone(&c.zone).unwrap_or(Tz::UTC), clock)));
        self.conn().execute(
            "UPDATE commitments SET ended_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, ended_on, stamp::now(clock)],
        )?;
        self.commitment(id, clock)
    }
}
