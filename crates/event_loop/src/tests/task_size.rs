//! What a task costs in memory: its future, held once.

use crate::executor::task_size;
use crate::*;

#[test]
fn a_task_holds_its_future_once() {
    const BUFFER: usize = 4096;
    let (size, sum) = run(async {
        let task = spawn(async {
            let buffer = [1u8; BUFFER]; // kept across the await: part of the future
            yield_now().await;
            buffer.iter().map(|&b| usize::from(b)).sum::<usize>()
        });
        let size = task_size(TaskId(1)).expect("the task, not polled yet");
        (size, task.await.unwrap())
    });
    assert_eq!(sum, BUFFER);
    assert!(
        (BUFFER..2 * BUFFER).contains(&size),
        "a task of a {BUFFER}-byte future takes {size} bytes"
    );
}
