//! The data: every message differs from the one before, so a stale or reordered echo is caught.

use std::error::Error;
use std::net::SocketAddr;

use crate::MSG;

/// Pseudo-random bytes (xorshift64*): incompressible, repeatable, no dependency.
pub fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        out.extend_from_slice(&seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

pub struct Pool(Vec<u8>);

impl Pool {
    pub fn new() -> Self {
        Pool(random_bytes(64 * 1024 + MSG, 0x9E37_79B9_7F4A_7C15))
    }

    /// Message `seq` of connection `conn`: a 1 KiB window of the pool.
    pub fn message(&self, conn: usize, seq: usize) -> &[u8] {
        let at = (conn.wrapping_mul(7919) + seq.wrapping_mul(131)) % (self.0.len() - MSG);
        &self.0[at..at + MSG]
    }
}

pub fn mismatch(what: &str, server: SocketAddr) -> Box<dyn Error + Send + Sync> {
    format!("{what}: the bytes echoed by {server} differ from the bytes sent").into()
}
