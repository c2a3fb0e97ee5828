//! Checking an export file in full before anything is written: every record
//! must follow the rules that new writing follows.

use std::collections::HashSet;

use super::import::damaged;
use super::{ExportEntry, ExportFile};
use crate::appreciations::check_text;
use crate::couple::PartnerId;
use crate::error::Result;
use crate::journal::{check_tags, EntryKind, Feeling, Visibility, BODY_MAX_CHARS, TITLE_MAX_CHARS};
use crate::prompts::{library::LIBRARY, PROMPT_MAX_CHARS};
use crate::stamp::{check_offset, is_uid};
use crate::store::Store;
use crate::text::{long_text, optional_label, short_label};

pub(super) fn same<T: PartialEq>(checked: T, stored: &T, what: &str) -> Result<()> {
    if &checked == stored {
        Ok(())
    } else {
        Err(damaged(what))
    }
}

pub(super) fn partner_ok(id: PartnerId, what: &str) -> Result<()> {
    if id.0 == 1 || id.0 == 2 {
        Ok(())
    } else {
        Err(damaged(format!("{what} names a partner other than 1 or 2")))
    }
}

pub(super) fn offset_ok(minutes: i32, what: &str) -> Result<()> {
    check_offset(minutes)
        .map(|_| ())
        .map_err(|_| damaged(format!("{what} has a time zone out of range")))
}

impl Store {
    /// Checks every record against the rules new writing follows.
    pub(super) fn check_file(&self, file: &ExportFile) -> Result<()> {
        let mut ids: Vec<i64> = file.partners.iter().map(|p| p.id.0).collect();
        ids.sort_unstable();
        if ids != [1, 2] {
            return Err(damaged("it doesn't have exactly partners 1 and 2"));
        }
        for p in &file.partners {
            same(
                short_label(&p.name, "name", 40).ok(),
                &Some(p.name.clone()),
                "a partner's name is invalid",
            )?;
            let ok = p.color.len() == 7
                && p.color.starts_with('#')
                && p.color[1..]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            same(ok, &true, "a partner's colour is invalid")?;
            let when_ok = p.created_at.as_deref().map_or(true, |t| {
                t.len() <= 40 && chrono::DateTime::parse_from_rfc3339(t).is_ok()
            });
            same(when_ok, &true, "a partner's date is invalid")?;
        }
        if file.partners[0].name.to_lowercase() == file.partners[1].name.to_lowercase() {
            return Err(damaged("both partners have the same name"));
        }
        let mut prompt_ids: HashSet<String> = LIBRARY.iter().map(|p| p.0.to_string()).collect();
        for p in self.prompts()? {
            prompt_ids.insert(p.id);
        }
        let mut custom_ids = HashSet::new();
        for (i, p) in file.custom_prompts.iter().enumerate() {
            let what = format!("custom prompt {}", i + 1);
            let id_ok = p.id.starts_with("custom-")
                && p.id.len() <= 80
                && p.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && custom_ids.insert(p.id.clone());
            if !id_ok {
                return Err(damaged(format!("{what} has an invalid or repeated id")));
            }
            prompt_ids.insert(p.id.clone());
            same(
                short_label(&p.text, "text", PROMPT_MAX_CHARS).ok(),
                &Some(p.text.clone()),
                &format!("{what} has invalid text"),
            )?;
            partner_ok(p.added_by, &what)?;
        }
        let mut dates = HashSet::new();
        for d in &file.daily_prompts {
            if !dates.insert(d.date) {
                return Err(damaged(format!("the day {} appears twice", d.date)));
            }
            for id in std::iter::once(&d.prompt_id).chain(&d.skipped) {
                if !prompt_ids.contains(id) {
                    return Err(damaged(format!(
                        "the day {} names an unknown prompt",
                        d.date
                    )));
                }
            }
        }
        let mut uids = HashSet::new();
        let mut answers = HashSet::new();
        for (i, e) in file.entries.iter().enumerate() {
            self.check_entry(e, &format!("entry {}", i + 1), &prompt_ids, &mut uids)?;
            if let Some(date) = e.prompt_date {
                if !answers.insert((date, e.author)) {
                    return Err(damaged(format!(
                        "entry {} is a second answer for one day",
                        i + 1
                    )));
                }
            }
        }
        for (i, a) in file.appreciations.iter().enumerate() {
            let what = format!("appreciation {}", i + 1);
            if !is_uid(&a.uid) || !uids.insert(a.uid.clone()) {
                return Err(damaged(format!("{what} has an invalid or repeated id")));
            }
            partner_ok(a.from, &what)?;
            partner_ok(a.to, &what)?;
            same(
                a.from != a.to,
                &true,
                &format!("{what} is from a partner to themselves"),
            )?;
            same(
                check_text(&a.text).ok(),
                &Some(a.text.clone()),
                &format!("{what} has invalid text"),
            )?;
            offset_ok(a.created_offset, &what)?;
        }
        partner_ok(file.exported_by, "the file")?;
        super::everything::checks::check_everything(file)
    }

    fn check_entry(
        &self,
        e: &ExportEntry,
        what: &str,
        prompt_ids: &HashSet<String>,
        uids: &mut HashSet<String>,
    ) -> Result<()> {
        if !is_uid(&e.uid) || !uids.insert(e.uid.clone()) {
            return Err(damaged(format!("{what} has an invalid or repeated id")));
        }
        partner_ok(e.author, what)?;
        let invalid = |field: &str| format!("{what} has an invalid {field}");
        same(
            optional_label(e.title.as_deref(), "title", TITLE_MAX_CHARS).ok(),
            &Some(e.title.clone()),
            &invalid("title"),
        )?;
        same(
            long_text(&e.body, "body", BODY_MAX_CHARS).ok(),
            &Some(e.body.clone()),
            &invalid("body"),
        )?;
        if let Some(feeling) = &e.feeling {
            Feeling::parse(feeling).map_err(|_| damaged(invalid("feeling")))?;
        }
        same(
            check_tags(&e.tags).ok(),
            &Some(e.tags.clone()),
            &invalid("list of tags"),
        )?;
        offset_ok(e.created_offset, what)?;
        offset_ok(e.updated_offset, what)?;
        same(e.updated_at >= e.created_at, &true, &invalid("change time"))?;
        if let Some(id) = &e.prompt_id {
            same(
                prompt_ids.contains(id),
                &true,
                &format!("{what} names an unknown prompt"),
            )?;
        }
        let answer = e.kind == EntryKind::Answer;
        same(answer, &e.prompt_date.is_some(), &invalid("prompt date"))?;
        if answer {
            same(
                e.prompt_id.is_some() && e.visibility == Visibility::Shared,
                &true,
                &invalid("answer"),
            )?;
        }
        match (&e.repair, e.kind) {
            (Some(parts), EntryKind::Repair) => {
                for part in [
                    &parts.what_i_did,
                    &parts.how_it_affected_you,
                    &parts.what_i_feel,
                    &parts.what_i_will_do_differently,
                ] {
                    same(
                        long_text(part, "part", BODY_MAX_CHARS).ok(),
                        &Some(part.clone()),
                        &invalid("repair part"),
                    )?;
                }
                same(
                    crate::journal::repair_body(parts),
                    &e.body,
                    &invalid("repair entry"),
                )?;
            }
            (None, EntryKind::Note | EntryKind::Answer) => {}
            _ => return Err(damaged(invalid("repair entry"))),
        }
        for (j, r) in e.replies.iter().enumerate() {
            let what = format!("reply {} of {what}", j + 1);
            if !is_uid(&r.uid) || !uids.insert(r.uid.clone()) {
                return Err(damaged(format!("{what} has an invalid or repeated id")));
            }
            partner_ok(r.author, &what)?;
            same(
                long_text(&r.body, "body", BODY_MAX_CHARS).ok(),
                &Some(r.body.clone()),
                &format!("{what} has an invalid text"),
            )?;
            offset_ok(r.created_offset, &what)?;
        }
        let mut readers = HashSet::new();
        for m in &e.reads {
            partner_ok(m.reader, what)?;
            same(
                m.reader != e.author && readers.insert(m.reader),
                &true,
                &invalid("read mark"),
            )?;
            offset_ok(m.read_offset, what)?;
        }
        Ok(())
    }
}
