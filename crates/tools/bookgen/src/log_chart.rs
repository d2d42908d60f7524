//! A chart on a log scale, one panel per measure: what a process, a thread and a task cost,
//! whose figures differ by a thousand times and more, each bar still readable.

use crate::svg::{document, escape};

const BLUE: &str = "#4a7ab5";
const GRID: &str = "#d0d0d0";
const INK: &str = "#222";

/// One panel: its title (the column's header) and a value per row, with its row's name and
/// the figure as the table writes it.
pub struct Panel {
    pub title: String,
    pub values: Vec<(String, f64, String)>,
}

/// An axis tick, `1000` as `1,000`, `0.1` as it is.
fn figure(value: f64) -> String {
    let text = if value >= 100.0 {
        format!("{value:.0}")
    } else {
        let t = format!("{value:.2}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    }
}

/// The powers of ten around `values`: from the one at or below the least to the one at or
/// above the greatest.
pub fn decades(values: impl Iterator<Item = f64>) -> (i32, i32) {
    let (min, max) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if min > max || min <= 0.0 {
        return (0, 1);
    }
    let (low, high) = (min.log10().floor() as i32, max.log10().ceil() as i32);
    (low, high.max(low + 1))
}

/// The panels stacked, each with its own log axis and a grid line per power of ten.
pub fn log_chart(title: &str, panels: &[Panel]) -> String {
    let width = 760.0;
    let label_width = panels
        .iter()
        .flat_map(|p| &p.values)
        .map(|(name, _, _)| name.chars().count() as f64 * 8.2)
        .fold(80.0, f64::max)
        + 16.0;
    let (left, right) = (label_width, width - 70.0);
    let mut body = format!(
        "<text x=\"8\" y=\"22\" font-size=\"17\" font-weight=\"bold\" fill=\"{INK}\">{}</text>\n",
        escape(title)
    );
    let mut y = 36.0;
    for panel in panels {
        let (low, high) = decades(panel.values.iter().map(|(_, v, _)| *v));
        let x = |v: f64| left + (right - left) * (v.log10() - low as f64) / (high - low) as f64;
        body.push_str(&format!(
            "<text x=\"8\" y=\"{:.1}\" font-size=\"15\" font-weight=\"bold\" fill=\"{INK}\">{} (log scale)</text>\n",
            y + 16.0,
            escape(&panel.title)
        ));
        let top = y + 26.0;
        let bottom = top + 26.0 * panel.values.len() as f64;
        for power in low..=high {
            let value = 10f64.powi(power);
            body.push_str(&format!(
                "<line x1=\"{0:.1}\" y1=\"{top:.1}\" x2=\"{0:.1}\" y2=\"{bottom:.1}\" stroke=\"{GRID}\"/>\n\
                 <text x=\"{0:.1}\" y=\"{1:.1}\" font-size=\"13\" fill=\"{INK}\" text-anchor=\"middle\">{2}</text>\n",
                x(value),
                bottom + 16.0,
                figure(value)
            ));
        }
        for (i, (name, value, figure)) in panel.values.iter().enumerate() {
            let row = top + 26.0 * i as f64;
            let end = x(*value).max(left + 2.0);
            body.push_str(&format!(
                "<text x=\"8\" y=\"{:.1}\" font-size=\"14\" fill=\"{INK}\">{}</text>\n\
                 <rect x=\"{left:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"18\" fill=\"{BLUE}\"/>\n\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" fill=\"{INK}\">{}</text>\n",
                row + 17.0,
                escape(name),
                row + 4.0,
                end - left,
                end + 6.0,
                row + 17.5,
                escape(figure)
            ));
        }
        y = bottom + 30.0;
    }
    document(width, y, title, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_read_as_figures() {
        assert_eq!(figure(10000.0), "10,000");
        assert_eq!(figure(100.0), "100");
        assert_eq!(figure(1.0), "1");
        assert_eq!(figure(0.1), "0.1");
    }

    #[test]
    fn the_axis_spans_whole_powers_of_ten() {
        assert_eq!(decades([1.23, 1614.0].into_iter()), (0, 4));
        assert_eq!(decades([0.43, 170.6].into_iter()), (-1, 3));
        assert_eq!(decades([10.0].into_iter()), (1, 2));
    }

    #[test]
    fn a_bar_ten_times_longer_in_value_is_one_decade_longer() {
        let panel = Panel {
            title: "µs per unit".into(),
            values: vec![
                ("a".into(), 2.0, "2".into()),
                ("b".into(), 20.0, "20".into()),
                ("c".into(), 200.0, "200".into()),
            ],
        };
        let svg = log_chart("cost", &[panel]);
        let widths: Vec<f64> = svg
            .match_indices("height=\"18\"")
            .map(|(at, _)| {
                let before = &svg[..at];
                let w = &before[before.rfind("width=\"").unwrap() + 7..];
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(widths.len(), 3);
        assert!(
            (widths[2] - widths[1] - (widths[1] - widths[0])).abs() < 0.2,
            "{widths:?}"
        );
        assert!(svg.contains("µs per unit (log scale)") && svg.contains(">100</text>"));
    }
}
