//! Consistency, gently: runs of kept occurrences, the share kept lately,
//! and milestones to celebrate. Never a verdict.
//!
//! - The **current run** counts kept (done) occurrences in a row. A skip
//!   neither counts nor ends it; a missed one (its day passed with nothing
//!   recorded) ends it; today's occurrence, not yet recorded, leaves it be.
//! - The **longest run** is the longest such run ever.
//! - The **share kept** over the last 4 and 12 weeks (the 28 or 84 local
//!   days ending today) is kept / (kept + missed): skips are left out of the
//!   denominator as well as the numerator, and today's open occurrence too.
//!   With nothing to count it is `None`, not zero.
//! - **Milestones** come at 7, 30 and 100 kept in all (not in a row); one is
//!   "just reached" while the most recent kept occurrence is the one that
//!   reached it.
//! - **Overall** puts every ritual's occurrences (of rituals not deleted) in
//!   one line by their instant and applies the same rules.
//!
//! Everything is computed from three queries (rituals, pauses, outcomes) and
//! the schedule engine; there is no query per ritual or per day.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::occurrences::{
    instant_on, occurrence_dates, outcomes, state_of, OccurrenceState, Outcome,
};
use super::store::Gap;
use super::{today_in, Ritual};
use crate::clock::Clock;
use crate::error::Result;
use crate::store::Store;

/// Kept occurrences (in all) worth celebrating.
pub const MILESTONES: [u32; 3] = [7, 30, 100];

/// Kept out of those that count (kept + missed; skips don't count).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Share {
    pub kept: u32,
    /// Kept plus missed: the denominator. Skips are not in it.
    pub counted: u32,
    /// `kept / counted`, or `None` when nothing counts yet.
    pub share: Option<f64>,
}

impl Share {
    fn new(kept: u32, counted: u32) -> Share {
        Share {
            kept,
            counted,
            share: (counted > 0).then(|| f64::from(kept) / f64::from(counted)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Milestones {
    /// The milestones reached, smallest first.
    pub reached: Vec<u32>,
    /// The milestone the most recent kept occurrence reached, to celebrate.
    pub just_reached: Option<u32>,
    /// The next one ahead, if any.
    pub next: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Consistency {
    pub current_run: u32,
    pub longest_run: u32,
    /// Kept (done) in all.
    pub kept: u32,
    pub skipped: u32,
    pub last_4_weeks: Share,
    pub last_12_weeks: Share,
    pub milestones: Milestones,
    /// One warm sentence for the page.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RitualConsistency {
    pub ritual_id: i64,
    pub title: String,
    #[serde(flatten)]
    pub consistency: Consistency,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsistencyReport {
    pub overall: Consistency,
    /// Each ritual that isn't deleted, in the order they were added.
    pub rituals: Vec<RitualConsistency>,
}

/// One occurrence up to today, as the statistics see it.
#[derive(Debug, Clone, Copy)]
struct Item {
    at: DateTime<Utc>,
    state: OccurrenceState,
    /// Days before the ritual's local today (0 for today).
    days_ago: i64,
}

impl Store {
    /// Consistency per ritual (those not deleted) and overall, as of now.
    pub fn consistency(&self, clock: &dyn Clock) -> Result<ConsistencyReport> {
        let rituals = self.rituals(false)?;
        let gaps = self.all_gaps()?;
        let mut recorded = outcomes(self.conn(), None)?;
        let mut all = Vec::new();
        let mut per_ritual = Vec::with_capacity(rituals.len());
        for ritual in &rituals {
            let gaps = gaps.get(&ritual.id).map(Vec::as_slice).unwrap_or(&[]);
            let recorded = recorded.remove(&ritual.id).unwrap_or_default();
            let items = items(ritual, gaps, &recorded, clock);
            per_ritual.push(RitualConsistency {
                ritual_id: ritual.id,
                title: ritual.title.clone(),
                consistency: compute(&items),
            });
            all.extend(items);
        }
        all.sort_by_key(|i| i.at);
        Ok(ConsistencyReport {
            overall: compute(&all),
            rituals: per_ritual,
        })
    }

    /// Consistency of one ritual (deleted ones too, for their history page).
    pub fn ritual_consistency(
        &self,
        ritual_id: i64,
        clock: &dyn Clock,
    ) -> Result<RitualConsistency> {
        let ritual = self.ritual(ritual_id)?;
        let gaps = self.ritual_gaps(ritual_id)?;
        let recorded = outcomes(self.conn(), Some(ritual_id))?
            .remove(&ritual_id)
            .unwrap_or_default();
        Ok(RitualConsistency {
            ritual_id,
            title: ritual.title.clone(),
            consistency: compute(&items(&ritual, &gaps, &recorded, clock)),
        })
    }
}

fn items(
    ritual: &Ritual,
    gaps: &[Gap],
    recorded: &BTreeMap<NaiveDate, Outcome>,
    clock: &dyn Clock,
) -> Vec<Item> {
    let today = today_in(ritual.tz, clock);
    let first = recorded
        .keys()
        .next()
        .map_or(ritual.start_date, |d| (*d).min(ritual.start_date));
    if first > today {
        return Vec::new();
    }
    occurrence_dates(ritual, gaps, recorded, first, today)
        .into_iter()
        .map(|date| Item {
            at: instant_on(ritual.tz, ritual.naive_time, date),
            state: state_of(date, today, recorded.get(&date)),
            days_ago: (today - date).num_days(),
        })
        .collect()
}

fn compute(items: &[Item]) -> Consistency {
    let (mut run, mut longest, mut kept, mut skipped) = (0u32, 0u32, 0u32, 0u32);
    let mut windows = [(0u32, 0u32); 2];
    for item in items {
        match item.state {
            OccurrenceState::Done => {
                run += 1;
                kept += 1;
                longest = longest.max(run);
            }
            OccurrenceState::Missed => run = 0,
            OccurrenceState::Skipped => skipped += 1,
            OccurrenceState::Due | OccurrenceState::Upcoming => {}
        }
        for (window, days) in windows.iter_mut().zip([28, 84]) {
            if item.days_ago < days {
                match item.state {
                    OccurrenceState::Done => *window = (window.0 + 1, window.1 + 1),
                    OccurrenceState::Missed => window.1 += 1,
                    _ => {}
                }
            }
        }
    }
    let milestones = Milestones {
        reached: MILESTONES.iter().copied().filter(|m| kept >= *m).collect(),
        just_reached: MILESTONES.iter().copied().find(|m| kept == *m),
        next: MILESTONES.iter().copied().find(|m| kept < *m),
    };
    let last_4_weeks = Share::new(windows[0].0, windows[0].1);
    let last_12_weeks = Share::new(windows[1].0, windows[1].1);
    // Days that came and went unkept: skipped, or passed unmarked.
    let passed = items
        .iter()
        .filter(|i| matches!(i.state, OccurrenceState::Skipped | OccurrenceState::Missed))
        .count();
    let summary = summary(run, kept, passed, &last_4_weeks, milestones.just_reached);
    Consistency {
        current_run: run,
        longest_run: longest,
        kept,
        skipped,
        last_4_weeks,
        last_12_weeks,
        milestones,
        summary,
    }
}

fn times(n: u32) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// One warm line: a milestone just reached, the run (or what was kept so
/// far), and how the past four weeks went when that adds something. Said
/// as people say it: "Kept the last time.", never "once in a row" or
/// "1 of the last 1".
fn summary(
    run: u32,
    kept: u32,
    passed: usize,
    recent: &Share,
    just_reached: Option<u32>,
) -> String {
    let mut parts = Vec::new();
    if let Some(m) = just_reached {
        parts.push(format!("{m} kept: that's worth celebrating."));
    }
    parts.push(match (kept, run) {
        // "Still ahead" only while no day has come yet, so it never sits
        // beside a day marked "Skipped this time".
        (0, _) if passed == 0 => "The first one is still ahead of you.".to_string(),
        (0, _) => "None kept yet, and that's all right: the next one is a fresh start.".to_string(),
        (_, 0) => format!("Kept {} so far.", times(kept)),
        (_, 1) => "Kept the last time.".to_string(),
        (_, run) => format!("Kept the last {run} times in a row."),
    });
    // With none kept, the first sentence has said it all.
    if let Some(recent) = recent_words(recent).filter(|_| kept > 0) {
        parts.push(recent);
    }
    parts.join(" ")
}

/// The past four weeks, when they add to the run. With every one of them
/// kept they don't: nothing since the run began went unmarked, so the run
/// already holds them all.
fn recent_words(recent: &Share) -> Option<String> {
    match (recent.kept, recent.counted) {
        (_, 0) => None,
        (kept, counted) if kept == counted => None,
        (0, _) => Some(
            "Nothing marked in the past four weeks; pick it up whenever you're ready.".to_string(),
        ),
        (kept, counted) => Some(format!(
            "{kept} of the last {counted} in the past four weeks."
        )),
    }
}
