//! The check of join_all_by_hand: outputs in order, every future polled at once, none polled
//! after it is done, and an end, bounded in time.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use join_all_by_hand::join_all;

/// Runs `future` on a one-thread tokio runtime, for 10 s at most.
fn run<T>(what: &str, future: impl Future<Output = T>) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let runtime = runtime.expect("a tokio runtime");
    let bounded = async { tokio::time::timeout(Duration::from_secs(10), future).await };
    let ran = catch_unwind(AssertUnwindSafe(|| runtime.block_on(bounded)));
    let ran = ran.unwrap_or_else(|panic| {
        let text = panic_text(&*panic);
        if text.contains("resumed after completion") {
            panic!(
                "{what}: a future was polled again after it returned Ready ({text})\n\
                 hint: remember which futures are done (set their slot to None) and skip them"
            );
        }
        resume_unwind(panic)
    });
    ran.unwrap_or_else(|_| {
        panic!(
            "{what} did not end within 10 s\n\
             hint: poll every future not yet done, with the cx you were given, each time \
             JoinAll is polled; its waker is what wakes JoinAll again"
        )
    })
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        return (*text).to_string();
    }
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}

/// Sleeps `millis`, logging its start and end in `log`; gives `value`.
async fn logged(value: usize, millis: u64, log: Rc<RefCell<Vec<String>>>) -> usize {
    log.borrow_mut().push(format!("start {value}"));
    tokio::time::sleep(Duration::from_millis(millis)).await;
    log.borrow_mut().push(format!("end {value}"));
    value
}

#[test]
fn step1_outputs_in_the_order_given() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let futures = [(0, 60), (1, 20), (2, 40)].map(|(v, ms)| logged(v, ms, Rc::clone(&log)));
    let outputs = run("join_all of three sleeps", join_all(Vec::from(futures)));
    assert!(
        outputs == [0, 1, 2],
        "join_all gave {outputs:?}, want [0, 1, 2]: the order the futures were given\n\
         hint: keep each output at its future's place (self.outputs), not in the order they end"
    );
}

#[test]
fn step2_every_future_runs_at_once() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let futures = [(0, 60), (1, 20), (2, 40)].map(|(v, ms)| logged(v, ms, Rc::clone(&log)));
    run("join_all of three sleeps", join_all(Vec::from(futures)));
    let log = log.borrow();
    let first_end = log.iter().position(|event| event.starts_with("end"));
    let starts_before = log[..first_end.unwrap_or(log.len())].len();
    assert!(
        starts_before == 3,
        "the futures ran one after another: {log:?}; want all three started before any ends\n\
         hint: in each poll, poll every future not yet done, not only the first"
    );
}

/// Ready at its first poll; a second poll is a bug of whoever polls it.
struct ReadyOnce(bool);

impl Future for ReadyOnce {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<&'static str> {
        assert!(
            !self.0,
            "a future was polled again after it returned Ready\n\
             hint: remember which futures are done (set their slot to None) and skip them"
        );
        self.0 = true;
        Poll::Ready("once")
    }
}

#[test]
fn step3_never_polls_a_finished_future() {
    let slow = Box::pin(async {
        tokio::task::yield_now().await;
        tokio::task::yield_now().await;
        "slow"
    }) as Pin<Box<dyn Future<Output = &'static str>>>;
    let once = Box::pin(ReadyOnce(false)) as Pin<Box<dyn Future<Output = &'static str>>>;
    let outputs = run(
        "join_all of a ready and a slow future",
        join_all(vec![once, slow]),
    );
    assert!(
        outputs == ["once", "slow"],
        "join_all gave {outputs:?}, want [\"once\", \"slow\"]\n\
         hint: give each output back once, at its future's place"
    );
}

#[test]
fn step4_nothing_to_join_is_ready_at_once() {
    let mut none = std::pin::pin!(join_all(Vec::<ReadyOnce>::new()));
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let polled = none.as_mut().poll(&mut cx);
    assert!(
        matches!(&polled, Poll::Ready(outputs) if outputs.is_empty()),
        "join_all of no futures was not Ready(vec![]) at its first poll\n\
         hint: when no future is left running, return Ready with the outputs, even none"
    );
}

#[test]
fn step5_a_thousand_futures() {
    let futures = (0..1000).map(|value| async move {
        tokio::task::yield_now().await;
        value
    });
    let outputs = run("join_all of 1000 futures", join_all(futures.collect()));
    assert!(
        outputs.iter().copied().eq(0..1000),
        "join_all of 1000 futures gave {} outputs, not 0 to 999 in order\n\
         hint: one output per future, each at its future's place",
        outputs.len()
    );
}
