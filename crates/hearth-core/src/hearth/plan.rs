//! The reminder plan inside the door: the scheduler, and whoever waits for
//! it to change.
//!
//! The plan is woken by the door itself, after a write to rituals,
//! commitments or reminder settings that changed a row, never by the caller
//! remembering to: the shell only registers how it wants to be woken (its
//! reminder loop's `Notify`) and the core decides when.

use std::sync::Arc;

use crate::reminders::Scheduler;

/// Called when what is due may have changed; the shell's reminder loop
/// wakes on it.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

pub(crate) struct Plan {
    pub(crate) scheduler: Scheduler,
    waker: Option<Waker>,
    wakes: u64,
}

impl Plan {
    /// A plan in UTC until the shell names the laptop's zone.
    pub(crate) fn new() -> Plan {
        Plan {
            scheduler: Scheduler::new("UTC").expect("UTC is a known zone"),
            waker: None,
            wakes: 0,
        }
    }

    /// Something that changes what is due happened: look again at once.
    pub(crate) fn wake(&mut self) {
        self.wakes += 1;
        self.scheduler.replan();
        if let Some(waker) = &self.waker {
            waker();
        }
    }

    pub(crate) fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    /// How many times the plan was woken since Hearth opened.
    pub(crate) fn wakes(&self) -> u64 {
        self.wakes
    }
}
