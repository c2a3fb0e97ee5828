//! Writing, reading and changing one entry.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::sealed::{write_words, Stored};
use super::{
    check_input, entry_from_row, entry_not_found, Checked, Entry, EntryInput, EntryKind,
    RepairParts, Visibility, ENTRY_COLUMNS, VISIBLE,
};
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp::{self, check_offset};
use crate::store::Store;
use crate::vault::SecretKey;

/// Everything one `entries` row holds, checked, ready to insert.
pub(crate) struct NewEntry<'a> {
    pub uid: String,
    pub author: PartnerId,
    pub kind: EntryKind,
    pub checked: &'a Checked,
    pub prompt_id: Option<&'a str>,
    pub prompt_date: Option<NaiveDate>,
    pub repair: Option<&'a RepairParts>,
    pub created_at: String,
    pub created_offset: i32,
    pub updated_at: String,
    pub updated_offset: i32,
    pub deleted_at: Option<String>,
    /// The author's key when the words are theirs alone and sealed
    /// ([`Store::key_to_seal`]); `None` writes them plain.
    pub seal: Option<&'a SecretKey>,
}

/// Inserts the row and its tags; the caller holds the transaction.
pub(crate) fn insert_entry(conn: &Connection, e: &NewEntry) -> Result<i64> {
    insert_entry_at(conn, None, e)
}

/// [`insert_entry`] with the row id `id` (an import keeps ids where free);
/// `None` lets SQLite choose.
pub(crate) fn insert_entry_at(conn: &Connection, id: Option<i64>, e: &NewEntry) -> Result<i64> {
    let c = e.checked;
    let stored = Stored::new(
        &e.uid,
        e.author,
        c.title.as_deref(),
        &c.body,
        &c.tags,
        e.repair,
        e.seal,
    );
    let repair = stored.repair.as_ref();
    conn.prepare_cached(
        "INSERT INTO entries (uid, author, kind, title, body, feeling, visibility, prompt_id,
            prompt_date, repair_did, repair_effect, repair_feel, repair_change, created_at,
            created_offset, updated_at, updated_offset, deleted_at, id, sealed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20)",
    )?
    .execute(params![
        e.uid,
        e.author.0,
        e.kind.as_str(),
        stored.title,
        stored.body,
        c.feeling.map(|f| f.as_str()),
        c.visibility.as_str(),
        e.prompt_id,
        e.prompt_date.map(|d| d.format("%Y-%m-%d").to_string()),
        repair.map(|p| &p.what_i_did),
        repair.map(|p| &p.how_it_affected_you),
        repair.map(|p| &p.what_i_feel),
        repair.map(|p| &p.what_i_will_do_differently),
        e.created_at,
        e.created_offset,
        e.updated_at,
        e.updated_offset,
        e.deleted_at,
        id,
        stored.sealed,
    ])?;
    let id = conn.last_insert_rowid();
    replace_tags(conn, id, &stored.tags)?;
    Ok(id)
}

pub(crate) fn replace_tags(conn: &Connection, entry_id: i64, tags: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM entry_tags WHERE entry_id = ?1")?
        .execute([entry_id])?;
    let mut insert =
        conn.prepare_cached("INSERT INTO entry_tags (entry_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        insert.execute(params![entry_id, tag])?;
    }
    Ok(())
}

impl Store {
    /// Saves a new entry written by `author`. `offset_minutes` is the UTC
    /// offset of the writer's clock now (east positive, e.g. 60 for CET).
    pub fn create_entry(
        &mut self,
        author: PartnerId,
        input: &EntryInput,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Entry> {
        self.ensure_partner(author)?;
        let offset = check_offset(offset_minutes)?;
        let checked = check_input(input)?;
        let prompt_id = self.optional_prompt_id(input.prompt_id.as_deref())?;
        let key = self.key_to_seal(author, checked.visibility == Visibility::Private)?;
        let now = stamp::now(clock);
        let tx = self.conn_mut().transaction()?;
        let id = insert_entry(
            &tx,
            &NewEntry {
                uid: stamp::new_uid(),
                author,
                kind: EntryKind::Note,
                checked: &checked,
                prompt_id: prompt_id.as_deref(),
                prompt_date: None,
                repair: None,
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

    /// One entry, if `viewer` may see it; otherwise `not_found`.
    pub fn entry(&self, viewer: PartnerId, id: i64) -> Result<Entry> {
        self.ensure_partner(viewer)?;
        let mut entry = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?2 AND {VISIBLE}"
            ))?
            .query_row([viewer.0, id], entry_from_row)
            .optional()?
            .ok_or_else(entry_not_found)?;
        self.hydrate(&mut entry)?;
        Ok(entry)
    }

    /// The entry `editor` may change: theirs, visible, not in the trash.
    pub(crate) fn own_entry(&self, editor: PartnerId, id: i64) -> Result<Entry> {
        self.ensure_partner(editor)?;
        let Some(entry) = self.raw_entry(id)? else {
            return Err(entry_not_found());
        };
        if entry.author != editor {
            if !self.is_visible(editor, id)? {
                return Err(entry_not_found());
            }
            let name = self.partner(entry.author)?.name;
            return Err(Error::NotAllowed(format!(
                "Only {name} can change what {name} wrote. You can reply under it instead."
            )));
        }
        if entry.deleted_at.is_some() {
            return Err(Error::NotFound(
                "That entry is in your trash. Restore it first to change it.".into(),
            ));
        }
        Ok(entry)
    }

    /// Changes an entry; only its author may. Keeps when it was written and
    /// records when it was changed. Saving it unchanged changes nothing.
    pub fn edit_entry(
        &mut self,
        editor: PartnerId,
        id: i64,
        input: &EntryInput,
        offset_minutes: i32,
        clock: &dyn Clock,
    ) -> Result<Entry> {
        let current = self.own_entry(editor, id)?;
        let offset = check_offset(offset_minutes)?;
        if current.kind == EntryKind::Repair {
            return Err(Error::invalid(
                "This is a repair entry; please change it with its four parts.",
            ));
        }
        let checked = check_input(input)?;
        let prompt_id = match current.kind {
            // An answer stays the answer to its day's prompt.
            EntryKind::Answer => current.prompt_id.clone(),
            _ => self.optional_prompt_id(input.prompt_id.as_deref())?,
        };
        self.check_visibility_change(&current, checked.visibility)?;
        if checked.title == current.title
            && checked.body == current.body
            && checked.feeling == current.feeling
            && checked.tags == sorted(&current.tags)
            && checked.visibility == current.visibility
            && prompt_id == current.prompt_id
        {
            return self.entry(editor, id);
        }
        let stored = self.words_to_store(&current, &checked, None)?;
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "UPDATE entries SET feeling = ?2, visibility = ?3,
                prompt_id = ?4, updated_at = ?5, updated_offset = ?6
             WHERE id = ?1",
            params![
                id,
                checked.feeling.map(|f| f.as_str()),
                checked.visibility.as_str(),
                prompt_id,
                stamp::now(clock),
                offset,
            ],
        )?;
        write_words(&tx, id, &stored)?;
        tx.commit()?;
        self.entry(editor, id)
    }

    /// An edit's words as they will be stored: sealed while the entry stays
    /// its author's alone (private, or an answer not yet answered by the
    /// other) and they have a passphrase.
    pub(crate) fn words_to_store(
        &self,
        current: &Entry,
        checked: &Checked,
        repair: Option<&RepairParts>,
    ) -> Result<Stored> {
        let alone = checked.visibility == Visibility::Private
            || match current.prompt_date {
                Some(date) => super::sealed::unrevealed(
                    self.conn(),
                    current.author,
                    &date.format("%Y-%m-%d").to_string(),
                )?,
                None => false,
            };
        let key = self.key_to_seal(current.author, alone)?;
        Ok(Stored::new(
            &current.uid,
            current.author,
            checked.title.as_deref(),
            &checked.body,
            &checked.tags,
            repair,
            key.as_ref(),
        ))
    }

    /// Refuses to hide an entry the other partner has answered under, or to
    /// make an answer private.
    pub(crate) fn check_visibility_change(&self, current: &Entry, to: Visibility) -> Result<()> {
        if to == Visibility::Shared || current.visibility == Visibility::Private {
            return Ok(());
        }
        if current.kind == EntryKind::Answer {
            return Err(Error::invalid(
                "Answers to the prompt of the day are shared once you've both written. \
                 To keep something to yourself, write a private entry instead.",
            ));
        }
        let theirs: i64 = self.conn().query_row(
            "SELECT count(*) FROM replies WHERE entry_id = ?1 AND author <> ?2",
            params![current.id, current.author.0],
            |r| r.get(0),
        )?;
        if theirs > 0 {
            let name = self.partner(PartnerId(3 - current.author.0))?.name;
            return Err(Error::invalid(format!(
                "{name} has replied to this entry, so it stays shared: their words are part of it now."
            )));
        }
        Ok(())
    }
}

pub(crate) fn sorted(tags: &[String]) -> Vec<String> {
    let mut tags = tags.to_vec();
    tags.sort();
    tags
}
