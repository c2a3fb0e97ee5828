//! Who is unlocked now, and the growing wait after wrong passphrases.
//!
//! Only one partner is unlocked at a time: becoming the other one drops the
//! key (wiping it). The wait between tries lives in memory, not in the
//! file: it slows down guessing at the keyboard, it never locks anyone out,
//! and a wrong passphrase changes nothing on disk. (Someone who copies the
//! file can guess without Hearth at all; what stops them is Argon2id's
//! cost and the passphrase's length, not this counter.)

use chrono::{DateTime, Duration, Utc};

use super::kdf::KdfParams;
use super::SecretKey;
use crate::couple::PartnerId;
use crate::error::{Error, Result};

/// Wrong tries allowed before any wait.
pub const FREE_TRIES: u32 = 5;
/// The longest wait between tries.
const WAIT_CAP_SECONDS: i64 = 300;

/// The wait before the next try after `failures` wrong ones in a row:
/// none for the first five, then 2 s, 4 s, 8 s… up to five minutes.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_TRIES {
        return Duration::zero();
    }
    let doublings = (failures - FREE_TRIES + 1).min(16);
    Duration::seconds((1i64 << doublings).min(WAIT_CAP_SECONDS))
}

#[derive(Default)]
struct Failures {
    count: u32,
    last: Option<DateTime<Utc>>,
}

/// The in-memory half of privacy: the one unlocked key, the tries, and the
/// Argon2id cost new slots get.
pub(crate) struct Vault {
    unlocked: Option<(PartnerId, SecretKey)>,
    failures: [Failures; 2],
    pub(crate) passphrase_params: KdfParams,
    pub(crate) recovery_params: KdfParams,
}

impl Default for Vault {
    fn default() -> Self {
        Vault {
            unlocked: None,
            failures: Default::default(),
            passphrase_params: KdfParams::PASSPHRASE,
            recovery_params: KdfParams::RECOVERY,
        }
    }
}

impl Vault {
    pub(crate) fn is_unlocked_as(&self, partner: PartnerId) -> bool {
        matches!(&self.unlocked, Some((p, _)) if *p == partner)
    }

    pub(crate) fn unlocked(&self) -> Option<PartnerId> {
        self.unlocked.as_ref().map(|(p, _)| *p)
    }

    /// The unlocked partner and their key, for the store to seal and open
    /// their words with during one call.
    pub(crate) fn key(&self) -> Option<(PartnerId, SecretKey)> {
        self.unlocked.clone()
    }

    /// Keeps `key` as the unlocked partner's, dropping (wiping) any other.
    pub(crate) fn hold(&mut self, partner: PartnerId, key: SecretKey) {
        self.unlocked = Some((partner, key));
        if let Some(f) = self.slot(partner) {
            *f = Failures::default();
        }
    }

    /// Wipes the unlocked key, if any.
    pub(crate) fn forget(&mut self) {
        self.unlocked = None;
    }

    /// Refuses a try that comes before the wait after earlier wrong ones.
    pub(crate) fn may_try(&mut self, partner: PartnerId, now: DateTime<Utc>) -> Result<()> {
        let Some(f) = self.slot(partner) else {
            return Ok(());
        };
        let wait = wait_after(f.count);
        if let Some(last) = f.last {
            let left = last + wait - now;
            if left > Duration::zero() {
                let seconds = left.num_seconds().max(1);
                return Err(Error::NotAllowed(format!(
                    "That's been a few tries. Take a breath; you can try again in {seconds} second{}.",
                    if seconds == 1 { "" } else { "s" }
                )));
            }
        }
        Ok(())
    }

    /// Counts a wrong try; returns how many there have been in a row.
    pub(crate) fn failed(&mut self, partner: PartnerId, now: DateTime<Utc>) -> u32 {
        match self.slot(partner) {
            Some(f) => {
                f.count = f.count.saturating_add(1);
                f.last = Some(now);
                f.count
            }
            None => 0,
        }
    }

    fn slot(&mut self, partner: PartnerId) -> Option<&mut Failures> {
        match partner.0 {
            1 => Some(&mut self.failures[0]),
            2 => Some(&mut self.failures[1]),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_starts_after_five_tries_grows_and_stays_bounded() {
        let waits: Vec<i64> = (0..30).map(|n| wait_after(n).num_seconds()).collect();
        assert!(waits[..5].iter().all(|w| *w == 0), "five tries are free");
        assert_eq!(&waits[5..9], &[2, 4, 8, 16], "then the wait grows");
        assert!(
            waits.iter().all(|w| *w <= WAIT_CAP_SECONDS),
            "never more than five minutes: a wait, never a lockout"
        );
    }
}
