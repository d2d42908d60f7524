//! The machine: what the bench reads from the system (/proc) about the servers and itself,
//! and the open-file limit it raises for the burst.

use std::collections::HashSet;
use std::fs;
use std::process::Command;

use crate::Res;

/// How process `pid` runs, from the names of its threads: tokio names its runtime's threads
/// `tokio-rt-worker` (older versions `tokio-runtime-worker`, which the kernel cuts to 15
/// characters); a current-thread runtime runs on the main thread alone, like cecho's loop.
pub fn flavour(pid: u32) -> String {
    let names: Vec<String> = fs::read_dir(format!("/proc/{pid}/task"))
        .map(|tasks| {
            tasks
                .flatten()
                .filter_map(|t| fs::read_to_string(t.path().join("comm")).ok())
                .map(|n| n.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    let workers = names.iter().filter(|n| n.starts_with("tokio-r")).count();
    match (workers, names.len()) {
        (0, 1) => "1 thread".to_string(),
        (0, n) => format!("{n} threads"),
        (w, _) => format!("tokio multi-thread, {w} workers"),
    }
}

/// A number field of /proc/PID/status (`VmHWM` in KiB, `Threads`, ...).
pub fn status_field(pid: u32, field: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

/// Connection attempts the kernel has dropped because a listen queue was full
/// (`TcpExt: ListenDrops` in /proc/net/netstat, for the whole machine). Each costs its client
/// a SYN retransmit: one second, then 2 more, 4 more...
pub fn listen_drops() -> Option<u64> {
    let netstat = fs::read_to_string("/proc/net/netstat").ok()?;
    let mut tcp_ext = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let (names, values) = (tcp_ext.next()?, tcp_ext.next()?);
    let at = names.split_whitespace().position(|n| n == "ListenDrops")?;
    values.split_whitespace().nth(at)?.parse().ok()
}

/// (soft, hard) limits on open files of this process, from /proc/self/limits.
fn nofile_limits() -> Option<(u64, u64)> {
    let limits = fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let f: Vec<&str> = line.split_whitespace().collect();
    let parse = |s: &str| {
        if s == "unlimited" {
            Some(u64::MAX)
        } else {
            s.parse().ok()
        }
    };
    Some((parse(f.get(3)?)?, parse(f.get(4)?)?))
}

/// The burst holds 10,000 sockets in this process, and as many in each server it started
/// (they inherit this limit). std has no setrlimit and this workspace forbids `unsafe`, so
/// the soft limit is raised to the hard one with util-linux's `prlimit --pid`, which may
/// change the limits of a process of the same user.
pub fn raise_nofile(need: u64) -> Res<()> {
    let (soft, hard) = nofile_limits().ok_or("cannot read the open-file limit")?;
    if soft >= need {
        return Ok(());
    }
    let fix = format!(
        "the 10,000-connection burst needs {need} open files, the limit is {soft} (hard {hard}): \
         raise it, e.g. `ulimit -n {need}` (as root for more than the hard limit)"
    );
    if hard < need {
        return Err(fix.into());
    }
    let hard_s = if hard == u64::MAX {
        "unlimited".to_string()
    } else {
        hard.to_string()
    };
    let raised = Command::new("prlimit")
        .arg(format!("--pid={}", std::process::id()))
        .arg(format!("--nofile={hard_s}:{hard_s}"))
        .status();
    match (raised, nofile_limits()) {
        (Ok(s), Some((now, _))) if s.success() && now >= need => {
            eprintln!("open-file limit raised from {soft} to {now}");
            Ok(())
        }
        (Err(e), _) => Err(format!("{fix}; prlimit could not run: {e}").into()),
        _ => Err(format!("{fix}; prlimit could not raise it").into()),
    }
}

pub fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

/// The TCP port process `pid` listens on, from /proc/PID/fd and /proc/PID/net/tcp.
pub fn listening_port(pid: u32) -> Option<u16> {
    let mut inodes = HashSet::new();
    for entry in fs::read_dir(format!("/proc/{pid}/fd")).ok()?.flatten() {
        if let Ok(target) = fs::read_link(entry.path()) {
            let target = target.to_string_lossy().into_owned();
            if let Some(inode) = target
                .strip_prefix("socket:[")
                .and_then(|t| t.strip_suffix(']'))
            {
                inodes.insert(inode.to_string());
            }
        }
    }
    let table = fs::read_to_string(format!("/proc/{pid}/net/tcp")).ok()?;
    table.lines().skip(1).find_map(|line| {
        // sl local_address rem_address st ... inode; st 0A is LISTEN.
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() > 9 && f[3] == "0A" && inodes.contains(f[9]) {
            u16::from_str_radix(f[1].rsplit(':').next()?, 16).ok()
        } else {
            None
        }
    })
}

/// Proportional set size of process `pid` in KiB (`Pss` in /proc/PID/smaps_rollup): its own
/// resident pages, plus its share of the pages it shares with other processes.
pub fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup.lines().find_map(|line| {
        let rest = line.strip_prefix("Pss:")?;
        rest.split_whitespace().next()?.parse().ok()
    })
}
