//! The feeds' random values: 8 random bytes as 16 hex digits, like the seeds'
//! `randomBytes(8).toString("hex")` and `secrets.token_hex(8)`.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// 16 lowercase hex digits, different on every call.
///
/// The standard library's `RandomState` is SipHash keyed from the operating system's
/// random source; hashing a counter with it gives unpredictable values without a crate
/// (display values, not secrets).
pub fn hex16() -> String {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_hex_digits_each_time_new() {
        let values: std::collections::HashSet<String> = (0..1000).map(|_| hex16()).collect();
        assert_eq!(values.len(), 1000);
        for value in &values {
            assert_eq!(value.len(), 16);
            assert!(value.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
    }
}
