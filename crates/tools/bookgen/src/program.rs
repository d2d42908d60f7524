//! A lesson page's "The program": its main.rs without the `//!` header (the page says what it
//! teaches) and without its tests; for event_loop, the parts a reader follows. Then a link to
//! each of the lesson's files, to read them whole.

use crate::excerpts::Found;
use crate::lesson::Lesson;
use crate::page::{ROOT, div, fenced};

/// `path`'s lines `ranges` as one block of Rust, included from the file when the book is built.
fn included(path: &str, ranges: &[(usize, usize)]) -> String {
    let includes: Vec<String> = ranges
        .iter()
        .map(|(first, last)| format!("{{{{#include {ROOT}{path}:{first}:{last}}}}}"))
        .collect();
    fenced(
        "rust,noplayground",
        &includes.join("\n\n// (the tests, left out here)\n\n"),
    )
}

/// main.rs, then links to the lesson's other files.
pub fn main_rs(lesson: &Lesson) -> String {
    let main = &lesson.main;
    let left_out = match (main.without_header, main.without_tests) {
        (true, true) => ", without its `//!` header and its tests",
        (true, false) => ", without its `//!` header",
        (false, true) => ", without its tests",
        (false, false) => "",
    };
    let code = format!(
        "`{}`{left_out}:\n\n{}",
        main.path,
        included(&main.path, &main.ranges)
    );
    let others: Vec<&String> = lesson.files.iter().filter(|f| **f != main.path).collect();
    div("lesson-source", &code) + &links("Its other files", &others)
}

/// event_loop's parts in reading order, each with what it is, then links to every file.
pub fn excerpts(lesson: &Lesson, found: &[Found]) -> String {
    let total: usize = found.iter().map(|(_, (a, b))| b - a + 1).sum();
    let mut code = format!(
        "{total} lines of its code, in the order a reader follows them: the API, the run loop, \
         the wakers, the reactor's wait. The links below give each file whole.\n\n"
    );
    for (i, (excerpt, (first, last))) in found.iter().enumerate() {
        code.push_str(&format!(
            "**{}. {}**: `{}`, lines {first}–{last}\n\n{}\n",
            i + 1,
            excerpt.says,
            excerpt.path,
            included(excerpt.path, &[(*first, *last)])
        ));
    }
    let all: Vec<&String> = lesson.files.iter().collect();
    div("lesson-source", &code) + &links("Its files", &all)
}

/// A line of links to files of the workspace, or nothing when there are none.
fn links(what: &str, files: &[&String]) -> String {
    if files.is_empty() {
        return String::new();
    }
    let links: Vec<String> = files
        .iter()
        .map(|f| {
            let short = f
                .split_once("/src/")
                .map_or(f.rsplit('/').next().unwrap_or(f), |(_, s)| s);
            format!("[`{short}`]({ROOT}{f})")
        })
        .collect();
    format!("{what}: {}.\n\n", links.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_linked_by_their_short_names() {
        let (a, b) = (
            "crates/x/src/echo/server.rs".to_string(),
            "crates/x/x.py".to_string(),
        );
        assert_eq!(
            links("Its files", &[&a, &b]),
            "Its files: [`echo/server.rs`](../../../crates/x/src/echo/server.rs), \
             [`x.py`](../../../crates/x/x.py).\n\n"
        );
        assert_eq!(links("Its files", &[]), "");
    }
}
