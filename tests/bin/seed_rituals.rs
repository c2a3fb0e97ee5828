//! Sets up a couple with `count` daily rituals spread over the day, for the
//! idle benchmark (`scripts/bench-idle`).
//!
//! Usage: `seed_rituals <data-dir> <count> <zone> [<sync-folder>]`. With a
//! sync folder, the journal syncs through it (as after "Choose a sync
//! folder"), so the app watches it. Prints `SEEDED <count>`.

use chrono::Utc;
use hearth_core::rituals::RitualInput;
use hearth_core::{Hearth, PartnerId, PartnerInput, SystemClock};
use hearth_tests::By;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a data directory");
    let count: u32 = args.next().and_then(|c| c.parse().ok()).expect("a count");
    let zone = args.next().unwrap_or_else(|| "UTC".into());
    let folder = args.next();
    let mut hearth = Hearth::open(&dir, Box::new(SystemClock));
    let partner = |name: &str| PartnerInput {
        name: name.into(),
        color: None,
    };
    hearth
        .setup_couple([partner("Sam"), partner("Alex")])
        .expect("setting up the couple");
    let today = Utc::now().date_naive();
    for i in 0..count {
        let minutes = (7 * 60 + i * 90) % (24 * 60);
        let input = RitualInput {
            title: format!("Ritual {}", i + 1),
            intention: Some("Because it helps.".into()),
            schedule: "FREQ=DAILY".into(),
            time: format!("{:02}:{:02}", minutes / 60, minutes % 60),
            zone: zone.clone(),
            duration_minutes: 20,
            start_date: today,
            end_date: None,
            for_partner: None,
            reminder_lead_minutes: 10,
        };
        hearth
            .by(PartnerId(1))
            .rituals()
            .create(&input)
            .expect("adding a ritual");
    }
    if let Some(folder) = folder {
        hearth
            .sync()
            .choose_folder(std::path::Path::new(&folder), "The idle laptop")
            .expect("choosing the sync folder");
    }
    println!("SEEDED {count}");
}
