//! The programs in `compile_fail/` share a counter between threads without an atomic or a lock,
//! and the compiler refuses them: each is compiled with rustc (the one named by the environment
//! variable `RUSTC`, or `rustc` on the PATH), offline, and must fail with its error.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Compiles `compile_fail/NAME.rs` as a program, only as far as the checks (no code, no link),
/// and returns whether it compiled and rustc's messages.
fn compile(name: &str) -> (bool, String) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("compile_fail")
        .join(format!("{name}.rs"));
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("compile_fail_{name}"));
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(&rustc)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
        ])
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(&source)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {}: {e}; set RUSTC to the compiler",
                rustc.display()
            )
        });
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
