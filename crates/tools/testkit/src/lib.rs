//! What the lessons' tests share, and only the tests: every lesson names this crate under
//! `[dev-dependencies]`, never under `[dependencies]`.
//!
//! - [`bounded`]: waiting for a program to end, with a bound;
//! - [`checks`]: `--help` and the one-line error of a bad command line;
//! - [`python`]: a lesson's own Python program (`crates/NAME/NAME.py`), run with python3;
//! - [`twin`]: that Python twin reads its command line as the Rust program does;
//! - [`twin_marks`]: that Python twin, run with `--marks`, marks its run as the Rust program does;
//! - [`memory`]: the peak resident memory of a running program;
//! - [`servers`]: small servers on 127.0.0.1 port 0, each showing one behaviour;
//! - [`http`]: the HTTP examples' failure tests, built on those servers;
//! - [`http_slide`]: the HTTP examples' tests of the slide's program, shared;
//! - [`dns`]: a program run where every host lookup hangs, with no packet leaving the machine;
//! - [`echo_server`]: an echo server of the slides' protocol run as a process, its log read;
//! - [`echo_checks`]: what every such server must do, each check written once;
//! - [`fair_checks`]: the same, while another client streams;
//! - [`echo_client`]: an echo client run as a process, and the checks every such client passes;
//! - [`compile`]: a lesson's Rust file compiled on its own, for what the compiler says of it;
//! - [`exercise`]: the exercises' checks run with a bound, every failure ending in a hint.
//!
//! The functions of `checks`, `memory` and `python` are re-exported here:
//! `testkit::assert_help(..)`.

pub mod bounded;
pub mod checks;
pub mod compile;
pub mod dns;
pub mod echo_checks;
pub mod echo_client;
pub mod echo_server;
pub mod exercise;
pub mod fair_checks;
pub mod http;
pub mod http_slide;
pub mod memory;
pub mod python;
pub mod servers;
pub mod twin;
pub mod twin_marks;

pub use checks::*;
pub use memory::*;
pub use python::*;
