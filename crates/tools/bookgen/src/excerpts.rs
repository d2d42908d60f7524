//! event_loop's program is a dozen files: its page shows the parts a reader follows, in the
//! order they follow them (the API, the run loop, the wakers, the reactor's wait), and links
//! the rest. Each part is found by its item's name, never by line numbers, so that the page
//! follows the code as it changes, and a part renamed or gone fails the build by name.

use std::fs;
use std::path::Path;

/// At most this many lines of code on event_loop's page.
pub const MOST_LINES: usize = 250;

/// Which lines of a file an excerpt shows.
pub enum Select {
    /// From the top of the file to its last `pub use` line: the header and the exports.
    Exports,
    /// One item, from its doc comment to its closing `}`: the line that starts with this.
    Item(&'static str),
}

pub struct Excerpt {
    pub path: &'static str,
    pub select: Select,
    /// What the part is, for the reader.
    pub says: &'static str,
}

/// event_loop's parts, in reading order.
pub const EVENT_LOOP: [Excerpt; 9] = [
    Excerpt {
        path: "crates/event_loop/src/lib.rs",
        select: Select::Exports,
        says: "The API: asyncio's names, and what stands for each here",
    },
    Excerpt {
        path: "crates/event_loop/src/executor.rs",
        select: Select::Item("pub fn run_traced"),
        says: "The run loop: `run` polls each ready task once per turn",
    },
    Excerpt {
        path: "crates/event_loop/src/executor.rs",
        select: Select::Item("fn wait_for_ready"),
        says: "A turn's first steps: the timers, then the selector, until a task is ready",
    },
    Excerpt {
        path: "crates/event_loop/src/executor.rs",
        select: Select::Item("fn poll_task"),
        says: "Polling one spawned task",
    },
    Excerpt {
        path: "crates/event_loop/src/wake.rs",
        select: Select::Item("impl Wake for TaskWaker"),
        says: "The wakers: calling one puts its task back on the run queue",
    },
    Excerpt {
        path: "crates/event_loop/src/wake.rs",
        select: Select::Item("fn push"),
        says: "The run queue, which wakes the loop's thread only when it sleeps",
    },
    Excerpt {
        path: "crates/event_loop/src/reactor.rs",
        select: Select::Item("pub(crate) fn wait"),
        says: "The reactor's wait: `selector.select(timeout)`",
    },
    Excerpt {
        path: "crates/event_loop/src/reactor.rs",
        select: Select::Item("pub(crate) fn wake_ready"),
        says: "What the wait found ready wakes its tasks",
    },
    Excerpt {
        path: "crates/event_loop/src/reactor.rs",
        select: Select::Item("pub(crate) fn poll_io"),
        says: "A socket's read or write: try it, and leave the waker only if it would block",
    },
];

/// The lines (1-based, inclusive) an excerpt shows of `text`.
pub fn lines(text: &str, select: &Select) -> Result<(usize, usize), String> {
    let lines: Vec<&str> = text.lines().collect();
    match select {
        Select::Exports => lines
            .iter()
            .rposition(|l| l.starts_with("pub use "))
            .map(|last| (1, last + 1))
            .ok_or_else(|| "no `pub use` line".to_string()),
        Select::Item(start) => {
            let starts = |l: &str| {
                l.trim_start().strip_prefix(start).is_some_and(|rest| {
                    !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            };
            let at = match lines.iter().filter(|l| starts(l)).count() {
                1 => lines.iter().position(|l| starts(l)).unwrap_or(0),
                n => return Err(format!("{n} lines start with `{start}`, not one")),
            };
            let indent = lines[at].len() - lines[at].trim_start().len();
            let mut first = at;
            while first > 0 && {
                let above = lines[first - 1].trim_start();
                above.starts_with("///") || above.starts_with("#[")
            } {
                first -= 1;
            }
            let close = lines[at..]
                .iter()
                .position(|l| l.len() - l.trim_start().len() == indent && l.trim() == "}")
                .ok_or_else(|| format!("`{start}` has no closing `}}`"))?;
            Ok((first + 1, at + close + 1))
        }
    }
}

/// An excerpt and the lines it shows (1-based, inclusive).
pub type Found = (&'static Excerpt, (usize, usize));

/// Each excerpt with its lines, checked to fit in [`MOST_LINES`].
pub fn event_loop(root: &Path) -> Result<Vec<Found>, String> {
    let mut found = Vec::new();
    for excerpt in &EVENT_LOOP {
        let path = root.join(excerpt.path);
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let range = lines(&text, &excerpt.select).map_err(|e| {
            format!(
                "event_loop's page shows part of {}: {e} (see {})",
                excerpt.path,
                file!()
            )
        })?;
        found.push((excerpt, range));
    }
    let total: usize = found.iter().map(|(_, (a, b))| b - a + 1).sum();
    if total > MOST_LINES {
        return Err(format!(
            "event_loop's page would show {total} lines of code, more than {MOST_LINES}: \
             choose fewer parts in {}",
            file!()
        ));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "//! Head.\n\nmod a;\npub use a::b;\npub use a::c;\n\n\
                        impl X {\n    /// Doc.\n    #[inline]\n    fn push(&self) {\n        if x {\n        }\n    }\n\n\
                        \x20   fn push_more(&self) {}\n}\n";

    #[test]
    fn an_item_runs_from_its_doc_to_its_closing_brace() {
        assert_eq!(lines(CODE, &Select::Exports).unwrap(), (1, 5));
        assert_eq!(lines(CODE, &Select::Item("fn push")).unwrap(), (8, 13));
        assert_eq!(lines(CODE, &Select::Item("impl X")).unwrap(), (7, 16));
        let gone = lines(CODE, &Select::Item("fn pop")).unwrap_err();
        assert!(gone.contains("0 lines start with `fn pop`"), "{gone}");
    }

    #[test]
    fn event_loops_parts_are_found_and_fit() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
        let found = event_loop(&root).unwrap();
        assert_eq!(found.len(), EVENT_LOOP.len());
        assert!(found.iter().all(|(_, (a, b))| a < b));
    }
}
