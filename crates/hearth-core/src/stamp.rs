//! Instants, local offsets and stable ids, the way every table stores them.
//!
//! Instants are RFC 3339 in UTC with milliseconds (`2026-11-22T09:30:00.000Z`),
//! so text order is time order and an index on them pages correctly. Next to
//! each one the UTC offset of the writer's own clock at that moment is kept,
//! in minutes, so the page can say "at 10:30 in the evening" as the writer
//! lived it, even after a move or a change of daylight-saving time.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::clock::Clock;
use crate::error::{Error, Result};

/// The widest UTC offset accepted, in minutes (±18 hours, as chrono allows).
pub const OFFSET_LIMIT_MINUTES: i32 = 18 * 60;

pub(crate) fn format(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn now(clock: &dyn Clock) -> String {
    format(clock.now())
}

/// Reads an instant back from a column (`idx` is only used in the error).
pub(crate) fn parse_column(raw: &str, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// Checks a local UTC offset given by the page, in minutes.
pub(crate) fn check_offset(minutes: i32) -> Result<i32> {
    if (-OFFSET_LIMIT_MINUTES..=OFFSET_LIMIT_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(Error::invalid(format!(
            "The computer's time zone offset ({minutes} minutes) is out of range; \
             it must be within 18 hours of UTC. Please check the clock settings."
        )))
    }
}

/// A new random 128-bit id, as 32 lower-case hex digits.
pub(crate) fn new_uid() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Whether `raw` has the shape of a uid Hearth writes.
pub(crate) fn is_uid(raw: &str) -> bool {
    raw.len() == 32
        && raw
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A value read from a column that isn't one of the words Hearth writes.
pub(crate) fn bad_column(idx: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unexpected {what} {value:?}").into(),
    )
}
