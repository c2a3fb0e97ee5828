//! Export and import: Hearth's own files, and journals from other apps.

mod everything;
mod files;
mod journals;
