//! The pictures of a lesson's page, drawn from this build's runs and placed after its key idea.
//! For now the timelines of the HTTP lessons: each request from its start to its end, every
//! run on one time axis.

use std::path::Path;

use crate::{run, svg};

/// One picture: its file (relative to book/src), its alternative text and its caption.
pub struct Figure {
    pub file: String,
    pub alt: String,
    pub caption: String,
}

/// Draws lesson `name`'s pictures into `dir` (= book/src/pictures), from this build's runs;
/// `output` is the run the lesson's page shows. `file` is relative to book/src, e.g.
/// "pictures/event_loop-trace.svg". Lessons without pictures give an empty Vec.
pub fn draw(name: &str, _output: &str, dir: &Path) -> Result<Vec<Figure>, String> {
    if !matches!(name, "async_executor" | "http_client") {
        return Ok(Vec::new());
    }
    let (command, charts) = run::timeline(name)?;
    let file = format!("{name}-timeline.svg");
    let title = format!("{name}: the requests of each run on one time axis");
    let path = dir.join(&file);
    std::fs::write(&path, svg::timeline(&title, &charts))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(vec![Figure {
        file: format!("pictures/{file}"),
        alt: format!("The requests of {name} on a time axis"),
        caption: format!(
            "`{command}`, run once more when this book was built: each request from its start \
             to its end, every run on the same time axis."
        ),
    }])
}
