"""The command line of a lesson's Python twin, read as its Rust program reads its own
(crates/common/src/cli): the same --help, the same one-line errors, the same exit codes.

A twin, crates/NAME/NAME.py, starts with:

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common", "python"))
    import twin_cli

    flags = twin_cli.command_line(__file__)                 # takes no arguments
    flags = twin_cli.command_line(__file__, {"--cancel": "what it does"})  # takes flags

- -h or --help anywhere: the help, exit 0. Its first paragraph is the Rust program's, the
  description in crates/NAME/Cargo.toml;
- anything else it does not take: one line on stderr, `NAME.py: MESSAGE (usage: ...)`, in the
  Rust program's words, and exit 2.
"""

import json
import os
import re
import sys

EXIT_USAGE = 2


def description(cargo_toml):
    """The `description = "..."` of a Cargo.toml: what the lesson shows."""
    with open(cargo_toml, encoding="utf-8") as file:
        for line in file:
            found = re.match(r'description\s*=\s*(".*")\s*$', line)
            if found:
                return json.loads(found.group(1))  # a TOML basic string, as JSON reads it
    raise ValueError(f"no description in {cargo_toml}")


class Cli:
    """One twin's command line: its name, the flags it takes, and its help."""

    def __init__(self, script, flags):
        self.name = os.path.basename(script)
        self.crate = os.path.basename(os.path.dirname(os.path.abspath(script)))
        self.cargo_toml = os.path.join(os.path.dirname(os.path.abspath(script)), "Cargo.toml")
        self.flags = flags
        self.usage = " ".join(f"[{flag}]" for flag in flags)

    def usage_line(self):
        return f"usage: {self.name} {self.usage}".rstrip()

    def help(self):
        options = "".join(f"  {flag:<16} {text}\n" for flag, text in self.flags.items())
        options = f"\n\nOptions:\n{options.rstrip()}" if options else ""
        run = f"python3 crates/{self.crate}/{self.name} {self.usage}".rstrip()
        return (
            f"{description(self.cargo_toml)}\n\n{self.usage_line()}{options}\n\n"
            f"Run it with:\n    {run}\n\n"
            "Exit codes: 0 success, 1 failure at run time, 2 bad command line.\n"
        )

    def fail(self, message):
        """A bad command line: one line on stderr, and exit 2."""
        print(f"{self.name}: {message} ({self.usage_line()})", file=sys.stderr)
        sys.exit(EXIT_USAGE)

    def walk(self, args):
        """The flags given, as the Rust walker takes them: options anywhere, `--` ends them.
        An unknown option is named as the walker meets it; then the first argument that is
        not an option, since the twin takes none."""
        given, positional = set(), []
        for index, arg in enumerate(args):
            if arg == "--":
                positional += args[index + 1 :]
                break
            if not arg.startswith("-") or arg == "-":
                positional.append(arg)
                continue
            name, equals, _ = arg.partition("=")
            if name not in self.flags:
                self.fail(f"unknown option '{arg}'")
            if equals:
                self.fail(f"{name} takes no value, got '{arg}'")
            given.add(name)
        if positional:
            self.fail(f"unexpected argument '{positional[0]}'")
        return given


def printable(arg):
    """A command-line argument as far as it prints: Python keeps the bytes that are not UTF-8
    as surrogates, shown here as the Rust program shows them, U+FFFD."""
    return os.fsencode(arg).decode("utf-8", "replace")


def command_line(script, flags=None):
    """Reads sys.argv for the twin `script` (its __file__), which takes `flags` ({flag: its
    line in --help}) and no other argument. Returns the set of flags given; prints the help
    or an error and exits when the command line asks for it."""
    cli = Cli(script, flags or {})
    args = sys.argv[1:]
    for arg in args:
        if printable(arg) != arg:
            cli.fail(f"argument '{printable(arg)}' is not UTF-8")
    if "-h" in args or "--help" in args:
        sys.stdout.write(cli.help())
        sys.exit(0)
    if not cli.flags and args:
        cli.fail(f"unexpected argument '{args[0]}'")  # as `no_args`: every argument is extra
    return cli.walk(args)
