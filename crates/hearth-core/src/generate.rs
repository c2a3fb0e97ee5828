//! Made-up couples' data for benchmarks: a journal with replies, rituals with
//! years of outcomes, weekly check-ins.
//!
//! Not for the app. Entries are written with the same row writer the domain
//! uses (one transaction, no fsync per entry, so 100,000 take seconds, not
//! an hour); rituals, outcomes and check-ins go through the public API, so
//! what the benchmarks read is exactly what the app would have stored. The
//! text is random words from a small vocabulary plus rarer made-up ones, so
//! searches hit both very common and rare terms. Everything is seeded: two
//! runs with the same sizes give the same data (ids and times aside).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::params;

use crate::checkins::CheckinInput;
use crate::clock::FixedClock;
use crate::couple::{PartnerId, PartnerInput};
use crate::error::Result;
use crate::journal::entries::{insert_entry, NewEntry};
use crate::journal::{Checked, EntryKind, Feeling, Visibility};
use crate::rituals::templates;
use crate::stamp;
use crate::store::Store;

/// How much to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub entries: u32,
    /// Rituals, all started `years` ago, with outcomes up to today.
    pub rituals: u32,
    pub years: u32,
    /// Check-ins (one per partner per week, going back from this week).
    pub checkins: u32,
}

impl Sizes {
    /// A year of a couple's use: what the startup benchmark opens.
    pub const YEAR: Sizes = Sizes {
        entries: 1_000,
        rituals: 10,
        years: 1,
        checkins: 50,
    };
    /// A few of everything: the benchmarks' smoke runs in CI.
    pub const SMOKE: Sizes = Sizes {
        entries: 400,
        rituals: 3,
        years: 1,
        checkins: 10,
    };
    /// Years of writing: what the database benchmark measures.
    pub const SCALE: Sizes = Sizes {
        entries: 100_000,
        rituals: 50,
        years: 5,
        checkins: 500,
    };
}

/// What was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Made {
    pub entries: u64,
    pub replies: u64,
    pub outcomes: u64,
    pub checkins: u64,
}

/// Common words (70 % of the text) and the rarer ones `word` makes up.
pub const COMMON: &[&str] = &[
    "the", "and", "we", "i", "you", "to", "it", "was", "that", "of", "a", "in", "me", "my", "felt",
    "today", "about", "when", "with", "for", "not", "but", "so", "us", "together", "again", "time",
    "talk", "home", "night", "morning", "walk", "dinner", "sorry", "trust", "hurt", "love", "work",
    "phone", "tired", "better", "hard", "quiet", "laugh", "week", "promise", "kept", "coffee",
];

/// Number of distinct tags the entries use ("tag0" … "tag39").
pub const TAGS: u64 = 40;

/// A small seeded xorshift generator: deterministic and dependency-free.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A word: mostly common ones, sometimes one of 5,000 rarer ones.
    pub fn word(&mut self) -> String {
        if self.below(10) < 7 {
            COMMON[self.below(COMMON.len() as u64) as usize].to_string()
        } else {
            let n = self.below(5000);
            format!("w{}x{}", n % 97, n)
        }
    }

    pub fn words(&mut self, n: u64) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

/// Sets up a couple (Sam and Alex, Sam writing) in an empty store and fills
/// it to `sizes`, the newest things dated just before `now`.
pub(crate) fn populate(store: &mut Store, sizes: &Sizes, now: DateTime<Utc>) -> Result<Made> {
    let clock = FixedClock::at(now);
    let partner = |name: &str| PartnerInput {
        name: name.into(),
        color: None,
    };
    store.setup_couple([partner("Sam"), partner("Alex")], &clock)?;
    store.set_writer(PartnerId(1))?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    store.bulk_load(|store| {
        let mut made = Made::default();
        journal(store, sizes, now, &mut rng, &mut made)?;
        rituals(store, sizes, now, &clock, &mut rng, &mut made)?;
        checkins(store, sizes, now, &clock, &mut rng, &mut made)?;
        Ok(made)
    })
}

fn journal(
    store: &mut Store,
    sizes: &Sizes,
    now: DateTime<Utc>,
    rng: &mut Rng,
    made: &mut Made,
) -> Result<()> {
    let span = Duration::days(365 * i64::from(sizes.years.max(1)));
    let step = span.num_seconds() / i64::from(sizes.entries.max(1));
    let start = now - span;
    let tx = store.conn_mut().transaction()?;
    for i in 0..i64::from(sizes.entries) {
        let at = stamp::format(start + Duration::seconds(i * step));
        let checked = Checked {
            title: (rng.below(3) == 0).then(|| rng.words(2)),
            body: {
                let n = 20 + rng.below(120);
                rng.words(n)
            },
            feeling: (rng.below(2) == 0)
                .then(|| Feeling::ALL[rng.below(Feeling::ALL.len() as u64) as usize]),
            tags: if rng.below(4) == 0 {
                vec![format!("tag{}", rng.below(TAGS))]
            } else {
                vec![]
            },
            visibility: if rng.below(10) == 0 {
                Visibility::Private
            } else {
                Visibility::Shared
            },
        };
        let author = 1 + (i % 2);
        let id = insert_entry(
            &tx,
            &NewEntry {
                uid: stamp::new_uid(),
                author: PartnerId(author),
                kind: EntryKind::Note,
                checked: &checked,
                prompt_id: None,
                prompt_date: None,
                repair: None,
                created_at: at.clone(),
                created_offset: 60,
                updated_at: at.clone(),
                updated_offset: 60,
                deleted_at: (rng.below(50) == 0).then(|| at.clone()),
                seal: None,
            },
        )?;
        made.entries += 1;
        if checked.visibility == Visibility::Shared && rng.below(3) == 0 {
            tx.prepare_cached(
                "INSERT INTO replies (uid, entry_id, author, body, created_at, created_offset)
                 VALUES (?1, ?2, ?3, ?4, ?5, 60)",
            )?
            .execute(params![stamp::new_uid(), id, 3 - author, rng.words(15), at])?;
            made.replies += 1;
        }
    }
    tx.commit()?;
    Ok(())
}

fn rituals(
    store: &mut Store,
    sizes: &Sizes,
    now: DateTime<Utc>,
    clock: &FixedClock,
    rng: &mut Rng,
    made: &mut Made,
) -> Result<()> {
    let today = now.date_naive();
    let start = today - Duration::days(365 * i64::from(sizes.years.max(1)));
    let ideas = templates();
    for i in 0..sizes.rituals as usize {
        let idea = &ideas[i % ideas.len()];
        let mut input = idea.input("Europe/Berlin", start);
        if i >= ideas.len() {
            input.title = format!("{} ({})", idea.title, i / ideas.len() + 1);
        }
        let ritual = store.create_ritual(PartnerId(1 + (i as i64 % 2)), &input, clock)?;
        let dates: Vec<NaiveDate> = ritual
            .timing()
            .occurrences_after(
                (start - Duration::days(1))
                    .and_hms_opt(0, 0, 0)
                    .map_or(now, |d| d.and_utc()),
            )
            .map(|o| o.date)
            .take_while(|d| *d < today)
            .collect();
        for date in dates {
            let by = PartnerId(1 + rng.below(2) as i64);
            match rng.below(10) {
                0..=6 => store.mark_ritual_done(by, ritual.id, date, None, clock)?,
                7 => store.skip_ritual(by, ritual.id, date, Some("Not this time"), clock)?,
                _ => continue, // missed: nothing recorded
            };
            made.outcomes += 1;
        }
    }
    Ok(())
}

fn checkins(
    store: &mut Store,
    sizes: &Sizes,
    now: DateTime<Utc>,
    clock: &FixedClock,
    rng: &mut Rng,
    made: &mut Made,
) -> Result<()> {
    let today = now.date_naive();
    for i in 0..i64::from(sizes.checkins) {
        let date = today - Duration::weeks(i / 2);
        let rating = |rng: &mut Rng| 3 + rng.below(8) as i64;
        let input = CheckinInput {
            trust: rating(rng),
            safety: rating(rng),
            closeness: rating(rng),
            communication: rating(rng),
            went_well: Some(rng.words(8)),
            was_hard: (rng.below(2) == 0).then(|| rng.words(8)),
            need_from_you: Some(rng.words(6)),
        };
        store.submit_checkin(PartnerId(1 + i % 2), date, &input, 60, clock)?;
        made.checkins += 1;
    }
    Ok(())
}
