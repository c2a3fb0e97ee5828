//! Reading a JSON export back: check everything, then write it all at once.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::everything::{self, id_if_free, run, Added, Progress, Stage, Tally, IMPORT_MAX_BYTES};
use super::{ExportFile, EXPORT_FORMAT, EXPORT_VERSION};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::journal::entries::{insert_entry_at, NewEntry};
use crate::journal::{Checked, Feeling};
use crate::stamp;
use crate::store::Store;

/// What an import added; things already in the journal are not added again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub entries_added: usize,
    pub entries_already_here: usize,
    /// Answers for a day the same partner had already answered here.
    pub answers_skipped: usize,
    pub replies_added: usize,
    pub reads_added: usize,
    pub appreciations_added: usize,
    pub prompts_added: usize,
    pub days_added: usize,
    /// The couple was set up from the file (the journal had none yet).
    pub couple_set_up: bool,
    /// Rituals, check-ins, commitments and the rest (a version-2 file).
    #[serde(flatten)]
    pub everything: Added,
}

pub(super) fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::invalid(format!(
        "This Hearth export can't be imported: {detail}. Nothing was changed."
    ))
}

/// Reads the file's text, refusing what isn't a Hearth export this Hearth
/// reads (versions 1 and 2), and anything over [`IMPORT_MAX_BYTES`].
pub(crate) fn parse(text: &str) -> Result<ExportFile> {
    if text.len() > IMPORT_MAX_BYTES {
        return Err(too_big(text.len()));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| {
        Error::invalid(
            "This file isn't a Hearth export (it can't be read as JSON). Nothing was changed.",
        )
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(Error::invalid(
            "This file isn't a Hearth export, so it can't be imported. Nothing was changed.",
        ));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if (1..=u64::from(EXPORT_VERSION)).contains(&v) => {}
        Some(v) if v > u64::from(EXPORT_VERSION) => {
            return Err(Error::invalid(format!(
                "This export was made by a newer version of Hearth (format {v}; this one reads \
                 up to {EXPORT_VERSION}). Please update Hearth to import it. Nothing was changed."
            )))
        }
        _ => return Err(damaged("its version is missing or unknown")),
    }
    serde_json::from_value(value).map_err(|e| damaged(format!("it is damaged ({e})")))
}

/// The sentence for a file over the size Hearth reads.
pub(crate) fn too_big(bytes: usize) -> Error {
    Error::invalid(format!(
        "This file is too large to be a Hearth export ({} MB; Hearth reads up to {} MB). \
         Nothing was changed.",
        bytes.div_ceil(1024 * 1024),
        IMPORT_MAX_BYTES / (1024 * 1024)
    ))
}

impl Store {
    /// Checks that `text` is an export this journal would accept, changing
    /// nothing (so a snapshot is only taken before an import that will run).
    pub(crate) fn check_import(&self, text: &str) -> Result<()> {
        let file = parse(text)?;
        self.check_file(&file)
    }

    /// Imports a JSON export (see the module documentation for the rules),
    /// telling `report` how far it has come.
    pub fn import_json_with(
        &mut self,
        text: &str,
        clock: &dyn Clock,
        report: &mut dyn FnMut(Progress),
    ) -> Result<ImportReport> {
        let file = parse(text)?;
        let records = (file.entries.len()
            + file.rituals.len()
            + file.checkins.len()
            + file.commitments.len()
            + file.reminders.len()) as u64;
        Tally::new(Stage::Checking, records, report);
        self.check_file(&file)?;
        Tally::new(Stage::Checking, records, report).finish();
        let mut tally = Tally::new(Stage::Writing, records, report);
        let set_up = self.is_set_up()?;
        let mut report = ImportReport {
            couple_set_up: !set_up,
            ..ImportReport::default()
        };
        let tx = self.conn_mut().transaction()?;
        if !set_up {
            for p in &file.partners {
                let created = p.created_at.clone();
                tx.execute(
                    "INSERT INTO partners (id, name, color, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        p.id.0,
                        p.name,
                        p.color,
                        created.unwrap_or_else(|| stamp::now(clock))
                    ],
                )?;
            }
            // The partner who exported is the one writing, as they were.
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('current_writer', ?1)
                 ON CONFLICT (key) DO NOTHING",
                [file.exported_by.0.to_string()],
            )?;
        }
        for p in &file.custom_prompts {
            report.prompts_added += tx.execute(
                "INSERT INTO custom_prompts (id, category, text, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
                params![
                    p.id,
                    p.category.as_str(),
                    p.text,
                    p.added_by.0,
                    stamp::format(p.created_at)
                ],
            )?;
        }
        for d in &file.daily_prompts {
            let date = d.date.format("%Y-%m-%d").to_string();
            report.days_added += tx.execute(
                "INSERT INTO daily_prompts (date, prompt_id, chosen_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![date, d.prompt_id, stamp::format(d.chosen_at)],
            )?;
            for skipped in &d.skipped {
                tx.execute(
                    "INSERT INTO skipped_prompts (date, prompt_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                    params![date, skipped],
                )?;
            }
        }
        // An entry's id in the file, and its id here (for drafts that name it).
        let mut entry_ids = HashMap::new();
        for e in &file.entries {
            tally.add(1);
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM entries WHERE uid = ?1", [&e.uid], |r| {
                    r.get(0)
                })
                .optional()?;
            let id = match existing {
                Some(id) => {
                    report.entries_already_here += 1;
                    id
                }
                None => {
                    if let Some(date) = e.prompt_date {
                        let taken: i64 = tx.query_row(
                            "SELECT count(*) FROM entries WHERE prompt_date = ?1 AND author = ?2",
                            params![date.format("%Y-%m-%d").to_string(), e.author.0],
                            |r| r.get(0),
                        )?;
                        if taken > 0 {
                            report.answers_skipped += 1;
                            continue;
                        }
                    }
                    let checked = Checked {
                        title: e.title.clone(),
                        body: e.body.clone(),
                        feeling: e.feeling.as_deref().map(Feeling::parse).transpose()?,
                        tags: e.tags.clone(),
                        visibility: e.visibility,
                    };
                    report.entries_added += 1;
                    let keep = id_if_free(&tx, "entries", e.id)?;
                    insert_entry_at(
                        &tx,
                        keep,
                        &NewEntry {
                            uid: e.uid.clone(),
                            author: e.author,
                            kind: e.kind,
                            checked: &checked,
                            prompt_id: e.prompt_id.as_deref(),
                            prompt_date: e.prompt_date,
                            repair: e.repair.as_ref(),
                            created_at: stamp::format(e.created_at),
                            created_offset: e.created_offset,
                            updated_at: stamp::format(e.updated_at),
                            updated_offset: e.updated_offset,
                            deleted_at: e.deleted_at.map(stamp::format),
                            seal: None,
                        },
                    )?
                }
            };
            if let Some(old) = e.id {
                entry_ids.insert(old, id);
            }
            for r in &e.replies {
                let keep = id_if_free(&tx, "replies", r.id)?;
                report.replies_added += run(
                    &tx,
                    "INSERT INTO replies (id, uid, entry_id, author, body, created_at,
                        created_offset)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                    params![
                        keep,
                        r.uid,
                        id,
                        r.author.0,
                        r.body,
                        stamp::format(r.created_at),
                        r.created_offset
                    ],
                    "a reply",
                )?;
            }
            for m in &e.reads {
                report.reads_added += tx.execute(
                    "INSERT INTO entry_reads (entry_id, reader, read_at, read_offset)
                     VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                    params![id, m.reader.0, stamp::format(m.read_at), m.read_offset],
                )?;
            }
        }
        for a in &file.appreciations {
            let keep = id_if_free(&tx, "appreciations", a.id)?;
            report.appreciations_added += run(
                &tx,
                "INSERT INTO appreciations (id, uid, from_partner, to_partner, text, created_at,
                    created_offset, read_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
                params![
                    keep,
                    a.uid,
                    a.from.0,
                    a.to.0,
                    a.text,
                    stamp::format(a.created_at),
                    a.created_offset,
                    a.read_at.map(stamp::format)
                ],
                "a thank-you note",
            )?;
        }
        report.everything =
            everything::write_everything(&tx, &file, &entry_ids, !set_up, &mut tally)?;
        tx.commit()?;
        tally.finish();
        Ok(report)
    }
}
