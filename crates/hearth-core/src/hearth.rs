//! Opening the data directory, and telling the page what to show.
//!
//! A problem with the file (a newer version, not a database, an unreadable
//! folder) must not crash the app or leave a blank window: it becomes the
//! `unavailable` phase, which the page turns into a calm screen saying what
//! happened and where the file is. The file itself is left alone. When the
//! file is damaged and a good snapshot exists, the problem says so, and
//! [`Hearth::recover_from_newest_backup`] brings it back (see `backups.rs`).

mod at_rest;
mod backup_file;
mod backups;
mod checkins;
mod commitments;
mod conversion;
mod exchange;
mod first_screen;
mod journal;
pub(crate) mod locking;
mod plan;
mod privacy;
mod recovery_file;
mod reminders;
mod rituals;
mod sealing;
mod sync;
mod test_hooks;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::clock::Clock;
use crate::couple::{Partner, PartnerId, PartnerInput};
use crate::error::{reopen_error, Error, ErrorKind, Result};
use crate::store::{Backup, Store, DATABASE_FILE};

pub use backups::{BackupsHandle, Recoverable, RestoreReport};
pub use checkins::CheckinsHandle;
pub use commitments::CommitmentsHandle;
pub use conversion::{Conversion, ConversionHook, LockHearthState};
pub use exchange::{ExchangeHandle, SaveTo};
pub use first_screen::{answer_draft_key, FirstScreen, Today, TodayLimits};
pub use journal::JournalHandle;
pub use locking::{
    LockSettings, LockedNotice, LOCK_AFTER_CHOICES, LOCK_AFTER_DEFAULT, PRIVATE_REMINDER,
};
pub use reminders::RemindersHandle;
pub use rituals::RitualsHandle;
pub use sync::SyncHandle;

pub use privacy::{PassphraseSet, Privacy};

use plan::Plan;

/// The environment variable that overrides where Hearth keeps its data.
pub const DATA_DIR_ENV: &str = "HEARTH_DATA_DIR";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// No couple yet: show the welcome and the setup form.
    Setup,
    /// Set up: show the app.
    Ready,
    /// The data can't be opened: show what happened and where.
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub kind: ErrorKind,
    pub message: String,
    pub path: String,
    /// For a damaged file: the newest snapshot that passed its check, which
    /// `recover_from_newest_backup` would bring back; `null` when there is none.
    pub recoverable: Option<Recoverable>,
}

/// Everything the page needs to draw its frame.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppState {
    pub phase: Phase,
    pub partners: Vec<Partner>,
    pub writer_id: Option<PartnerId>,
    pub data_dir: String,
    pub database_path: String,
    pub problem: Option<Problem>,
    /// Who has a passphrase, who is unlocked, and whether the page must ask.
    pub privacy: Privacy,
}

/// The open data directory: a store, or the reason there is none.
///
/// This is the one door into the couple's data. It owns the store, the
/// clock, the reminder plan and the folder exports go to; every read and
/// write passes through one of its handles ([`Hearth::journal`],
/// [`Hearth::rituals`], …), which act as the partner stored as writing now
/// and keep the rules no caller may skip: a verified snapshot before the
/// acts that can't be undone, and a woken reminder plan after any write
/// that changes what is due.
pub struct Hearth {
    data_dir: PathBuf,
    store: std::result::Result<Store, Error>,
    clock: Box<dyn Clock>,
    /// For a damaged file, the snapshot recovery would use (checked at open).
    recoverable: Option<Backup>,
    /// The reminder scheduler and whoever waits for it to change.
    plan: Plan,
    /// Where exports are written (the shell names the person's Documents
    /// folder); the data folder when none was named or it is gone.
    export_dir: Option<PathBuf>,
    /// The unlocked partner's key and the tries (see `privacy.rs`).
    vault: crate::vault::Vault,
    /// When the window was last used, for the idle lock (`locking.rs`).
    idle: locking::Idle,
    /// With "Lock Hearth" on: the key file (`at_rest.rs`).
    at_rest: Option<crate::vault::data_key::KeyFile>,
    /// With "Lock Hearth" on and the journal open: its data key.
    cipher: Option<crate::vault::SecretKey>,
    /// The tests' hook at each step of a conversion (`conversion.rs`).
    conversion_hook: Option<ConversionHook>,
    /// With Lock Hearth on: what the reminder loop may know while the
    /// journal is closed (`hearth.plan`), and the plan's wakes when written.
    rest_plan: Option<crate::reminders::RestPlan>,
    rest_plan_wakes: u64,
    /// The couple's data as a CRDT document, loaded on first use (`sync.rs`).
    sync: Option<crate::sync::Replica>,
    /// With Lock Hearth on: the whole-file check deferred from unlocking,
    /// running on its own connection (`store::check_in_background`).
    deferred_check: Option<crate::store::DeferredCheck>,
}

impl Hearth {
    /// Opens (creating if needed) the data directory and its database.
    /// Never fails: a problem is kept and reported through [`Hearth::state`].
    pub fn open(data_dir: impl Into<PathBuf>, clock: Box<dyn Clock>) -> Hearth {
        let data_dir = data_dir.into();
        let mut hearth = Hearth {
            data_dir,
            store: Err(Error::Locked),
            clock,
            recoverable: None,
            plan: Plan::new(),
            export_dir: None,
            vault: Default::default(),
            idle: Default::default(),
            at_rest: None,
            cipher: None,
            conversion_hook: None,
            rest_plan: None,
            rest_plan_wakes: 0,
            sync: None,
            deferred_check: None,
        };
        hearth.open_store();
        hearth.find_recoverable();
        hearth
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    /// The store, or the error that keeps it closed.
    pub(crate) fn store(&mut self) -> Result<&mut Store> {
        self.take_deferred_check();
        match &mut self.store {
            Ok(store) => Ok(store),
            Err(err) => Err(reopen_error(err)),
        }
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// The journal: entries, replies, the trash, search, drafts, prompts
    /// and appreciations, as the partner writing now.
    pub fn journal(&mut self) -> JournalHandle<'_> {
        JournalHandle(self)
    }

    /// Rituals and their outcomes; changes wake the reminder plan.
    pub fn rituals(&mut self) -> RitualsHandle<'_> {
        RitualsHandle(self)
    }

    /// The weekly check-in.
    pub fn checkins(&mut self) -> CheckinsHandle<'_> {
        CheckinsHandle(self)
    }

    /// Commitments and agreements; changes wake the reminder plan.
    pub fn commitments(&mut self) -> CommitmentsHandle<'_> {
        CommitmentsHandle(self)
    }

    /// The reminder plan: ticks, pause, snooze, quiet hours and the rest.
    pub fn reminders(&mut self) -> RemindersHandle<'_> {
        RemindersHandle(self)
    }

    /// Snapshots, restore and recovery.
    pub fn backups(&mut self) -> BackupsHandle<'_> {
        BackupsHandle(self)
    }

    /// Export to files, and import from Hearth's own files and other apps'.
    pub fn exchange(&mut self) -> ExchangeHandle<'_> {
        ExchangeHandle(self)
    }

    /// Like [`Hearth::as_writer`], for a write that may change what is due:
    /// when it changed any row, the reminder plan is woken. The handles of
    /// the areas reminders are made of (rituals, commitments, reminder
    /// settings) write through this, so no caller has to remember.
    pub(crate) fn as_writer_waking<T>(
        &mut self,
        f: impl FnOnce(&mut Store, PartnerId, &dyn Clock) -> Result<T>,
    ) -> Result<T> {
        let before = self.store.as_ref().map(Store::change_count).ok();
        let result = self.as_writer(f);
        self.wake_if_changed(before);
        result
    }

    /// Wakes the reminder plan when the store's change count moved from
    /// `before`.
    pub(crate) fn wake_if_changed(&mut self, before: Option<u64>) {
        let after = self.store.as_ref().map(Store::change_count).ok();
        if after != before {
            self.plan.wake();
        }
    }

    /// Runs `f` with the store, the partner writing now and the clock: what
    /// every journal command needs. The viewer is always the stored writer,
    /// never one the page names, so the page can't read as someone else.
    pub(crate) fn as_writer<T>(
        &mut self,
        f: impl FnOnce(&mut Store, PartnerId, &dyn Clock) -> Result<T>,
    ) -> Result<T> {
        let clock = &*self.clock;
        let store = match &mut self.store {
            Ok(store) => store,
            Err(err) => return Err(reopen_error(err)),
        };
        let writer = store.writer()?.ok_or(Error::NotSetUp)?;
        privacy::may_act_as(store, &self.vault, writer)?;
        store.opener = self.vault.key().filter(|(p, _)| *p == writer);
        let result = f(store, writer, clock);
        store.opener = None;
        self.record_changes();
        result
    }

    pub fn state(&mut self) -> Result<AppState> {
        self.take_deferred_check();
        // Writes that answer with the state (unlock's reveal, a new
        // passphrase's sealing) are recorded here, not by a later call.
        self.record_changes();
        self.state_now()
    }

    /// [`Hearth::state`] for a caller that only holds `&self` (the first
    /// screen, inside its read transaction).
    fn state_now(&self) -> Result<AppState> {
        let data_dir = self.data_dir.display().to_string();
        let database_path = self.database_path().display().to_string();
        if let (Some(keys), Err(Error::Locked)) = (&self.at_rest, &self.store) {
            // Lock Hearth: the lock screen, from the key file alone.
            return Ok(AppState {
                phase: Phase::Ready,
                partners: keys.partners.clone(),
                writer_id: None,
                data_dir,
                database_path,
                problem: None,
                privacy: Privacy {
                    with_passphrase: keys.partners.iter().map(|p| p.id).collect(),
                    unlocked: None,
                    locked: true,
                    lock_hearth: true,
                },
            });
        }
        let store = match &self.store {
            Ok(store) => store,
            Err(err) => {
                return Ok(AppState {
                    phase: Phase::Unavailable,
                    partners: vec![],
                    writer_id: None,
                    problem: Some(Problem {
                        kind: err.kind(),
                        message: err.to_string(),
                        path: err
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| database_path.clone()),
                        recoverable: self.recoverable.as_ref().map(Recoverable::from),
                    }),
                    data_dir,
                    database_path,
                    privacy: Privacy::default(),
                })
            }
        };
        let partners = store.partners()?;
        let ready = partners.len() == 2;
        let writer_id = if ready { store.writer()? } else { None };
        let mut privacy = privacy::describe(store, &self.vault, writer_id)?;
        privacy.lock_hearth = self.at_rest.is_some();
        Ok(AppState {
            phase: if ready { Phase::Ready } else { Phase::Setup },
            writer_id,
            privacy,
            partners,
            data_dir,
            database_path,
            problem: None,
        })
    }

    /// "Try again" on the unavailable screen: when the file could not be
    /// opened, looks at the folder and the file afresh (someone may have
    /// freed space, fixed a permission or put a file back) and says what the
    /// page should show now. A journal that is open is left as it is.
    pub fn try_again(&mut self) -> Result<AppState> {
        if self.store.is_err() && !self.closed_at_rest() {
            self.open_store();
            self.find_recoverable();
        }
        self.state()
    }

    pub fn setup_couple(&mut self, partners: [PartnerInput; 2]) -> Result<AppState> {
        let clock = &*self.clock;
        match &mut self.store {
            Ok(store) => store.setup_couple(partners, clock)?,
            Err(err) => return Err(reopen_error(err)),
        }
        self.record_changes();
        self.state()
    }

    pub fn set_writer(&mut self, id: PartnerId) -> Result<AppState> {
        self.may_become(id)?;
        self.store()?.set_writer(id)?;
        self.state()
    }

    pub fn update_partner(&mut self, id: PartnerId, input: &PartnerInput) -> Result<AppState> {
        self.store()?.update_partner(id, input)?;
        self.partners_changed()?;
        self.record_changes();
        self.state()
    }
}

fn prepare_dir(dir: &Path) -> Result<()> {
    let refuse = |e: std::io::Error| Error::DataDir {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(refuse)?;
    // Only the people logged in as this user should be able to read a journal.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir).map_err(refuse)?.permissions().mode();
        if mode & 0o077 != 0 {
            // Best effort: a folder we don't own (HEARTH_DATA_DIR=/tmp/x) may refuse.
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
    }
    std::fs::read_dir(dir).map_err(refuse)?;
    Ok(())
}
