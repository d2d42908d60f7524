//! The book's part "Exercises": `exercises/README.md` (how to work on them), then each
//! exercise's prompt, `exercises/NAME/README.md`, in the order of `exercises/list.txt`
//! (`NAME LESSON` a line, `#` a comment). Each lesson page links the exercises that build on
//! it. With no `exercises/` at all, the book has no such part.

use std::fs;
use std::path::Path;

pub struct Exercise {
    pub name: String,
    /// The lesson it builds on.
    pub lesson: String,
    /// The prompt's first line, without its `# `.
    pub title: String,
    /// The prompt, its relative links made to work from the book's page.
    pub page: String,
}

pub struct Exercises {
    /// `exercises/README.md`, its links made to work from the book's page.
    pub index: String,
    pub list: Vec<Exercise>,
}

/// The `NAME LESSON` lines of list.txt.
pub fn list(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut list = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        match line.split_whitespace().collect::<Vec<_>>()[..] {
            [name, lesson] => list.push((name.to_string(), lesson.to_string())),
            _ => {
                return Err(format!(
                    "exercises/list.txt, line {}: `{line}` is not `NAME LESSON`",
                    i + 1
                ));
            }
        }
    }
    Ok(list)
}

/// `dir/target` with `.` and `..` worked out: `exercises/a` and `../b/README.md` give
/// `exercises/b/README.md`.
fn joined(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in target.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// Markdown from `dir` (relative to the workspace), with its relative links made to work
/// from `book/src/exercises/`: a prompt becomes its page in the book, anything else a link to
/// the file in the workspace. Links to other hosts and anchors stay.
pub fn relinked(markdown: &str, dir: &str, lessons: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        let (target, anchor) = match rest[..end].split_once('#') {
            Some((t, a)) => (t, format!("#{a}")),
            None => (&rest[..end], String::new()),
        };
        let keep = target.is_empty() || target.contains("://") || target.starts_with('/');
        let path = joined(dir, target);
        let link = match path.split('/').collect::<Vec<_>>()[..] {
            _ if keep => target.to_string(),
            ["exercises", "README.md"] => "index.md".to_string(),
            ["exercises", name, "README.md"] => format!("{name}.md"),
            ["crates", name] | ["crates", name, ""] if lessons.contains(&name) => {
                format!("../lessons/{name}.md")
            }
            _ => format!("../../../{path}"),
        };
        out.push_str(&link);
        out.push_str(&anchor);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The exercises, or `None` when the workspace has no `exercises/`.
pub fn read(root: &Path, lessons: &[&str]) -> Result<Option<Exercises>, String> {
    let dir = root.join("exercises");
    if !dir.exists() {
        return Ok(None);
    }
    let read = |file: &str| {
        fs::read_to_string(dir.join(file)).map_err(|e| format!("cannot read exercises/{file}: {e}"))
    };
    let mut exercises = Vec::new();
    for (name, lesson) in list(&read("list.txt")?)? {
        if !lessons.contains(&lesson.as_str()) {
            return Err(format!(
                "exercises/list.txt: {name} builds on `{lesson}`, which is no lesson"
            ));
        }
        let prompt = read(&format!("{name}/README.md"))?;
        let title = prompt
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# "))
            .ok_or_else(|| format!("exercises/{name}/README.md: the first line must be `# TITLE`"))?
            .trim()
            .to_string();
        exercises.push(Exercise {
            page: relinked(&prompt, &format!("exercises/{name}"), lessons),
            name,
            lesson,
            title,
        });
    }
    Ok(Some(Exercises {
        index: relinked(&read("README.md")?, "exercises", lessons),
        list: exercises,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_names_and_lessons_with_comments() {
        let text = "# generators\nfib generator_next\n\ncountdown generator_next # by hand\n";
        assert_eq!(
            list(text).unwrap(),
            [
                ("fib".to_string(), "generator_next".to_string()),
                ("countdown".to_string(), "generator_next".to_string())
            ]
        );
        let e = list("fib\n").unwrap_err();
        assert!(e.contains("line 1: `fib`"), "{e}");
    }

    #[test]
    fn links_lead_to_the_books_pages_or_the_workspace() {
        let md = "[a](../chat/README.md) [b](src/main.rs#L3) [c](https://doc.rust-lang.org/book/) \
                  [d](../README.md) [e](../../crates/echo_server) [f](#hint)";
        assert_eq!(
            relinked(md, "exercises/fib", &["echo_server"]),
            "[a](chat.md) [b](../../../exercises/fib/src/main.rs#L3) \
             [c](https://doc.rust-lang.org/book/) [d](index.md) [e](../lessons/echo_server.md) \
             [f](#hint)"
        );
    }

    #[test]
    fn no_exercises_directory_is_no_part() {
        let dir = std::env::temp_dir().join(format!("bookgen-no-exercises-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        assert!(read(&dir, &["a"]).unwrap().is_none());
        fs::create_dir_all(dir.join("exercises/fib")).unwrap();
        fs::write(dir.join("exercises/list.txt"), "fib gen\n").unwrap();
        fs::write(dir.join("exercises/README.md"), "# Exercises\n").unwrap();
        fs::write(dir.join("exercises/fib/README.md"), "# Fibonacci\n").unwrap();
        let e = read(&dir, &["a"]).err().unwrap();
        assert!(e.contains("`gen`, which is no lesson"), "{e}");
        let found = read(&dir, &["gen"]).unwrap().unwrap();
        assert_eq!(found.list[0].title, "Fibonacci");
        fs::remove_dir_all(&dir).unwrap();
    }
}
