//! Loading many rows at once, for benchmarks and generators only.
//!
//! A durable save costs an fsync, which is right for a couple writing one
//! entry and wrong for a generator writing a hundred thousand. `bulk_load`
//! turns durability off for the length of one closure and back on after,
//! so generated data goes through the same domain API as real writing.

use crate::error::Result;
use crate::store::Store;

impl Store {
    /// Runs `load` with `synchronous=OFF`, then restores `FULL` and
    /// checkpoints. Not for the app: a crash inside `load` may lose what it
    /// wrote (never what was there before).
    #[doc(hidden)]
    pub fn bulk_load<T>(&mut self, load: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn().pragma_update(None, "synchronous", "OFF")?;
        let result = load(self);
        let restored = self.conn().pragma_update(None, "synchronous", "FULL");
        let value = result?;
        restored?;
        self.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(value)
    }
}
