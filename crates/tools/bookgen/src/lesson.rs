//! What the book takes from a lesson's own files: the description in its Cargo.toml, the `//!`
//! header of its main.rs (what it shows, how to run it, Python → Rust), its Rust sources without
//! their tests, its Python program, and its slide.

use std::fs;
use std::path::{Path, PathBuf};

/// One lesson, as read from `crates/NAME/`.
pub struct Lesson {
    pub name: String,
    /// `description` in Cargo.toml: one sentence of what it shows.
    pub description: String,
    /// The `//!` header of main.rs, as Markdown, without its "Python → Rust" list.
    pub teaches: String,
    /// The items of the header's "Python → Rust" list, as Markdown.
    pub python_to_rust: String,
    /// The Rust sources, main.rs first.
    pub sources: Vec<Source>,
    /// `crates/NAME/NAME.py`, relative to the workspace, when the lesson has one, then the
    /// modules it imports from beside it (`crates/NAME/*.py`, by name).
    pub python: Vec<String>,
    /// `crates/NAME/slide.txt`, relative to the workspace, when the lesson has one.
    pub slide: Option<String>,
}

/// A Rust source file and the line ranges of it that the book shows (1-based, inclusive).
pub struct Source {
    /// Relative to the workspace: `crates/NAME/src/main.rs`.
    pub path: String,
    pub ranges: Vec<(usize, usize)>,
    /// Whether the ranges leave out a `//!` header (main.rs: it is on the page as text).
    pub without_header: bool,
    /// Whether the ranges leave out a `#[cfg(test)]` module.
    pub without_tests: bool,
}

impl Lesson {
    pub fn read(root: &Path, name: &str) -> Result<Lesson, String> {
        let dir = root.join("crates").join(name);
        let read = |path: &Path| {
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
        };
        let description = description(&read(&dir.join("Cargo.toml"))?)
            .ok_or_else(|| format!("crates/{name}/Cargo.toml has no description"))?;
        let main_rs = read(&dir.join("src/main.rs"))?;
        let (header, _) = header(&main_rs);
        let (teaches, python_to_rust) = split_header(&header);
        let mut sources = Vec::new();
        for path in rust_files(&dir.join("src"))? {
            let text = read(&path)?;
            let is_main = path.ends_with("src/main.rs");
            let relative = path
                .strip_prefix(root)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .into_owned();
            sources.push(Source::of(relative, &text, is_main));
        }
        let existing = |file: String| {
            dir.join(&file)
                .exists()
                .then(|| format!("crates/{name}/{file}"))
        };
        Ok(Lesson {
            name: name.to_string(),
            description,
            teaches: doc_links_as_code(&teaches),
            python_to_rust: doc_links_as_code(&python_to_rust),
            sources,
            python: python_files(&dir, name)?,
            slide: existing("slide.txt".to_string()),
        })
    }
}

/// The `.rs` files under `dir`, main.rs first, then the others by path; without `tests.rs`, a
/// crate's unit tests moved out of a file, as the pages leave out the `mod tests` in a file.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
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

/// `description = "..."` of a Cargo.toml's `[package]`, with its escapes undone.
pub fn description(cargo_toml: &str) -> Option<String> {
    let line = cargo_toml
        .lines()
        .find_map(|l| l.trim().strip_prefix("description"))?;
    let quoted = line.trim_start().strip_prefix('=')?.trim();
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => out.push(chars.next()?),
            (c, false) => out.push(c),
        }
    }
    Some(out)
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

/// Splits a header into its text and the items of its "Python → Rust:" list (the lines after
/// that title, up to the next blank line).
pub fn split_header(header: &str) -> (String, String) {
    let mut teaches = Vec::new();
    let mut list = Vec::new();
    let mut in_list = false;
    for line in header.lines() {
        if line.trim() == "Python → Rust:" {
            in_list = true;
        } else if in_list && line.trim().is_empty() {
            in_list = false;
        } else if in_list {
            list.push(line);
        } else {
            teaches.push(line);
        }
    }
    // Blank lines left side by side where the list was taken out.
    let mut text = teaches.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    (text.trim().to_string(), list.join("\n"))
}

/// Rustdoc's links to items, `` [`Iterator`] `` and `` [`take`](AsyncReadExt::take) ``, as
/// plain code: the book has no API pages to link to. Links to a page, `[text](url)`, stay as
/// they are.
pub fn doc_links_as_code(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("[`") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        // `` `item`] `` closes the link; a target right after it keeps the link, unless the
        // target is a Rust path (`AsyncReadExt::take`), which only rustdoc can resolve.
        let close = after[1..].find('`').map(|i| i + 2);
        let item_target = |target: &str| -> Option<usize> {
            let inner = target.strip_prefix('(')?;
            let end = inner.find(')')?;
            let path = &inner[..end];
            let is_path = !path.is_empty()
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '<' | '>'));
            is_path.then_some(end + 2)
        };
        match close {
            Some(end)
                if after[end..].starts_with(']') && !after[end + 1..].starts_with(['(', '[']) =>
            {
                out.push_str(&after[..end]);
                rest = &after[end + 1..];
            }
            Some(end)
                if after[end..].starts_with(']') && item_target(&after[end + 1..]).is_some() =>
            {
                out.push_str(&after[..end]);
                let skip = item_target(&after[end + 1..]).unwrap_or(0);
                rest = &after[end + 1 + skip..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
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
    fn the_header_splits_into_text_and_list() {
        let (header, lines) = header(MAIN);
        assert_eq!(lines, 9);
        let (teaches, list) = split_header(&header);
        assert_eq!(
            teaches,
            "Port of `x.py`: it shows [`Iterator::next`].\n\n    cargo run -p x\n\nBeyond the slide."
        );
        assert_eq!(list, "- `next(g)` → [`Iterator::next`];\n  more.");
    }

    #[test]
    fn doc_links_become_code_and_real_links_stay() {
        assert_eq!(
            doc_links_as_code("see [`Cell`], [`a`](b.html) or [`c`][d]"),
            "see `Cell`, [`a`](b.html) or [`c`][d]"
        );
        assert_eq!(
            doc_links_as_code("[`take`](AsyncReadExt::take) bounds it"),
            "`take` bounds it"
        );
        assert_eq!(
            doc_links_as_code("[`rand::random_range`]`(1..=100)`"),
            "`rand::random_range``(1..=100)`"
        );
        assert_eq!(
            doc_links_as_code("[HOST [PORT]] and [`"),
            "[HOST [PORT]] and [`"
        );
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
    fn the_description_is_unescaped() {
        let toml = "[package]\nname = \"x\"\ndescription = \"a \\\"b\\\" c\"\n";
        assert_eq!(description(toml).unwrap(), "a \"b\" c");
        assert_eq!(description("[package]\n"), None);
    }
}
