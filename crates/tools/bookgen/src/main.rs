//! Writes the pages of the companion book (`book/`, built by `make book`): one page per lesson,
//! in lecture order (`slides::EXAMPLES`), under the lecture's four parts, then the exercises,
//! the reference pages and the Performance page. Each lesson's page is its hand-written text,
//! `book/lessons/NAME.md` (`text.rs` says its shape), with what this build makes around it: its
//! pictures, its program (included from the crate), the answers to its questions and its run,
//! all from real runs made now, and the slide checker's verdict.
//!
//!     cargo run -p bookgen      # builds the lessons, runs them and writes the pages
//!     make book                 # the same, then mdBook builds the book into target/book
//!
//! It writes `book/src/SUMMARY.md`, `book/src/lessons/`, `book/src/lists/`,
//! `book/src/pictures/`, `book/src/exercises/` and `book/src/performance.md` with its charts
//! (from `book/performance.md`). The other pages of `book/src/` are written by hand.
//! It runs the lessons built beside it (`target/debug`), offline, as `slides` does.
//! Exit codes: 0 written, 1 the book cannot be written (a page or a lesson's text missing or
//! misshapen, an answer that no line of its run gives), 2 a bad command line.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod book;
mod excerpts;
mod exercises;
mod lesson;
mod log_chart;
mod page;
mod parts;
mod performance;
mod pictures;
mod program;
mod run;
mod svg;
mod table;
mod text;
mod timeline;

fn main() -> ExitCode {
    common::cli!().no_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    match build_when_run_by_cargo().and_then(|()| book::write_book(&root)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bookgen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo run -p bookgen` builds only this program: build the lessons it runs too, so that no
/// page shows a missing or stale one. (`make book` builds the workspace first and runs this
/// program directly.) Offline first, so that a machine without a network needs none.
fn build_when_run_by_cargo() -> Result<(), String> {
    let Some(cargo) = std::env::var_os("CARGO") else {
        return Ok(());
    };
    let build = |offline: bool| {
        let mut command = Command::new(&cargo);
        command.args(["build", "--quiet", "--workspace"]);
        if offline {
            command.arg("--offline");
        }
        command.status().is_ok_and(|s| s.success())
    };
    if build(true) || build(false) {
        Ok(())
    } else {
        Err("cannot build the workspace".to_string())
    }
}

pub fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A fresh, empty directory for generated files (pages of lessons gone are gone too).
pub fn fresh_dir(path: &Path) -> Result<(), String> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| format!("cannot empty {}: {e}", path.display()))?;
    }
    fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
}
