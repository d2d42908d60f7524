//! The diagrams that show how a program is built rather than what one run did: event_loop's
//! parts, echo_server's tasks, and the two hand-written state machines (awaitables' `Hello`,
//! generator_next's `GenNumbers`). Where a diagram names what the code has (a state, a
//! count), it reads it from the source, and fails when the source no longer has it.

use std::path::Path;

use super::shapes::{arrow, boxed, defs, heading, text};
use crate::svg::{INK, document};

const TASK: &str = "#eef3fa";
const PART: &str = "#fdf1e4";
const OUTSIDE: &str = "#f2f2f2";

/// event_loop's parts and who hands a task to whom, in the words of its trace.
pub fn event_loop_parts() -> String {
    let mut b = defs();
    b.push_str(&heading(
        "event_loop's parts: who hands a task to whom (in brackets: what the trace says woke it)",
    ));
    b.push_str(&boxed(
        20.0,
        60.0,
        160.0,
        56.0,
        OUTSIDE,
        &["run() / spawn()", "a new task"],
    ));
    b.push_str(&boxed(
        290.0,
        60.0,
        200.0,
        56.0,
        PART,
        &["run queue", "the tasks that can go on"],
    ));
    b.push_str(&boxed(
        620.0,
        60.0,
        200.0,
        56.0,
        PART,
        &["executor", "polls one task at a time"],
    ));
    b.push_str(&boxed(
        290.0,
        300.0,
        200.0,
        56.0,
        PART,
        &["wakers", "one per task"],
    ));
    b.push_str(&boxed(
        620.0,
        220.0,
        200.0,
        56.0,
        PART,
        &["timers", "sleep()'s deadlines"],
    ));
    b.push_str(&boxed(
        620.0,
        360.0,
        200.0,
        56.0,
        PART,
        &["selector (mio)", "the sockets waited on"],
    ));
    b.push_str(&arrow(
        "M180,104 L288,104",
        false,
        &["queues it", "(run, spawn)"],
        (234.0, 80.0),
        "middle",
    ));
    b.push_str(&arrow(
        "M490,104 L618,104",
        false,
        &["next task:", "poll it once"],
        (554.0, 80.0),
        "middle",
    ));
    b.push_str(&arrow(
        "M720,116 L720,218",
        false,
        &["Pending on sleep():", "deadline + waker"],
        (728.0, 160.0),
        "start",
    ));
    b.push_str(&arrow(
        "M820,96 C890,150 890,330 822,380",
        false,
        &["Pending on a", "socket: its waker"],
        (856.0, 312.0),
        "end",
    ));
    b.push_str(&arrow(
        "M620,248 L492,318",
        false,
        &["deadline passed", "(timer)"],
        (548.0, 304.0),
        "start",
    ));
    b.push_str(&arrow(
        "M620,388 L492,340",
        false,
        &["socket ready", "(io)"],
        (556.0, 394.0),
        "middle",
    ));
    b.push_str(&arrow(
        "M650,116 C620,200 560,250 480,298",
        true,
        &["yield_now (itself);", "a task's end (task-N)"],
        (402.0, 196.0),
        "start",
    ));
    b.push_str(&arrow(
        "M390,300 L390,118",
        false,
        &["wake(): back", "on the queue"],
        (382.0, 200.0),
        "end",
    ));
    b.push_str(&text(
        20.0,
        404.0,
        12.0,
        "start",
        INK,
        "Queue empty: the thread waits in the selector",
    ));
    b.push_str(&text(
        20.0,
        420.0,
        12.0,
        "start",
        INK,
        "until a socket is ready or a deadline passes.",
    ));
    document(890.0, 430.0, "event_loop's parts", &b)
}

/// echo_server: one thread, its listening task, one task per client.
pub fn echo_server() -> String {
    let mut b = defs();
    b.push_str(&heading(
        "echo_server: one thread; a listening task, and one task per client",
    ));
    b.push_str(
        "<rect x=\"200\" y=\"44\" width=\"600\" height=\"330\" rx=\"10\" fill=\"#fafafa\" \
         stroke=\"#888\" stroke-dasharray=\"6 4\"/>\n",
    );
    b.push_str(&text(
        212.0,
        64.0,
        13.0,
        "start",
        INK,
        "one thread: the event loop (tokio, current_thread) runs every task in turn",
    ));
    b.push_str(&boxed(
        230.0,
        84.0,
        250.0,
        56.0,
        PART,
        &["listening task", "accept() a client, spawn its task"],
    ));
    for (i, y) in [(1, 190.0), (2, 290.0)] {
        b.push_str(&boxed(
            20.0,
            y,
            130.0,
            56.0,
            OUTSIDE,
            &[&format!("client {i}"), "a TCP connection"],
        ));
        b.push_str(&boxed(
            500.0,
            y,
            280.0,
            56.0,
            TASK,
            &[
                &format!("task for client {i}"),
                "read up to 1024 bytes, write them back",
            ],
        ));
        b.push_str(&arrow(
            &format!("M150,{:.1} C200,{:.1} 200,130 228,120", y + 20.0, y + 20.0),
            true,
            &["connects"],
            (196.0, y - 6.0),
            "middle",
        ));
        b.push_str(&arrow(
            &format!(
                "M480,130 C490,{:.1} 470,{:.1} 498,{:.1}",
                y,
                y + 28.0,
                y + 28.0
            ),
            false,
            &["spawn"],
            (476.0, y - 2.0),
            "end",
        ));
        b.push_str(&arrow(
            &format!("M150,{:.1} L498,{:.1}", y + 34.0, y + 34.0),
            false,
            &["reads what it sends"],
            (300.0, y + 29.0),
            "middle",
        ));
        b.push_str(&arrow(
            &format!("M498,{:.1} L152,{:.1}", y + 50.0, y + 50.0),
            false,
            &["writes it back"],
            (300.0, y + 64.0),
            "middle",
        ));
    }
    document(820.0, 384.0, "echo_server's tasks on one thread", &b)
}

fn read(root: &Path, path: &str) -> Result<String, String> {
    std::fs::read_to_string(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"))
}

/// awaitables' `Hello`, polled by the loop, beside generator_next's `GenNumbers`, called by
/// `next()`: the same idea, a function turned into a value that remembers where it stands.
pub fn state_machines(root: &Path) -> Result<String, String> {
    let hello = read(root, "crates/awaitables/src/hello_by_hand.rs")?;
    for needed in [
        "Start,",
        "Sleeping(",
        "Done,",
        "println!(\"hello\")",
        "println!(\"world\")",
    ] {
        if !hello.contains(needed) {
            return Err(format!(
                "awaitables' Hello has no `{needed}`: redraw its picture"
            ));
        }
    }
    let gen_source = read(root, "crates/generator_next/src/main.rs")?;
    let n: u32 = gen_source
        .lines()
        .find_map(|l| l.strip_prefix("const N: u32 = "))
        .and_then(|rest| rest.trim_end_matches(';').parse().ok())
        .ok_or("generator_next has no `const N: u32 = ...;`")?;
    let mut b = defs();
    b.push_str(&heading(
        "Two hand-written state machines: each call moves it one state on",
    ));
    // Hello, on the left.
    b.push_str(&text(
        20.0,
        56.0,
        13.0,
        "start",
        INK,
        "awaitables: Hello, polled by the loop",
    ));
    let hello_states = [
        ("Hello::Start", "made; nothing run yet"),
        ("Hello::Sleeping", "holds the sleep"),
        ("Hello::Done", "printed both"),
    ];
    let moves: [&[&str]; 2] = [
        &["1st poll: prints hello,", "starts the sleep"],
        &["poll after the timer's", "wake: prints world"],
    ];
    for (i, (state, note)) in hello_states.iter().enumerate() {
        let y = 72.0 + 110.0 * i as f64;
        b.push_str(&boxed(20.0, y, 200.0, 50.0, TASK, &[state, note]));
        if let Some(label) = moves.get(i) {
            b.push_str(&arrow(
                &format!("M120,{:.1} L120,{:.1}", y + 50.0, y + 108.0),
                false,
                label,
                (128.0, y + 76.0),
                "start",
            ));
        }
    }
    b.push_str(&arrow(
        "M220,218 C272,218 272,196 222,196",
        false,
        &["polled too soon:", "Poll::Pending"],
        (270.0, 190.0),
        "start",
    ));
    b.push_str(&arrow(
        "M120,342 L120,380",
        false,
        &["Poll::Ready(())"],
        (128.0, 368.0),
        "start",
    ));
    // GenNumbers, on the right.
    let x = 440.0;
    b.push_str(&text(
        x,
        56.0,
        13.0,
        "start",
        INK,
        "generator_next: GenNumbers, called by next()",
    ));
    let step = (310.0 / f64::from(n + 1)).min(90.0);
    for i in 0..=n {
        let y = 72.0 + step * f64::from(i);
        let note = if i < n {
            "the next i to yield"
        } else {
            "the loop is over"
        };
        b.push_str(&boxed(
            x,
            y,
            180.0,
            40.0,
            PART,
            &[&format!("GenNumbers {{ i: {i} }}"), note],
        ));
        let label = if i < n {
            format!("next(): prints, Some({i})")
        } else {
            "next(): None (StopIteration)".to_string()
        };
        let end = if i < n { y + step - 2.0 } else { y + 72.0 };
        b.push_str(&arrow(
            &format!("M{:.1},{:.1} L{:.1},{end:.1}", x + 90.0, y + 40.0, x + 90.0),
            false,
            &[&label],
            (x + 98.0, y + 40.0 + (end - y - 40.0) / 2.0 + 4.0),
            "start",
        ));
    }
    let height = (72.0 + step * f64::from(n) + 120.0).max(400.0);
    Ok(document(
        820.0,
        height,
        "Hello and GenNumbers as state machines",
        &b,
    ))
}
