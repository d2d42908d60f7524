# The lecture's examples in Rust. Start here:
#   make run-all   run every example in slide order
#   make test      formatting, lints, every test, every example against its slide, the book
#   make book      the companion book: each lesson's code, a real run and its slide on one page
#   make exercises the exercises, done or not yet (exercises/README.md says how to work on them)
# Exit codes of the examples: 0 ok, 1 failed at run time, 2 bad command line.

CARGO ?= cargo

.PHONY: all build run-all test fmt-check clippy unit-test diff-slides readme-length book book-test \
	bench clean exercises exercises-prove

all: build

build:
	$(CARGO) build --workspace

run-all:
	scripts/run-all

# `make run-generator_next`, `make run-echo_server`, ...
run-%:
	scripts/run-all $*

test: fmt-check clippy unit-test diff-slides readme-length exercises-prove book-test

fmt-check:
	$(CARGO) fmt --all --check
	cd exercises && $(CARGO) fmt --all --check

# The exercises' solutions and checks too (their starters, full of todo!(), are left out).
EXERCISE_SOLUTIONS = $(patsubst %,-p %_solution,$(notdir $(wildcard exercises/solutions/*)))

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd exercises && $(CARGO) clippy --target-dir ../target/exercises/solution $(EXERCISE_SOLUTIONS) \
	  --all-targets -- -D warnings

unit-test:
	$(CARGO) test --workspace

diff-slides:
	scripts/diff-slides

# The README is a student's way in, read in five minutes: 150 lines at most.
README_MOST_LINES = 150

readme-length:
	@lines=$$(wc -l < README.md); if [ "$$lines" -gt $(README_MOST_LINES) ]; then \
	  echo "README.md has $$lines lines, more than $(README_MOST_LINES): the rest belongs in DEVELOPING.md or the book" >&2; \
	  exit 1; fi

# The exercises (exercises/README.md): `make exercises` lists them, done or not yet;
# `make exercise-NAME` checks one, `make exercise-run-NAME ARGS='...'` runs its program;
# SOLUTION=1 does the same on the reference solution. `make exercises-prove` runs every check
# on its starter (it must fail) and on its solution (it must pass).
EXERCISE_SIDE = $(if $(SOLUTION),--solution)

exercises:
	@scripts/exercises list

exercise-run-%:
	@scripts/exercises run $(EXERCISE_SIDE) $* $(ARGS)

exercise-%:
	@scripts/exercises check $(EXERCISE_SIDE) $*

exercises-prove:
	scripts/exercises prove

# The companion book in target/book (installs the pinned mdBook with cargo when it is missing).
book:
	scripts/book

# Opens every page of the book in headless Chromium; installs the browser first where it is
# missing (scripts/install-browser: apt-get as root or with `sudo -n`, else it says how).
book-test: book
	scripts/book-test

# `make bench`: echo_server beside event_loop's echo server, a thread-per-connection server and
# cecho, the C reference server, plus async_counter's task switches (book/performance.md). Not
# part of `make test`: it takes about two minutes and wants a quiet machine. The bench,
# crates/tools/echo_bench, is a program run in release mode; it starts the release builds of
# echo_server and event_loop found beside it, built first here. cecho is built from
# ../shared/bench/cecho.c when that file is there; without it the table has no ratios. More
# servers started by hand: `make bench BENCH_ARGS="--vs 127.0.0.1:7000"`.
CECHO_SRC ?= ../shared/bench/cecho.c

bench:
	$(CARGO) build --release -p echo_server -p event_loop
	@if [ -f "$(CECHO_SRC)" ] && command -v cc >/dev/null 2>&1; then \
	  mkdir -p target && cc -O2 -o target/cecho "$(CECHO_SRC)" && \
	  $(CARGO) run --release -p echo_bench -- --cecho "$(CURDIR)/target/cecho" $(BENCH_ARGS); \
	else \
	  echo "make bench: cecho skipped ($(CECHO_SRC) not found, or no cc): no ratios to cecho" >&2; \
	  $(CARGO) run --release -p echo_bench -- $(BENCH_ARGS); \
	fi

clean:
	$(CARGO) clean
