//! Side-by-side timing for the benchmarks that compare two ways of doing one thing.

use std::fmt;
use std::time::Instant;

/// How `a` compares with `b` over rounds in which the two alternate: one number that
/// ignores interference and one that shows how much of it there was.
#[derive(Clone, Copy, Debug)]
pub struct Comparison {
    /// `a`'s fastest round over `b`'s fastest round. Interference from the rest of the
    /// machine only ever adds time, so each side's fastest round is the closest to what its
    /// code costs; this is the number the benchmarks hold to their targets.
    pub fastest: f64,
    /// The median over rounds of `a`'s time over `b`'s in the same round.
    pub median: f64,
    /// How many times slower than its fastest round `b`'s median round was: near 1 on a
    /// quiet machine, larger when other work shared the cores.
    pub noise: f64,
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.3} (fastest rounds; median of rounds {:.3}, median round {:.2}× the fastest)",
            self.fastest, self.median, self.noise
        )
    }
}

/// Times `a` and `b` in alternating rounds of the same number of calls.
pub fn interleaved(mut a: impl FnMut(), mut b: impl FnMut()) -> Comparison {
    const ROUNDS: usize = 301;
    const CALLS: usize = 2_000;
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..CALLS {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    let rounds: Vec<(f64, f64)> = (0..ROUNDS)
        .map(|round| {
            // Alternate which side goes first, so warm-up and frequency steps are shared.
            if round % 2 == 0 {
                let ta = time(&mut a);
                (ta, time(&mut b))
            } else {
                let tb = time(&mut b);
                (time(&mut a), tb)
            }
        })
        .collect();
    let fastest = |side: fn(&(f64, f64)) -> f64| rounds.iter().map(side).fold(f64::INFINITY, f64::min);
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (fastest_a, fastest_b) = (fastest(|r| r.0), fastest(|r| r.1));
    Comparison {
        fastest: fastest_a / fastest_b,
        median: median(rounds.iter().map(|(ta, tb)| ta / tb).collect()),
        noise: median(rounds.iter().map(|r| r.1).collect()) / fastest_b,
    }
}
