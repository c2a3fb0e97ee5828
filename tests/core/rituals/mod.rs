//! Rituals: their life, consistency, the calendar export, and bad input.

mod bad_input;
mod consistency;
mod ics;
mod lifecycle;
