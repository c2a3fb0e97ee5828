//! Turns Lock Hearth on or off in a prepared data folder, and SIGKILLs
//! itself at one named step of the conversion (used by tests/core/lock_hearth.rs).
//!
//! Usage: `lock_converter <data-dir> <on|off> <step> <nth>`: the journal is
//! unlocked as Sam, the conversion runs, and the `nth` time it reaches
//! `step` (`start`, `exported`, `verified`, `closed`, `committed`,
//! `swapped`, `copy`), the process sends itself SIGKILL. Prints `DONE`
//! if the conversion ended first.

use std::sync::atomic::{AtomicU32, Ordering};

use hearth_core::{FixedClock, Hearth, PartnerId};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, direction, step, nth] = &args[..] else {
        panic!("usage: lock_converter <data-dir> <on|off> <step> <nth>");
    };
    let nth: u32 = nth.parse().expect("a number");
    let clock = FixedClock::at(chrono::Utc::now());
    let mut hearth = Hearth::open(dir, Box::new(clock));
    hearth.use_cheap_keys_for_tests();
    hearth
        .unlock(PartnerId(1), hearth_tests::lock::SAMS)
        .expect("Sam unlocks");
    let step = step.clone();
    let seen = AtomicU32::new(0);
    hearth.on_conversion_step_for_tests(Box::new(move |at| {
        if at == step && seen.fetch_add(1, Ordering::SeqCst) + 1 == nth {
            let me = std::process::id().to_string();
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &me])
                .status();
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }
    }));
    match direction.as_str() {
        "on" => hearth.turn_on_lock_hearth(hearth_tests::lock::ALEXS),
        _ => hearth.turn_off_lock_hearth(hearth_tests::lock::ALEXS),
    }
    .expect("the conversion");
    println!("DONE");
}
