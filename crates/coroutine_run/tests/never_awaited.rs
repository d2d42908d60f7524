//! Rust's side of "coroutine ... was never awaited": `compile_warn/never_awaited.rs` makes a
//! future and leaves it unused. It is compiled with rustc (the one named by the environment
//! variable `RUSTC`, or `rustc` on the PATH), offline, and must compile, with the warning that
//! futures do nothing unless awaited: Rust says so before the program ever runs.

use std::path::{Path, PathBuf};

#[test]
fn a_future_left_unused_draws_a_warning_when_compiling() {
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
    ] {
        assert!(
            messages.contains(expected),
            "no {expected:?} in rustc's messages:\n{messages}"
        );
    }
}
