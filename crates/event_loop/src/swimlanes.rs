//! `--svg FILE`: the polls of a traced run drawn as swimlanes, an SVG picture. One row per task,
//! one box per poll (green Ready, amber Pending), left to right in the order the loop made them,
//! and an arrow into each box from whoever woke the task: its own previous poll (`itself`), the
//! task whose end it awaited, `run` or `spawn` from above, the selector (`io`) or the timers
//! (`timer`) from their rows below. The book draws its event_loop pictures with it.

use std::fmt::Write;

use event_loop::{PollEvent, TaskId, WokenBy};

const COLUMN: f64 = 74.0;
const ROW: f64 = 64.0;
const BOX_WIDTH: f64 = 60.0;
const BOX_HEIGHT: f64 = 22.0;
const LEFT: f64 = 96.0;
const TOP: f64 = 112.0;
const INK: &str = "#222";
const READY: &str = "#2e8b57";
const PENDING: &str = "#d9822b";
const WAKE: &str = "#4a7ab5";

/// Text for an SVG element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The rows: each task in the order it was first polled, then the selector and the timers if
/// they woke anyone.
fn rows(polls: &[PollEvent]) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for poll in polls {
        let task = poll.task.to_string();
        if !rows.contains(&task) {
            rows.push(task);
        }
    }
    for (waker, row) in [(WokenBy::Io, "selector"), (WokenBy::Timer, "timers")] {
        if polls.iter().any(|p| p.woken_by == waker) {
            rows.push(row.to_string());
        }
    }
    rows
}

/// The picture of `polls`, titled `title` (the command that made them).
pub fn draw(title: &str, polls: &[PollEvent]) -> String {
    let rows = rows(polls);
    let row_of = |name: &str| rows.iter().position(|r| r == name).unwrap_or(0);
    let y = |row: usize| TOP + ROW * row as f64;
    let x = |column: usize| LEFT + COLUMN * column as f64 + COLUMN / 2.0;
    let width = (LEFT + COLUMN * polls.len() as f64 + 12.0).max(560.0);
    let height = y(rows.len().max(1) - 1) + 44.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"sans-serif\" data-polls=\"{}\">\n\
         <title>{}: one row per task, one box per poll</title>\n\
         <defs><marker id=\"head\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"{WAKE}\"/></marker></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"{INK}\">{}: {} polls, \
         in the order the loop made them</text>\n",
        polls.len(),
        escape(title),
        escape(title),
        polls.len()
    );
    legend(&mut svg);
    for (row, name) in rows.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\" stroke=\"#ddd\"/>\n\
             <text x=\"8\" y=\"{2:.1}\" font-size=\"14\" font-family=\"monospace\" fill=\"{INK}\">{3}</text>",
            y(row),
            width - 8.0,
            y(row) + 5.0,
            escape(name)
        );
    }
    let mut last_poll: Vec<(TaskId, usize)> = Vec::new();
    for (column, poll) in polls.iter().enumerate() {
        let (px, py) = (x(column), y(row_of(&poll.task.to_string())));
        let _ = writeln!(
            svg,
            "<text x=\"{px:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#666\" text-anchor=\"middle\">{}</text>",
            TOP - 48.0,
            column + 1
        );
        let waker = match poll.woken_by {
            WokenBy::Task(task) => last_poll.iter().find(|(t, _)| *t == task).map(|&(_, c)| c),
            _ => None,
        };
        wake(
            &mut svg,
            poll,
            (px, py),
            waker.map(|c| (x(c), y(row_of(&polls[c].task.to_string())))),
            |r| y(row_of(r)),
        );
        let (class, colour, word) = if poll.ready {
            ("poll ready", READY, "Ready")
        } else {
            ("poll pending", PENDING, "Pending")
        };
        let _ = writeln!(
            svg,
            "<g class=\"{class}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{BOX_WIDTH}\" height=\"{BOX_HEIGHT}\" rx=\"4\" fill=\"{colour}\"/>\
             <text x=\"{px:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"white\" text-anchor=\"middle\">{word}</text></g>",
            px - BOX_WIDTH / 2.0,
            py - BOX_HEIGHT / 2.0,
            py + 4.5
        );
        last_poll.retain(|(t, _)| *t != poll.task);
        last_poll.push((poll.task, column));
    }
    svg.push_str("</svg>\n");
    svg
}

/// The colours' key and how to read the picture, under the title.
fn legend(svg: &mut String) {
    let _ = writeln!(
        svg,
        "<rect x=\"8\" y=\"30\" width=\"14\" height=\"12\" rx=\"2\" fill=\"{READY}\"/>\
         <text x=\"26\" y=\"41\" font-size=\"12\" fill=\"{INK}\">Ready: the task ended</text>\
         <rect x=\"176\" y=\"30\" width=\"14\" height=\"12\" rx=\"2\" fill=\"{PENDING}\"/>\
         <text x=\"194\" y=\"41\" font-size=\"12\" fill=\"{INK}\">Pending: it paused</text>\
         <line x1=\"330\" y1=\"36\" x2=\"358\" y2=\"36\" stroke=\"{WAKE}\" stroke-width=\"1.5\" marker-end=\"url(#head)\"/>\
         <text x=\"364\" y=\"41\" font-size=\"12\" fill=\"{INK}\">who woke it</text>\
         <text x=\"8\" y=\"{:.1}\" font-size=\"12\" fill=\"#666\">poll no.</text>",
        TOP - 48.0
    );
}

/// The arrow into the poll at `to`: from the waker's last poll at `from` (a task), from the
/// selector's or the timers' row, or from above (`run`, `spawn`, `outside`).
fn wake(
    svg: &mut String,
    poll: &PollEvent,
    to: (f64, f64),
    from: Option<(f64, f64)>,
    row_y: impl Fn(&str) -> f64,
) {
    let label = if poll.woke_itself() {
        "itself".to_string()
    } else {
        poll.woken_by.to_string()
    };
    let (tx, ty) = to;
    let style =
        format!("fill=\"none\" stroke=\"{WAKE}\" stroke-width=\"1.5\" marker-end=\"url(#head)\"");
    let (path, lx, ly) = match (poll.woken_by, from) {
        (WokenBy::Task(_), Some((fx, fy))) if (fy - ty).abs() < 1.0 => {
            // The same row: an arc over the boxes between.
            let (x0, x1) = (fx + BOX_WIDTH / 2.0 - 6.0, tx - BOX_WIDTH / 2.0 + 6.0);
            let top = ty - BOX_HEIGHT / 2.0 - 20.0;
            let y0 = ty - BOX_HEIGHT / 2.0;
            (
                format!("M{x0:.1},{y0:.1} C{x0:.1},{top:.1} {x1:.1},{top:.1} {x1:.1},{y0:.1}"),
                (x0 + x1) / 2.0,
                top + 2.0,
            )
        }
        (WokenBy::Task(_), Some((fx, fy))) => {
            // Another task's row: from the end of its last poll to this one.
            let (x0, x1) = (fx + BOX_WIDTH / 2.0, tx - BOX_WIDTH / 2.0);
            let mid = (x0 + x1) / 2.0;
            (
                format!("M{x0:.1},{fy:.1} C{mid:.1},{fy:.1} {mid:.1},{ty:.1} {x1:.1},{ty:.1}"),
                mid,
                (fy + ty) / 2.0 - 4.0,
            )
        }
        (WokenBy::Io | WokenBy::Timer, _) => {
            let row = if poll.woken_by == WokenBy::Io {
                "selector"
            } else {
                "timers"
            };
            let y0 = row_y(row) - 4.0;
            let x0 = tx - 12.0;
            let _ = writeln!(
                svg,
                "<circle cx=\"{x0:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{WAKE}\"/>",
                y0 + 4.0
            );
            (
                format!(
                    "M{x0:.1},{y0:.1} L{x0:.1},{:.1}",
                    ty + BOX_HEIGHT / 2.0 + 1.0
                ),
                x0 + 16.0,
                ty + BOX_HEIGHT / 2.0 + 16.0,
            )
        }
        _ => {
            let y0 = ty - BOX_HEIGHT / 2.0 - 18.0;
            (
                format!(
                    "M{tx:.1},{y0:.1} L{tx:.1},{:.1}",
                    ty - BOX_HEIGHT / 2.0 - 1.0
                ),
                tx,
                y0 - 3.0,
            )
        }
    };
    let _ = writeln!(
        svg,
        "<g class=\"wake\"><path d=\"{path}\" {style}/>\
         <text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"12\" fill=\"{WAKE}\" text-anchor=\"middle\" \
         stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
        escape(&label)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll(task: usize, woken_by: WokenBy, ready: bool) -> PollEvent {
        PollEvent {
            task: TaskId(task),
            woken_by,
            ready,
        }
    }

    #[test]
    fn one_box_and_one_wake_per_poll() {
        let polls = [
            poll(0, WokenBy::Run, false),
            poll(1, WokenBy::Spawn, false),
            poll(1, WokenBy::Io, false),
            poll(1, WokenBy::Task(TaskId(1)), true),
            poll(0, WokenBy::Task(TaskId(1)), true),
        ];
        let svg = draw("event_loop --trace", &polls);
        assert!(svg.contains("data-polls=\"5\""), "{svg}");
        assert_eq!(svg.matches("class=\"poll ready\"").count(), 2);
        assert_eq!(svg.matches("class=\"poll pending\"").count(), 3);
        assert_eq!(svg.matches("class=\"wake\"").count(), 5);
        for label in [
            ">run<",
            ">spawn<",
            ">io<",
            ">itself<",
            ">task-1<",
            ">selector<",
        ] {
            assert!(svg.contains(label), "{label} in {svg}");
        }
        assert!(!svg.contains(">timers<"), "no timer woke anyone");
    }
}
