//! "Export everything" and its import, as the app calls them.

use super::{Progress, IMPORT_MAX_BYTES};
use crate::error::{Error, Result};
use crate::exchange::import::too_big;
use crate::exchange::{ExportOptions, ImportReport};
use crate::hearth::Hearth;

impl Hearth {
    /// The writer's complete export as JSON text, ready to be saved.
    pub fn export_everything(
        &mut self,
        options: &ExportOptions,
        report: &mut dyn FnMut(Progress),
    ) -> Result<String> {
        self.as_writer(|store, viewer, clock| {
            let file = store.export_file_with(viewer, options, clock, report)?;
            serde_json::to_string_pretty(&file)
                .map_err(|e| Error::Storage(format!("the export couldn't be written: {e}")))
        })
    }

    /// Imports an export file given as its bytes (any version this Hearth
    /// reads), after a verified snapshot: refuses a file over
    /// [`IMPORT_MAX_BYTES`] or one that isn't text before reading it.
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
        // Through import_json: it takes the snapshot first.
        self.import_json_with(text, report)
    }
}
