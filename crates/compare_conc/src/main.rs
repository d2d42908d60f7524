//! Port of `compare_conc.py`: the same counter run by two processes, then by two threads, then
//! by two coroutines on one thread. Each counts to N, sleeping 0.1 s before each number.
//!
//!     cargo run -p compare_conc
//!     cargo run -p compare_conc -- --marks    # also when each unit slept and printed, on stderr
//!
//! Python → Rust:
//! - `multiprocessing.Process(target=counter)` → this program started again as a child
//!   process ([`common::process::start_process`]), which runs `counter()` and exits, as
//!   multiprocessing's child runs its target; `p.join()` → [`common::process::join`];
//! - `threading.Thread(target=counter)` → [`std::thread::Builder`] with the thread's name, and
//!   `t.join()` → [`std::thread::JoinHandle::join`];
//! - `async def co_counter()` → `async fn co_counter()`, `await asyncio.sleep(0.1)` →
//!   `tokio::time::sleep(..).await`;
//! - `asyncio.gather(*coroutines)` → [`futures::future::join_all`], and `asyncio.run` → a
//!   current-thread tokio runtime: both coroutines run on the main thread. gather wraps each
//!   coroutine in a task; `join_all` makes none, and polls both in place on one task. Awaited
//!   at once, as here, they print the same. (gather's own counterpart, a `tokio::spawn` per
//!   coroutine, is in coroutine_run.)
//!
//! Which of two processes, or of two threads, prints first at the same tick is a race, in
//! Python as here: the system schedules them. The two coroutines do not race. They run on one
//! thread, one at a time, and take their turns in the same order at every tick: in Python,
//! their sleeps end in the order they began; here, `join_all` polls them in order. (Their
//! lines are the same, so the output does not show which came first.)

use std::error::Error;
use std::thread;
use std::time::Duration;

use common::marks;
use common::process::start_process;
use common::process::{child_process_name, current_process_name, current_thread_name, log};
use futures::future::join_all;

const CONC_UNITS: usize = 2;
const N: u32 = 3;

/// With `--marks`: the sleep before `log(i)` as a bar, and the line printed as a point, in the
/// lane of the unit that runs it (`Process-1 MainThread`, and which coroutine).
fn mark(i: u32, slept_since: u128, coroutine: Option<usize>) {
    let mut lane = format!("{} {}", current_process_name(), current_thread_name());
    if let Some(n) = coroutine {
        lane.push_str(&format!(" coroutine {n}"));
    }
    marks::span(&lane, "sleep", slept_since);
    marks::point(&lane, &i.to_string());
}

fn counter() {
    for i in 0..N {
        let since = marks::now();
        thread::sleep(Duration::from_millis(100));
        log(i);
        mark(i, since, None);
    }
}

fn do_processes() -> Result<(), Box<dyn Error>> {
    let processes = (1..=CONC_UNITS)
        .map(|i| start_process(&format!("Process-{i}")))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, mut p) in (1..).zip(processes) {
        let status = common::process::join(&mut p)?;
        if !status.success() {
            return Err(format!("Process-{i} ended with {status}").into());
        }
    }
    Ok(())
}

fn do_threads() -> Result<(), Box<dyn Error>> {
    // Python numbers its threads itself (Thread-8 on the slide, after seven earlier ones);
    // Rust's threads have a name only if given one.
    let threads = (1..=CONC_UNITS)
        .map(|i| {
            thread::Builder::new()
                .name(format!("Thread-{i}"))
                .spawn(counter)
        })
        .collect::<Result<Vec<_>, _>>()?;
    for t in threads {
        t.join().map_err(|_| "a counter thread panicked")?;
    }
    Ok(())
}

/// `co_counter()`; `unit` names it in the marks only.
async fn co_counter(unit: usize) {
    for i in 0..N {
        let since = marks::now();
        tokio::time::sleep(Duration::from_millis(100)).await;
        log(i);
        mark(i, since, Some(unit));
    }
}

fn do_coroutines() -> Result<(), Box<dyn Error>> {
    let co_counters = async {
        let coroutines: Vec<_> = (1..=CONC_UNITS).map(co_counter).collect();
        join_all(coroutines).await;
    };
    // `asyncio.run(co_counters())`: an event loop on this, the main thread, and no other.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(co_counters);
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    marks::only_option(&common::cli!("[--marks]").with_options(&[marks::MARKS]));
    // Started by do_processes(): be the child, run the target, and end.
    if child_process_name().is_some() {
        counter();
        return Ok(());
    }
    marks::section("two processes");
    do_processes()?;
    marks::section("two threads");
    do_threads()?;
    marks::section("two coroutines on one thread");
    do_coroutines()?;
    Ok(())
}
