//! Acting through the door as either partner: the tests' one way into the
//! couple's data (`Store` is the core's own, out of their reach).

use std::path::PathBuf;

use hearth_core::exchange::{ExportFile, ExportOptions, ImportReport};
use hearth_core::hearth::SaveTo;
use hearth_core::{Hearth, PartnerId, Result};

/// Acts as one partner: makes them the writer, then hands the door back.
pub trait By {
    fn by(&mut self, who: PartnerId) -> &mut Hearth;
}

impl By for Hearth {
    fn by(&mut self, who: PartnerId) -> &mut Hearth {
        let writing = self.state().ok().and_then(|s| s.writer_id);
        if writing != Some(who) {
            self.set_writer(who).expect("switching the writer");
        }
        self
    }
}

/// Saves what `export` writes to a file of its own, reads it back and
/// removes it, so the data folder holds only what Hearth keeps there.
fn through_a_file(
    hearth: &mut Hearth,
    extension: &str,
    export: impl FnOnce(&mut Hearth, &SaveTo) -> Result<PathBuf>,
) -> Result<String> {
    let dir = tempfile::tempdir().expect("a folder for the export");
    let to = SaveTo::Chosen(dir.path().join(format!("export.{extension}")));
    let path = export(hearth, &to)?;
    Ok(std::fs::read_to_string(&path).expect("reading the export back"))
}

/// Exports and imports as the partner writing now, as the text a person
/// would save or open.
pub trait Exchange {
    /// "Export everything", as the text of the saved file.
    fn export_text(&mut self, options: &ExportOptions) -> Result<String>;
    /// "Export everything", read back as the export structure.
    fn export_file(&mut self, options: &ExportOptions) -> Result<ExportFile>;
    /// The Markdown memory book, as saved.
    fn memory_book(&mut self, options: &ExportOptions) -> Result<String>;
    /// The rituals' calendar (`.ics`), as saved.
    fn calendar(&mut self, ids: Option<&[i64]>) -> Result<String>;
    /// Opens an export file given as its text.
    fn import_text(&mut self, text: &str) -> Result<ImportReport>;
}

impl Exchange for Hearth {
    fn export_text(&mut self, options: &ExportOptions) -> Result<String> {
        let date = self.clock().now().date_naive();
        through_a_file(self, "json", |h, to| {
            h.exchange()
                .export_everything(options, date, to, &mut |_| {})
        })
    }

    fn export_file(&mut self, options: &ExportOptions) -> Result<ExportFile> {
        let text = self.export_text(options)?;
        Ok(serde_json::from_str(&text).expect("an export reads back"))
    }

    fn memory_book(&mut self, options: &ExportOptions) -> Result<String> {
        let date = self.clock().now().date_naive();
        through_a_file(self, "md", |h, to| {
            h.exchange().export_markdown(options, date, to)
        })
    }

    fn calendar(&mut self, ids: Option<&[i64]>) -> Result<String> {
        let date = self.clock().now().date_naive();
        through_a_file(self, "ics", |h, to| h.rituals().export_ics(ids, date, to))
    }

    fn import_text(&mut self, text: &str) -> Result<ImportReport> {
        self.exchange()
            .import_everything(text.as_bytes(), &mut |_| {})
    }
}
