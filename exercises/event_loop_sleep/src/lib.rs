//! `sleep`, written by hand: a future with a deadline that asks the loop to wake it then.

pub mod mini_loop;
mod sleep;

pub use sleep::{Sleep, sleep};
