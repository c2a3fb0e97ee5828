//! Which snapshots are kept, and deleting the rest (the rules are in the
//! parent module's docs).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, Utc};

use super::{
    list_backups, parse_name, sync_dir, Backup, Reason, KEEP_DAILY, KEEP_REASON_DAYS, KEEP_WEEKLY,
    PARTIAL,
};
use crate::error::Result;

/// Deletes the snapshots the retention rules no longer keep, and leftover
/// temporary copies older than an hour. Returns the paths deleted.
pub fn prune(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let all = list_backups(dir)?;
    let keep = kept(&all, now);
    let mut deleted = Vec::new();
    for b in &all {
        if !keep.contains(&b.path) && std::fs::remove_file(&b.path).is_ok() {
            deleted.push(b.path.clone());
        }
    }
    deleted.extend(clear_partials(dir, now));
    if !deleted.is_empty() {
        sync_dir(dir);
    }
    Ok(deleted)
}

/// Removes temporary copies (ours only, by name) more than an hour old: left
/// by a crash or a kill in the middle of a snapshot.
pub(super) fn clear_partials(dir: &Path, now: DateTime<Utc>) -> Vec<PathBuf> {
    let mut deleted = Vec::new();
    if let Ok(read) = std::fs::read_dir(dir) {
        for item in read.flatten() {
            let name = item.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some((inner, _)) = name
                .strip_prefix('.')
                .and_then(|n| n.split_once(PARTIAL))
                .filter(|(_, tail)| tail.is_empty() || *tail == "-journal")
            else {
                continue;
            };
            let Some((at, _)) = parse_name(inner) else {
                continue;
            };
            let stale = now - at > Duration::hours(1);
            if stale && std::fs::remove_file(item.path()).is_ok() {
                deleted.push(item.path());
            }
        }
    }
    deleted
}

/// The retention rules, on a list sorted newest first.
fn kept(all: &[Backup], now: DateTime<Utc>) -> BTreeSet<PathBuf> {
    let mut keep = BTreeSet::new();
    // Never the newest: whatever else happens, one snapshot stays.
    if let Some(newest) = all.first() {
        keep.insert(newest.path.clone());
    }
    let dailies: Vec<&Backup> = all.iter().filter(|b| b.reason == Reason::Daily).collect();
    keep.extend(dailies.iter().take(KEEP_DAILY).map(|b| b.path.clone()));
    let mut weeks = Vec::new();
    for b in &dailies {
        let week = b.taken_at.iso_week();
        let week = (week.year(), week.week());
        if !weeks.contains(&week) {
            if weeks.len() == KEEP_WEEKLY {
                break;
            }
            weeks.push(week);
            keep.insert(b.path.clone());
        }
    }
    for b in all.iter().filter(|b| b.reason != Reason::Daily) {
        if now - b.taken_at <= Duration::days(KEEP_REASON_DAYS) {
            keep.insert(b.path.clone());
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::super::file_name;
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    fn fake(dir: &Path, at: DateTime<Utc>, reason: Reason) -> PathBuf {
        let path = dir.join(file_name(at, reason, None));
        std::fs::write(&path, b"x").unwrap();
        path
    }

    #[test]
    fn retention_keeps_seven_daily_four_weekly_and_a_month_of_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let start = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
        // 60 days of dailies, one reason-tagged snapshot every 5 days.
        for day in 0..60 {
            fake(d, start + Duration::days(day), Reason::Daily);
            if day % 5 == 0 {
                fake(
                    d,
                    start + Duration::days(day) + Duration::hours(1),
                    Reason::BeforeImport,
                );
            }
        }
        std::fs::write(d.join("my-notes.sqlite3"), b"mine").unwrap();
        let crashed = d.join(format!(
            ".{}.partial",
            file_name(start, Reason::Daily, None)
        ));
        let crashed_journal = d.join(format!(
            ".{}.partial-journal",
            file_name(start, Reason::Daily, None)
        ));
        let fresh = d.join(format!(
            ".{}.partial",
            file_name(
                start + Duration::days(59) + Duration::hours(2),
                Reason::Daily,
                None
            )
        ));
        for f in [&crashed, &crashed_journal, &fresh] {
            std::fs::write(f, b"half").unwrap();
        }
        let now = start + Duration::days(59) + Duration::hours(2);
        prune(d, now).unwrap();
        let left = list_backups(d).unwrap();
        let dailies: Vec<_> = left.iter().filter(|b| b.reason == Reason::Daily).collect();
        let newest_daily = start + Duration::days(59);
        for k in 0..KEEP_DAILY as i64 {
            assert!(
                dailies
                    .iter()
                    .any(|b| b.taken_at == newest_daily - Duration::days(k)),
                "the 7 newest dailies are kept"
            );
        }
        let mut weeks: Vec<_> = dailies
            .iter()
            .map(|b| (b.taken_at.iso_week().year(), b.taken_at.iso_week().week()))
            .collect();
        weeks.dedup();
        assert_eq!(
            weeks.len(),
            KEEP_WEEKLY,
            "dailies span the 4 newest ISO weeks, no more"
        );
        assert!(
            dailies.len() <= KEEP_DAILY + KEEP_WEEKLY,
            "no more than 7 daily and 4 weekly: {}",
            dailies.len()
        );
        for b in left.iter().filter(|b| b.reason != Reason::Daily) {
            assert!(
                now - b.taken_at <= Duration::days(30),
                "reason-tagged ones go after 30 days"
            );
        }
        assert_eq!(
            left.iter()
                .filter(|b| b.reason == Reason::BeforeImport)
                .count(),
            6,
            "every reason-tagged snapshot of the last 30 days is kept"
        );
        assert!(
            d.join("my-notes.sqlite3").exists(),
            "only files named by Hearth are pruned"
        );
        assert!(
            !crashed.exists() && !crashed_journal.exists(),
            "copies left by a crash mid-snapshot are cleared"
        );
        assert!(fresh.exists(), "a copy being made right now is left alone");
    }

    #[test]
    fn the_newest_snapshot_is_never_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let old = fake(dir.path(), at(1, 9), Reason::BeforeRestore);
        prune(dir.path(), at(1, 9) + Duration::days(400)).unwrap();
        assert!(old.exists(), "the newest snapshot stays, however old");
    }
}
