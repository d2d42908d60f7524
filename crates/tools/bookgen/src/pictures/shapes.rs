//! The few shapes the book's diagrams are made of: a box with lines of text, an arrow with a
//! label, a line of text. Each returns SVG to append to a picture's body.

use crate::svg::{INK, escape};

pub const ARROW: &str = "#4a7ab5";

/// The arrowhead every arrow refers to (`marker-end="url(#head)"`): put once in a picture.
pub fn defs() -> String {
    format!(
        "<defs><marker id=\"head\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"8\" \
         markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"{ARROW}\"/></marker></defs>\n"
    )
}

/// A rounded box at (`x`, `y`), `w` by `h`, filled with `fill`; its lines centred in it, the
/// first in bold.
pub fn boxed(x: f64, y: f64, w: f64, h: f64, fill: &str, lines: &[&str]) -> String {
    let mut out = format!(
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"6\" fill=\"{fill}\" stroke=\"#888\"/>\n"
    );
    let first = y + h / 2.0 - (lines.len() as f64 - 1.0) * 8.5 + 5.0;
    for (i, line) in lines.iter().enumerate() {
        let weight = if i == 0 { " font-weight=\"bold\"" } else { "" };
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\"{weight} fill=\"{INK}\" text-anchor=\"middle\">{}</text>\n",
            x + w / 2.0,
            first + 17.0 * i as f64,
            escape(line)
        ));
    }
    out
}

/// An arrow along the SVG path `d`, dashed or not, with its label's lines at (`lx`, `ly`)
/// (`anchor`: start, middle or end).
pub fn arrow(d: &str, dashed: bool, label: &[&str], (lx, ly): (f64, f64), anchor: &str) -> String {
    let dash = if dashed {
        " stroke-dasharray=\"5 4\""
    } else {
        ""
    };
    let mut out = format!(
        "<path d=\"{d}\" fill=\"none\" stroke=\"{ARROW}\" stroke-width=\"1.6\"{dash} marker-end=\"url(#head)\"/>\n"
    );
    for (i, line) in label.iter().enumerate() {
        out.push_str(&text(lx, ly + 16.0 * i as f64, 12.0, anchor, ARROW, line));
    }
    out
}

/// One line of text, with a white halo so that it reads over lines it crosses.
pub fn text(x: f64, y: f64, size: f64, anchor: &str, fill: &str, line: &str) -> String {
    format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" fill=\"{fill}\" text-anchor=\"{anchor}\" \
         stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>\n",
        escape(line)
    )
}

/// A picture's heading, bold, at the top left.
pub fn heading(line: &str) -> String {
    format!(
        "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\" fill=\"{INK}\">{}</text>\n",
        escape(line)
    )
}
