//! The check of event_loop_sleep: your sleep on the small loop waits until its deadline,
//! no less, with a timer and not by polling again and again.

use std::pin::pin;
use std::sync::mpsc;
use std::task::Poll;
use std::thread;
use std::time::{Duration, Instant};

use event_loop_sleep::mini_loop::{self, Ran};
use event_loop_sleep::sleep;

/// How long the check waits for a sleep of a few tenths of a second before it gives up.
const BOUND: Duration = Duration::from_secs(10);

/// Runs `make_future()` on the small loop in a thread of its own, for BOUND at most.
fn run_bounded<T: Send + 'static, F: Future<Output = T>>(
    what: &str,
    make_future: impl FnOnce() -> F + Send + 'static,
) -> (Ran<T>, Duration) {
    let (done, outcome) = mpsc::channel();
    thread::spawn(move || {
        let start = Instant::now();
        let ran = mini_loop::run(make_future());
        let _ = done.send(
            ran.map(|ran| (ran, start.elapsed()))
                .map_err(|s| s.to_string()),
        );
    });
    match outcome.recv_timeout(BOUND) {
        Ok(Ok(ran)) => ran,
        Ok(Err(stuck)) => panic!(
            "{what}: {stuck}\n\
             hint: before you return Pending, call mini_loop::set_timer(deadline, cx.waker())"
        ),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!(
            "{what} did not end within {} s\n\
             hint: fix the deadline once, at the first poll (keep it in self.deadline); \
             a deadline computed at each poll moves away for ever",
            BOUND.as_secs()
        ),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!(
            "{what} panicked (its message is above)\n\
             hint: read the panic's message; a todo!() left in sleep.rs panics like this"
        ),
    }
}

#[test]
fn step1_waits_until_its_deadline() {
    let duration = Duration::from_millis(200);
    let (_, took) = run_bounded("sleep(0.2 s)", move || sleep(duration));
    assert!(
        took >= duration,
        "sleep(0.2 s) ended after {took:?}, before its deadline\n\
         hint: give Ready only once Instant::now() has reached the deadline"
    );
}

#[test]
fn step2_polled_only_when_its_timer_fires() {
    let (ran, _) = run_bounded("sleep(0.2 s)", || sleep(Duration::from_millis(200)));
    assert!(
        ran.polls <= 3 && ran.timers_set >= 1,
        "sleep(0.2 s) was polled {} times and set {} timers; want 2 polls and 1 timer\n\
         hint: do not wake the task yourself (cx.waker().wake_by_ref()): set a timer \
         and let the loop wake it at the deadline",
        ran.polls,
        ran.timers_set
    );
}

#[test]
fn step3_zero_is_ready_at_the_first_poll() {
    let (ran, _) = run_bounded("sleep(0 s)", || sleep(Duration::ZERO));
    assert!(
        ran.polls == 1 && ran.timers_set == 0,
        "sleep(0 s) took {} polls and set {} timers; want Ready at the first poll\n\
         hint: compare now with the deadline before you set a timer",
        ran.polls,
        ran.timers_set
    );
}

#[test]
fn step4_two_sleeps_at_once_end_in_deadline_order() {
    // A join of two sleeps, the long one polled first: each poll polls both.
    let (ran, _) = run_bounded("two sleeps, 0.3 s and 0.1 s, at once", || async {
        let mut long = pin!(sleep(Duration::from_millis(300)));
        let mut short = pin!(sleep(Duration::from_millis(100)));
        let mut order = Vec::new();
        std::future::poll_fn(|cx| {
            if !order.contains(&"0.3 s") && long.as_mut().poll(cx).is_ready() {
                order.push("0.3 s");
            }
            if !order.contains(&"0.1 s") && short.as_mut().poll(cx).is_ready() {
                order.push("0.1 s");
            }
            if order.len() == 2 {
                Poll::Ready(order.clone())
            } else {
                Poll::Pending
            }
        })
        .await
    });
    assert!(
        ran.output == ["0.1 s", "0.3 s"],
        "two sleeps polled together ended in the order {:?}, want the 0.1 s one first\n\
         hint: each Sleep keeps its own deadline, set at its own first poll",
        ran.output
    );
}
