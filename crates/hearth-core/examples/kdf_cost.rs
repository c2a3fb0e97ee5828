//! Measures Argon2id on this machine, to choose the passphrase's cost
//! (`vault::KdfParams::PASSPHRASE`; figures in docs/SECURITY.md). Run under
//! the build lock so nothing else competes for the cores:
//! `flock /tmp/hearth-build.lock cargo run --release -p hearth-core --example kdf_cost`.

use std::time::Instant;

use hearth_core::vault::{derive_kek, KdfParams};

fn main() {
    let pairs: &[(u32, u32)] = &[
        (19, 2),
        (64, 1),
        (64, 3),
        (64, 12),
        (128, 4),
        (128, 6),
        (256, 2),
        (256, 3),
        (256, 4),
        (512, 2),
    ];
    let candidates = pairs.iter().map(|&(memory_mib, iterations)| KdfParams {
        memory_kib: memory_mib * 1024,
        iterations,
        lanes: 1,
    });
    println!("memory_mib iterations lanes   median_ms  min_ms  max_ms  (5 runs)");
    for p in candidates {
        let mut times: Vec<f64> = (0..5)
            .map(|i| {
                let start = Instant::now();
                let key = derive_kek(b"correct horse battery staple", &[i as u8; 16], &p).unwrap();
                let ms = start.elapsed().as_secs_f64() * 1000.0;
                std::hint::black_box(key);
                ms
            })
            .collect();
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "{:>10} {:>10} {:>5} {:>11.0} {:>7.0} {:>7.0}",
            p.memory_kib / 1024,
            p.iterations,
            p.lanes,
            times[2],
            times[0],
            times[4]
        );
    }
}
