//! `--timeline`: every request's start..end drawn on one time axis, so that requests made one
//! after the other (a staircase) and requests made at once (bars side by side) tell themselves
//! apart at a glance.
//!
//! ```text
//! timeline of main1(): 3 request(s) over 235.0 ms, one column = 4.70 ms
//! www.hkmu.edu.hk |======                                            |    0.3 ..   26.0 ms
//! ole.hkmu.edu.hk |     =================                            |   26.4 ..  102.4 ms
//! www.google.com  |                     =============================|  102.8 ..  235.0 ms
//! timeline of main2(): 3 request(s) over 133.5 ms, one column = 2.67 ms
//! www.hkmu.edu.hk |==========                                        |    0.3 ..   26.2 ms
//! ole.hkmu.edu.hk |=============================                     |    0.5 ..   76.8 ms
//! www.google.com  |==================================================|    0.5 ..  133.5 ms
//! ```
//!
//! Requests record themselves into a [`Timeline`] as they end (see [`super::starts`]); a failed request is
//! drawn with `x` where it gave up.

use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One request: which server, when it started and ended, and whether it succeeded.
#[derive(Debug, Clone)]
pub struct Span {
    pub name: String,
    pub start: Instant,
    pub end: Instant,
    pub ok: bool,
}

/// Columns of the time axis.
pub const WIDTH: usize = 50;

/// The requests of a run, each recorded when it ends. The lesson makes one, hands it to each
/// request it starts ([`super::starts`]), and draws it after the run ([`super::elapsed`]).
/// Clones share one record: requests run on many threads (spawn_blocking's pool, tokio's
/// workers), hence the lock.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    spans: Arc<Mutex<Vec<Span>>>,
}

impl Timeline {
    /// An empty record.
    pub fn new() -> Timeline {
        Timeline::default()
    }

    /// Records a finished request.
    pub fn record(&self, span: Span) {
        self.spans
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(span);
    }

    /// Takes every span recorded so far, leaving none.
    pub fn take(&self) -> Vec<Span> {
        std::mem::take(&mut *self.spans.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The chart of the spans recorded since the last one, titled `title` (`main1()`), with
    /// time 0 at `origin` (when the run started).
    pub fn take_chart(&self, title: &str, origin: Instant) -> String {
        chart(title, origin, &self.take())
    }
}

/// Draws `spans` in the order they started, on an axis from `origin` to the last end.
pub fn chart(title: &str, origin: Instant, spans: &[Span]) -> String {
    let mut spans: Vec<&Span> = spans.iter().collect();
    spans.sort_by_key(|s| s.start);
    let ms = |t: Instant| t.saturating_duration_since(origin).as_secs_f64() * 1000.0;
    let total = spans.iter().map(|s| ms(s.end)).fold(0.0, f64::max);
    // Columns per millisecond; a run of 0 ms still gets an axis.
    let scale = WIDTH as f64 / total.max(f64::EPSILON);
    let column = |t: f64| ((t * scale) as usize).min(WIDTH - 1);
    let name_width = spans.iter().map(|s| s.name.len()).max().unwrap_or(0);
    let mut out = format!(
        "timeline of {title}: {} request(s) over {total:.1} ms, one column = {:.2} ms\n",
        spans.len(),
        total / WIDTH as f64
    );
    for span in spans {
        let (from, to) = (ms(span.start), ms(span.end));
        let (first, last) = (column(from), column(to).max(column(from)));
        let mut bar = vec![' '; WIDTH];
        bar[first..=last].fill('=');
        if !span.ok {
            bar[last] = 'x';
        }
        let bar: String = bar.into_iter().collect();
        let failed = if span.ok { "" } else { " failed" };
        out.push_str(&format!(
            "{:name_width$} |{bar}| {from:6.1} .. {to:6.1} ms{failed}\n",
            span.name
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn span(name: &str, origin: Instant, from_ms: u64, to_ms: u64, ok: bool) -> Span {
        Span {
            name: name.into(),
            start: origin + Duration::from_millis(from_ms),
            end: origin + Duration::from_millis(to_ms),
            ok,
        }
    }

    /// The columns a chart's bar covers.
    fn bars(chart: &str) -> Vec<String> {
        chart
            .lines()
            .skip(1)
            .map(|l| l.split('|').nth(1).unwrap().to_string())
            .collect()
    }

    #[test]
    fn one_after_the_other_is_a_staircase() {
        let t = Instant::now();
        let spans = [
            span("a", t, 0, 50, true),
            span("bb", t, 50, 100, true),
            span("c", t, 100, 200, true),
        ];
        let text = chart("main1()", t, &spans);
        assert!(
            text.starts_with("timeline of main1(): 3 request(s) over 200.0 ms"),
            "{text}"
        );
        let bars = bars(&text);
        assert_eq!(bars[0], format!("{}{}", "=".repeat(13), " ".repeat(37)));
        assert!(bars[2].starts_with(&" ".repeat(25)) && bars[2].ends_with('='));
        // The names line up.
        assert!(text.contains("\na  |") && text.contains("\nbb |"), "{text}");
    }

    #[test]
    fn at_once_is_bars_side_by_side_and_failures_show() {
        let t = Instant::now();
        let spans = [
            span("late", t, 1, 100, false),
            span("early", t, 0, 40, true),
        ];
        let text = chart("main()", t, &spans);
        let bars = bars(&text);
        // Sorted by start; both begin in the first column.
        assert!(text.lines().nth(1).unwrap().starts_with("early"), "{text}");
        assert!(bars.iter().all(|b| b.starts_with('=')), "{text}");
        assert!(bars[1].ends_with('x'), "{text}");
        assert!(
            text.lines().nth(2).unwrap().ends_with("ms failed"),
            "{text}"
        );
    }

    #[test]
    fn nothing_recorded_is_just_a_title() {
        let t = Instant::now();
        assert_eq!(
            chart("main()", t, &[]),
            "timeline of main(): 0 request(s) over 0.0 ms, one column = 0.00 ms\n"
        );
    }
}
