//! Ritual schedules: by example, in words and RRULE text, and against an independent oracle.

mod examples;
mod props;
mod text;
