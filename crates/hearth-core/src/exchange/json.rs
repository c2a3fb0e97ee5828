//! Writing the JSON export.

use rusqlite::params;

use std::collections::HashMap;

use super::everything::{self, Progress, Stage, Tally};
use super::{
    exported, ExportAppreciation, ExportDay, ExportEntry, ExportFile, ExportOptions, ExportPartner,
    ExportPrompt, ExportReply, EXPORT_FORMAT, EXPORT_VERSION,
};
use crate::appreciations::appreciation_from_row;
use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::Result;
use crate::journal::{entry_from_row, Entry, ENTRY_COLUMNS};
use crate::stamp;
use crate::store::Store;

impl Store {
    /// The entries the viewer exports, oldest first, with tags and reads.
    pub(crate) fn exported_entries(
        &self,
        viewer: PartnerId,
        options: &ExportOptions,
    ) -> Result<Vec<Entry>> {
        self.ensure_partner(viewer)?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE {} ORDER BY e.created_at, e.id",
            exported()
        ))?;
        let mut entries: Vec<Entry> = stmt
            .query_map(params![viewer.0, options.include_private], entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for entry in &mut entries {
            self.hydrate(entry)?;
        }
        Ok(entries)
    }

    /// Everything the viewer may take away, as the export structure,
    /// telling `report` how far it has come.
    pub fn export_file_with(
        &self,
        viewer: PartnerId,
        options: &ExportOptions,
        clock: &dyn Clock,
        report: &mut dyn FnMut(Progress),
    ) -> Result<ExportFile> {
        let entries = self.exported_entries(viewer, options)?;
        let total = entries.len() as u64 + everything::read::count(self.conn())?;
        let mut tally = Tally::new(Stage::Reading, total, report);
        let mut reply_stmt = self.conn().prepare_cached(
            "SELECT uid, author, body, created_at, created_offset, id FROM replies
             WHERE entry_id = ?1 ORDER BY created_at, id",
        )?;
        let mut out_entries = Vec::with_capacity(entries.len());
        let mut uids = HashMap::with_capacity(entries.len());
        for e in entries {
            let replies = reply_stmt
                .query_map([e.id], |r| {
                    Ok(ExportReply {
                        id: Some(r.get(5)?),
                        uid: r.get(0)?,
                        author: PartnerId(r.get(1)?),
                        body: r.get(2)?,
                        created_at: stamp::parse_column(&r.get::<_, String>(3)?, 3)?,
                        created_offset: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            uids.insert(e.id, e.uid.clone());
            tally.add(1);
            out_entries.push(ExportEntry {
                id: Some(e.id),
                uid: e.uid,
                kind: e.kind,
                author: e.author,
                title: e.title,
                body: e.body,
                feeling: e.feeling.map(|f| f.as_str().to_string()),
                tags: e.tags,
                visibility: e.visibility,
                prompt_id: e.prompt_id,
                prompt_date: e.prompt_date,
                repair: e.repair,
                created_at: e.created_at,
                created_offset: e.created_offset,
                updated_at: e.updated_at,
                updated_offset: e.updated_offset,
                deleted_at: e.deleted_at,
                replies,
                reads: e.reads,
            });
        }
        let partners = self
            .conn()
            .prepare("SELECT id, name, color, created_at FROM partners ORDER BY id")?
            .query_map([], |r| {
                Ok(ExportPartner {
                    id: PartnerId(r.get(0)?),
                    name: r.get(1)?,
                    color: r.get(2)?,
                    created_at: Some(r.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let custom_prompts = self
            .conn()
            .prepare(
                "SELECT id, category, text, created_by, created_at FROM custom_prompts
                 ORDER BY created_at, id",
            )?
            .query_map([], |r| {
                let p = crate::prompts::custom_from_row(r)?;
                Ok(ExportPrompt {
                    id: p.id,
                    category: p.category,
                    text: p.text,
                    added_by: PartnerId(r.get(3)?),
                    created_at: stamp::parse_column(&r.get::<_, String>(4)?, 4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut skipped_stmt = self
            .conn()
            .prepare("SELECT prompt_id FROM skipped_prompts WHERE date = ?1 ORDER BY prompt_id")?;
        let days: Vec<(String, String, String)> = self
            .conn()
            .prepare("SELECT date, prompt_id, chosen_at FROM daily_prompts ORDER BY date")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut daily_prompts = Vec::with_capacity(days.len());
        for (date, prompt_id, chosen_at) in days {
            let skipped = skipped_stmt
                .query_map([&date], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            daily_prompts.push(ExportDay {
                date: chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|_| stamp::bad_column(0, "date", &date))?,
                prompt_id,
                chosen_at: stamp::parse_column(&chosen_at, 2)?,
                skipped,
            });
        }
        let appreciations = self
            .conn()
            .prepare(
                "SELECT id, uid, from_partner, to_partner, text, created_at, created_offset, read_at
                 FROM appreciations ORDER BY created_at, id",
            )?
            .query_map([], appreciation_from_row)?
            .map(|a| {
                a.map(|a| ExportAppreciation {
                    id: Some(a.id),
                    uid: a.uid,
                    from: a.from,
                    to: a.to,
                    text: a.text,
                    created_at: a.created_at,
                    created_offset: a.created_offset,
                    read_at: a.read_at,
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        let mut rest = everything::gather(
            self.conn(),
            viewer,
            options.include_private,
            &uids,
            &mut tally,
        )?;
        self.open_own_sealed(viewer, &mut rest)?;
        tally.finish();
        Ok(ExportFile {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at: clock.now(),
            exported_by: viewer,
            includes_private: options.include_private,
            partners,
            entries: out_entries,
            custom_prompts,
            daily_prompts,
            appreciations,
            rituals: rest.rituals,
            checkins: rest.checkins,
            commitments: rest.commitments,
            drafts: rest.drafts,
            settings: rest.settings,
            reminders: rest.reminders,
        })
    }
}

impl Store {
    /// The exporting partner's own sealed drafts and check-ins, opened (they
    /// are unlocked to export). The other partner's stay out or sealed.
    fn open_own_sealed(&self, viewer: PartnerId, rest: &mut everything::Gathered) -> Result<()> {
        for d in rest.drafts.iter_mut().filter(|d| d.content.is_empty()) {
            if let Some(draft) = self.draft(viewer, &d.key)? {
                d.content = draft.content.to_string();
            }
        }
        let sealed = |c: &crate::exchange::everything::ExportCheckin| {
            c.author == viewer
                && c.went_well.is_none()
                && c.was_hard.is_none()
                && c.need_from_you.is_none()
        };
        for c in rest.checkins.iter_mut().filter(|c| sealed(c)) {
            if let Some(mine) = self.checkin(viewer, c.week)?.mine {
                c.went_well = mine.went_well;
                c.was_hard = mine.was_hard;
                c.need_from_you = mine.need_from_you;
            }
        }
        Ok(())
    }
}
