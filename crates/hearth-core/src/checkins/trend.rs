//! Each rating over the weeks, per partner, for a chart and its table.
//!
//! The viewer's own ratings appear for every week they checked in; the other
//! partner's only for weeks both have shared (the same rule as the check-in).

use chrono::NaiveDate;
use serde::Serialize;

use super::{checkin_from_row, Checkin, COLUMNS};
use crate::couple::PartnerId;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Trust,
    Safety,
    Closeness,
    Communication,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::Trust,
        Rating::Safety,
        Rating::Closeness,
        Rating::Communication,
    ];

    /// The label the chart and its table use.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Trust => "Trust",
            Rating::Safety => "Feeling safe",
            Rating::Closeness => "Closeness",
            Rating::Communication => "Communication",
        }
    }

    fn of(self, c: &Checkin) -> u8 {
        match self {
            Rating::Trust => c.ratings.trust,
            Rating::Safety => c.ratings.safety,
            Rating::Closeness => c.ratings.closeness,
            Rating::Communication => c.ratings.communication,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub week: NaiveDate,
    pub value: u8,
}

/// One rating of one partner, oldest week first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendSeries {
    pub partner: PartnerId,
    pub rating: Rating,
    pub label: &'static str,
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckinTrend {
    /// Every week with a point in any series, oldest first.
    pub weeks: Vec<NaiveDate>,
    /// Four ratings for the viewer, then four for the other partner.
    pub series: Vec<TrendSeries>,
}

impl Store {
    /// Each rating over the weeks for both partners, as `viewer` may see it.
    pub fn checkin_trend(&self, viewer: PartnerId) -> Result<CheckinTrend> {
        self.ensure_partner(viewer)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS}, (SELECT count(*) FROM checkins o WHERE o.week = c.week) = 2
             FROM checkins c ORDER BY week, author"
        ))?;
        let rows = stmt
            .query_map([], |r| Ok((checkin_from_row(r)?, r.get::<_, bool>(12)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let visible: Vec<Checkin> = rows
            .into_iter()
            .filter(|(c, revealed)| c.author == viewer || *revealed)
            .map(|(c, _)| c)
            .collect();
        let other = PartnerId(3 - viewer.0);
        let series = [viewer, other]
            .into_iter()
            .flat_map(|partner| Rating::ALL.map(|rating| (partner, rating)))
            .map(|(partner, rating)| TrendSeries {
                partner,
                rating,
                label: rating.label(),
                points: visible
                    .iter()
                    .filter(|c| c.author == partner)
                    .map(|c| TrendPoint {
                        week: c.week,
                        value: rating.of(c),
                    })
                    .collect(),
            })
            .collect();
        let mut weeks: Vec<NaiveDate> = visible.iter().map(|c| c.week).collect();
        weeks.dedup();
        Ok(CheckinTrend { weeks, series })
    }
}
