//! The one error type of Hearth.
//!
//! It crosses the IPC boundary as `{kind, message}`: `kind` is a stable,
//! machine-readable word the page may branch on; `message` is a sentence
//! written for the couple, shown as it is. Internal detail (SQLite's own
//! wording) is kept out of `message` unless it helps a person act.

use std::path::PathBuf;

use serde::{Serialize, Serializer};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The stable words the page may branch on. Never rename one: the UI and
/// exported logs depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    InvalidInput,
    NotFound,
    NotAllowed,
    NotSetUp,
    NewerDatabase,
    NotADatabase,
    /// SQLite found the file (or a snapshot) damaged; it is left untouched.
    DamagedDatabase,
    DataDir,
    Storage,
}

impl ErrorKind {
    /// Every kind, for tests that check an error is one the page knows.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::InvalidInput,
        ErrorKind::NotFound,
        ErrorKind::NotAllowed,
        ErrorKind::NotSetUp,
        ErrorKind::NewerDatabase,
        ErrorKind::NotADatabase,
        ErrorKind::DamagedDatabase,
        ErrorKind::DataDir,
        ErrorKind::Storage,
    ];
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request broke a rule; the message says which, in plain words.
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    NotAllowed(String),
    #[error("Hearth isn't set up yet. Start by telling it both of your names.")]
    NotSetUp,
    #[error(
        "This journal was saved by a newer version of Hearth (format {found}; this version reads up to {supported}). \
         Please update Hearth to open it. Nothing in the file was changed."
    )]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "The file Hearth keeps your journal in can't be read as a Hearth journal. \
         It may be damaged or be some other kind of file. Nothing in it was changed."
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "The file Hearth keeps your journal in is damaged, so Hearth won't open it. \
         Nothing in it was changed. If there is a backup, Hearth can bring back the newest \
         good one; the damaged file is then kept aside, never deleted."
    )]
    DamagedDatabase { path: PathBuf },
    /// A snapshot that fails SQLite's check (or can't be read as a journal).
    #[error(
        "This backup is damaged ({detail}), so Hearth won't use it. Your journal was not changed."
    )]
    DamagedBackup { path: PathBuf, detail: String },
    #[error("Hearth can't use the folder where it keeps your journal: {reason}.")]
    DataDir { path: PathBuf, reason: String },
    #[error("Hearth couldn't save or read your journal just now ({0}). Nothing was lost; please try again.")]
    Storage(String),
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::NotAllowed(_) => ErrorKind::NotAllowed,
            Error::NotSetUp => ErrorKind::NotSetUp,
            Error::NewerDatabase { .. } => ErrorKind::NewerDatabase,
            Error::NotADatabase { .. } => ErrorKind::NotADatabase,
            Error::DamagedDatabase { .. } | Error::DamagedBackup { .. } => {
                ErrorKind::DamagedDatabase
            }
            Error::DataDir { .. } => ErrorKind::DataDir,
            Error::Storage(_) => ErrorKind::Storage,
        }
    }

    /// The file or folder the error is about, when there is one to show.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::NewerDatabase { path, .. }
            | Error::NotADatabase { path }
            | Error::DamagedDatabase { path }
            | Error::DamagedBackup { path, .. }
            | Error::DataDir { path, .. } => Some(path),
            _ => None,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        let plain = match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => "the disk is full".to_string(),
            Some(ErrorCode::ReadOnly) => "the file is read-only".to_string(),
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                "the journal is busy".to_string()
            }
            Some(ErrorCode::SystemIoFailure) => "the disk reported an error".to_string(),
            _ => err.to_string(),
        };
        Error::Storage(plain)
    }
}

/// Serialized as `{kind, message}`: the shape every command rejects with.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_page_as_kind_and_message() {
        let json = serde_json::to_value(Error::invalid("Please write a name.")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "invalid_input", "message": "Please write a name."})
        );
    }

    #[test]
    fn a_damaged_file_has_its_own_kind() {
        let json = serde_json::to_value(Error::DamagedDatabase {
            path: "/x/hearth.sqlite3".into(),
        })
        .unwrap();
        assert_eq!(json["kind"], "damaged_database");
        assert!(json["message"].as_str().unwrap().contains("never deleted"));
    }

    #[test]
    fn a_full_disk_is_said_plainly() {
        let err = Error::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        ));
        assert_eq!(err.kind(), ErrorKind::Storage);
        assert!(err.to_string().contains("the disk is full"), "{err}");
    }
}
