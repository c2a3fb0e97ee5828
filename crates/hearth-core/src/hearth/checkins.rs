//! The weekly check-in through the door, as the partner writing now: the
//! other's answers only once both have shared.

use chrono::{NaiveDate, Weekday};

use super::Hearth;
use crate::checkins::{CheckinInput, CheckinTrend, CheckinWeek};
use crate::error::Result;

pub struct CheckinsHandle<'a>(pub(super) &'a mut Hearth);

impl CheckinsHandle<'_> {
    pub fn week_start(&mut self) -> Result<Weekday> {
        self.0.as_writer(|s, _, _| s.checkin_week_start())
    }

    pub fn set_week_start(&mut self, start: Weekday) -> Result<Weekday> {
        self.0.as_writer(|s, _, _| s.set_checkin_week_start(start))
    }

    pub fn submit(
        &mut self,
        date: NaiveDate,
        input: &CheckinInput,
        offset_minutes: i32,
    ) -> Result<CheckinWeek> {
        self.0
            .as_writer(|s, me, c| s.submit_checkin(me, date, input, offset_minutes, c))
    }

    pub fn week(&mut self, date: NaiveDate) -> Result<CheckinWeek> {
        self.0.as_writer(|s, me, _| s.checkin(me, date))
    }

    pub fn history(&mut self, limit: u32) -> Result<Vec<CheckinWeek>> {
        self.0.as_writer(|s, me, _| s.checkin_history(me, limit))
    }

    pub fn trend(&mut self) -> Result<CheckinTrend> {
        self.0.as_writer(|s, me, _| s.checkin_trend(me))
    }
}
