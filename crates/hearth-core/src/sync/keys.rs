//! The partners' key slots between laptops: `keys.hsync` in each laptop's
//! part of the sync folder.
//!
//! Key slots are not in the record of changes. A last-writer-wins merge of
//! their columns could pair one laptop's passphrase slot with the other's
//! recovery slot, or drop the key that sealed pages on one laptop, and those
//! pages would be lost for good. So each laptop writes what it holds of each
//! partner's key (both slots, each already wrapped by its secret, the file
//! sealed again with the couple's sync key), and takes what another laptop
//! holds by rules that never drop a key something here is sealed with:
//!
//! - **A key is named by its recovery slot's salt.** It is random, already
//!   public, made with the key and kept for as long as the key lives: a new
//!   passphrase rewraps the key in a new passphrase slot and leaves the
//!   recovery slot alone. So two laptops tell whether they hold the same key
//!   without anything derived from the key ever being written down.
//! - **Each change counts.** Setting, changing, resetting or removing a
//!   partner's passphrase takes a counter one above the highest this laptop
//!   knows for that partner (a Lamport clock), and taking another laptop's
//!   slots takes its counter. The newest passphrase wins on every laptop,
//!   whatever the laptops' clocks say.
//! - **A partner with no key here takes the other laptop's**, unless this
//!   laptop knows that key was removed. The same key with a higher counter:
//!   the newer passphrase slot is taken. Two different keys (the partner set
//!   a passphrase on each laptop before they met): each laptop keeps its
//!   own, says so, and takes the other's once its own is removed.
//! - **A removed key goes here too**, once nothing here is sealed with it or
//!   while its partner is unlocked here (their pages are opened first).

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::pairing::SlotRow;
use crate::couple::PartnerId;
use crate::error::Result;

/// The table behind the counters and the removed keys (schema step v13).
pub(crate) const MIGRATION: &str = "
    CREATE TABLE key_versions (
        partner  INTEGER NOT NULL REFERENCES partners (id),
        key_id   BLOB NOT NULL,
        counter  INTEGER NOT NULL,
        removed  INTEGER NOT NULL CHECK (removed IN (0, 1)),
        PRIMARY KEY (partner, key_id)
    ) STRICT, WITHOUT ROWID;";

/// What one laptop holds of every partner's key: the frame of `keys.hsync`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Keys {
    pub partners: Vec<PartnerKeys>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PartnerKeys {
    pub partner: i64,
    pub current: Option<CurrentKey>,
    /// The names of this partner's keys that were removed.
    pub removed: Vec<Vec<u8>>,
}

/// A partner's key as it is now: both slots, and its counter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CurrentKey {
    pub counter: i64,
    pub passphrase: SlotRow,
    pub recovery: SlotRow,
}

impl CurrentKey {
    /// The key's name: its recovery slot's salt.
    pub fn id(&self) -> &[u8] {
        &self.recovery.salt
    }
}

/// What to do here with another laptop's keys.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// A partner without a key here takes the other laptop's.
    Take(CurrentKey),
    /// The same key, with a newer passphrase slot.
    Rewrap(CurrentKey),
    /// A key of this partner's was removed; `current` when it is the one here.
    Removed {
        partner: i64,
        key_id: Vec<u8>,
        current: bool,
    },
    /// Each laptop made its own key for this partner.
    TwoKeys { partner: i64 },
}

/// The steps that bring `there`'s keys here, for the partners in `here`.
pub(crate) fn steps(here: &Keys, there: &Keys) -> Vec<Step> {
    let mut steps = vec![];
    for mine in &here.partners {
        let Some(theirs) = there.partners.iter().find(|p| p.partner == mine.partner) else {
            continue;
        };
        let removed: BTreeSet<&[u8]> = mine
            .removed
            .iter()
            .chain(&theirs.removed)
            .map(Vec::as_slice)
            .collect();
        let mine_id = mine.current.as_ref().map(CurrentKey::id);
        for id in &theirs.removed {
            if !mine.removed.contains(id) {
                steps.push(Step::Removed {
                    partner: mine.partner,
                    key_id: id.clone(),
                    current: mine_id == Some(id.as_slice()),
                });
            }
        }
        if mine_id.is_some_and(|id| removed.contains(id)) {
            // Its removal comes first; the next look takes what follows.
            continue;
        }
        let Some(theirs) = theirs.current.as_ref() else {
            continue;
        };
        if removed.contains(theirs.id()) || !plausible(mine.partner, theirs) {
            continue;
        }
        match &mine.current {
            None => steps.push(Step::Take(theirs.clone())),
            Some(mine) if mine.id() == theirs.id() => {
                let newer = (theirs.counter, &theirs.passphrase.salt)
                    > (mine.counter, &mine.passphrase.salt);
                if newer {
                    steps.push(Step::Rewrap(theirs.clone()));
                }
            }
            Some(_) => steps.push(Step::TwoKeys {
                partner: mine.partner,
            }),
        }
    }
    steps
}

/// Both slots name the partner they are listed under, one of each kind. (A
/// slot relabelled for the other partner wouldn't open anyway: its
/// associated data names its partner.)
fn plausible(partner: i64, key: &CurrentKey) -> bool {
    key.passphrase.partner == partner
        && key.recovery.partner == partner
        && key.passphrase.kind == "passphrase"
        && key.recovery.kind == "recovery"
}

/// What this laptop holds of each partner's key, for `partners`.
pub(crate) fn here(conn: &Connection, partners: &[PartnerId]) -> Result<Keys> {
    let rows = slot_rows(conn)?;
    let mut keys = Keys::default();
    for &PartnerId(partner) in partners {
        let find = |kind: &str| {
            rows.iter()
                .find(|r| r.partner == partner && r.kind == kind)
                .cloned()
        };
        let current = match (find("passphrase"), find("recovery")) {
            (Some(passphrase), Some(recovery)) => Some(CurrentKey {
                counter: counter(conn, partner, &recovery.salt)?,
                passphrase,
                recovery,
            }),
            _ => None,
        };
        let mut stmt = conn.prepare_cached(
            "SELECT key_id FROM key_versions WHERE partner = ?1 AND removed = 1 ORDER BY key_id",
        )?;
        let removed = stmt
            .query_map([partner], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        keys.partners.push(PartnerKeys {
            partner,
            current,
            removed,
        });
    }
    Ok(keys)
}

fn counter(conn: &Connection, partner: i64, key_id: &[u8]) -> Result<i64> {
    Ok(conn
        .query_row(
            "SELECT counter FROM key_versions WHERE partner = ?1 AND key_id = ?2",
            rusqlite::params![partner, key_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// A change made here to `partner`'s key `key_id`: one above every counter
/// known for them. `removed` when the key is gone.
pub(crate) fn changed(
    conn: &Connection,
    partner: PartnerId,
    key_id: &[u8],
    removed: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO key_versions (partner, key_id, counter, removed)
         VALUES (?1, ?2, (SELECT coalesce(max(counter), 0) + 1 FROM key_versions
                          WHERE partner = ?1), ?3)
         ON CONFLICT (partner, key_id) DO UPDATE SET
            counter = excluded.counter, removed = max(removed, excluded.removed)",
        rusqlite::params![partner.0, key_id, removed],
    )?;
    Ok(())
}

/// Another laptop's key (or its newer slot) taken here, with its counter.
pub(crate) fn take(conn: &Connection, key: &CurrentKey) -> Result<()> {
    for row in [&key.passphrase, &key.recovery] {
        save_row(conn, row)?;
    }
    conn.execute(
        "INSERT INTO key_versions (partner, key_id, counter, removed) VALUES (?1, ?2, ?3, 0)
         ON CONFLICT (partner, key_id) DO UPDATE SET counter = max(counter, excluded.counter)",
        rusqlite::params![key.recovery.partner, key.id(), key.counter],
    )?;
    Ok(())
}

/// Notes that `partner`'s key `key_id` was removed (on another laptop).
pub(crate) fn note_removed(conn: &Connection, partner: i64, key_id: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO key_versions (partner, key_id, counter, removed) VALUES (?1, ?2, 0, 1)
         ON CONFLICT (partner, key_id) DO UPDATE SET removed = 1",
        rusqlite::params![partner, key_id],
    )?;
    Ok(())
}

/// The partners' key slots as stored (each wrapped by its secret).
pub(crate) fn slot_rows(conn: &Connection) -> Result<Vec<SlotRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT partner, kind, version, kdf, memory_kib, iterations, lanes, salt, nonce,
                wrapped, checksum, created_at FROM key_slots ORDER BY partner, kind",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SlotRow {
            partner: r.get(0)?,
            kind: r.get(1)?,
            version: r.get(2)?,
            kdf: r.get(3)?,
            memory_kib: r.get(4)?,
            iterations: r.get(5)?,
            lanes: r.get(6)?,
            salt: r.get(7)?,
            nonce: r.get(8)?,
            wrapped: r.get(9)?,
            checksum: r.get(10)?,
            created_at: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes (or replaces) one slot as another laptop stored it.
pub(crate) fn save_row(conn: &Connection, s: &SlotRow) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO key_slots (partner, kind, version, kdf, memory_kib, iterations,
            lanes, salt, nonce, wrapped, checksum, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        rusqlite::params![
            s.partner,
            s.kind,
            s.version,
            s.kdf,
            s.memory_kib,
            s.iterations,
            s.lanes,
            s.salt,
            s.nonce,
            s.wrapped,
            s.checksum,
            s.created_at
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(partner: i64, kind: &str, salt: u8) -> SlotRow {
        SlotRow {
            partner,
            kind: kind.into(),
            version: 1,
            kdf: "argon2id".into(),
            memory_kib: 8,
            iterations: 1,
            lanes: 1,
            salt: vec![salt; 16],
            nonce: vec![0; 24],
            wrapped: vec![0; 48],
            checksum: vec![],
            created_at: String::new(),
        }
    }

    fn key(counter: i64, passphrase: u8, recovery: u8) -> CurrentKey {
        CurrentKey {
            counter,
            passphrase: slot(1, "passphrase", passphrase),
            recovery: slot(1, "recovery", recovery),
        }
    }

    fn keys(current: Option<CurrentKey>, removed: &[u8]) -> Keys {
        Keys {
            partners: vec![PartnerKeys {
                partner: 1,
                current,
                removed: removed.iter().map(|&b| vec![b; 16]).collect(),
            }],
        }
    }

    #[test]
    fn a_newer_passphrase_wins_by_its_counter_and_a_tie_the_same_way_on_both_laptops() {
        let older = keys(Some(key(1, 10, 7)), &[]);
        let newer = keys(Some(key(2, 11, 7)), &[]);
        assert_eq!(steps(&older, &newer), [Step::Rewrap(key(2, 11, 7))]);
        assert_eq!(steps(&newer, &older), [], "an older slot is never taken");
        let one = keys(Some(key(3, 20, 7)), &[]);
        let other = keys(Some(key(3, 21, 7)), &[]);
        let taken = (steps(&one, &other).len(), steps(&other, &one).len());
        assert_eq!(taken, (1, 0), "a tie goes the same way on both laptops");
    }

    #[test]
    fn a_removed_key_is_never_taken_again_and_two_keys_are_both_kept() {
        let none_removed = keys(None, &[7]);
        let stale = keys(Some(key(1, 10, 7)), &[]);
        assert_eq!(steps(&none_removed, &stale), []);
        let mine = keys(Some(key(1, 10, 7)), &[]);
        let theirs = keys(Some(key(1, 12, 8)), &[]);
        assert_eq!(steps(&mine, &theirs), [Step::TwoKeys { partner: 1 }]);
        let gone_there = keys(Some(key(3, 12, 8)), &[7]);
        assert_eq!(
            steps(&mine, &gone_there),
            [Step::Removed {
                partner: 1,
                key_id: vec![7; 16],
                current: true
            }],
            "the removal comes first, the other key at a later look"
        );
    }
}
