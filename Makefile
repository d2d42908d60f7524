# The lecture's examples in Rust. Start here:
#   make run-all   run every example in slide order
#   make test      formatting, lints, every test, and every example against its slide
# Exit codes of the examples: 0 ok, 1 failed at run time, 2 bad command line.

CARGO ?= cargo

.PHONY: all build run-all test fmt-check clippy unit-test diff-slides bench clean

all: build

build:
	$(CARGO) build --workspace

run-all:
	scripts/run-all

# `make run-generator_next`, `make run-echo_server`, ...
run-%:
	scripts/run-all $*

test: fmt-check clippy unit-test diff-slides

fmt-check:
	$(CARGO) fmt --all --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

unit-test:
	$(CARGO) test --workspace

diff-slides:
	scripts/diff-slides

clean:
	$(CARGO) clean
