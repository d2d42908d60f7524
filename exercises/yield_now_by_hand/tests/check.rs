//! The check of yield_now_by_hand: one yield_now() polled by hand (Pending once, after waking
//! its task, then Ready), two tasks taking turns at it, then async_counter's five counting
//! tasks. Each run is on a one-thread tokio runtime, and bounded: a task that is never woken
//! would wait for ever.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use yield_now_by_hand::{N, TASKS, count, inc, yield_now};

/// How long one run may take: the runs here take well under a second.
const BOUND: Duration = Duration::from_secs(10);

/// How many polls by hand one yield_now() gets before the check calls it stuck.
const MOST_POLLS: usize = 5;

/// A waker that counts how many times it was woken.
struct CountingWaker(AtomicUsize);

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A fresh yield_now(), polled by hand until Ready (MOST_POLLS at most): what each poll
/// returned, and how many times the waker had been woken when it returned.
fn polled_by_hand() -> Vec<(Poll<()>, usize)> {
    let wakes = Arc::new(CountingWaker(AtomicUsize::new(0)));
    let waker = Waker::from(Arc::clone(&wakes));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(yield_now());
    let mut polls = Vec::new();
    while polls.len() < MOST_POLLS {
        let polled = future.as_mut().poll(&mut cx);
        polls.push((polled, wakes.0.load(Ordering::SeqCst)));
        if polled.is_ready() {
            break;
        }
    }
    polls
}

/// What is wrong with a yield_now() whose polls by hand gave `polls`, ending with a hint;
/// None when it is right: Pending once, after waking its task, then Ready.
fn fault(polls: &[(Poll<()>, usize)]) -> Option<String> {
    let pendings = polls
        .iter()
        .filter(|(polled, _)| polled.is_pending())
        .count();
    let fault = match polls {
        [(Poll::Ready(()), _), ..] => "yield_now() returned Ready at its first poll: the task \
             never gives the others a turn\n\
             hint: keep a flag in the struct: at the first poll, set it, wake the task and \
             return Pending; at the next poll, return Ready(())"
            .to_string(),
        [(Poll::Pending, 0), ..] => "yield_now() returned Pending without waking its task: \
             nobody will poll it again, and the task waits for ever\n\
             hint: call cx.waker().wake_by_ref() first, then return Pending: the runtime \
             then polls the task again, once the others had their turn"
            .to_string(),
        _ if pendings == polls.len() => format!(
            "yield_now() was still Pending after {pendings} polls: it pauses for ever\n\
             hint: at the second poll the flag is set: return Ready(()) then"
        ),
        _ if pendings > 1 => format!(
            "yield_now() returned Pending {pendings} times before Ready; want once\n\
             hint: a pause of one turn: Pending at the first poll, Ready(()) at the second"
        ),
        _ => return None,
    };
    Some(fault)
}

/// Runs `make_future()` on a one-thread tokio runtime, in a thread of its own, for BOUND at
/// most. A panic in it (a todo!() left, say) is passed on as it is.
fn run<T: Send + 'static, F: Future<Output = T>>(
    what: &str,
    make_future: impl FnOnce() -> F + Send + 'static,
) -> T {
    let (done, outcome) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let ran = catch_unwind(AssertUnwindSafe(|| runtime.block_on(make_future())));
        let _ = done.send(ran);
    });
    match outcome.recv_timeout(BOUND) {
        Ok(Ok(output)) => output,
        Ok(Err(panic)) => resume_unwind(panic),
        Err(_) => {
            let why = fault(&polled_by_hand()).unwrap_or_else(|| {
                "hint: something in inc or count never ends: each inc must run N steps, \
                 each step awaiting yield_now() once"
                    .to_string()
            });
            panic!("{what} did not end within {BOUND:?}\n{why}")
        }
    }
}

#[test]
fn step1_pending_once_after_waking_then_ready() {
    let polls = run("yield_now() polled by hand", || async { polled_by_hand() });
    if let Some(fault) = fault(&polls) {
        panic!("{fault}");
    }
}

/// Logs `name` and its turn, then awaits yield_now(), three times.
async fn take_turns(name: &str, log: &RefCell<Vec<String>>) {
    for turn in 0..3 {
        log.borrow_mut().push(format!("{name}{turn}"));
        yield_now().await;
    }
}

#[test]
fn step2_two_tasks_take_turns() {
    let log = run("two tasks joined", || async {
        let log = RefCell::new(Vec::new());
        futures::join!(take_turns("A", &log), take_turns("B", &log));
        log.into_inner().join(" ")
    });
    let want = "A0 B0 A1 B1 A2 B2";
    let hint = fault(&polled_by_hand()).unwrap_or_else(|| {
        "hint: each yield_now() must pause at its own first poll: keep the flag in the \
         YieldNow struct, not in a static shared by all"
            .to_string()
    });
    assert!(
        log == want,
        "two tasks, each logging its turn then awaiting yield_now(), logged {log}; want {want}\n\
         {hint}"
    );
}

/// The counter at this future's first four turns, taken between the counting tasks' turns.
async fn watch(counter: &Cell<u32>) -> Vec<u32> {
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(counter.get());
        tokio::task::yield_now().await;
    }
    seen
}

#[test]
fn step3_five_tasks_take_turns() {
    let seen = run("five incs and a watcher, joined", || async {
        let counter = Cell::new(0);
        let c = &counter;
        let (.., seen) = futures::join!(inc(c), inc(c), inc(c), inc(c), inc(c), watch(c));
        seen
    });
    let mut before = 0;
    let mut steps = Vec::new();
    for &now in &seen {
        steps.push(now.saturating_sub(before));
        before = now;
    }
    assert!(
        steps.iter().all(|&step| step as usize <= TASKS) && before > 0,
        "a sixth task, joined after the five incs, saw the counter at {seen:?} at its first \
         turns; want it to grow by at most {TASKS} a turn (one step per inc), as [5, 10, 15, 20]\n\
         hint: in inc, await your yield_now() after each `counter.set(...)`, as async_counter \
         awaits asyncio.sleep(0)"
    );
}

#[test]
fn step4_five_tasks_count_to_50000() {
    let total = run("count()", count);
    let want = TASKS as u32 * N;
    assert!(
        total == want,
        "count() gave {total}; want {want}: {TASKS} tasks of {N} steps each\n\
         hint: join all {TASKS} incs on one counter, and let each add 1 in each of its N steps"
    );
}
