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
    /// The desktop around Hearth (the notification service, the login
    /// item, the tray, a folder outside the journal) refused something; the
    /// journal itself is fine.
    Desktop,
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
        ErrorKind::Desktop,
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
    /// A partner's stored key slot is not what Hearth wrote; told apart from
    /// a wrong passphrase so nobody doubts what they typed.
    #[error("{0}")]
    DamagedKey(String),
    /// "Lock Hearth" is on and nobody has opened the journal yet.
    #[error("Hearth is locked. Please choose who you are and type your passphrase.")]
    Locked,
    #[error("Hearth can't use the folder where it keeps your journal: {reason}.")]
    DataDir { path: PathBuf, reason: String },
    #[error("Hearth couldn't save or read your journal just now ({0}). Nothing was lost; please try again.")]
    Storage(String),
    /// Something of the desktop's, not the journal's, failed: said as such,
    /// so nobody fears for what they wrote.
    #[error("Your computer didn't let Hearth {0}. Your journal is fine; nothing in it changed.")]
    Desktop(String),
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::NotAllowed(_) | Error::Locked => ErrorKind::NotAllowed,
            Error::NotSetUp => ErrorKind::NotSetUp,
            Error::NewerDatabase { .. } => ErrorKind::NewerDatabase,
            Error::NotADatabase { .. } => ErrorKind::NotADatabase,
            Error::DamagedDatabase { .. } | Error::DamagedBackup { .. } | Error::DamagedKey(_) => {
                ErrorKind::DamagedDatabase
            }
            Error::DataDir { .. } => ErrorKind::DataDir,
            Error::Storage(_) => ErrorKind::Storage,
            Error::Desktop(_) => ErrorKind::Desktop,
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
            // SQLite's own words are for developers, not the page: a code
            // is enough to look it up.
            _ => match err.sqlite_error() {
                Some(e) => format!("an unexpected problem, code {}", e.extended_code),
                None => "an unexpected problem inside Hearth".to_string(),
            },
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

/// The kept opening error, rebuilt (errors don't clone: they may hold I/O detail).
pub(crate) fn reopen_error(err: &Error) -> Error {
    match err {
        Error::NewerDatabase {
            path,
            found,
            supported,
        } => Error::NewerDatabase {
            path: path.clone(),
            found: *found,
            supported: *supported,
        },
        Error::NotADatabase { path } => Error::NotADatabase { path: path.clone() },
        Error::Locked => Error::Locked,
        Error::DamagedKey(message) => Error::DamagedKey(message.clone()),
        Error::DamagedDatabase { path } => Error::DamagedDatabase { path: path.clone() },
        Error::DataDir { path, reason } => Error::DataDir {
            path: path.clone(),
            reason: reason.clone(),
        },
        other => Error::Storage(other.to_string()),
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

    /// One of each internal variant, so a new one can't be added unmapped.
    fn one_of_each() -> Vec<Error> {
        vec![
            Error::invalid("Please write a name."),
            Error::NotFound("That entry isn't here.".into()),
            Error::NotAllowed("Only Sam can change this.".into()),
            Error::NotSetUp,
            Error::NewerDatabase {
                path: "/x".into(),
                found: 9,
                supported: 8,
            },
            Error::NotADatabase { path: "/x".into() },
            Error::DamagedDatabase { path: "/x".into() },
            Error::DamagedBackup {
                path: "/x".into(),
                detail: "a page is damaged".into(),
            },
            Error::DamagedKey("Sam's passphrase lock is damaged.".into()),
            Error::Locked,
            Error::DataDir {
                path: "/x".into(),
                reason: "it is read-only".into(),
            },
            Error::Storage("the disk is full".into()),
            Error::Desktop("show a notification".into()),
        ]
    }

    #[test]
    fn every_internal_error_reaches_the_page_as_a_known_kind_with_a_plain_sentence() {
        for err in one_of_each() {
            // A new variant must be added above too: this match has no `_`.
            match &err {
                Error::InvalidInput(_)
                | Error::NotFound(_)
                | Error::NotAllowed(_)
                | Error::NotSetUp
                | Error::NewerDatabase { .. }
                | Error::NotADatabase { .. }
                | Error::DamagedDatabase { .. }
                | Error::DamagedBackup { .. }
                | Error::DamagedKey(_)
                | Error::Locked
                | Error::DataDir { .. }
                | Error::Storage(_)
                | Error::Desktop(_) => {}
            }
            let json = serde_json::to_value(&err).unwrap();
            assert!(
                ErrorKind::ALL.contains(&err.kind()),
                "{err:?} maps to a kind the page knows"
            );
            let message = json["message"].as_str().unwrap();
            assert!(
                message.ends_with('.') && message.chars().next().unwrap().is_uppercase(),
                "each kind has a plain sentence: {message}"
            );
        }
    }

    #[test]
    fn a_desktop_failure_is_never_called_a_storage_failure() {
        let err = Error::Desktop("add the login item".into());
        assert_eq!(err.kind(), ErrorKind::Desktop);
        let message = err.to_string();
        assert!(
            !message.contains("save or read your journal"),
            "the login item, the notification service or the tray failing is not the journal: {message}"
        );
        assert!(message.contains("Your journal is fine"), "{message}");
    }

    #[test]
    fn sqlites_own_words_never_reach_the_page() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let raw = conn.execute("SELECT * FROM no_such_table", []).unwrap_err();
        let sqlite_words = raw.to_string();
        let err = Error::from(raw);
        assert!(
            !err.to_string().contains(&sqlite_words) && !err.to_string().contains("no such table"),
            "the page gets a plain sentence and a code, not SQLite's text: {err}"
        );
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
