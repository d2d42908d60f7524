//! What the exercises' checks share: a check run with a bound, whose every failure ends with
//! a line `hint: ...` that tells the student what to change.

use std::any::Any;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How long a check of code run in the test's own process may take before it fails: the
/// student's code may block or deadlock, and the check must still end.
pub const BOUND: Duration = Duration::from_secs(20);

/// Runs `check` on a thread of its own and returns what it gives. It fails, with `hint` as
/// the last line of its message, when `check` panics (an assertion, a `todo!()` still in the
/// student's code) or still runs after `bound`. A panic message that already has a hint of
/// its own keeps it.
pub fn within<T: Send + 'static>(
    bound: Duration,
    hint: &str,
    check: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check));
        let _ = done.send(outcome);
    });
    match result.recv_timeout(bound) {
        Ok(Ok(value)) => value,
        Ok(Err(panic)) => {
            let message = panic_message(&*panic);
            if message.contains("hint: ") {
                panic!("{message}");
            }
            panic!("{message}\nhint: {hint}");
        }
        Err(_) => panic!("the check still ran after {bound:?}: it never ended\nhint: {hint}"),
    }
}

/// The message a panic was given, as `panic!` and `assert!` format it.
fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "the check panicked".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_of(check: impl FnOnce() + Send + 'static) -> String {
        let bounded = || within(Duration::from_secs(5), "do X", check);
        let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(bounded))
            .expect_err("the check should fail");
        panic_message(&*panic)
    }

    #[test]
    fn a_failure_ends_with_the_hint() {
        // What a `todo!()` left in the student's code panics with.
        let message = message_of(|| panic!("not yet implemented"));
        assert!(message.starts_with("not yet implemented"), "{message}");
        assert!(message.ends_with("\nhint: do X"), "{message}");
    }

    #[test]
    fn a_failure_with_a_hint_of_its_own_keeps_it() {
        let message = message_of(|| panic!("wrong\nhint: do Y"));
        assert_eq!(message, "wrong\nhint: do Y");
    }

    #[test]
    fn a_check_that_never_ends_fails_at_the_bound() {
        let (_keep, never) = mpsc::channel::<()>();
        let panic = std::panic::catch_unwind(|| {
            within(Duration::from_millis(100), "do Z", move || {
                let _ = never.recv();
            })
        })
        .expect_err("the check should fail");
        let message = panic_message(&*panic);
        assert!(message.contains("never ended\nhint: do Z"), "{message}");
    }

    #[test]
    fn a_check_that_passes_gives_its_value() {
        assert_eq!(within(Duration::from_secs(5), "unused", || 42), 42);
    }
}
