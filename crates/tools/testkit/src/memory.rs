//! How much memory a running program has held at most, as Linux counts it.

use std::io;

/// The peak resident memory of the running process `pid`, in KiB: `VmHWM` in
/// `/proc/PID/status`, the most physical memory it has held at any moment so far. Read it
/// before the process has been waited for (once it is reaped, its entry is gone).
pub fn peak_resident_kib(pid: u32) -> io::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().strip_suffix(" kB"))
        .and_then(|kib| kib.trim().parse().ok())
        .ok_or_else(|| io::Error::other(format!("no VmHWM in /proc/{pid}/status")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The resident memory of this process now, in KiB (`VmRSS`).
    fn resident_kib() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"));
        let kib = line.and_then(|v| v.trim().strip_suffix(" kB"));
        kib.and_then(|k| k.trim().parse().ok()).unwrap()
    }

    #[test]
    fn the_peak_counts_memory_held_and_since_freed() {
        const HELD_KIB: u64 = 64 * 1024;
        let before = resident_kib();
        // 64 MiB, every page written to (so resident), then freed: the peak keeps it.
        let block = std::hint::black_box(vec![1u8; (HELD_KIB * 1024) as usize]);
        drop(block);
        let peak = peak_resident_kib(std::process::id()).unwrap();
        // Other tests of this process may free memory meanwhile: a few MiB of slack.
        assert!(
            peak >= before + HELD_KIB - 4 * 1024,
            "peak {peak} KiB, resident {before} KiB before holding {HELD_KIB} KiB"
        );
        assert!(
            peak >= resident_kib(),
            "the peak is below the resident memory now"
        );
    }
}
