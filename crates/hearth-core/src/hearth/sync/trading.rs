//! One look at the sync folder: this laptop's new changes written to its
//! own files, then every other laptop's files read and their new frames
//! applied (docs/SYNC.md, "The folder").

use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::SyncHandle;
use crate::error::Result;
use crate::sync::config::{self, stamp, Config, Peer};
use crate::sync::files::{self, Header, Refusal, CHANGES, DEVICES_DIR, SNAPSHOT, SNAPSHOT_NAME};
use crate::sync::files::{changes_generation, changes_name, device_hex, PAIRING_NAME};
use crate::sync::SyncState;

/// A changes file of this many frames is folded into a new snapshot.
const COMPACT_AFTER_FRAMES: u32 = 1000;

impl SyncHandle<'_> {
    /// Writes this laptop's new changes to the folder, then reads and
    /// applies the other laptops'. A folder that is gone or read-only
    /// leaves a calm note: the work here goes on and is written later.
    ///
    /// Without a folder this reads one settings row and nothing else: the
    /// app looks at start and on every tick, and a journal that syncs
    /// nowhere never loads its record of changes for it.
    pub fn exchange(&mut self) -> Result<SyncState> {
        let Some(kept) = config::load(self.0.store()?.conn())? else {
            return self.state();
        };
        let Some(folder) = kept.folder.clone() else {
            return self.state();
        };
        self.0.with_replica(|r, conn| r.settle(conn))?;
        let device = self.device()?;
        let now = self.0.clock.now();
        let mut arrived = 0;
        let note = if !folder.is_dir() {
            Some(format!(
                "The sync folder ({}) isn't there right now; perhaps its drive is unplugged. \
                 Everything is kept here and will be sent once it's back.",
                folder.display()
            ))
        } else {
            let written = self.write_own(&kept, &folder, device);
            arrived = self.read_others(&kept, &folder, device, now)?;
            // After the others' keys were taken: this laptop's, as they now are.
            let own = folder.join(DEVICES_DIR).join(device_hex(device));
            let written = written.and_then(|()| self.write_keys(&kept, &own, device));
            written.err().map(|e| {
                format!(
                    "Hearth couldn't write in the sync folder ({e}). Your changes are safe \
                     here and will be sent once the folder can be written to."
                )
            })
        };
        self.0.store()?.conn().execute(
            "UPDATE sync_folder SET note = ?1, last_exchange = ?2 WHERE id = 1",
            rusqlite::params![note, stamp(now)],
        )?;
        Ok(SyncState {
            arrived,
            ..self.state()?
        })
    }

    /// This laptop's changes since the last time, appended to its changes
    /// file; a snapshot instead when there is none yet, when the file has
    /// grown long, or when the changes can't be given as changes any more.
    fn write_own(&mut self, kept: &Config, folder: &Path, device: u64) -> std::io::Result<()> {
        let dir = folder.join(DEVICES_DIR).join(device_hex(device));
        fs::create_dir_all(&dir)?;
        let ours = kept.written_device == device && kept.generation > 0;
        let header = |kind, generation| Header {
            format: files::FORMAT,
            journal: kept.journal,
            device,
            kind,
            generation,
        };
        let own = if ours && dir.join(SNAPSHOT_NAME).is_file() {
            self.0
                .with_replica(|r, _| Ok(r.own_changes(kept.written_counter)))
                .map_err(std::io::Error::other)?
        } else {
            None
        };
        if let Some((bytes, end)) = own {
            if bytes.is_empty() {
                return Ok(());
            }
            let path = dir.join(changes_name(kept.generation));
            let frames =
                files::append(&path, &header(CHANGES, kept.generation), &kept.key, &bytes)?;
            self.wrote(device, end, kept.generation)?;
            if frames < COMPACT_AFTER_FRAMES {
                return Ok(());
            }
        }
        let (bytes, end) = self
            .0
            .with_replica(|r, _| r.snapshot())
            .map_err(std::io::Error::other)?;
        let generation = if ours { kept.generation + 1 } else { 1 };
        let snapshot = header(SNAPSHOT, generation);
        files::replace(&dir.join(SNAPSHOT_NAME), &snapshot, &kept.key, &bytes)?;
        self.wrote(device, end, generation)?;
        // The snapshot holds everything the older changes files held.
        for entry in fs::read_dir(&dir)?.flatten() {
            let name = entry.file_name();
            let older = name
                .to_str()
                .and_then(changes_generation)
                .is_some_and(|g| g < generation);
            if older {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }

    fn wrote(&mut self, device: u64, counter: i32, generation: u32) -> std::io::Result<()> {
        let store = self.0.store().map_err(std::io::Error::other)?;
        store
            .conn()
            .execute(
                "UPDATE sync_folder SET written_device = ?1, written_counter = ?2,
                    generation = ?3 WHERE id = 1",
                rusqlite::params![device as i64, counter, generation],
            )
            .map_err(std::io::Error::other)?;
        Ok(())
    }

    /// Every other laptop's folder: new frames applied, positions kept.
    /// Returns the rows their changes wrote or removed here.
    fn read_others(
        &mut self,
        kept: &Config,
        folder: &Path,
        device: u64,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut arrived = 0;
        let own = device_hex(device);
        let mut names: Vec<String> = fs::read_dir(folder.join(DEVICES_DIR))
            .map(|dir| {
                dir.flatten()
                    .filter(|e| e.path().is_dir())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.len() == 16 && n.bytes().all(|b| b.is_ascii_hexdigit()))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        let mut first_heard = false;
        for name in names.iter().filter(|n| **n != own) {
            let conn = self.0.store()?.conn();
            if config::removed(conn, name)? {
                continue;
            }
            let before = config::peer(conn, name)?;
            let (mut peer, chunks) = look(kept, &folder.join(DEVICES_DIR).join(name), &before);
            if !chunks.is_empty() {
                let changed = self.0.store.as_ref().map(|s| s.change_count()).ok();
                let applied = self.0.with_replica(|r, conn| r.import_all(conn, &chunks));
                self.0.wake_if_changed(changed);
                if let Ok(applied) = &applied {
                    arrived += applied.rows;
                }
                if applied.is_err() {
                    // Whole frames with a good tag the engine can't read:
                    // not a file this Hearth can use; kept as it was.
                    peer = Peer {
                        note: Some(Refusal::Damaged.words(Some("{laptop}"))),
                        ..before.clone()
                    };
                } else {
                    first_heard |= before.last_heard.is_none();
                    peer.last_heard = Some(stamp(now));
                }
            }
            let keys = self.take_keys(kept, &folder.join(DEVICES_DIR).join(name))?;
            let conn = self.0.store()?.conn();
            let name_said = config::device_name(conn, name);
            peer.note = peer
                .note
                .or(keys)
                .map(|n| n.replace("{laptop}", &name_said));
            if peer != before {
                config::save_peer(conn, name, &peer)?;
            }
        }
        self.close_pairing(kept, folder, first_heard, now)?;
        Ok(arrived)
    }

    /// The pairing file goes once a new laptop was heard from (it joined),
    /// or when its code has expired.
    fn close_pairing(
        &mut self,
        kept: &Config,
        folder: &Path,
        heard: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let Some(since) = kept.pairing_since else {
            return Ok(());
        };
        if heard || now > since + chrono::Duration::hours(24) {
            let _ = fs::remove_file(folder.join(PAIRING_NAME));
            self.0.store()?.conn().execute(
                "UPDATE sync_folder SET pairing_since = NULL WHERE id = 1",
                [],
            )?;
        }
        Ok(())
    }
}

/// What one laptop's folder holds that is new here: the frames to apply,
/// and its position and note afterwards. A refused file applies nothing and
/// is skipped until its bytes change.
fn look(kept: &Config, dir: &Path, before: &Peer) -> (Peer, Vec<Vec<u8>>) {
    let mut peer = before.clone();
    let mut chunks = Vec::new();
    let mut note = None;
    let mut still_refused = false;
    let snapshot = dir.join(SNAPSHOT_NAME);
    if let Some(print) = fingerprint(SNAPSHOT_NAME, &snapshot) {
        // Known by its length and time: not read again (a look is cheap).
        if peer.refused.as_ref() == Some(&print) {
            still_refused = true;
        } else if peer.snapshot.as_ref() != Some(&print) {
            let bytes = fs::read(&snapshot).unwrap_or_default();
            let read = files::read(&bytes, &kept.key, &kept.journal, 0);
            if let Some(refusal) = read.refused {
                note = Some(refusal.words(Some("{laptop}")));
                peer.refused = Some(print);
            } else if !read.cut_short {
                chunks.extend(read.frames);
                peer.snapshot = Some(print);
            }
        }
    }
    let latest = fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str().and_then(changes_generation))
                .max()
        })
        .ok()
        .flatten();
    if let Some(generation) = latest {
        let path = dir.join(changes_name(generation));
        if let Some(print) = fingerprint(&changes_name(generation), &path) {
            let bytes = fs::read(&path).unwrap_or_default();
            if peer.refused.as_ref() == Some(&print) {
                still_refused = true;
            } else {
                let from = if peer.generation == generation {
                    peer.frames
                } else {
                    0
                };
                let read = files::read(&bytes, &kept.key, &kept.journal, from);
                if let Some(refusal) = read.refused {
                    note = Some(refusal.words(Some("{laptop}")));
                    peer.refused = Some(print);
                } else {
                    chunks.extend(read.frames);
                    peer.generation = generation;
                    peer.frames = read.next;
                }
            }
        }
    }
    peer.note = if still_refused && note.is_none() {
        before.note.clone()
    } else {
        note
    };
    (peer, chunks)
}

/// A file as it is now: its name, length and time of change (any rewrite
/// of it changes one or the other); `None` when it isn't there.
fn fingerprint(name: &str, path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    let changed = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Some(format!("{name}:{}:{changed}", meta.len()))
}

impl Refusal {
    /// The note in Settings; `laptop` names the laptop whose file it is.
    pub(super) fn words(&self, laptop: Option<&str>) -> String {
        let laptop = laptop.unwrap_or("another laptop");
        match self {
            Refusal::OtherJournal => "Some files in the sync folder belong to another journal; \
                 Hearth left them alone."
                .into(),
            Refusal::Newer(_) => format!(
                "{laptop} uses a newer Hearth, so its latest changes can't be read here yet. \
                 Updating Hearth on this laptop will bring them in."
            ),
            Refusal::NotHearths => format!(
                "A file in {laptop}'s part of the sync folder isn't one Hearth wrote; \
                 Hearth left it alone."
            ),
            Refusal::Damaged => format!(
                "A file from {laptop} was changed or damaged on its way through the sync \
                 folder, so Hearth didn't use it. Nothing here was lost; it will be read \
                 again once {laptop} writes it anew."
            ),
        }
    }
}
