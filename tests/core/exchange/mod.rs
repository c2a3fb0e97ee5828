//! Export and import: Hearth's own files, and journals from other apps.

mod files;
mod journals;
