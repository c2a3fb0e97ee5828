//! The repair entry: an apology walked through in four parts.
//!
//! A real apology names the specific hurt, shows remorse and says what will
//! change. The template asks for each part on its own, saves them as one
//! entry (kind `repair`) whose parts are shown as sections, and joins them
//! into the body so search and the memory book find them like any entry.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::entries::{insert_entry, sorted, NewEntry};
use super::sealed::write_words;
use super::{check_common, Checked, Entry, EntryKind, RepairParts, Visibility, BODY_MAX_CHARS};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp::{self, check_offset};
use crate::store::Store;
use crate::text::long_text;

/// One section of the repair template, with the words the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepairPart {
    /// The field name in [`RepairInput`] and [`RepairParts`].
    pub key: &'static str,
    pub label: &'static str,
    pub helper: &'static str,
}

/// The four parts, in the order they are written and shown.
pub const REPAIR_PARTS: [RepairPart; 4] = [
    RepairPart {
        key: "whatIDid",
        label: "What I did",
        helper: "Say plainly what happened and what your part in it was. \
                 Name the specific thing, without reasons or \"but\" for now.",
    },
    RepairPart {
        key: "howItAffectedYou",
        label: "How it affected you",
        helper: "Say what you understand it did to your partner: what it cost them, \
                 what it made them feel or fear. You don't have to get it perfect; \
                 they can tell you more in a reply.",
    },
    RepairPart {
        key: "whatIFeel",
        label: "What I feel about it",
        helper: "Say how you feel about what you did: sorry, ashamed, sad. \
                 Keep it about your actions, not about how they reacted.",
    },
    RepairPart {
        key: "whatIWillDoDifferently",
        label: "What I will do differently",
        helper: "Say one or two concrete things you will do from now on, \
                 small enough to keep, so your partner can see them happen.",
    },
];

/// What a partner writes in the repair form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RepairInput {
    pub title: Option<String>,
    pub what_i_did: String,
    pub how_it_affected_you: String,
    pub what_i_feel: String,
    pub what_i_will_do_differently: String,
    pub feeling: Option<String>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
}

/// Checks every part (each one is needed: together they make the apology).
pub(crate) fn check_repair(input: &RepairInput) -> Result<(Checked, RepairParts)> {
    let (title, feeling, tags) = check_common(
        input.title.as_deref(),
        input.feeling.as_deref(),
        &input.tags,
    )?;
    let part = |raw: &str, i: usize| {
        long_text(
            raw,
            &format!("\"{}\"", REPAIR_PARTS[i].label),
            BODY_MAX_CHARS,
        )
    };
    let parts = RepairParts {
        what_i_did: part(&input.what_i_did, 0)?,
        how_it_affected_you: part(&input.how_it_affected_you, 1)?,
        what_i_feel: part(&input.what_i_feel, 2)?,
        what_i_will_do_differently: part(&input.what_i_will_do_differently, 3)?,
    };
    let body = repair_body(&parts);
    let chars = body.chars().count();
    if chars > BODY_MAX_CHARS {
        return Err(Error::invalid(format!(
            "Together the four parts are {chars} characters long; Hearth keeps up to \
             {BODY_MAX_CHARS} in one entry. Please shorten one of them."
        )));
    }
    let checked = Checked {
        title,
        body,
        feeling,
        tags,
        visibility: input.visibility,
    };
    Ok((checked, parts))
}

/// The parts joined by blank lines: what search indexes.
pub(crate) fn repair_body(parts: &RepairParts) -> String {
    [
        parts.what_i_did.as_str(),
        &parts.how_it_affected_you,
        &parts.what_i_feel,
        &parts.what_i_will_do_differently,
    ]
    .join("\n\n")
}

impl Store {
    /// Saves a repair entry written with the four-part template.
    pub fn create_repair(
        &mut self,
        author: PartnerId,
        input: &RepairInput,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Entry> {
        self.ensure_partner(author)?;
        let offset = check_offset(offset_minutes)?;
        let (checked, parts) = check_repair(input)?;
        let key = self.key_to_seal(author, checked.visibility == Visibility::Private)?;
        let now = stamp::now(clock);
        let tx = self.conn_mut().transaction()?;
        let id = insert_entry(
            &tx,
            &NewEntry {
                uid: stamp::new_uid(),
                author,
                kind: EntryKind::Repair,
                checked: &checked,
                prompt_id: None,
                prompt_date: None,
                repair: Some(&parts),
                created_at: now.clone(),
                created_offset: offset,
                updated_at: now,
                updated_offset: offset,
                deleted_at: None,
                seal: key.as_ref(),
            },
        )?;
        tx.commit()?;
        self.entry(author, id)
    }

    /// Changes a repair entry; only its author may.
    pub fn edit_repair(
        &mut self,
        editor: PartnerId,
        id: i64,
        input: &RepairInput,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Entry> {
        let current = self.own_entry(editor, id)?;
        let offset = check_offset(offset_minutes)?;
        if current.kind != EntryKind::Repair {
            return Err(Error::invalid(
                "This entry wasn't written with the repair template; please change it as a usual entry.",
            ));
        }
        let (checked, parts) = check_repair(input)?;
        self.check_visibility_change(&current, checked.visibility)?;
        if checked.title == current.title
            && current.repair.as_ref() == Some(&parts)
            && checked.feeling == current.feeling
            && checked.tags == sorted(&current.tags)
            && checked.visibility == current.visibility
        {
            return self.entry(editor, id);
        }
        let stored = self.words_to_store(&current, &checked, Some(&parts))?;
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "UPDATE entries SET feeling = ?2, visibility = ?3, updated_at = ?4, updated_offset = ?5
             WHERE id = ?1",
            params![
                id,
                checked.feeling.map(|f| f.as_str()),
                checked.visibility.as_str(),
                stamp::now(clock),
                offset,
            ],
        )?;
        write_words(&tx, id, &stored)?;
        tx.commit()?;
        self.entry(editor, id)
    }
}
