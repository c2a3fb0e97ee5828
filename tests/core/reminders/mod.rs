//! Reminders: what is planned and said, over time, and bad requests.

mod bad_input;
mod plan;
mod time;
