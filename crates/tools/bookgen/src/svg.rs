//! The book's pictures, written as SVG by hand: a timeline of requests on one time axis, and
//! horizontal bar charts of the bench's figures. Text is drawn with the reader's own fonts;
//! nothing is loaded from anywhere.

use crate::timeline::Chart;

const BLUE: &str = "#4a7ab5";
const RED: &str = "#c0392b";
const GRID: &str = "#d8d8d8";
const INK: &str = "#222";

/// Text for an SVG element, with `&`, `<`, `>` and `"` escaped.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A step for axis ticks: 1, 2 or 5 times a power of ten, giving at most 8 ticks up to `max`.
pub fn tick_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let mut step = 10f64.powf((max / 8.0).log10().floor());
    for factor in [1.0, 2.0, 5.0, 10.0] {
        if max / (step * factor) <= 8.0 {
            step *= factor;
            break;
        }
    }
    step
}

/// About how wide `text` is, in pixels, at `size`: enough to place labels beside bars.
fn width_of(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.62
}

/// A label at the end of a bar from `x0` to `x1`: after the bar when there is room before
/// `right`, otherwise inside it, in white.
fn bar_label(out: &mut String, x0: f64, x1: f64, y: f64, right: f64, text: &str) {
    let size = 12.0;
    if x1 + 6.0 + width_of(text, size) <= right || x1 - x0 < width_of(text, size) + 8.0 {
        out.push_str(&format!(
            r#"<text x="{:.1}" y="{y:.1}" font-size="{size}" fill="{INK}">{}</text>"#,
            x1 + 5.0,
            escape(text)
        ));
    } else {
        out.push_str(&format!(
            r#"<text x="{:.1}" y="{y:.1}" font-size="{size}" fill="white" text-anchor="end">{}</text>"#,
            x1 - 5.0,
            escape(text)
        ));
    }
    out.push('\n');
}

pub fn document(width: f64, height: f64, title: &str, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"sans-serif\" role=\"img\">\n\
         <title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{body}</svg>\n",
        escape(title)
    )
}

/// The runs' charts stacked on one time axis, so that one run's staircase and another's bars
/// side by side compare at a glance; a failed request in red.
pub fn timeline(title: &str, charts: &[Chart]) -> String {
    let (width, row, gap) = (760.0, 24.0, 34.0);
    let names = charts
        .iter()
        .flat_map(|c| &c.spans)
        .map(|s| s.name.as_str());
    let label_width = names.map(|n| width_of(n, 13.0)).fold(60.0, f64::max) + 16.0;
    let (left, right) = (label_width, width - 16.0);
    let max = charts
        .iter()
        .flat_map(|c| &c.spans)
        .map(|s| s.to_ms)
        .fold(1.0, f64::max);
    let x = |ms: f64| left + (right - left) * ms / max;
    let mut body = String::new();
    let mut y = 8.0;
    for chart in charts {
        let total = chart.spans.iter().map(|s| s.to_ms).fold(0.0, f64::max);
        body.push_str(&format!(
            "<text x=\"8\" y=\"{:.1}\" font-size=\"14\" font-weight=\"bold\" fill=\"{INK}\">{}: {} request(s) over {total:.1} ms</text>\n",
            y + 16.0,
            escape(&chart.title),
            chart.spans.len()
        ));
        y += gap - 8.0;
        for span in &chart.spans {
            let (x0, x1) = (x(span.from_ms), x(span.to_ms).max(x(span.from_ms) + 2.0));
            let colour = if span.ok { BLUE } else { RED };
            body.push_str(&format!(
                "<text x=\"8\" y=\"{:.1}\" font-size=\"13\" font-family=\"monospace\" fill=\"{INK}\">{}</text>\n\
                 <rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\" rx=\"2\" fill=\"{colour}\"/>\n",
                y + 16.0,
                escape(&span.name),
                y + 4.0,
                x1 - x0
            ));
            let failed = if span.ok { "" } else { " failed" };
            let label = format!("{:.1}–{:.1} ms{failed}", span.from_ms, span.to_ms);
            bar_label(&mut body, x0, x1, y + 16.5, right, &label);
            y += row;
        }
        y += 12.0;
    }
    // The time axis, with its grid across every run, under the bars.
    let step = tick_step(max);
    let mut grid = String::new();
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        grid.push_str(&format!(
            "<line x1=\"{0:.1}\" y1=\"8\" x2=\"{0:.1}\" y2=\"{1:.1}\" stroke=\"{GRID}\"/>\n\
             <text x=\"{0:.1}\" y=\"{2:.1}\" font-size=\"11\" fill=\"{INK}\" text-anchor=\"middle\">{tick} ms</text>\n",
            x(tick),
            y,
            y + 14.0
        ));
        tick += step;
    }
    document(width, y + 24.0, title, &(grid + &body))
}

/// One bar: its value and whether the value is a lower bound (a load stopped at its limit).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub value: f64,
    pub at_least: bool,
    pub label: String,
}

/// A horizontal bar chart: one row per `(name, bars)`, one bar per series in the row (two for
/// a `p50/p99` pair); a row without a number shows its text alone.
pub fn bar_chart(title: &str, rows: &[(String, Vec<Bar>, String)]) -> String {
    let width = 440.0;
    let label_width = rows
        .iter()
        .map(|(name, _, _)| width_of(name, 12.0))
        .fold(40.0, f64::max)
        + 14.0;
    let (left, right) = (label_width, width - 10.0);
    let max = rows
        .iter()
        .flat_map(|(_, bars, _)| bars)
        .map(|b| b.value)
        .fold(f64::MIN_POSITIVE, f64::max);
    let x = |v: f64| left + (right - left) * v / max;
    let mut body = format!(
        "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"{INK}\">{}</text>\n",
        escape(title)
    );
    let mut y = 30.0;
    for (name, bars, text) in rows {
        let height = 18.0 * bars.len().max(1) as f64;
        body.push_str(&format!(
            "<text x=\"8\" y=\"{:.1}\" font-size=\"12\" fill=\"{INK}\">{}</text>\n",
            y + height / 2.0 + 4.0,
            escape(name)
        ));
        if bars.is_empty() {
            body.push_str(&format!(
                "<text x=\"{left:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{INK}\">{}</text>\n",
                y + 13.0,
                escape(text)
            ));
        }
        for (i, bar) in bars.iter().enumerate() {
            let top = y + 18.0 * i as f64 + 2.0;
            let x1 = x(bar.value).max(left + 1.0);
            let (colour, opacity) = if bar.at_least {
                (RED, 0.55)
            } else {
                (BLUE, 1.0)
            };
            body.push_str(&format!(
                "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"14\" fill=\"{colour}\" fill-opacity=\"{opacity}\"/>\n",
                x1 - left
            ));
            bar_label(&mut body, left, x1, top + 11.5, right, &bar.label);
        }
        y += height + 8.0;
    }
    document(width, y + 4.0, title, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Span;

    #[test]
    fn ticks_are_round_and_few() {
        assert_eq!(tick_step(237.1), 50.0);
        assert_eq!(tick_step(143.6), 20.0);
        assert_eq!(tick_step(8.0), 1.0);
        assert_eq!(tick_step(0.0), 1.0);
    }

    #[test]
    fn a_timeline_draws_every_request_with_its_times() {
        let span = |name: &str, from_ms, to_ms, ok| Span {
            name: name.into(),
            from_ms,
            to_ms,
            ok,
        };
        let charts = [Chart {
            title: "main()".into(),
            spans: vec![span("a<b", 0.5, 40.0, true), span("c", 1.0, 130.0, false)],
        }];
        let svg = timeline("t", &charts);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("<rect x=").count(), 2);
        assert!(
            svg.contains("a&lt;b") && svg.contains("0.5–40.0 ms"),
            "{svg}"
        );
        assert!(
            svg.contains("1.0–130.0 ms failed") && svg.contains(RED),
            "{svg}"
        );
        assert!(svg.contains(">100 ms</text>"), "{svg}");
    }

    #[test]
    fn a_bar_chart_scales_to_its_largest_value() {
        let bar = |value, label: &str| Bar {
            value,
            at_least: false,
            label: label.into(),
        };
        let rows = vec![
            ("big".to_string(), vec![bar(200.0, "200")], String::new()),
            ("half".to_string(), vec![bar(100.0, "100")], String::new()),
            ("none".to_string(), vec![], "n/a".to_string()),
        ];
        let svg = bar_chart("req/s", &rows);
        let widths: Vec<f64> = svg
            .match_indices("height=\"14\"")
            .map(|(at, _)| {
                let before = &svg[..at];
                let w = &before[before.rfind("width=\"").unwrap() + 7..];
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(widths.len(), 2);
        assert!((widths[0] - 2.0 * widths[1]).abs() < 0.2, "{widths:?}");
        assert!(svg.contains(">n/a</text>"));
    }
}
