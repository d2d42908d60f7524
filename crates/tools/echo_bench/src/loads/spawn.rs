//! The slides' table of concurrency solutions in numbers: what it costs to start N units of
//! each kind, have them all alive at once, and join them, per unit.
//!
//! - processes: N = 200 copies of a trivial child program (this program again, with
//!   `--spawn-child`: it says it is up, then waits for its stdin to close);
//! - OS threads: N = 10,000 `std::thread`s;
//! - tokio tasks: N = 100,000 `tokio::spawn`s on a current-thread runtime;
//! - event_loop tasks: N = 100,000 `event_loop::spawn`s on the loop of the event_loop lesson.
//!
//! Every unit waits until all N are alive, so that the memory is that of N units at once; the
//! time runs from the first start to the last join, less the moment spent reading memory.
//! Each measurement runs in a fresh process (`--spawn-cost KIND`): memory that an earlier load
//! freed, and that the allocator keeps, would otherwise hide what the units cost. Memory is
//! what the units add to the resident set: for threads and tasks, the growth of this process's
//! VmRSS; for processes, each child's Pss (its own pages plus its share of the pages it shares
//! with the others, such as the program's code), summed.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::Res;
use crate::system::{pss_kib, status_field};

/// One kind of unit: its name, how many start at once, and the argument that measures it.
pub struct Kind {
    pub name: &'static str,
    pub n: usize,
    pub arg: &'static str,
}

pub const KINDS: [Kind; 4] = [
    Kind {
        name: "processes",
        n: 200,
        arg: "processes",
    },
    Kind {
        name: "OS threads",
        n: 10_000,
        arg: "threads",
    },
    Kind {
        name: "tokio tasks (current-thread)",
        n: 100_000,
        arg: "tokio",
    },
    Kind {
        name: "event_loop tasks",
        n: 100_000,
        arg: "event_loop",
    },
];

/// What one measurement gave: time and resident memory per unit.
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    pub per_unit: Duration,
    pub kib_per_unit: f64,
}

/// Measures `kind` in a fresh process (this program with `--spawn-cost ARG`).
pub fn measure(kind: &Kind) -> Res<Cost> {
    let out = Command::new(std::env::current_exe()?)
        .args(["--spawn-cost", kind.arg])
        .stderr(Stdio::inherit())
        .output()?;
    if !out.status.success() {
        return Err(format!("starting {} {} failed ({})", kind.n, kind.name, out.status).into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace().map(str::parse::<f64>);
    match (fields.next(), fields.next()) {
        (Some(Ok(ns)), Some(Ok(kib))) => Ok(Cost {
            per_unit: Duration::from_secs_f64(ns / 1e9),
            kib_per_unit: kib,
        }),
        _ => Err(format!("unexpected answer from --spawn-cost {}: {text}", kind.arg).into()),
    }
}

/// `--spawn-cost ARG`, in the fresh process: measures and prints `NS_PER_UNIT KIB_PER_UNIT`.
pub fn spawn_cost_child(arg: &str) -> Res<()> {
    let kind = KINDS
        .iter()
        .find(|k| k.arg == arg)
        .ok_or_else(|| format!("unknown kind '{arg}'"))?;
    let (elapsed, kib) = match arg {
        "processes" => processes(kind.n)?,
        "threads" => threads(kind.n)?,
        "tokio" => tokio_tasks(kind.n)?,
        _ => event_loop_tasks(kind.n)?,
    };
    println!(
        "{} {}",
        elapsed.as_nanos() as f64 / kind.n as f64,
        kib / kind.n as f64
    );
    Ok(())
}

/// `--spawn-child`: the trivial child program. Says it is up, then waits for stdin to close.
pub fn spawn_child() {
    let _ = std::io::stdout().write_all(b".");
    let _ = std::io::stdout().flush();
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn rss_kib() -> Res<f64> {
    Ok(status_field(std::process::id(), "VmRSS").ok_or("no VmRSS in /proc/self/status")? as f64)
}

fn processes(n: usize) -> Res<(Duration, f64)> {
    let exe = std::env::current_exe()?;
    let start = Instant::now();
    let mut children = Vec::with_capacity(n);
    let mut started = || -> Res<()> {
        for _ in 0..n {
            let mut child = Command::new(&exe)
                .arg("--spawn-child")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()?;
            let up = child.stdout.take().ok_or("no stdout")?;
            children.push((child, up));
        }
        for (_, up) in &mut children {
            up.read_exact(&mut [0u8])?;
        }
        Ok(())
    };
    let outcome = started();
    let alive = start.elapsed();
    let kib: f64 = children
        .iter()
        .map(|(child, _)| pss_kib(child.id()).unwrap_or(0) as f64)
        .sum();
    let joining = Instant::now();
    // Closing a child's stdin ends it, whether the others started or not.
    for (child, _) in &mut children {
        drop(child.stdin.take());
    }
    for (child, _) in &mut children {
        child.wait()?;
    }
    outcome?;
    Ok((alive + joining.elapsed(), kib))
}

/// Every thread waits here until all have started, or until the start failed. Two condition
/// variables: an arrival wakes only the measuring thread, never the others already waiting
/// (one shared one would wake them all at every arrival, 10,000 times over).
#[derive(Default)]
struct Gate {
    state: Mutex<(usize, bool)>,
    arrived: Condvar,
    opened: Condvar,
}

impl Gate {
    fn arrive_and_wait(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 += 1;
        self.arrived.notify_one();
        while !state.1 {
            state = self.opened.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn wait_for(&self, n: usize) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.0 < n {
            state = self.arrived.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn open(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
        self.opened.notify_all();
    }
}

fn threads(n: usize) -> Res<(Duration, f64)> {
    let before = rss_kib()?;
    let gate = Arc::new(Gate::default());
    let start = Instant::now();
    let mut handles = Vec::with_capacity(n);
    let mut failed = None;
    for _ in 0..n {
        let gate = Arc::clone(&gate);
        match thread::Builder::new().spawn(move || gate.arrive_and_wait()) {
            Ok(handle) => handles.push(handle),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    gate.wait_for(handles.len());
    let alive = start.elapsed();
    let kib = rss_kib()? - before;
    let joining = Instant::now();
    gate.open();
    for handle in handles {
        handle.join().map_err(|_| "a thread panicked")?;
    }
    if let Some(e) = failed {
        return Err(format!("cannot start {n} threads: {e}").into());
    }
    Ok((alive + joining.elapsed(), kib))
}

/// One task: counts itself, then waits for the gate. The same for both runtimes.
async fn unit(started: Arc<AtomicUsize>, gate: Arc<Notify>) {
    // Both happen in the task's first poll: when the count is complete, every task is
    // registered with the gate.
    let opened = gate.notified();
    started.fetch_add(1, Ordering::Relaxed);
    opened.await;
}

fn tokio_tasks(n: usize) -> Res<(Duration, f64)> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let before = rss_kib()?;
    runtime.block_on(async {
        let (started, gate) = (Arc::new(AtomicUsize::new(0)), Arc::new(Notify::new()));
        let start = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|_| tokio::spawn(unit(Arc::clone(&started), Arc::clone(&gate))))
            .collect();
        while started.load(Ordering::Relaxed) < n {
            tokio::task::yield_now().await;
        }
        let alive = start.elapsed();
        let kib = rss_kib()? - before;
        let joining = Instant::now();
        gate.notify_waiters();
        for task in tasks {
            task.await?;
        }
        Ok((alive + joining.elapsed(), kib))
    })
}

fn event_loop_tasks(n: usize) -> Res<(Duration, f64)> {
    let before = rss_kib()?;
    event_loop::run(async {
        let (started, gate) = (Arc::new(AtomicUsize::new(0)), Arc::new(Notify::new()));
        let start = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|_| event_loop::spawn(unit(Arc::clone(&started), Arc::clone(&gate))))
            .collect();
        while started.load(Ordering::Relaxed) < n {
            event_loop::yield_now().await;
        }
        let alive = start.elapsed();
        let kib = rss_kib()? - before;
        let joining = Instant::now();
        gate.notify_waiters();
        for task in tasks {
            task.await.expect("a task ends before its loop does");
        }
        Ok((alive + joining.elapsed(), kib))
    })
}
