//! Reading a JSON export back: check everything, then write it all at once.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{ExportFile, EXPORT_FORMAT, EXPORT_VERSION};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::journal::entries::{insert_entry, NewEntry};
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
}

pub(super) fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::invalid(format!(
        "This Hearth export can't be imported: {detail}. Nothing was changed."
    ))
}

/// Reads the file's text, refusing what isn't a version-1 Hearth export.
pub(crate) fn parse(text: &str) -> Result<ExportFile> {
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
        Some(v) if v == u64::from(EXPORT_VERSION) => {}
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

impl Store {
    /// Checks that `text` is an export this journal would accept, changing
    /// nothing (so a snapshot is only taken before an import that will run).
    pub(crate) fn check_import(&self, text: &str) -> Result<()> {
        let file = parse(text)?;
        self.check_file(&file)
    }

    /// Imports a JSON export (see the module documentation for the rules).
    pub fn import_json(&mut self, text: &str, clock: &dyn Clock) -> Result<ImportReport> {
        let file = parse(text)?;
        self.check_file(&file)?;
        let set_up = self.is_set_up()?;
        let mut report = ImportReport {
            couple_set_up: !set_up,
            ..ImportReport::default()
        };
        let tx = self.conn_mut().transaction()?;
        if !set_up {
            for p in &file.partners {
                tx.execute(
                    "INSERT INTO partners (id, name, color, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![p.id.0, p.name, p.color, stamp::now(clock)],
                )?;
            }
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('current_writer', '1')
                 ON CONFLICT (key) DO NOTHING",
                [],
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
        for e in &file.entries {
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
                    insert_entry(
                        &tx,
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
                        },
                    )?
                }
            };
            for r in &e.replies {
                report.replies_added += tx.execute(
                    "INSERT INTO replies (uid, entry_id, author, body, created_at, created_offset)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                    params![
                        r.uid,
                        id,
                        r.author.0,
                        r.body,
                        stamp::format(r.created_at),
                        r.created_offset
                    ],
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
            report.appreciations_added += tx.execute(
                "INSERT INTO appreciations (uid, from_partner, to_partner, text, created_at, created_offset, read_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                params![a.uid, a.from.0, a.to.0, a.text, stamp::format(a.created_at), a.created_offset, a.read_at.map(stamp::format)],
            )?;
        }
        tx.commit()?;
        Ok(report)
    }
}
