//! Reads a callgrind profile: instructions per function and how often each function was
//! called, so that a profile can be stated per request or per event: instructions,
//! allocations, copies and lock calls.

use std::collections::HashMap;

/// What a profile holds.
#[derive(Debug, Default)]
pub struct Profile {
    /// Instructions executed while collecting.
    pub total_ir: u64,
    /// Instructions executed in each function itself.
    pub self_ir: HashMap<String, u64>,
    /// Calls made to each function, from anywhere.
    pub calls: HashMap<String, u64>,
}

impl Profile {
    /// Parses callgrind's output format (`positions: line`, one event).
    pub fn parse(text: &str) -> Profile {
        let mut profile = Profile::default();
        let mut names: HashMap<String, String> = HashMap::new();
        let mut current = String::new();
        let mut callee: Option<String> = None;
        // After a `calls=` line, the next cost line is the call's inclusive cost.
        let mut call_cost_next = false;
        let mut summary = None;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("fn=") {
                current = resolve(&mut names, rest);
                continue;
            }
            if let Some(rest) = line.strip_prefix("cfn=") {
                callee = Some(resolve(&mut names, rest));
                continue;
            }
            if let Some(rest) = line.strip_prefix("calls=") {
                let count: u64 = rest.split_whitespace().next().and_then(|c| c.parse().ok()).unwrap_or(0);
                if let Some(callee) = &callee {
                    *profile.calls.entry(callee.clone()).or_default() += count;
                }
                call_cost_next = true;
                continue;
            }
            if let Some(rest) = line.strip_prefix("summary:").or_else(|| line.strip_prefix("totals:")) {
                summary = rest.trim().parse().ok();
                continue;
            }
            let first = line.as_bytes().first().copied().unwrap_or(b' ');
            if first.is_ascii_digit() || first == b'+' || first == b'-' || first == b'*' {
                let cost: u64 = line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
                if call_cost_next {
                    call_cost_next = false;
                } else {
                    *profile.self_ir.entry(current.clone()).or_default() += cost;
                }
            }
        }
        profile.total_ir = summary.unwrap_or_else(|| profile.self_ir.values().sum());
        profile
    }

    /// Calls to functions whose name satisfies `matches`, summed.
    pub fn calls_where(&self, matches: impl Fn(&str) -> bool) -> u64 {
        self.calls
            .iter()
            .filter(|(name, _)| matches(name))
            .map(|(_, n)| n)
            .sum()
    }

    /// Own instructions of functions whose name satisfies `matches`, summed.
    pub fn self_ir_where(&self, matches: impl Fn(&str) -> bool) -> u64 {
        self.self_ir
            .iter()
            .filter(|(name, _)| matches(name))
            .map(|(_, n)| n)
            .sum()
    }

    /// A per-unit summary: instructions, allocations, copies, locks, and the functions
    /// that cost the most instructions of their own.
    pub fn summary(&self, units: u64, unit: &str, top: usize) -> String {
        use std::fmt::Write;
        let per = |n: u64| n as f64 / units.max(1) as f64;
        let alloc = |name: &str| {
            matches!(
                name,
                "malloc" | "calloc" | "realloc" | "posix_memalign" | "aligned_alloc" | "memalign"
            )
        };
        let copy = |name: &str| name.contains("memcpy") || name.contains("memmove");
        let lock = |name: &str| {
            let lower = name.to_ascii_lowercase();
            (lower.contains("lock") && !lower.contains("block") && !lower.contains("clock")) || lower.contains("futex")
        };
        let mut out = String::new();
        let _ = writeln!(out, "{units} {unit}s; per {unit}:");
        let _ = writeln!(out, "  instructions        {:>10.0}", per(self.total_ir));
        let _ = writeln!(out, "  allocations         {:>10.2}", per(self.calls_where(alloc)));
        let _ = writeln!(
            out,
            "  frees               {:>10.2}",
            per(self.calls_where(|n| n == "free"))
        );
        let _ = writeln!(
            out,
            "  memcpy/memmove      {:>10.2} calls, {:.0} instructions",
            per(self.calls_where(copy)),
            per(self.self_ir_where(copy))
        );
        let _ = writeln!(out, "  lock-named calls    {:>10.2}", per(self.calls_where(lock)));
        let mut locks: Vec<(&String, &u64)> = self.calls.iter().filter(|(name, _)| lock(name)).collect();
        locks.sort_by(|a, b| b.1.cmp(a.1));
        for (name, calls) in locks.into_iter().take(8) {
            let _ = writeln!(out, "      {:>8.2}  {}", per(*calls), shorten(name));
        }
        let _ = writeln!(out, "  top functions by own instructions (per {unit}, share):");
        let mut own: Vec<(&String, &u64)> = self.self_ir.iter().collect();
        own.sort_by(|a, b| b.1.cmp(a.1));
        for (name, ir) in own.into_iter().take(top) {
            let _ = writeln!(
                out,
                "      {:>8.0}  {:>5.1}%  {}",
                per(*ir),
                100.0 * *ir as f64 / self.total_ir.max(1) as f64,
                shorten(name)
            );
        }
        out
    }
}

/// `(id) name` defines a name for `id`; `(id)` alone refers to it.
fn resolve(names: &mut HashMap<String, String>, text: &str) -> String {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('(')
        && let Some(close) = rest.find(')')
    {
        let id = &rest[..close];
        let name = rest[close + 1..].trim();
        if name.is_empty() {
            return names.get(id).cloned().unwrap_or_default();
        }
        names.insert(id.to_owned(), name.to_owned());
        return name.to_owned();
    }
    text.to_owned()
}

/// Drops generic arguments and hashes so long Rust names fit on a line.
fn shorten(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split("::h").next().unwrap_or(&out).to_owned();
    if out.len() > 110 {
        format!("{}…", &out[..110])
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "version: 1
positions: line
events: Ir
fl=(1) a.rs
fn=(1) main
10 100
cfn=(2) malloc
calls=3 0
11 60
cfn=(3) memcpy@@GLIBC_2.14
calls=2 0
12 40
fn=(2)
0 60
fn=(3)
0 40
fn=(4) std::sys::sync::mutex::futex::Mutex::lock_contended
0 5
totals: 205
";

    #[test]
    fn counts_calls_and_own_cost_per_function() {
        let profile = Profile::parse(SAMPLE);
        assert_eq!(profile.total_ir, 205);
        assert_eq!(profile.self_ir["main"], 100);
        assert_eq!(profile.self_ir["malloc"], 60);
        assert_eq!(profile.calls["malloc"], 3);
        assert_eq!(profile.calls["memcpy@@GLIBC_2.14"], 2);
        let summary = profile.summary(1, "request", 3);
        assert!(summary.contains("allocations               3.00"), "{summary}");
        assert!(
            summary.contains("memcpy/memmove            2.00 calls, 40 instructions"),
            "{summary}"
        );
        assert_eq!(
            shorten("core::ptr::drop_in_place<alloc::vec::Vec<u8>>::h0123"),
            "core::ptr::drop_in_place"
        );
    }
}
