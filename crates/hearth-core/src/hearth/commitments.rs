//! Commitments through the door. Every write goes through
//! [`Hearth::as_writer_waking`]: a review date added, moved or ended wakes
//! the reminder plan without the caller saying so.

use chrono::NaiveDate;

use super::Hearth;
use crate::commitments::{Commitment, CommitmentInput};
use crate::error::Result;

pub struct CommitmentsHandle<'a>(pub(super) &'a mut Hearth);

impl CommitmentsHandle<'_> {
    pub fn create(&mut self, input: &CommitmentInput) -> Result<Commitment> {
        self.0
            .as_writer_waking(|s, me, c| s.create_commitment(me, input, c))
    }

    pub fn update(&mut self, id: i64, input: &CommitmentInput) -> Result<Commitment> {
        self.0
            .as_writer_waking(|s, me, c| s.update_commitment(me, id, input, c))
    }

    pub fn list(&mut self, include_ended: bool) -> Result<Vec<Commitment>> {
        self.0.as_writer(|s, _, c| s.commitments(include_ended, c))
    }

    pub fn check_off(
        &mut self,
        id: i64,
        date: NaiveDate,
        note: Option<&str>,
    ) -> Result<Commitment> {
        self.0
            .as_writer_waking(|s, me, c| s.check_off_commitment(me, id, date, note, c))
    }

    pub fn undo_check_off(&mut self, id: i64, date: NaiveDate) -> Result<Commitment> {
        self.0
            .as_writer_waking(|s, me, c| s.undo_check_off(me, id, date, c))
    }

    /// Ends (`true`) or reopens (`false`); the record stays.
    pub fn set_ended(&mut self, id: i64, ended: bool) -> Result<Commitment> {
        self.0
            .as_writer_waking(|s, me, c| s.set_commitment_ended(me, id, ended, c))
    }

    /// The owner accepts a promise the other proposed in their name.
    pub fn accept(&mut self, id: i64) -> Result<Commitment> {
        self.0
            .as_writer_waking(|s, me, c| s.accept_commitment(me, id, c))
    }
}
