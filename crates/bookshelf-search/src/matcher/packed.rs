//! A short ASCII spelling as one number, and the hasher the matcher's table of them uses.

use std::hash::Hasher;

/// Spellings up to this long are looked up as one number (see [`pack`]).
pub(super) const PACKED: usize = 16;
/// A lower-case ASCII letter-or-digit spelling of up to [`PACKED`] bytes as one number (its
/// bytes, zero-padded: a word holds no zero byte), upper case folded; `None` for any other.
pub(super) fn pack(raw: &[u8]) -> Option<u128> {
    if raw.len() > PACKED {
        return None;
    }
    // Built in registers: bytes stored one by one and read back as a number would stall.
    let mut n = 0u128;
    for (i, r) in raw.iter().enumerate() {
        if !r.is_ascii_alphanumeric() {
            return None;
        }
        n |= u128::from(r.to_ascii_lowercase()) << (8 * i);
    }
    Some(n)
}

/// Hashes a packed spelling with two multiplications (FNV would take a step a byte).
#[derive(Default, Clone, Copy)]
pub(super) struct PackedHasher(u64);

impl Hasher for PackedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u128(&mut self, n: u128) {
        let h = ((n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (n >> 64) as u64)
            .wrapping_mul(0xff51_afd7_ed55_8ccd);
        self.0 = h ^ (h >> 29);
    }
}
