//! The database file and its safety: opening and upgrading, backups, a damaged file, a full disk, SIGKILL.

mod backups;
mod crash;
mod damaged;
mod disk_full;
mod open;
