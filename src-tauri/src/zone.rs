//! The laptop's time zone, read afresh at every reminder tick.
//!
//! - `TZ`, when it names a zone, wins: it is what every program started
//!   with it follows, and it cannot change under a running process.
//! - Otherwise the zone is where the localtime link points
//!   (`/etc/localtime` → `/usr/share/zoneinfo/Europe/Paris`), read at each
//!   tick: changing the zone in the system's settings, or a desktop that
//!   follows the laptop's location, re-points that link, and Hearth follows
//!   within one tick. `HEARTH_LOCALTIME` names another link to read instead
//!   (the real-window test points it at a link of its own and re-points it,
//!   as a flight would), the way `HEARTH_DATA_DIR` names the data folder.
//! - Where the link says nothing (no link, a copied file, Windows, or a
//!   macOS without one), the system says, through `iana-time-zone` (which
//!   on Linux also reads `/etc/timezone`).
//!
//! Reading a link is one system call; twice a minute is nothing.

use std::path::PathBuf;

use hearth_core::schedule::{parse_zone, zone_of_localtime_link};

/// The environment variable naming the localtime link to follow.
pub const LOCALTIME_ENV: &str = "HEARTH_LOCALTIME";
const LOCALTIME: &str = "/etc/localtime";

/// The person's time zone now, as an IANA name.
pub fn system_zone() -> String {
    from_tz()
        .or_else(from_link)
        .or_else(|| iana_time_zone::get_timezone().ok())
        .unwrap_or_else(|| "UTC".into())
}

fn from_tz() -> Option<String> {
    std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_string())
        .filter(|tz| parse_zone(tz).is_ok())
}

fn from_link() -> Option<String> {
    let link = std::env::var_os(LOCALTIME_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(LOCALTIME));
    let target = std::fs::read_link(link).ok()?;
    zone_of_localtime_link(&target.to_string_lossy()).map(|tz| tz.name().to_string())
}
