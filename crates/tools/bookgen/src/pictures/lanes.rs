//! Lanes drawn from a run's marks (`marks.rs`): one block per section (a case of the run), one
//! row per lane, either on one time axis shared by every section (spans as bars, points as
//! dots), or in the order things happened (each mark a box, coloured by what it did).

use super::marks::{Section, ms};
use crate::svg::{BLUE, GRID, INK, document, escape, tick_step, width_of};

const ROW: f64 = 34.0;
const DOT: &str = "#222";

/// How a time-axis picture is drawn.
pub struct Style {
    /// Write each point's label above its dot (off for a heartbeat's many ticks).
    pub point_labels: bool,
}

fn lane_label_width(sections: &[Section]) -> f64 {
    sections
        .iter()
        .flat_map(|s| &s.lanes)
        .map(|l| width_of(&l.name, 13.0))
        .fold(60.0, f64::max)
        + 18.0
}

fn section_title(body: &mut String, y: f64, text: &str) {
    body.push_str(&format!(
        "<text x=\"8\" y=\"{:.1}\" font-size=\"14\" font-weight=\"bold\" fill=\"{INK}\">{}</text>\n",
        y + 16.0,
        escape(text)
    ));
}

fn lane_name(body: &mut String, y: f64, name: &str) {
    body.push_str(&format!(
        "<text x=\"8\" y=\"{:.1}\" font-size=\"13\" fill=\"{INK}\">{}</text>\n\
         <line x1=\"8\" y1=\"{:.1}\" x2=\"100%\" y2=\"{:.1}\" stroke=\"#eee\"/>\n",
        y + 25.0,
        escape(name),
        y + ROW,
        y + ROW
    ));
}

/// Every section on one time axis, in ms from the section's start, so that sections compare
/// at a glance; each section's title ends with how long it took, first mark to last.
pub fn on_time_axis(title: &str, sections: &[Section], style: &Style) -> String {
    let width = 820.0;
    let left = lane_label_width(sections);
    let right = width - 24.0;
    let max = sections.iter().map(Section::last_ms).fold(1.0, f64::max);
    let x = |at: u128, start: u128| left + (right - left) * ms(at.saturating_sub(start)) / max;
    let mut body = String::new();
    let mut y = 34.0;
    for section in sections {
        section_title(
            &mut body,
            y,
            &format!(
                "{}: {:.0} ms, first mark to last",
                section.title.trim_end_matches(':'),
                section.last_ms()
            ),
        );
        y += 24.0;
        for lane in &section.lanes {
            lane_name(&mut body, y, &lane.name);
            for mark in &lane.marks {
                let (x0, x1) = (x(mark.from, section.start), x(mark.to, section.start));
                if mark.span {
                    let w = (x1 - x0).max(2.0);
                    body.push_str(&format!(
                        "<rect class=\"span\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"15\" rx=\"2\" fill=\"{BLUE}\"/>\n",
                        y + 13.0
                    ));
                    if width_of(&mark.label, 12.0) + 8.0 < w {
                        body.push_str(&format!(
                            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"white\" text-anchor=\"middle\">{}</text>\n",
                            (x0 + x1) / 2.0,
                            y + 25.0,
                            escape(&mark.label)
                        ));
                    }
                } else {
                    body.push_str(&format!(
                        "<circle class=\"point\" cx=\"{x0:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{DOT}\"/>\n",
                        y + 20.5
                    ));
                    if style.point_labels {
                        body.push_str(&format!(
                            "<text x=\"{x0:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{INK}\" text-anchor=\"middle\">{}</text>\n",
                            y + 11.0,
                            escape(&mark.label)
                        ));
                    }
                }
            }
            y += ROW;
        }
        y += 10.0;
    }
    // The time axis, its grid across every section, under the marks.
    let step = tick_step(max);
    let mut grid = String::new();
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let tx = left + (right - left) * tick / max;
        grid.push_str(&format!(
            "<line x1=\"{tx:.1}\" y1=\"34\" x2=\"{tx:.1}\" y2=\"{y:.1}\" stroke=\"{GRID}\"/>\n\
             <text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{INK}\" text-anchor=\"middle\">{tick} ms</text>\n",
            y + 15.0
        ));
        tick += step;
    }
    let heading = format!(
        "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"{INK}\">{}</text>\n",
        escape(title)
    );
    document(width, y + 24.0, title, &(heading + &grid + &body))
}

/// A kind of mark in an order picture: marks whose label starts with `word` get `colour`, and
/// show the rest of their label; `meaning` explains it in the key.
pub struct Kind {
    pub word: &'static str,
    pub colour: &'static str,
    pub meaning: &'static str,
}

/// Each section's marks in the order they happened, one column each, as boxes coloured by
/// their [`Kind`]; a mark of no kind shows its whole label, in blue.
pub fn in_order(title: &str, sections: &[Section], kinds: &[Kind]) -> String {
    let (column, box_width) = (40.0, 36.0);
    let left = lane_label_width(sections);
    let most = sections
        .iter()
        .map(|s| s.lanes.iter().map(|l| l.marks.len()).sum::<usize>())
        .max()
        .unwrap_or(0);
    let width = (left + column * most as f64 + 16.0).max(640.0);
    let mut body = format!(
        "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"{INK}\">{}</text>\n",
        escape(title)
    );
    let mut key_x = 8.0;
    for kind in kinds {
        body.push_str(&format!(
            "<rect x=\"{key_x:.1}\" y=\"30\" width=\"14\" height=\"12\" rx=\"2\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"41\" font-size=\"12\" fill=\"{INK}\">{}</text>\n",
            kind.colour,
            key_x + 18.0,
            escape(kind.meaning)
        ));
        key_x += 18.0 + width_of(kind.meaning, 12.0) + 18.0;
    }
    body.push_str(&format!(
        "<text x=\"{key_x:.1}\" y=\"41\" font-size=\"12\" fill=\"#666\">left to right: the order they ran in</text>\n"
    ));
    let mut y = 52.0;
    for section in sections {
        section_title(&mut body, y, &section.title);
        y += 24.0;
        let mut order: Vec<(u128, usize, usize)> = Vec::new();
        for (lane, marks) in section.lanes.iter().enumerate() {
            for (i, mark) in marks.marks.iter().enumerate() {
                order.push((mark.from, lane, i));
            }
        }
        order.sort();
        for lane in &section.lanes {
            lane_name(
                &mut body,
                y + ROW * order_row(section, &lane.name),
                &lane.name,
            );
        }
        for (col, &(_, lane, i)) in order.iter().enumerate() {
            let label = &section.lanes[lane].marks[i].label;
            let (colour, text) = kinds
                .iter()
                .find_map(|k| {
                    label
                        .strip_prefix(k.word)
                        .map(|rest| (k.colour, rest.trim()))
                })
                .unwrap_or((BLUE, label.as_str()));
            let bx = left + column * col as f64;
            let by = y + ROW * lane as f64 + 7.0;
            body.push_str(&format!(
                "<g class=\"mark\"><rect x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{box_width}\" height=\"22\" rx=\"3\" fill=\"{colour}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"white\" text-anchor=\"middle\">{}</text></g>\n",
                bx + box_width / 2.0,
                by + 15.5,
                escape(text)
            ));
        }
        y += ROW * section.lanes.len() as f64 + 10.0;
    }
    document(width, y + 8.0, title, &body)
}

fn order_row(section: &Section, lane: &str) -> f64 {
    section
        .lanes
        .iter()
        .position(|l| l.name == lane)
        .unwrap_or(0) as f64
}

#[cfg(test)]
mod tests {
    use super::super::marks::parse;
    use super::*;

    const RUN: &str = "marks: section 0 case\n\
        marks: point 0 heartbeat | tick\n\
        marks: span 100 500100 worker | blocks\n\
        marks: point 500200 heartbeat | tick\n";

    #[test]
    fn a_time_axis_draws_each_point_and_span_with_its_section_time() {
        let sections = parse(RUN).unwrap();
        let svg = on_time_axis(
            "t",
            &sections,
            &Style {
                point_labels: false,
            },
        );
        assert_eq!(svg.matches("class=\"point\"").count(), 2);
        assert_eq!(svg.matches("class=\"span\"").count(), 1);
        assert!(
            svg.contains(">case: 500 ms, first mark to last</text>"),
            "{svg}"
        );
        assert!(svg.contains(">blocks</text>"), "{svg}");
        assert!(!svg.contains(">tick</text>"), "{svg}");
    }

    #[test]
    fn in_order_colours_each_mark_by_its_kind() {
        let run = "marks: section 0 s\nmarks: point 2 b | write 1\nmarks: point 1 a | read 0\n";
        let kinds = [Kind {
            word: "read",
            colour: "#123456",
            meaning: "reads",
        }];
        let svg = in_order("t", &parse(run).unwrap(), &kinds);
        assert_eq!(svg.matches("class=\"mark\"").count(), 2);
        // The read came first: it is the first box, in its kind's colour, showing its value.
        let first = &svg[svg.find("class=\"mark\"").unwrap()..];
        assert!(
            first.contains("#123456") && first.contains(">0</text>"),
            "{svg}"
        );
        assert!(svg.contains(">write 1</text>"), "{svg}");
    }
}
