//! The joint journal: entries, privacy, search, drafts and extras, and bad input.

mod bad_input;
mod entries;
mod extras;
mod privacy;
mod search;
