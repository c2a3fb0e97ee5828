//! Export and import through the door.
//!
//! An export is a new file in the folder the shell named (the person's
//! Documents), or the data folder when there is none, never written over
//! an existing one: ` (2)`, ` (3)`… are added instead. That choice lives
//! here, once, for the journal, the memory book and the calendar alike.
//! Every import takes a verified snapshot first, whoever asks.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Hearth;
use crate::error::{Error, Result};
use crate::exchange::{ExportOptions, ImportReport, JournalImportReport, JournalOptions};
use crate::store::Reason;

/// Most files of one name an export adds a number to before giving up.
const NUMBERED_MAX: u32 = 999;

pub struct ExchangeHandle<'a>(pub(super) &'a mut Hearth);

impl ExchangeHandle<'_> {
    /// Writes the writer's JSON export as `Hearth export <date>.json`;
    /// returns where it went. `date` is the local date for the name.
    pub fn export_json(&mut self, options: &ExportOptions, date: NaiveDate) -> Result<PathBuf> {
        let text = self.0.as_writer(|s, me, c| s.export_json(me, options, c))?;
        self.0
            .write_export(&format!("Hearth export {date}"), "json", &text)
    }

    /// Writes the Markdown memory book as `Hearth export <date>.md`.
    pub fn export_markdown(&mut self, options: &ExportOptions, date: NaiveDate) -> Result<PathBuf> {
        let text = self
            .0
            .as_writer(|s, me, c| s.export_markdown(me, options, c))?;
        self.0
            .write_export(&format!("Hearth export {date}"), "md", &text)
    }

    /// Imports a JSON export, after a snapshot (only once the file has been
    /// checked and would be imported). Works before setup too: an import may
    /// set up the couple.
    pub fn import_json(&mut self, text: &str) -> Result<ImportReport> {
        let hearth = &mut *self.0;
        let before = hearth.store.as_ref().map(|s| s.change_count()).ok();
        let clock = &*hearth.clock;
        let report = match &mut hearth.store {
            Ok(store) => store.check_import(text).and_then(|()| {
                store.snapshot(Reason::BeforeImport, clock.now())?;
                store.import_json(text, clock)
            }),
            Err(err) => Err(super::reopen_error(err)),
        };
        hearth.wake_if_changed(before);
        report
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
    /// Names the folder exports go to (the shell passes the person's
    /// Documents folder). Without one, or once it is gone, the data folder.
    pub fn set_export_dir(&mut self, dir: Option<PathBuf>) {
        self.export_dir = dir;
    }

    /// The folder the next export goes to.
    pub fn export_dir(&self) -> PathBuf {
        match &self.export_dir {
            Some(dir) if dir.is_dir() => dir.clone(),
            _ => self.data_dir.clone(),
        }
    }

    /// Writes `text` as a new `<stem>.<ext>` in [`Hearth::export_dir`].
    pub(crate) fn write_export(&self, stem: &str, ext: &str, text: &str) -> Result<PathBuf> {
        write_new_file(&self.export_dir(), stem, ext, text)
    }
}

/// Writes `text` as `<stem>.<ext>` in `dir`, adding ` (2)`, ` (3)`… rather
/// than replacing a file already there.
fn write_new_file(dir: &Path, stem: &str, ext: &str, text: &str) -> Result<PathBuf> {
    // A folder outside the journal refusing a file is the desktop's doing.
    let failed =
        |path: &Path, e: std::io::Error| Error::Desktop(format!("write {} ({e})", path.display()));
    for n in 1..=NUMBERED_MAX {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let path = dir.join(format!("{stem}{suffix}.{ext}"));
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(&path, e)),
        };
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| failed(&path, e))?;
        return Ok(path);
    }
    Err(Error::InvalidInput(format!(
        "There are already too many files named \"{stem}\" in {}. Please move some of them away and try again.",
        dir.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new_file(dir.path(), "Hearth export 2026-11-22", "md", "one").unwrap();
        let second = write_new_file(dir.path(), "Hearth export 2026-11-22", "md", "two").unwrap();
        assert_eq!(first.file_name().unwrap(), "Hearth export 2026-11-22.md");
        assert_eq!(
            second.file_name().unwrap(),
            "Hearth export 2026-11-22 (2).md",
            "a second export the same day is numbered, never written over the first"
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
    }
}
