//! Reminders: what is planned and said, over time, bad requests, and answers from notifications.

mod answers;
mod bad_input;
mod plan;
mod time;
