//! What this laptop keeps about the sync folder (`sync_folder`,
//! `sync_peers`, schema step v11) and the laptops sharing the journal
//! (`sync_devices`, synced), and how Settings → Two laptops sees them.

use std::path::PathBuf;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::files::device_hex;
use crate::error::Result;
use crate::vault::{SecretKey, KEY_BYTES};

/// What Settings → Two laptops shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    /// The sync folder; `None` when this laptop isn't syncing.
    pub folder: Option<String>,
    /// This laptop's device id (16 hex digits).
    pub this_device: String,
    pub devices: Vec<DeviceView>,
    /// What the last look at the folder found worth saying.
    pub notes: Vec<SyncNote>,
    pub last_exchange: Option<DateTime<Utc>>,
    /// Rows the other laptops' changes wrote or removed here in this look
    /// (0 when the state was only read): the page shows the news.
    pub arrived: usize,
}

/// One laptop sharing the journal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceView {
    /// Its device id (16 hex digits).
    pub id: String,
    pub name: String,
    /// When its changes last arrived here.
    pub last_heard: Option<DateTime<Utc>>,
    /// Removed: its later files are ignored.
    pub removed: bool,
    pub this_laptop: bool,
}

/// A line for Settings, in plain words, shown as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncNote {
    /// The laptop it is about (its id), if one.
    pub device: Option<String>,
    pub text: String,
}

/// The code to read out to the second laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PairingCode {
    /// Four groups of four, such as `K7QM-2XRD-9TWA-HFPE`.
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// This laptop's sync settings (none before a folder was first chosen).
pub(crate) struct Config {
    pub journal: [u8; 16],
    pub key: SecretKey,
    pub folder: Option<PathBuf>,
    /// The device whose changes file `written_counter` and `generation`
    /// are about (a restore gives this laptop a new id: it starts afresh).
    pub written_device: u64,
    /// This laptop's own operations written to the folder, up to.
    pub written_counter: i32,
    pub generation: u32,
    pub pairing_since: Option<DateTime<Utc>>,
}

pub(crate) fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse(at: Option<String>) -> Option<DateTime<Utc>> {
    at.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
}

pub(crate) fn load(conn: &Connection) -> Result<Option<Config>> {
    let row = conn
        .query_row(
            "SELECT journal, key, folder, written_device, written_counter, generation,
                    pairing_since FROM sync_folder WHERE id = 1",
            [],
            |r| {
                let journal: Vec<u8> = r.get(0)?;
                let key: zeroize::Zeroizing<Vec<u8>> = zeroize::Zeroizing::new(r.get(1)?);
                Ok((
                    journal,
                    key,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((journal, key, folder, device, counter, generation, pairing)) = row else {
        return Ok(None);
    };
    let mut bytes = zeroize::Zeroizing::new([0u8; KEY_BYTES]);
    bytes.copy_from_slice(&key[..KEY_BYTES.min(key.len())]);
    let mut id = [0u8; 16];
    id.copy_from_slice(&journal[..16.min(journal.len())]);
    Ok(Some(Config {
        journal: id,
        key: SecretKey::from_bytes(*bytes),
        folder: folder.map(PathBuf::from),
        written_device: device as u64,
        written_counter: counter as i32,
        generation: generation as u32,
        pairing_since: parse(pairing),
    }))
}

/// Keeps the journal id and the sync key (the first folder chosen, or a
/// pairing joined).
pub(crate) fn create(
    conn: &Connection,
    journal: &[u8],
    key: &SecretKey,
    folder: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_folder (id, journal, key, folder) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET journal = excluded.journal, key = excluded.key,
            folder = excluded.folder, written_device = 0, written_counter = 0",
        rusqlite::params![journal, key.expose().as_slice(), folder],
    )?;
    Ok(())
}

/// A laptop's name in `sync_devices` (kept; a removal stays).
pub(crate) fn name_device(
    conn: &Connection,
    device: u64,
    name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let name: String = name.trim().chars().take(80).collect();
    let name = if name.is_empty() {
        "This laptop".to_string()
    } else {
        name
    };
    conn.execute(
        "INSERT INTO sync_devices (id, name, added_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE name <> excluded.name",
        rusqlite::params![device_hex(device), name, stamp(now)],
    )?;
    Ok(())
}

/// How far one other laptop's files were read.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Peer {
    pub generation: u32,
    pub frames: u32,
    /// The snapshot last applied (`generation:length`).
    pub snapshot: Option<String>,
    /// The file refused, as it was (`name:length`): skipped until it changes.
    pub refused: Option<String>,
    pub note: Option<String>,
    pub last_heard: Option<String>,
}

pub(crate) fn peer(conn: &Connection, device: &str) -> Result<Peer> {
    Ok(conn
        .query_row(
            "SELECT generation, frames, snapshot, refused, note, last_heard
             FROM sync_peers WHERE device = ?1",
            [device],
            |r| {
                Ok(Peer {
                    generation: r.get::<_, i64>(0)? as u32,
                    frames: r.get::<_, i64>(1)? as u32,
                    snapshot: r.get(2)?,
                    refused: r.get(3)?,
                    note: r.get(4)?,
                    last_heard: r.get(5)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub(crate) fn save_peer(conn: &Connection, device: &str, p: &Peer) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO sync_peers
            (device, generation, frames, snapshot, refused, note, last_heard)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![
            device,
            p.generation,
            p.frames,
            p.snapshot,
            p.refused,
            p.note,
            p.last_heard
        ],
    )?;
    Ok(())
}

/// Whether a device was removed (on any laptop this one has heard).
pub(crate) fn removed(conn: &Connection, device: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT removed_at IS NOT NULL FROM sync_devices WHERE id = ?1",
            [device],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// A device's name for a note: its own, or its id's first digits.
pub(crate) fn device_name(conn: &Connection, device: &str) -> String {
    conn.query_row(
        "SELECT name FROM sync_devices WHERE id = ?1",
        [device],
        |r| r.get(0),
    )
    .unwrap_or_else(|_| {
        format!(
            "a laptop Hearth doesn't know yet ({})",
            &device[..6.min(device.len())]
        )
    })
}

/// Settings → Two laptops, as the file has it.
pub(crate) fn describe(conn: &Connection, this: u64) -> Result<SyncState> {
    let this_device = device_hex(this);
    let (folder, note, last_exchange) = conn
        .query_row(
            "SELECT folder, note, last_exchange FROM sync_folder WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get(2)?,
                ))
            },
        )
        .optional()?
        .unwrap_or_default();
    let mut stmt = conn.prepare(
        "SELECT d.id, d.name, p.last_heard, d.removed_at IS NOT NULL, p.note
         FROM sync_devices d LEFT JOIN sync_peers p ON p.device = d.id
         ORDER BY d.id <> ?1, d.added_at, d.id",
    )?;
    let mut notes = Vec::new();
    if let Some(text) = note {
        notes.push(SyncNote { device: None, text });
    }
    let clashes: i64 = conn.query_row("SELECT count(*) FROM sync_refused", [], |r| r.get(0))?;
    if clashes > 0 {
        let (count, clash) = match clashes {
            1 => ("One change".to_string(), "clashes"),
            n => (format!("{n} changes"), "clash"),
        };
        notes.push(SyncNote {
            device: None,
            text: format!(
                "{count} from the other laptop {clash} with this laptop's own: for example, one                  of you answered the same day's question on both laptops before they synced.                  This laptop keeps its own for now. Nothing is lost: the record keeps both."
            ),
        });
    }
    let devices = stmt
        .query_map([&this_device], |r| {
            let id: String = r.get(0)?;
            let note: Option<String> = r.get(4)?;
            Ok((
                DeviceView {
                    this_laptop: id == this_device,
                    name: r.get(1)?,
                    last_heard: parse(r.get(2)?),
                    removed: r.get(3)?,
                    id,
                },
                note,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut views = Vec::new();
    for (view, note) in devices {
        if let (Some(text), false) = (note, view.removed) {
            notes.push(SyncNote {
                device: Some(view.id.clone()),
                text,
            });
        }
        views.push(view);
    }
    // Notes about folders of laptops not (yet) in the list.
    let mut stmt = conn.prepare(
        "SELECT device, note FROM sync_peers WHERE note IS NOT NULL
         AND device NOT IN (SELECT id FROM sync_devices)",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (device, text) = row?;
        notes.push(SyncNote {
            device: Some(device),
            text,
        });
    }
    Ok(SyncState {
        folder,
        this_device,
        devices: views,
        notes,
        last_exchange: parse(last_exchange),
        arrived: 0,
    })
}
