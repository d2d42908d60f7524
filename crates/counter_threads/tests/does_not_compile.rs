//! The programs in `compile_fail/` share a counter between threads without an atomic or a lock,
//! and the compiler refuses them: each is compiled with rustc (the one named by the environment
//! variable `RUSTC`, or `rustc` on the PATH), offline, and must fail with its error.

use std::path::{Path, PathBuf};

/// Compiles `compile_fail/NAME.rs` as a program, only as far as the checks (no code, no link),
/// and returns whether it compiled and rustc's messages.
fn compile(name: &str) -> (bool, String) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("compile_fail")
        .join(format!("{name}.rs"));
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("compile_fail_{name}"));
    testkit::compile::check_program(&source, &out_dir)
}

fn assert_refused(name: &str, error: &str) {
    let (compiled, messages) = compile(name);
    assert!(!compiled, "{name}.rs compiled, but must not:\n{messages}");
    assert!(
        messages.contains(error),
        "{name}.rs failed, but not with {error:?}:\n{messages}"
    );
}

#[test]
fn a_plain_counter_cannot_be_shared_by_threads() {
    assert_refused(
        "plain_counter",
        "error[E0499]: cannot borrow `counter` as mutable more than once at a time",
    );
}

#[test]
fn async_counters_cell_cannot_be_shared_by_threads() {
    assert_refused(
        "cell_counter",
        "error[E0277]: `Cell<i32>` cannot be shared between threads safely",
    );
}
