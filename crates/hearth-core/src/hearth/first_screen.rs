//! The first screen in one question: the app's state and everything Today
//! shows, read in one transaction, so the page can draw Today in the frame
//! its answer arrives instead of after eight round trips one by one.
//!
//! When the stored writer is locked, the answer is the state alone (the
//! partners' names and colours, who has a passphrase): the lock screen needs
//! nothing else, and nothing private is read. Setup and an unavailable
//! journal answer the state alone too.

use chrono::NaiveDate;
use serde::Serialize;

use super::{privacy, reopen_error, AppState, Hearth, Phase};
use crate::appreciations::{Appreciation, APPRECIATION_MAX_CHARS};
use crate::error::Result;
use crate::journal::{Draft, BODY_MAX_CHARS};
use crate::prompts::DailyPrompt;
use crate::rituals::{AgendaDay, ConsistencyReport, NOTE_MAX_CHARS};

/// What the page draws first.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FirstScreen {
    /// What `Hearth::state` answers.
    pub state: AppState,
    /// Today's cards: only when the couple is set up and the writer's pages
    /// are open.
    pub today: Option<Today>,
}

/// Everything on Today, as the separate questions of its cards answer it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Today {
    /// The viewer's local date it was read for.
    pub date: NaiveDate,
    /// The rituals of the day (`rituals().today`).
    pub rituals: AgendaDay,
    /// Runs and milestones (`rituals().consistency`).
    pub consistency: ConsistencyReport,
    /// The prompt of the day with the answers the writer may see
    /// (`journal().prompt_of_the_day`: chosen and saved the first time).
    pub prompt: DailyPrompt,
    /// The prompt's category as people read it.
    pub prompt_category: &'static str,
    /// The writer's kept answer to it (`journal().draft`, key
    /// [`answer_draft_key`], the one the page's prompt card keeps it under).
    pub answer_draft: Option<Draft>,
    /// The other's thank-yous not read yet (`journal().unread_appreciations`).
    pub thanks: Vec<Appreciation>,
    /// The other's entries not marked read, up to the cap
    /// (`journal().unread_count`).
    pub unread: i64,
    /// The limits Today's fields hold to.
    pub limits: TodayLimits,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TodayLimits {
    /// A prompt's answer (an entry's body).
    pub body_max: usize,
    /// A thank-you.
    pub appreciation_max: usize,
    /// A ritual's note.
    pub note_max: usize,
}

/// The draft key of the answer to the prompt of `date`.
pub fn answer_draft_key(date: NaiveDate) -> String {
    format!("answer:{date}")
}

impl Hearth {
    /// The first screen: the state, and Today's cards for the viewer's local
    /// `date` in their IANA `zone` unless Today isn't shown (see
    /// [`FirstScreen::today`]). One read transaction; the one write it may
    /// make is the day's prompt, chosen the first time it is asked for, as
    /// [`JournalHandle::prompt_of_the_day`](super::JournalHandle::prompt_of_the_day) does.
    pub fn first_screen(&mut self, date: NaiveDate, zone: &str) -> Result<FirstScreen> {
        let Ok(store) = &mut self.store else {
            return Ok(FirstScreen {
                state: self.state()?,
                today: None,
            });
        };
        // The writer's key, while it is open, for their own sealed words
        // (as `as_writer` holds it).
        let writer = store.writer()?;
        store.opener = self.vault.key().filter(|(p, _)| Some(*p) == writer);
        let result = self.read_first_screen(date, zone);
        if let Ok(store) = &mut self.store {
            store.opener = None;
        }
        self.record_changes();
        result
    }

    fn read_first_screen(&self, date: NaiveDate, zone: &str) -> Result<FirstScreen> {
        let store = self.store.as_ref().map_err(reopen_error)?;
        let clock = self.clock.as_ref();
        let tx = store.conn().unchecked_transaction()?;
        let state = self.state_now()?;
        let today = match state.writer_id {
            Some(me) if state.phase == Phase::Ready && !state.privacy.locked => {
                privacy::may_act_as(store, &self.vault, me)?;
                let prompt = store.prompt_of_the_day_within(me, date, clock)?;
                Some(Today {
                    date,
                    rituals: store.today(date, zone, clock)?,
                    consistency: store.consistency(clock)?,
                    prompt_category: prompt.prompt.category.label(),
                    answer_draft: store.draft(me, &answer_draft_key(date))?,
                    prompt,
                    thanks: store.unread_appreciations(me)?,
                    unread: store.unread_count(me)?,
                    limits: TodayLimits {
                        body_max: BODY_MAX_CHARS,
                        appreciation_max: APPRECIATION_MAX_CHARS,
                        note_max: NOTE_MAX_CHARS,
                    },
                })
            }
            _ => None,
        };
        tx.commit()?;
        Ok(FirstScreen { state, today })
    }
}
