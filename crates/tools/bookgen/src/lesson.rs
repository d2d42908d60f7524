//! What the book takes from a lesson's own files: its main.rs without its `//!` header and its
//! tests, the list of its other files (Rust and Python) to link to, and its slide. The
//! teaching text is the book's own (`text.rs`).

use std::fs;
use std::path::{Path, PathBuf};

/// Our own lessons, for slides without code: each is checked against its Python twin
/// (`crates/NAME/NAME.py`), where the slides' programs are checked against their slides.
pub const OUR_OWN: [&str; 7] = [
    "async_styles",
    "counter_threads",
    "event_loop",
    "coroutine_run",
    "awaitables",
    "async_blocking",
    "async_with_for",
];

/// One lesson's files, as read from `crates/NAME/`.
pub struct Lesson {
    pub name: String,
    /// `crates/NAME/src/main.rs`, and the part of it the page shows.
    pub main: Source,
    /// Every file of the lesson a reader may open, relative to the workspace: its Rust
    /// sources (main.rs first, tests left out), then its Python programs.
    pub files: Vec<String>,
    /// `crates/NAME/slide.txt`, relative to the workspace, when the lesson has one.
    pub slide: Option<String>,
}

/// A Rust source file and the line ranges of it that the book shows (1-based, inclusive).
pub struct Source {
    /// Relative to the workspace: `crates/NAME/src/main.rs`.
    pub path: String,
    pub ranges: Vec<(usize, usize)>,
    /// Whether the ranges leave out a `//!` header.
    pub without_header: bool,
    /// Whether the ranges leave out a `#[cfg(test)]` module.
    pub without_tests: bool,
}

impl Lesson {
    pub fn read(root: &Path, name: &str) -> Result<Lesson, String> {
        let dir = root.join("crates").join(name);
        let relative = |path: &Path| -> Result<String, String> {
            Ok(path
                .strip_prefix(root)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .into_owned())
        };
        let main_path = dir.join("src/main.rs");
        let main_rs = fs::read_to_string(&main_path)
            .map_err(|e| format!("cannot read {}: {e}", main_path.display()))?;
        let mut files = Vec::new();
        for path in rust_files(&dir.join("src"))? {
            files.push(relative(&path)?);
        }
        files.extend(python_files(&dir, name)?);
        Ok(Lesson {
            name: name.to_string(),
            main: Source::of(relative(&main_path)?, &main_rs, true),
            files,
            slide: dir
                .join("slide.txt")
                .exists()
                .then(|| format!("crates/{name}/slide.txt")),
        })
    }
}

/// The `.rs` files under `dir`, main.rs first, then the others by path; without `tests.rs` and
/// `tests/`, a crate's unit tests moved out of a file, as the pages leave out `mod tests`.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() && !path.ends_with("tests") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("tests.rs")
                && !path.is_dir()
            {
                files.push(path);
            }
        }
    }
    files.sort_by_key(|p| (!p.ends_with("src/main.rs"), p.clone()));
    Ok(files)
}

/// `crates/NAME/NAME.py` first, then the other `.py` files beside it, by name; none when the
/// lesson has no Python program of its own.
fn python_files(dir: &Path, name: &str) -> Result<Vec<String>, String> {
    let main = format!("{name}.py");
    if !dir.join(&main).exists() {
        return Ok(Vec::new());
    }
    let mut others = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let file = entry.map_err(|e| e.to_string())?.file_name();
        let file = file.to_string_lossy();
        if file.ends_with(".py") && file != main.as_str() {
            others.push(file.into_owned());
        }
    }
    others.sort();
    Ok(std::iter::once(main)
        .chain(others)
        .map(|file| format!("crates/{name}/{file}"))
        .collect())
}

/// The `//!` header at the top of a file, each line without its `//! `, and how many lines it
/// takes.
pub fn header(source: &str) -> (String, usize) {
    let lines: Vec<&str> = source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .collect();
    let text: Vec<&str> = lines
        .iter()
        .map(|l| {
            let l = &l[3..];
            l.strip_prefix(' ').unwrap_or(l)
        })
        .collect();
    (text.join("\n"), lines.len())
}

impl Source {
    /// The ranges of `text` the book shows: all of it but the tests (`#[cfg(test)]` up to the
    /// `}` that closes its module) and, for main.rs, the `//!` header with the blank lines after
    /// it.
    pub fn of(path: String, text: &str, is_main: bool) -> Source {
        let lines: Vec<&str> = text.lines().collect();
        let first = if is_main { header(text).1 } else { 0 };
        let mut ranges = Vec::new();
        let tests = lines.iter().position(|l| *l == "#[cfg(test)]");
        let mut push = |from: usize, to: usize| {
            // Blank lines at either end are not shown.
            let (mut from, mut to) = (from, to);
            while from < to && lines[from].trim().is_empty() {
                from += 1;
            }
            while to > from && lines[to - 1].trim().is_empty() {
                to -= 1;
            }
            if to > from {
                ranges.push((from + 1, to));
            }
        };
        match tests {
            Some(at) => {
                push(first, at);
                // Whatever follows the test module's closing `}` is shown too.
                if let Some(close) = lines[at..].iter().position(|l| *l == "}") {
                    push(at + close + 1, lines.len());
                }
            }
            None => push(first, lines.len()),
        }
        Source {
            path,
            ranges,
            without_header: is_main && first > 0,
            without_tests: tests.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIN: &str = "//! Port of `x.py`: it shows [`Iterator::next`].\n//!\n//!     cargo run -p x\n\
                        //!\n//! Python → Rust:\n//! - `next(g)` → [`Iterator::next`];\n//!   more.\n\
                        //!\n//! Beyond the slide.\n\nuse std::io;\n\nfn main() {}\n\n\
                        #[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n";

    #[test]
    fn the_header_is_counted() {
        assert_eq!(header(MAIN).1, 9);
        assert!(header(MAIN).0.starts_with("Port of `x.py`"));
    }

    #[test]
    fn main_rs_is_shown_without_header_and_tests() {
        let source = Source::of("m.rs".into(), MAIN, true);
        assert_eq!(source.ranges, [(11, 13)]);
        assert!(source.without_header && source.without_tests);
        let module = Source::of("d.rs".into(), "//! A module.\n\nfn f() {}\n", false);
        assert_eq!(module.ranges, [(1, 3)]);
        assert!(!module.without_header && !module.without_tests);
    }

    #[test]
    fn code_after_the_tests_is_shown_too() {
        let text = "fn a() {}\n#[cfg(test)]\nmod tests {\n}\n\nfn b() {}\n";
        assert_eq!(
            Source::of("x.rs".into(), text, false).ranges,
            [(1, 1), (6, 6)]
        );
    }

    #[test]
    fn the_lessons_files_leave_out_their_tests() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
        let lesson = Lesson::read(&root, "event_loop").unwrap();
        assert_eq!(lesson.files[0], "crates/event_loop/src/main.rs");
        assert!(
            lesson
                .files
                .iter()
                .any(|f| f == "crates/event_loop/src/echo/server.rs")
        );
        assert!(
            lesson.files.iter().all(|f| !f.contains("/tests")),
            "{:?}",
            lesson.files
        );
        assert!(lesson.files.ends_with(&[
            "crates/event_loop/event_loop.py".to_string(),
            "crates/event_loop/event_loop_echo.py".to_string(),
            "crates/event_loop/reactor.py".to_string()
        ]));
        assert_eq!(lesson.slide.as_deref(), Some("crates/event_loop/slide.txt"));
    }

    #[test]
    fn our_own_lessons_are_those_with_a_python_twin() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
        for name in slides::EXAMPLES {
            let twin = root.join(format!("crates/{name}/{name}.py")).exists();
            assert_eq!(twin, OUR_OWN.contains(name), "{name}");
        }
    }
}
