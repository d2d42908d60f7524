//! The check of countdown_iter: the numbers, the end, and state kept in each countdown.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use countdown_iter::Countdown;

#[test]
fn step1_counts_down_from_three() {
    let numbers: Vec<u32> = Countdown::new(3).take(10).collect();
    assert!(
        numbers == [3, 2, 1],
        "Countdown::new(3) gave {numbers:?}, want [3, 2, 1]\n\
         hint: give self.remaining, then make it one smaller; give None once it is 0"
    );
}

#[test]
fn step2_stays_over_after_the_end() {
    let mut countdown = Countdown::new(1);
    countdown.next();
    let after = catch_unwind(AssertUnwindSafe(|| {
        [countdown.next(), countdown.next(), countdown.next()]
    }));
    let after = after.unwrap_or_else(|panic| {
        let text = panic_text(&*panic);
        if text.contains("overflow") {
            panic!(
                "next() panicked after the end: {text}\n\
                 hint: when self.remaining is 0, return None before you subtract anything"
            );
        }
        resume_unwind(panic)
    });
    assert!(
        after == [None, None, None],
        "after the countdown ended, next() gave {after:?}, want None each time\n\
         hint: once self.remaining is 0, leave it at 0 and return None"
    );
}

#[test]
fn step3_from_zero_gives_nothing() {
    let numbers: Vec<u32> = Countdown::new(0).take(10).collect();
    assert!(
        numbers.is_empty(),
        "Countdown::new(0) gave {numbers:?}, want nothing\n\
         hint: check for 0 before you give a number"
    );
}

#[test]
fn step4_each_countdown_keeps_its_own_state() {
    let mut a = Countdown::new(3);
    let mut b = Countdown::new(2);
    let turns = [a.next(), b.next(), a.next(), b.next(), a.next(), b.next()];
    let want = [Some(3), Some(2), Some(2), Some(1), Some(1), None];
    assert!(
        turns == want,
        "two countdowns, 3 and 2, taking turns gave {turns:?}, want {want:?}\n\
         hint: keep the state in the struct's field (self.remaining), not in a static or a global"
    );
}

#[test]
fn step5_a_long_countdown() {
    let sum: u64 = Countdown::new(100_000).map(u64::from).sum();
    assert!(
        sum == 5_000_050_000,
        "the numbers of Countdown::new(100000) add up to {sum}, want 5000050000\n\
         hint: every number from 100000 down to 1, each once"
    );
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        return (*text).to_string();
    }
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}
