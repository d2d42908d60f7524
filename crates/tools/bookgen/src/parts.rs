//! The lecture's four parts, and which lessons belong to each. Lecture order itself comes from
//! `slides::EXAMPLES`; this table only says where each lesson stands in the book.

/// One part of the lecture: the page that introduces it (hand-written, in `book/src/`) and its
/// title, as the lecture's table of contents names it.
pub struct Part {
    pub number: usize,
    pub page: &'static str,
    pub title: &'static str,
}

pub const PARTS: [Part; 4] = [
    Part {
        number: 1,
        page: "part-1.md",
        title: "Asynchronous programming and coroutines",
    },
    Part {
        number: 2,
        page: "part-2.md",
        title: "Python generators",
    },
    Part {
        number: 3,
        page: "part-3.md",
        title: "Python asyncio basics",
    },
    Part {
        number: 4,
        page: "part-4.md",
        title: "Python asyncio networking",
    },
];

/// The part (1 to 4) lesson `name` belongs to, or `None` for a lesson this table does not know.
pub fn part_of(name: &str) -> Option<usize> {
    match name {
        "async_styles" | "compare_conc" | "counter_threads" => Some(1),
        n if n.starts_with("generator_") => Some(2),
        "event_loop" | "coroutine_run" | "awaitables" | "async_hello" | "async_counter"
        | "async_blocking" | "async_executor" => Some(3),
        "async_with_for" | "http_client" | "echo_server" | "echo_client" => Some(4),
        _ => None,
    }
}

/// The lessons of each part, in the order of `lessons` (lecture order); an error naming every
/// lesson that has no part, so that a new lesson cannot be left out of the book unseen.
pub fn group<'a>(lessons: &[&'a str]) -> Result<[Vec<&'a str>; 4], String> {
    let mut parts: [Vec<&str>; 4] = Default::default();
    let mut unknown = Vec::new();
    for &name in lessons {
        match part_of(name) {
            Some(part) => parts[part - 1].push(name),
            None => unknown.push(name),
        }
    }
    if unknown.is_empty() {
        Ok(parts)
    } else {
        Err(format!(
            "no part of the lecture for {}: add each to part_of in {}",
            unknown.join(", "),
            file!()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_of_the_lecture_has_its_part() {
        let parts = group(slides::EXAMPLES).unwrap();
        assert_eq!(
            parts.iter().map(Vec::len).sum::<usize>(),
            slides::EXAMPLES.len()
        );
        assert!(parts[1].iter().all(|n| n.starts_with("generator_")));
        assert!(parts[3].contains(&"echo_client"));
    }

    #[test]
    fn lessons_keep_lecture_order_within_their_part() {
        let parts = group(&["echo_server", "async_hello", "echo_client", "event_loop"]).unwrap();
        assert_eq!(parts[2], ["async_hello", "event_loop"]);
        assert_eq!(parts[3], ["echo_server", "echo_client"]);
    }

    #[test]
    fn an_unknown_lesson_fails_with_its_name() {
        let err = group(&["async_hello", "mystery", "enigma"]).unwrap_err();
        assert!(err.contains("mystery, enigma"), "{err}");
        assert!(err.contains("part_of"), "{err}");
    }
}
