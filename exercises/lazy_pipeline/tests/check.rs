//! The check of lazy_pipeline: the five squares, and how many numbers were pulled for them.

use std::cell::Cell;
use std::rc::Rc;

use lazy_pipeline::even_squares;

/// 1, 2, 3, ... up to `last`, counting each number pulled in `pulled`.
fn counted_source(last: u64, pulled: &Rc<Cell<u64>>) -> impl Iterator<Item = u64> + use<> {
    let pulled = Rc::clone(pulled);
    (1..=last).inspect(move |_| pulled.set(pulled.get() + 1))
}

#[test]
fn step1_the_five_squares() {
    let pulled = Rc::new(Cell::new(0));
    let squares: Vec<u64> = even_squares(counted_source(1000, &pulled)).collect();
    let want = [4, 16, 36, 64, 100];
    assert!(
        squares == want,
        "even_squares(1..=1000) gave {squares:?}, want {want:?}\n\
         hint: keep the even numbers (filter), square them (map), then take 5: in this order"
    );
}

#[test]
fn step2_nothing_pulled_before_asked() {
    let pulled = Rc::new(Cell::new(0));
    let pipeline = even_squares(counted_source(1000, &pulled));
    let before = pulled.get();
    drop(pipeline);
    assert!(
        before == 0,
        "even_squares pulled {before} numbers before anyone asked for a square\n\
         hint: return the chain of adapters itself; collect() or a for-loop inside \
         even_squares runs it at once"
    );
}

#[test]
fn step3_pulls_only_what_five_squares_need() {
    let pulled = Rc::new(Cell::new(0));
    let squares: Vec<u64> = even_squares(counted_source(1000, &pulled)).collect();
    let count = pulled.get();
    assert!(
        count == 10,
        "for {} squares the pipeline pulled {count} numbers from its source, want 10 (1 to 10)\n\
         hint: take(5) must come last, after filter and map, and nothing may collect the \
         source first",
        squares.len()
    );
}

/// How many numbers the check lets a pipeline pull from an endless source: a pipeline that
/// tries to read it all is stopped here, before it fills the memory.
const MOST: u64 = 10_000;

#[test]
fn step4_works_on_an_endless_source() {
    let pulled = Rc::new(Cell::new(0));
    let endless = counted_source(u64::MAX, &pulled).inspect(|&n| {
        assert!(
            n <= MOST,
            "the pipeline pulled more than {MOST} numbers from an endless source\n\
             hint: a source may never end: collect() or a Vec inside even_squares reads it \
             all; return the chain of adapters itself"
        );
    });
    let first: Vec<u64> = even_squares(endless.skip(99)).collect();
    let want = [10_000, 10_404, 10_816, 11_236, 11_664];
    assert!(
        first == want && pulled.get() == 108,
        "from 100, 101, ... the pipeline gave {first:?}, pulling {} numbers; want {want:?}, \
         pulling 108\n\
         hint: square the even numbers themselves (n * n), and stop after five",
        pulled.get()
    );
}
