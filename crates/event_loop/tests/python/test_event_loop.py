"""Checks of event_loop.py's loop that its printed output does not show, run by
tests/python_twin.rs (or by hand: `python3 -m unittest discover crates/event_loop/tests/python`).
"""

import os
import signal
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# A check that hangs is a failure, not a hang: SIGALRM ends the process (exit by signal) after
# WATCHDOG seconds.
WATCHDOG = 60
signal.alarm(WATCHDOG)

from event_loop import join, run, sleep, spawn  # noqa: E402  (found through the path above)


class Join(unittest.TestCase):
    def test_two_tasks_joining_the_same_task_both_wake(self):
        # `await task` from two tasks: asyncio wakes both once the task ends.
        woken = []

        def worker():
            yield from sleep(0.01)
            return 42

        def joiner(name, task):
            result = yield from join(task)
            woken.append((name, result))

        def main():
            task = spawn(worker())
            first = spawn(joiner("first", task))
            second = spawn(joiner("second", task))
            yield from join(first)
            yield from join(second)

        run(main())
        self.assertEqual(sorted(woken), [("first", 42), ("second", 42)])

    def test_joining_a_task_that_has_ended_returns_its_result(self):
        def main():
            task = spawn(iter(()))  # a generator that ends at once
            yield
            yield
            return (yield from join(task))

        self.assertIsNone(run(main()))


if __name__ == "__main__":
    unittest.main()
