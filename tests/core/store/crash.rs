//! Every acknowledged write survives SIGKILL: a child process saves entries and drafts, is killed at random moments, and everything it confirmed is found intact.
//!
//! `HEARTH_CRASH_KILLS` sets how many kills (default 25, for CI);
//! `HEARTH_CRASH_SEED` replays a run. The full run:
//!
//! ```text
//! HEARTH_CRASH_KILLS=200 cargo test -p hearth-tests --test core store::crash -- --nocapture
//! ```

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hearth_core::{Hearth, PartnerId, Phase};
use hearth_tests::safety::{crash_body, crash_draft, integrity};
use hearth_tests::By;
use hearth_tests::{clock, TempHearth};
use rusqlite::Connection;

const DEFAULT_KILLS: u32 = 25;
const MAX_DELAY_MS: u64 = 80;

/// splitmix64: small, seeded, good enough to spread the kills.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

struct Acked {
    uid: String,
    author: i64,
    run: u32,
    i: u32,
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let kills = env_u64("HEARTH_CRASH_KILLS").map_or(DEFAULT_KILLS, |k| k as u32);
    let seed = env_u64("HEARTH_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
    });
    println!("crash: {kills} kills, seed {seed} (replay with HEARTH_CRASH_SEED={seed})");
    let mut rng = Rng(seed);

    let home = TempHearth::new();
    drop(home.couple());
    let mut acked: HashMap<i64, Acked> = HashMap::new();
    let mut last_draft: Option<(u32, u32)> = None;
    let mut snapshots_checked = BTreeSet::new();
    let (mut entries_checked, mut drafts_checked, mut unacked_found) = (0usize, 0usize, 0usize);
    let mut known_max_id = 0i64;
    let mut snapshots_taken = 0usize;
    let started = Instant::now();

    for run in 0..kills {
        let delay = Duration::from_millis(rng.next() % (MAX_DELAY_MS + 1));
        // One run in four counts the delay from the start, so some kills land
        // while the file is being opened and its -wal recovered; the others
        // count it from the moment the writer has the journal open.
        let from_open = rng.next() & 3 != 0;
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash_writer"))
            .arg(home.path())
            .arg(run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting the crash writer");
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let (send, lines) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            loop {
                let mut line = Vec::new();
                match out.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    // A line cut by the kill was never acknowledged.
                    Ok(_) if line.last() == Some(&b'\n') => {
                        if send.send(String::from_utf8(line).unwrap()).is_err() {
                            break;
                        }
                    }
                    Ok(_) => break,
                }
            }
        });
        let mut received = Vec::new();
        if from_open {
            let first = lines
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|e| panic!("run {run}: the writer never opened the journal: {e}"));
            received.push(first);
        }
        std::thread::sleep(delay);
        if let Some(status) = child.try_wait().unwrap() {
            let mut why = String::new();
            stderr.read_to_string(&mut why).unwrap();
            panic!("run {run}: the writer stopped by itself ({status}): {why}");
        }
        child.kill().expect("SIGKILL");
        let status = child.wait().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "run {run}: the writer died by SIGKILL"
            );
        }
        let _ = status;

        // The pipe closes with the process: everything it said is here now.
        received.extend(lines.iter());
        let mut this_run = Vec::new();
        for line in received {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f[0] {
                "ENTRY" => {
                    let id: i64 = f[1].parse().unwrap();
                    this_run.push(id);
                    acked.insert(
                        id,
                        Acked {
                            uid: f[2].into(),
                            author: f[3].parse().unwrap(),
                            run: f[4].parse().unwrap(),
                            i: f[5].parse().unwrap(),
                        },
                    );
                }
                "DRAFT" => last_draft = Some((f[1].parse().unwrap(), f[2].parse().unwrap())),
                "OPEN" => {}
                "SNAPSHOT" => snapshots_taken += 1,
                other => panic!("run {run}: unexpected line {other}"),
            }
        }

        // Reopen the way the app does: read-only look, quick_check, WAL recovery.
        let mut hearth = Hearth::open(home.path(), Box::new(clock()));
        let state = hearth.state().unwrap();
        assert_eq!(
            (state.phase, state.problem),
            (Phase::Ready, None),
            "run {run}: the journal opens normally after SIGKILL"
        );
        // Entries acknowledged in this run: read back through the domain API.
        for id in &this_run {
            let want = &acked[id];
            let got = hearth
                .by(PartnerId(want.author))
                .journal()
                .entry(*id)
                .unwrap_or_else(|e| panic!("run {run}: acknowledged entry {id} is gone: {e}"));
            assert_eq!(
                (got.uid.as_str(), got.body.clone()),
                (want.uid.as_str(), crash_body(want.run, want.i)),
                "run {run}: every acknowledged write survives SIGKILL, word for word"
            );
            entries_checked += 1;
        }
        // Every acknowledged entry so far is still there with its uid and
        // length; every entry in the file (acknowledged or not) is whole.
        let conn = Connection::open(hearth.database_path()).unwrap();
        let mut stmt = conn
            .prepare("SELECT id, uid, author, length(body), body FROM entries")
            .unwrap();
        let rows: Vec<(i64, String, i64, i64, String)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let present: HashMap<i64, (&String, i64, i64)> = rows
            .iter()
            .map(|(id, uid, a, len, _)| (*id, (uid, *a, *len)))
            .collect();
        for (id, want) in &acked {
            let (uid, author, len) = present
                .get(id)
                .unwrap_or_else(|| panic!("run {run}: acknowledged entry {id} is gone"));
            assert_eq!(
                (uid.as_str(), *author, *len as usize),
                (
                    want.uid.as_str(),
                    want.author,
                    crash_body(want.run, want.i).chars().count()
                ),
                "run {run}: every acknowledged write survives SIGKILL"
            );
            entries_checked += 1;
        }
        for (id, _, _, _, body) in rows.iter().filter(|r| r.0 > known_max_id) {
            let mut words = body.split_whitespace();
            let (r, i) = (
                words.nth(1).unwrap(),
                words.nth(1).unwrap().trim_end_matches(':'),
            );
            assert_eq!(
                *body,
                crash_body(r.parse().unwrap(), i.parse().unwrap()),
                "run {run}: entry {id} in the file is whole (no torn write)"
            );
            if !acked.contains_key(id) {
                unacked_found += 1;
            }
        }
        known_max_id = rows.iter().map(|r| r.0).max().unwrap_or(0);
        drop(stmt);
        drop(conn);

        // The draft: at least as new as the last one acknowledged.
        if let Some((r, i)) = last_draft {
            let draft = hearth
                .by(PartnerId(1))
                .journal()
                .draft("new")
                .unwrap()
                .unwrap_or_else(|| panic!("run {run}: the saved draft is gone"));
            let (dr, di) = (
                draft.content["run"].as_u64().unwrap() as u32,
                draft.content["i"].as_u64().unwrap() as u32,
            );
            assert!(
                (dr, di) >= (r, i),
                "run {run}: a saved draft comes back (or a newer one)"
            );
            assert_eq!(
                draft.content,
                crash_draft(dr, di),
                "run {run}: the draft is whole"
            );
            drafts_checked += 1;
        }

        // Every snapshot left in the folder is a good one.
        for b in hearth.backups().list().unwrap() {
            if snapshots_checked.insert(b.path.clone()) {
                hearth
                    .backups()
                    .preview(&b.path)
                    .unwrap_or_else(|e| panic!("run {run}: a kept snapshot is bad: {e}"));
            }
        }
        drop(hearth);
        assert_eq!(
            integrity(&home.database()),
            "ok",
            "run {run}: integrity_check is ok"
        );
    }

    let in_folder: Vec<PathBuf> = std::fs::read_dir(home.path().join("backups"))
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    let kept = hearth_core::store::backup::list_backups(&home.path().join("backups")).unwrap();
    for b in &kept {
        assert_eq!(
            integrity(&b.path),
            "ok",
            "every snapshot kept after the kills is good"
        );
    }
    println!(
        "crash: {kills} kills survived in {:.1}s; {} entries acknowledged, {entries_checked} entry checks, \
         {unacked_found} saved-but-unacknowledged entries found whole, {drafts_checked} drafts checked, \
         {snapshots_taken} daily snapshots taken, {} verified ({} kept, {} half-made copies awaiting cleanup) (seed {seed})",
        started.elapsed().as_secs_f64(),
        acked.len(),
        snapshots_checked.len(),
        kept.len(),
        in_folder.len() - kept.len(),
    );
    assert!(
        acked.len() as u32 >= kills / 4,
        "the writer got to save something in most runs ({} entries)",
        acked.len()
    );
}
