//! Side-by-side timing for the benchmarks that compare two ways of doing one thing.

use std::time::Instant;

/// The median over rounds of (time of `a`) / (time of `b`), the two alternating.
pub fn interleaved(mut a: impl FnMut(), mut b: impl FnMut()) -> f64 {
    const ROUNDS: usize = 301;
    const CALLS: usize = 2_000;
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..CALLS {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            // Alternate which side goes first, so warm-up and frequency steps are shared.
            if round % 2 == 0 {
                let ta = time(&mut a);
                ta / time(&mut b)
            } else {
                let tb = time(&mut b);
                time(&mut a) / tb
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ROUNDS / 2]
}
