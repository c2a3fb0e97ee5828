//! Zone names as people know them.
//!
//! The system may report a zone by an old or alternative name (WebKit and
//! glibc still say `Asia/Calcutta`; some setups say `US/Eastern`). Hearth
//! shows and stores the current IANA name of that place, and a readable city,
//! so one ritual never appears under two names. The table of other names is
//! generated from the tz database chrono-tz compiles in
//! (`scripts/gen-zone-aliases`); it holds renames and old conventions only,
//! never the links that merged two different places whose clocks agree
//! (Europe/Oslo stays Europe/Oslo).

use chrono_tz::Tz;
use serde::Serialize;

#[path = "zone_aliases.rs"]
mod zone_aliases;

/// A zone as the page shows it: "Asia/Kolkata", "Kolkata".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ZoneName {
    pub name: &'static str,
    pub city: String,
}

impl From<Tz> for ZoneName {
    fn from(tz: Tz) -> Self {
        let tz = canonical(tz);
        ZoneName {
            name: tz.name(),
            city: city(tz),
        }
    }
}

/// The current name of the place `tz` names (itself when it is current).
pub fn canonical(tz: Tz) -> Tz {
    zone_aliases::ALIASES
        .binary_search_by(|(alias, _)| alias.cmp(&tz.name()))
        .ok()
        .and_then(|i| zone_aliases::ALIASES[i].1.parse().ok())
        .unwrap_or(tz)
}

/// The place in a zone's name, as words: "America/Argentina/Buenos_Aires"
/// is "Buenos Aires"; "Etc/UTC" is "UTC".
pub fn city(tz: Tz) -> String {
    let name = canonical(tz).name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// The zone a localtime link points at, as the system's setting names it:
/// `/etc/localtime` links to `/usr/share/zoneinfo/Europe/Paris` (or
/// `../usr/share/zoneinfo/…`, `/var/db/timezone/zoneinfo/…` on macOS, the
/// `posix/` and `right/` copies of the data). The zone is what follows the
/// last `zoneinfo/`; `None` when that names no zone. Reading the link is the
/// shell's; this only reads its text.
pub fn zone_of_localtime_link(target: &str) -> Option<Tz> {
    let (_, name) = target.rsplit_once("zoneinfo/")?;
    let name = name
        .strip_prefix("posix/")
        .or_else(|| name.strip_prefix("right/"))
        .unwrap_or(name);
    name.parse().ok().map(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alias_table_is_sorted_and_every_name_is_known() {
        let names: Vec<_> = zone_aliases::ALIASES.iter().map(|(a, _)| *a).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "the table is sorted for its binary search");
        for (alias, current) in zone_aliases::ALIASES {
            let a: Tz = alias.parse().unwrap_or_else(|_| panic!("{alias} is known"));
            let c: Tz = current
                .parse()
                .unwrap_or_else(|_| panic!("{current} is known"));
            assert_eq!(canonical(a), c, "{alias} is shown as {current}");
            assert_eq!(canonical(c), c, "a current name ({current}) is its own");
        }
    }
}
