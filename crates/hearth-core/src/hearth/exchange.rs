//! Export and import through the door.
//!
//! **Where a file goes is decided here, once**, for "Export everything",
//! the memory book and the calendar alike. The shell only asks the person
//! (the desktop's save dialog) and passes the answer as a [`SaveTo`]:
//! - a file the person chose is replaced whole: written beside it first and
//!   renamed into place, so a full disk never leaves half a file where a
//!   whole one was;
//! - with no dialog (the tests, `HEARTH_EXPORT_DIR`, a desktop without one)
//!   the file is new in the export folder (the person's Documents, or the
//!   data folder when there is none) and never written over an existing
//!   one: ` (2)`, ` (3)`… are added instead.
//!
//! Every import takes a verified snapshot first, whoever asks, and wakes
//! the reminder plan when it changed anything.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Hearth;
use crate::error::{Error, Result};
use crate::exchange::import::too_big;
use crate::exchange::{
    ExportOptions, ImportReport, JournalImportReport, JournalOptions, Progress, IMPORT_MAX_BYTES,
};
use crate::store::Reason;

/// Most files of one name an export adds a number to before giving up.
const NUMBERED_MAX: u32 = 999;

/// Where an export is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveTo {
    /// The file the person chose in the save dialog; replaced whole.
    Chosen(PathBuf),
    /// A new file in [`Hearth::export_dir`], numbered rather than replacing one.
    ExportFolder,
}

pub struct ExchangeHandle<'a>(pub(super) &'a mut Hearth);

impl ExchangeHandle<'_> {
    /// "Export everything": the writer's complete export (version 2) saved
    /// as `Hearth export <date>.json` where `to` says, telling `report` how
    /// far it has come; returns where it went. `date` is the local date.
    pub fn export_everything(
        &mut self,
        options: &ExportOptions,
        date: NaiveDate,
        to: &SaveTo,
        report: &mut dyn FnMut(Progress),
    ) -> Result<PathBuf> {
        let text = self.0.as_writer(|store, viewer, clock| {
            let file = store.export_file_with(viewer, options, clock, report)?;
            serde_json::to_string_pretty(&file)
                .map_err(|e| Error::Storage(format!("the export couldn't be written: {e}")))
        })?;
        self.0.save(
            to,
            &format!("Hearth export {date}"),
            "json",
            text.as_bytes(),
        )
    }

    /// Saves the Markdown memory book as `Hearth memory book <date>.md`.
    pub fn export_markdown(
        &mut self,
        options: &ExportOptions,
        date: NaiveDate,
        to: &SaveTo,
    ) -> Result<PathBuf> {
        let text = self
            .0
            .as_writer(|s, me, c| s.export_markdown(me, options, c))?;
        self.0.save(
            to,
            &format!("Hearth memory book {date}"),
            "md",
            text.as_bytes(),
        )
    }

    /// Imports an export file given as its bytes (any version this Hearth
    /// reads), all or nothing: refuses a file over [`IMPORT_MAX_BYTES`] or
    /// one that isn't text before reading it, checks it in full, then takes
    /// a snapshot and writes it. Works before setup too: an import may set
    /// up the couple.
    pub fn import_everything(
        &mut self,
        bytes: &[u8],
        report: &mut dyn FnMut(Progress),
    ) -> Result<ImportReport> {
        if bytes.len() > IMPORT_MAX_BYTES {
            return Err(too_big(bytes.len()));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Error::invalid("This file isn't a Hearth export (it isn't text). Nothing was changed.")
        })?;
        let hearth = &mut *self.0;
        let before = hearth.store.as_ref().map(|s| s.change_count()).ok();
        let clock = &*hearth.clock;
        let imported = match &mut hearth.store {
            Ok(store) => store.check_import(text).and_then(|()| {
                store.snapshot(Reason::BeforeImport, clock.now())?;
                store.import_json_with(text, clock, report)
            }),
            Err(err) => Err(super::reopen_error(err)),
        };
        hearth.wake_if_changed(before);
        imported
    }

    /// Brings in a journal from another app (Day One, jrnl) as the writer's
    /// entries: the file is read and checked in full, then (when it adds
    /// anything) a snapshot is taken, then it is written in one transaction.
    pub fn import_journal(
        &mut self,
        bytes: &[u8],
        options: &JournalOptions,
    ) -> Result<JournalImportReport> {
        self.0.as_writer(|store, writer, clock| {
            let plan = store.plan_journal(writer, bytes, options)?;
            if plan.adds_anything() {
                store.snapshot(Reason::BeforeImport, clock.now())?;
            }
            store.write_journal(plan)
        })
    }
}

impl Hearth {
    /// Names the folder exports go to when there is no dialog (the shell
    /// passes `HEARTH_EXPORT_DIR` or the person's Documents). Without one,
    /// or once it is gone, the data folder.
    pub fn set_export_dir(&mut self, dir: Option<PathBuf>) {
        self.export_dir = dir;
    }

    /// The folder a [`SaveTo::ExportFolder`] export goes to.
    pub fn export_dir(&self) -> PathBuf {
        match &self.export_dir {
            Some(dir) if dir.is_dir() => dir.clone(),
            _ => self.data_dir.clone(),
        }
    }

    /// Saves `bytes` as `to` says; `<stem>.<ext>` names a new file.
    pub(crate) fn save(&self, to: &SaveTo, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
        match to {
            SaveTo::ExportFolder => write_new_file(&self.export_dir(), stem, ext, bytes),
            SaveTo::Chosen(path) => replace_file(path, bytes).map(|()| path.clone()),
        }
    }
}

/// A folder outside the journal refusing a file is the desktop's doing.
fn refused(path: &Path, e: std::io::Error) -> Error {
    Error::Desktop(format!("write {} ({e})", path.display()))
}

/// Writes `bytes` as `<stem>.<ext>` in `dir`, adding ` (2)`, ` (3)`…
/// rather than replacing a file already there. The file appears whole or
/// not at all: written and flushed under a hidden name first, then linked
/// to the first free name (a link never replaces a file).
fn write_new_file(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    let partial = dir.join(format!(".{stem}.{ext}.hearth-partial"));
    write_flushed(&partial, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        refused(&partial, e)
    })?;
    let placed = place_new(dir, stem, ext, &partial);
    let _ = std::fs::remove_file(&partial);
    crate::store::backup::sync_dir(dir);
    placed
}

/// Links `partial` to the first free name of `<stem> (n).<ext>` in `dir`.
fn place_new(dir: &Path, stem: &str, ext: &str, partial: &Path) -> Result<PathBuf> {
    for n in 1..=NUMBERED_MAX {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let path = dir.join(format!("{stem}{suffix}.{ext}"));
        match std::fs::hard_link(partial, &path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // A folder without links (a FAT stick): the free name, renamed to.
            Err(_) if path.exists() => continue,
            Err(_) => {
                return std::fs::rename(partial, &path)
                    .map(|()| path.clone())
                    .map_err(|e| refused(&path, e))
            }
        }
    }
    Err(Error::InvalidInput(format!(
        "There are already too many files named \"{stem}\" in {}. Please move some of them away and try again.",
        dir.display()
    )))
}

fn write_flushed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Replaces the file at `path` with `bytes`, whole or not at all: written
/// and flushed beside it, renamed into place, the folder flushed.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let partial = path.with_file_name(format!(".{name}.hearth-partial"));
    let written = write_flushed(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(refused(path, e));
    }
    if let Some(dir) = path.parent() {
        crate::store::backup::sync_dir(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new_file(dir.path(), "Hearth export 2026-11-22", "md", b"one").unwrap();
        let second = write_new_file(dir.path(), "Hearth export 2026-11-22", "md", b"two").unwrap();
        assert_eq!(first.file_name().unwrap(), "Hearth export 2026-11-22.md");
        assert_eq!(
            second.file_name().unwrap(),
            "Hearth export 2026-11-22 (2).md",
            "a second export the same day is numbered, never written over the first"
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
    }

    #[test]
    fn a_chosen_file_is_replaced_whole_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Our journal.json");
        std::fs::write(&path, "old").unwrap();
        replace_file(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "a chosen file is replaced whole and nothing else is left: {names:?}"
        );
    }
}
