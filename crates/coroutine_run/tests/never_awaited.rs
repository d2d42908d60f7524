//! Rust's side of "coroutine ... was never awaited": `compile_warn/never_awaited.rs` makes four
//! futures and awaits none. It is compiled with rustc (the one named by the environment
//! variable `RUSTC`, or `rustc` on the PATH), offline, and must compile with exactly one
//! warning, on the future discarded as a statement: the three others compile silently.

use std::path::{Path, PathBuf};

/// The line of `source` (counted from 1) that contains `text`.
fn line_of(source: &str, text: &str) -> usize {
    let index = source.lines().position(|line| line.contains(text));
    1 + index.unwrap_or_else(|| panic!("no {text:?} in never_awaited.rs"))
}

#[test]
fn only_a_future_discarded_as_a_statement_draws_a_warning() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("compile_warn/never_awaited.rs");
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compile_warn_never_awaited");
    let (compiled, messages) = testkit::compile::check_program(&source, &out_dir);
    assert!(
        compiled,
        "never_awaited.rs must compile (a warning, not an error):\n{messages}"
    );
    for expected in [
        "warning: unused implementer of `Future` that must be used",
        "futures do nothing unless you `.await` or poll them",
        "warning: 1 warning emitted",
    ] {
        assert!(
            messages.contains(expected),
            "no {expected:?} in rustc's messages:\n{messages}"
        );
    }
    // The one warning points at `nap("c");`, not at the silent lines after it.
    let text = std::fs::read_to_string(&source).unwrap();
    let warned = format!("never_awaited.rs:{}:", line_of(&text, r#"    nap("c");"#));
    assert!(
        messages.contains(&warned),
        "the warning is not on the line of `nap(\"c\");` ({warned}):\n{messages}"
    );
    for silent in [
        r#"let _co = nap("d")"#,
        r#"let _ = nap("e")"#,
        r#"vec![nap("f")]"#,
    ] {
        let line = format!("never_awaited.rs:{}:", line_of(&text, silent));
        assert!(
            !messages.contains(&line),
            "rustc now warns of `{silent}`: the lesson says it is silent:\n{messages}"
        );
    }
}
