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

    #[test]
    fn this_process_has_held_some_memory() {
        let kib = peak_resident_kib(std::process::id()).unwrap();
        assert!(kib > 0);
    }
}
