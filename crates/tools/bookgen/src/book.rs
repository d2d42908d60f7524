//! The whole book: every page checked to be there first (the hand-written ones, each lesson's
//! text), then each lesson run and its page written, then the exercises, the Performance page
//! and SUMMARY.md, the sidebar: Introduction, the four parts with their lessons titled by their
//! slides, Exercises, the two reference pages and Performance.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::exercises::{self, Exercises};
use crate::lesson::{Lesson, OUR_OWN};
use crate::page::{self, MoreRuns, Parts, Shown};
use crate::parts::{self, PARTS};
use crate::run::{self, Against, Runner, Verdict};
use crate::text::{self, LessonText};
use crate::{excerpts, fresh_dir, performance, pictures, program, write};

/// The pages written by hand, in `book/src/`, with their titles in the sidebar (the parts'
/// come from `parts.rs`).
pub const REFERENCE: [(&str, &str); 2] = [
    ("The Rust you need", "rust-you-need.md"),
    ("asyncio → tokio", "asyncio-to-tokio.md"),
];

/// Runs shown side by side on a lesson's page under its own run, each made now: a lesson's
/// Python twin and its Rust program with the same arguments.
pub const SIDE_BY_SIDE: [(&str, &[&str], &str); 1] = [(
    "async_with_for",
    &["--cancel"],
    "Cancelled: `--cancel`, Python beside Rust",
)];

/// The hand-written files the book needs, each named when missing.
fn check_hand_written(root: &Path) -> Result<(), String> {
    let mut needed: Vec<String> = ["introduction.md"]
        .into_iter()
        .chain(PARTS.iter().map(|p| p.page))
        .chain(REFERENCE.iter().map(|(_, page)| *page))
        .map(|page| format!("book/src/{page}"))
        .collect();
    needed.push("book/performance.md".to_string());
    needed.extend(
        slides::EXAMPLES
            .iter()
            .map(|name| format!("book/lessons/{name}.md")),
    );
    let missing: Vec<String> = needed
        .into_iter()
        .filter(|f| !root.join(f).exists())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "missing, to be written by hand: {}",
            missing.join(", ")
        ))
    }
}

/// Every lesson's text, read and checked; an error naming each one that is misshapen.
fn lesson_texts(root: &Path) -> Result<HashMap<&'static str, LessonText>, String> {
    let (mut texts, mut errors) = (HashMap::new(), Vec::new());
    for &name in slides::EXAMPLES {
        let path = root.join(format!("book/lessons/{name}.md"));
        match fs::read_to_string(&path)
            .map_err(|e| format!("cannot read book/lessons/{name}.md: {e}"))
            .and_then(|t| text::parse(name, &t))
        {
            Ok(text) => {
                texts.insert(name, text);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(texts)
    } else {
        Err(errors.join("\nbookgen: "))
    }
}

/// Each question's answer: the matching lines of the run the page shows, or of a run made
/// now with the question's arguments, and the command of that run.
fn answers(
    name: &str,
    text: &LessonText,
    shown: &Result<String, String>,
) -> Result<Vec<(String, Option<String>)>, String> {
    let mut runs: HashMap<Vec<String>, Result<String, String>> = HashMap::new();
    let mut answers = Vec::new();
    for question in &text.questions {
        let (output, command) = if question.args.is_empty() {
            (shown.clone(), None)
        } else {
            let args: Vec<&str> = question.args.iter().map(String::as_str).collect();
            let output = runs
                .entry(question.args.clone())
                .or_insert_with(|| run::with_args(name, &args))
                .clone();
            let command = slides::runner::command_line(name, &run::args_with(name, &args));
            (output, Some(command))
        };
        let output = output.map_err(|e| {
            format!(
                "book/lessons/{name}.md, question {}: the run it needs failed: {e}",
                question.number
            )
        })?;
        answers.push((text::answer(name, question, &output)?, command));
    }
    Ok(answers)
}

/// The runs shown side by side under lesson `name`'s own.
fn more_runs(runner: &Runner, name: &str) -> Vec<MoreRuns> {
    SIDE_BY_SIDE
        .iter()
        .filter(|(lesson, _, _)| *lesson == name)
        .map(|(_, args, heading)| {
            let python = run::python_command(name, args);
            let rust = slides::runner::command_line(name, &run::args_with(name, args));
            (
                heading.to_string(),
                Shown::run(
                    "Python",
                    format!("`{python}`, run when this book was built:"),
                    &runner.python(name, args),
                ),
                Shown::run(
                    "Rust",
                    format!("`{rust}`, run when this book was built:"),
                    &run::with_args(name, args),
                ),
            )
        })
        .collect()
}

pub fn write_book(root: &Path) -> Result<(), String> {
    check_hand_written(root)?;
    let texts = lesson_texts(root)?;
    let src = root.join("book/src");
    let groups = parts::group(slides::EXAMPLES)?;
    let exercises = exercises::read(root, slides::EXAMPLES)?;
    for dir in ["lessons", "lists", "performance", "pictures", "exercises"] {
        fresh_dir(&src.join(dir))?;
    }
    let mut runner = Runner::new(root);
    let mut summary = String::from("# Summary\n\n[Introduction](introduction.md)\n\n");
    let mut overview =
        String::from("| part | lesson | its program | checked against |\n|---|---|---|---|\n");
    let mut not_matching = Vec::new();
    for (part, names) in PARTS.iter().zip(&groups) {
        summary.push_str(&format!("- [{}]({})\n", part.title, part.page));
        let mut list = String::new();
        for &name in names {
            let text = &texts[name];
            let lesson = Lesson::read(root, name)?;
            let against = if OUR_OWN.contains(&name) {
                Against::Twin
            } else {
                Against::Slide
            };
            let run = runner.run(name, against);
            if let Err(e) = &run.shown {
                return Err(format!("{name} did not run: {e}"));
            }
            let figures = pictures::draw(
                name,
                run.shown.as_deref().unwrap_or(""),
                &src.join("pictures"),
            )
            .map_err(|e| format!("the pictures of {name}: {e}"))?;
            let answers = answers(name, text, &run.shown)?;
            let program = if name == "event_loop" {
                program::excerpts(&lesson, &excerpts::event_loop(root)?)
            } else {
                program::main_rs(&lesson)
            };
            let try_it: Vec<&exercises::Exercise> = exercises
                .iter()
                .flat_map(|e| &e.list)
                .filter(|e| e.lesson == name)
                .collect();
            let page = page::lesson_page(&Parts {
                lesson: &lesson,
                text,
                run: &run,
                against,
                figures: &figures,
                answers: &answers,
                program,
                more_runs: &more_runs(&runner, name),
                exercises: &try_it,
            });
            write(&src.join(format!("lessons/{name}.md")), &page)?;
            let (whose, checked) = match against {
                Against::Slide => ("the slide's", "its slide"),
                Against::Twin => ("ours, with a Python twin", "its Python twin"),
            };
            let status = match &run.verdict {
                Verdict::Matches => format!("✔ matches {checked}"),
                _ => {
                    not_matching.push(name);
                    format!("✘ does not match {checked}")
                }
            };
            let link = format!("[{}](lessons/{name}.md)", text.title);
            summary.push_str(&format!("    - {link}\n"));
            list.push_str(&format!("- {link}\n"));
            overview.push_str(&format!(
                "| {} | {link} | {whose} | {status} |\n",
                part.number
            ));
        }
        write(&src.join(format!("lists/part-{}.md", part.number)), &list)?;
    }
    write(&src.join("lists/lessons.md"), &overview)?;
    if let Some(exercises) = &exercises {
        summary.push_str(&exercise_pages(&src, exercises)?);
    }
    let source = fs::read_to_string(root.join("book/performance.md"))
        .map_err(|e| format!("cannot read book/performance.md: {e}"))?;
    let performance = performance::page(&source)?;
    write(&src.join("performance.md"), &performance.markdown)?;
    for (file, svg) in &performance.charts {
        write(&src.join("performance").join(file), svg)?;
    }
    summary.push_str("\n---\n\n");
    for (title, page) in REFERENCE {
        summary.push_str(&format!("[{title}]({page})\n"));
    }
    summary.push_str("[Performance](performance.md)\n");
    write(&src.join("SUMMARY.md"), &summary)?;
    println!(
        "bookgen: {} lesson pages in book/src/lessons; {}",
        slides::EXAMPLES.len(),
        if not_matching.is_empty() {
            "each matches its slide or its Python twin".to_string()
        } else {
            format!("not matching: {}", not_matching.join(", "))
        }
    );
    Ok(())
}

/// The exercises' pages, and their lines of SUMMARY.md.
fn exercise_pages(src: &Path, exercises: &Exercises) -> Result<String, String> {
    write(&src.join("exercises/index.md"), &exercises.index)?;
    let mut summary = String::from("- [Exercises](exercises/index.md)\n");
    for exercise in &exercises.list {
        write(
            &src.join(format!("exercises/{}.md", exercise.name)),
            &exercise.page,
        )?;
        summary.push_str(&format!(
            "    - [{}](exercises/{}.md)\n",
            exercise.title, exercise.name
        ));
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_pages_are_each_named() {
        let dir = std::env::temp_dir().join(format!("bookgen-missing-{}", std::process::id()));
        fs::create_dir_all(dir.join("book/src")).unwrap();
        fs::write(dir.join("book/src/introduction.md"), "# Intro\n").unwrap();
        let e = check_hand_written(&dir).unwrap_err();
        assert!(!e.contains("introduction.md"), "{e}");
        for page in [
            "book/src/part-1.md",
            "book/src/rust-you-need.md",
            "book/performance.md",
            "book/lessons/generator_next.md",
        ] {
            assert!(e.contains(page), "{page} in {e}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_lesson_text_missing_or_misshapen_is_named() {
        let dir = std::env::temp_dir().join(format!("bookgen-texts-{}", std::process::id()));
        fs::create_dir_all(dir.join("book/lessons")).unwrap();
        for name in slides::EXAMPLES {
            let draft = text::tests::DRAFT.replace(": demo", &format!(": {name}"));
            fs::write(dir.join(format!("book/lessons/{name}.md")), draft).unwrap();
        }
        assert_eq!(lesson_texts(&dir).unwrap().len(), slides::EXAMPLES.len());
        fs::write(dir.join("book/lessons/awaitables.md"), "# Awaitables\n").unwrap();
        fs::remove_file(dir.join("book/lessons/echo_client.md")).unwrap();
        let e = lesson_texts(&dir).unwrap_err();
        assert!(
            e.contains("book/lessons/awaitables.md: the first line"),
            "{e}"
        );
        assert!(e.contains("cannot read book/lessons/echo_client.md"), "{e}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
