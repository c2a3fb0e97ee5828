//! Helpers for the reminder tests: a recording notifier and a couple whose
//! laptop ticks on a fake clock.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use hearth_core::reminders::{Notice, Notifier, TICK_SECONDS};
use hearth_core::rituals::{Ritual, RitualInput};
use hearth_core::{Error, FixedClock, Hearth, Result};

use crate::{By, TempHearth, SAM};

/// What the desktop was shown, and when.
#[derive(Debug, Clone)]
pub struct Shown {
    pub at: DateTime<Utc>,
    pub notice: Notice,
}

/// A notifier that records every notice; it can be told to refuse.
#[derive(Default)]
pub struct Recorder {
    pub shown: RefCell<Vec<Shown>>,
    pub now: RefCell<Option<DateTime<Utc>>>,
    pub refuse: RefCell<bool>,
}

impl Notifier for Recorder {
    fn deliver(&self, notice: &Notice) -> Result<()> {
        if *self.refuse.borrow() {
            return Err(Error::Storage("the notification service is away".into()));
        }
        let at = self
            .now
            .borrow()
            .expect("the test sets the time of each tick");
        self.shown.borrow_mut().push(Shown {
            at,
            notice: notice.clone(),
        });
        Ok(())
    }
}

impl Recorder {
    /// How many times each reminder key was in a shown notice.
    pub fn counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for s in self.shown.borrow().iter() {
            for key in s.notice.keys() {
                *counts.entry(key.to_string()).or_insert(0) += 1;
            }
        }
        counts
    }

    pub fn len(&self) -> usize {
        self.shown.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The notices shown, titles only.
    pub fn titles(&self) -> Vec<String> {
        self.shown
            .borrow()
            .iter()
            .map(|s| s.notice.title.clone())
            .collect()
    }

    pub fn last(&self) -> Shown {
        self.shown.borrow().last().cloned().expect("a notice")
    }
}

/// A set-up couple's Hearth on a fake wall clock, its reminder plan in the
/// person's zone, and what it showed.
pub struct Laptop {
    pub home: TempHearth,
    pub hearth: Hearth,
    pub clock: FixedClock,
    pub shown: Recorder,
    pub zone: String,
}

impl Laptop {
    /// Set up at `start`, with the person's clock in `zone`.
    pub fn new(zone: &str, start: DateTime<Utc>) -> Laptop {
        let home = TempHearth::new();
        drop(home.couple());
        let clock = FixedClock::at(start);
        let hearth = open(&home, &clock, zone);
        Laptop {
            home,
            hearth,
            clock,
            shown: Recorder::default(),
            zone: zone.into(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        use hearth_core::Clock;
        self.clock.now()
    }

    /// Sam adds a ritual (the door wakes the plan).
    pub fn add(&mut self, input: &RitualInput) -> Ritual {
        self.by(SAM)
            .rituals()
            .create(input)
            .expect("adding a ritual")
    }

    /// One tick at the clock's time.
    pub fn tick(&mut self) -> Result<usize> {
        *self.shown.now.borrow_mut() = Some(self.now());
        self.hearth.reminders().run(&self.shown)
    }

    /// Ticks every 30 seconds (the app's longest tick) until `until`.
    pub fn run_until(&mut self, until: DateTime<Utc>) {
        while self.now() < until {
            self.clock.advance(Duration::seconds(TICK_SECONDS as i64));
            self.tick().expect("a tick");
        }
    }

    /// The laptop sleeps: no ticks until `until`, then one on waking.
    pub fn sleep_until(&mut self, until: DateTime<Utc>) {
        self.clock.set(until);
        self.tick().expect("the tick on waking");
    }

    /// Hearth quits and starts again: a new door, a new reminder plan.
    pub fn restart(&mut self) {
        self.hearth = open(&self.home, &self.clock, &self.zone);
    }
}

impl By for Laptop {
    fn by(&mut self, who: hearth_core::PartnerId) -> &mut Hearth {
        self.hearth.by(who)
    }
}

/// The door on `home`, on `clock`, its reminder plan started in `zone`.
fn open(home: &TempHearth, clock: &FixedClock, zone: &str) -> Hearth {
    let mut hearth = Hearth::open(home.path(), Box::new(clock.clone()));
    hearth.reminders().start_in_zone(zone);
    hearth
}
