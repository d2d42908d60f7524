"""--marks: when things happen in a run, on stderr, for the book's pictures. The same lines as
the Rust programs' `common::marks` (crates/common/src/marks.rs); stdout is left as it is.

    marks: section 1733480000123456 one thread; the worker blocks it for 0.5 s:
    marks: point 1733480000123500 heartbeat | tick
    marks: span 1733480000123600 1733480000623700 worker | blocks its thread

- section(title): a new case of the run; the marks after it belong to it;
- point(lane, what): something that happened now, in `lane` (who did it);
- span(lane, what, since): something that went on in `lane` from `since` (a now()) until now.

Times are microseconds of the wall clock. Nothing is printed unless the command line has
--marks: a twin that takes no other option reads it with `marks.only_option(__file__)`.
"""

import sys
import time

import twin_cli

# The option, with its line in --help: the Rust program's `common::marks::MARKS`.
MARKS = {"--marks": "also print, on stderr, when each step happens (for the book's pictures)"}

enabled = False


def only_option(script):
    """Reads the command line of the twin `script` (its __file__), which takes --marks and
    nothing else, as twin_cli does; turns the marks on when asked."""
    global enabled
    enabled = "--marks" in twin_cli.command_line(script, MARKS)


def now():
    """A moment: microseconds of the wall clock."""
    return time.time_ns() // 1000


def section(title):
    if enabled:
        say(f"section {now()} {one_line(title)}")


def point(lane, what):
    if enabled:
        say(f"point {now()} {one_line(lane)} | {one_line(what)}")


def span(lane, what, since):
    if enabled:
        say(f"span {since} {now()} {one_line(lane)} | {one_line(what)}")


def say(line):
    """One line on stderr, in one write, flushed at once: a heartbeat on another thread
    writes marks too, and a line written in pieces could be split by another's."""
    sys.stderr.write(f"marks: {line}\n")
    sys.stderr.flush()


def one_line(text):
    """`text` on one line, with no `|` to split it wrongly."""
    return text.replace("\n", " ").replace("|", " ")
