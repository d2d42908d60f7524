//! Style 4, event-driven: sources post events to a channel; a loop hands each to its handler,
//! and what the handlers know between events is kept in a state of their own.

use tokio::sync::mpsc;

use crate::callbacks::call_later;
use crate::{DELAY, print_sum};

/// What an event source can post.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    First(u32),
    Second(u32),
}

/// What the handlers remember between events.
#[derive(Debug, Default)]
pub struct Operands {
    first: Option<u32>,
    second: Option<u32>,
}

/// Prints the sum once both numbers are in; true when the job is finished.
fn print_if_complete(operands: &Operands) -> bool {
    match (operands.first, operands.second) {
        (Some(a), Some(b)) => {
            print_sum("events", a, b);
            true
        }
        _ => false,
    }
}

fn on_first(operands: &mut Operands, n: u32) -> bool {
    operands.first = Some(n);
    print_if_complete(operands)
}

fn on_second(operands: &mut Operands, n: u32) -> bool {
    operands.second = Some(n);
    print_if_complete(operands)
}

/// An event source: posts `event` after [`DELAY`].
fn post_later(events: &mpsc::UnboundedSender<Event>, event: Event) {
    let events = events.clone();
    call_later(DELAY, move || {
        // The loop may have finished already; then nobody needs the event.
        let _ = events.send(event);
    });
}

/// The event loop: takes each event off the channel and hands it to its handler.
async fn dispatch(mut events: mpsc::UnboundedReceiver<Event>) {
    let mut operands = Operands::default();
    while let Some(event) = events.recv().await {
        let finished = match event {
            Event::First(n) => on_first(&mut operands, n),
            Event::Second(n) => on_second(&mut operands, n),
        };
        if finished {
            break;
        }
    }
}

pub async fn with_events() {
    let (post, events) = mpsc::unbounded_channel();
    post_later(&post, Event::First(3));
    post_later(&post, Event::Second(4));
    dispatch(events).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;

    #[test]
    fn the_handlers_finish_whichever_event_comes_first() {
        let mut operands = Operands::default();
        assert!(!on_second(&mut operands, 4));
        assert!(on_first(&mut operands, 3));
        let mut operands = Operands::default();
        assert!(!on_first(&mut operands, 3));
        assert!(on_second(&mut operands, 4));
    }

    #[test]
    fn the_event_loop_stops_once_the_job_is_done() {
        // Both events already posted, in the other order, and the channel still open: the
        // loop ends because the job is finished, not because the events ran out. With the
        // events already there, it needs no waiting: one poll runs it to its end.
        let (post, events) = mpsc::unbounded_channel();
        post.send(Event::Second(4)).unwrap();
        post.send(Event::First(3)).unwrap();
        assert_eq!(dispatch(events).now_or_never(), Some(()));
    }
}
