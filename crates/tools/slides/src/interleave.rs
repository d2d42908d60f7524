//! The leeway of a racy example (compare_conc): units that run at once may print their lines
//! in any interleaving that keeps each unit's own order and each phase in its place.

use crate::normalize;

/// True when `actual` is `expected` with the lines of units that ran at once interleaved
/// differently, and in no other way.
///
/// A line `UNIT: message` belongs to the unit named before `: ` (`Process-1 MainThread`). A
/// phase is a run of lines whose unit names are alike but for their numbers (the two processes,
/// then the two threads, then the coroutines): phases must come in the same order with the same
/// number of lines, since each phase ends (`join`, `gather`) before the next begins. Within a
/// phase, each unit must print the same messages in the same order; only how the units' lines
/// interleave may differ. Units are told apart by their names in each text, and matched by
/// their normalized names and messages, since thread numbers differ between runs.
pub fn same_up_to_interleaving(expected: &str, actual: &str) -> bool {
    let (expected, actual) = (phases(expected), phases(actual));
    expected.len() == actual.len()
        && expected
            .iter()
            .zip(&actual)
            .all(|(e, a)| e.key == a.key && e.units == a.units)
}

#[derive(Debug)]
struct Phase {
    /// The unit names with normalized numbers and every digit blanked: alike for all units.
    key: String,
    /// Each unit's normalized name and its normalized messages in order, sorted.
    units: Vec<(String, Vec<String>)>,
}

fn phases(text: &str) -> Vec<Phase> {
    let mut phases: Vec<Phase> = Vec::new();
    let mut raw_names: Vec<String> = Vec::new();
    for line in text.lines() {
        let (raw_name, message) = line.split_once(": ").unwrap_or((line, ""));
        let name = normalize(raw_name);
        let key: String = name
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        if phases.last().is_none_or(|p| p.key != key) {
            phases.push(Phase {
                key,
                units: Vec::new(),
            });
            raw_names.clear();
        }
        let phase = phases.last_mut().expect("a phase was just pushed");
        let unit = match raw_names.iter().position(|n| n == raw_name) {
            Some(i) => i,
            None => {
                raw_names.push(raw_name.to_string());
                phase.units.push((name, Vec::new()));
                phase.units.len() - 1
            }
        };
        phase.units[unit].1.push(normalize(message));
    }
    for phase in &mut phases {
        phase.units.sort();
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;

    const SLIDE: &str = "P-1 M: 0\nP-2 M: 0\nP-1 M: 1\nP-2 M: 1\n\
                         M Thread-8: 0\nM Thread-9: 0\nM Thread-8: 1\nM Thread-9: 1\n";

    #[test]
    fn racy_lines_may_interleave_within_their_phase() {
        let swapped = "P-2 M: 0\nP-1 M: 0\nP-1 M: 1\nP-2 M: 1\n\
                       M Thread-2: 0\nM Thread-2: 1\nM Thread-1: 0\nM Thread-1: 1\n";
        assert!(same_up_to_interleaving(SLIDE, swapped));
        assert!(check("compare_conc", SLIDE, swapped).is_ok());
        // Other examples get no such leeway.
        assert!(check("generator_next", SLIDE, swapped).is_err());
    }

    #[test]
    fn interleaving_keeps_each_units_order_and_the_phases() {
        // A unit's own lines out of order.
        let reordered = "P-1 M: 1\nP-2 M: 0\nP-1 M: 0\nP-2 M: 1\n\
                         M Thread-8: 0\nM Thread-9: 0\nM Thread-8: 1\nM Thread-9: 1\n";
        assert!(!same_up_to_interleaving(SLIDE, reordered));
        // A thread's line before the processes are done.
        let mixed = "P-1 M: 0\nP-2 M: 0\nP-1 M: 1\nM Thread-8: 0\n\
                     P-2 M: 1\nM Thread-9: 0\nM Thread-8: 1\nM Thread-9: 1\n";
        assert!(!same_up_to_interleaving(SLIDE, mixed));
        // A line lost, or one too many.
        let lost = "P-1 M: 0\nP-2 M: 0\nP-1 M: 1\nP-2 M: 1\n\
                    M Thread-8: 0\nM Thread-9: 0\nM Thread-8: 1\n";
        assert!(!same_up_to_interleaving(SLIDE, lost));
        let extra = format!("{SLIDE}M Thread-9: 2\n");
        assert!(!same_up_to_interleaving(SLIDE, &extra));
    }
}
