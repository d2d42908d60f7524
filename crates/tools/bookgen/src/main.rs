//! Writes the pages of the companion book (`book/`, built by `make book`): one page per lesson,
//! in lecture order (`slides::EXAMPLES`), under the lecture's four parts. Each page shows what
//! the lesson teaches (its `//!` header and Cargo.toml description), its row of the README's
//! table, its Rust and Python programs (included from the crate), a real run made now beside
//! the slide's output, and whether the two match under the slide checker.
//!
//!     cargo run -p bookgen      # builds the lessons, runs them and writes the pages
//!     make book                 # the same, then mdBook builds the book into target/book
//!
//! It writes `book/src/SUMMARY.md`, `book/src/lessons/`, `book/src/lists/` and the Performance
//! page with its charts, and the lessons' pictures in `book/src/pictures`; `book/src/introduction.md` and `book/src/part-N.md` are written by
//! hand. It runs the lessons built beside it (`target/debug`), offline, as `slides` does.
//! Exit codes: 0 written (a lesson that failed to run says so on its page and on stderr), 1 the
//! book cannot be written (an unknown lesson, a missing file), 2 a bad command line.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use lesson::Lesson;
use parts::PARTS;
use run::{Runner, Verdict};

mod lesson;
mod page;
mod parts;
mod performance;
mod pictures;
mod readme;
mod run;
mod svg;
mod timeline;

fn main() -> ExitCode {
    common::cli!().no_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    match build_when_run_by_cargo().and_then(|()| write_book(&root)) {
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

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A fresh, empty directory for generated files (pages of lessons gone are gone too).
fn fresh_dir(path: &Path) -> Result<(), String> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| format!("cannot empty {}: {e}", path.display()))?;
    }
    fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
}

fn write_book(root: &Path) -> Result<(), String> {
    let src = root.join("book/src");
    let parts = parts::group(slides::EXAMPLES)?;
    for page in ["introduction.md"]
        .into_iter()
        .chain(PARTS.iter().map(|p| p.page))
    {
        if !src.join(page).exists() {
            return Err(format!("book/src/{page} is missing: it is written by hand"));
        }
    }
    let readme_path = root.join("README.md");
    let readme =
        fs::read_to_string(&readme_path).map_err(|e| format!("cannot read README.md: {e}"))?;
    for dir in ["lessons", "lists", "performance", "pictures"] {
        fresh_dir(&src.join(dir))?;
    }
    let mut runner = Runner::default();
    let mut summary = String::from("# Summary\n\n[Introduction](introduction.md)\n\n");
    let mut overview = String::from(
        "| part | lesson | what it teaches | its run against the slide |\n|---|---|---|---|\n",
    );
    let (mut matching, mut other) = (0, Vec::new());
    for (part, names) in PARTS.iter().zip(&parts) {
        summary.push_str(&format!("- [{}]({})\n", part.title, part.page));
        let mut list = String::new();
        for &name in names {
            let lesson = Lesson::read(root, name)?;
            let row = readme::example_row(&readme, name);
            let run = runner.run(name, lesson.slide.is_some());
            let shown = run.shown.as_deref().unwrap_or("");
            let figures = pictures::draw(name, shown, &src.join("pictures"))
                .map_err(|e| format!("{name}'s pictures: {e}"))?;
            // A lesson whose header tells how to run it with `--timeline` gets its chart drawn.
            let timeline = lesson.teaches.contains("--timeline").then(|| {
                run::timeline(name).and_then(|(command, charts)| {
                    let file = format!("{name}-timeline.svg");
                    let title = format!("{name}: the requests of each run on one time axis");
                    write(
                        &src.join("lessons").join(&file),
                        &svg::timeline(&title, &charts),
                    )?;
                    Ok((command, file))
                })
            });
            let page =
                page::lesson_page(&lesson, row.as_deref(), &run, timeline.as_ref(), &figures);
            write(&src.join(format!("lessons/{name}.md")), &page)?;
            let status = match &run.verdict {
                Verdict::Matches => "✔ matches",
                Verdict::Differs(_) => "✘ differs",
                Verdict::NoSlide => "no slide.txt",
                Verdict::DidNotRun => "✘ did not run",
            };
            match &run.verdict {
                Verdict::Matches => matching += 1,
                _ => other.push(format!("{name} ({status})")),
            }
            if let Err(e) = &run.shown {
                eprintln!("bookgen: warning: {name} did not run: {e}");
            }
            let teaches = row
                .as_ref()
                .and_then(|r| r.iter().find(|(column, _)| column == "what it teaches"))
                .map_or_else(|| lesson.description.clone(), |(_, cell)| cell.clone());
            summary.push_str(&format!("    - [{name}](lessons/{name}.md)\n"));
            list.push_str(&format!("- [{name}](lessons/{name}.md): {teaches}\n"));
            overview.push_str(&format!(
                "| {} | [{name}](lessons/{name}.md) | {teaches} | {status} |\n",
                part.number
            ));
        }
        write(&src.join(format!("lists/part-{}.md", part.number)), &list)?;
    }
    write(&src.join("lists/lessons.md"), &overview)?;
    let performance = performance::page(&readme)?;
    write(&src.join("performance.md"), &performance.markdown)?;
    for (file, svg) in &performance.charts {
        write(&src.join("performance").join(file), svg)?;
    }
    summary.push_str("\n---\n\n[Performance](performance.md)\n");
    write(&src.join("SUMMARY.md"), &summary)?;
    println!(
        "bookgen: {} lesson pages in book/src/lessons; {matching} match their slides{}",
        slides::EXAMPLES.len(),
        if other.is_empty() {
            String::new()
        } else {
            format!("; not: {}", other.join(", "))
        }
    );
    Ok(())
}
