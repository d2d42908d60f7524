//! `sleep`, written by hand: a future with a deadline that asks the loop to wake it then.

#[path = "../../../event_loop_sleep/src/mini_loop.rs"]
pub mod mini_loop;
mod sleep;

pub use sleep::{Sleep, sleep};
