//! The check of fibonacci_successors: the numbers, the end before overflow, and no struct.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use fibonacci_successors::fibonacci;

const LARGEST: u64 = 12_200_160_415_121_876_738;

#[test]
fn step1_the_first_ten() {
    let first: Vec<u64> = fibonacci().take(10).collect();
    let want = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34];
    assert!(
        first == want,
        "the first ten numbers are {first:?}, want {want:?}\n\
         hint: start from the pair (0, 1); each step makes (b, a + b) from (a, b) and gives a"
    );
}

#[test]
fn step2_ends_at_the_largest_u64() {
    let all = catch_unwind(AssertUnwindSafe(|| {
        fibonacci().take(200).collect::<Vec<u64>>()
    }));
    let all = all.unwrap_or_else(|panic| {
        let text = panic_text(&*panic);
        if text.contains("overflow") {
            panic!(
                "the iterator panicked after the 93rd number: {text}\n\
                 hint: a + b does not fit in a u64 there; a.checked_add(b) gives None instead, \
                 and successors ends at the first None"
            );
        }
        resume_unwind(panic)
    });
    let last = all.last().copied();
    assert!(
        all.len() == 94 && last == Some(LARGEST),
        "the iterator gave {} numbers, the last {last:?}; want 94, the last {LARGEST}\n\
         hint: keep the sum as an Option (checked_add); the step that has no next number \
         must still give the last one",
        all.len()
    );
}

#[test]
fn step3_made_with_successors_or_from_fn() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs");
    let source = std::fs::read_to_string(path).expect("src/lib.rs is readable");
    let code: String = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect();
    assert!(
        (code.contains("successors") || code.contains("from_fn")) && !code.contains("struct "),
        "src/lib.rs makes its iterator without std::iter::successors or from_fn\n\
         hint: this exercise is about not writing a struct: build the iterator with \
         std::iter::successors (or from_fn)"
    );
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        return (*text).to_string();
    }
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}
