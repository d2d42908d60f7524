"""Checks of event_loop.py's loop that its printed output does not show, run by
tests/python_twin.rs (or by hand: `python3 -m unittest discover crates/event_loop/tests/python`).
"""

import os
import signal
import socket
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# A check that hangs is a failure, not a hang: SIGALRM ends the process (exit by signal) after
# WATCHDOG seconds.
WATCHDOG = 60
signal.alarm(WATCHDOG)

import event_loop  # noqa: E402  (found through the path above)
from event_loop import join, run, sleep, spawn  # noqa: E402
from reactor import Reactor, accept, connect, recv, send_all  # noqa: E402


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


class Polls:
    """Records each resume, as `--trace` prints it: (task name, woken by)."""

    def __init__(self):
        self.seen = []

    def __call__(self, task, woken_by, ended):
        self.seen.append((task.name, woken_by))


class SelectCalls(Reactor):
    """The reactor, recording the timeout of each select."""

    timeouts = []

    def select(self, timeout):
        SelectCalls.timeouts.append(timeout)
        return super().select(timeout)


class Io(unittest.TestCase):
    def setUp(self):
        SelectCalls.timeouts = []
        self.real_reactor, event_loop.Reactor = event_loop.Reactor, SelectCalls

    def tearDown(self):
        event_loop.Reactor = self.real_reactor

    def socket_pair(self):
        """Two connected non-blocking sockets, closed at the end of the test."""
        ours, theirs = socket.socketpair()
        for sock in (ours, theirs):
            sock.setblocking(False)
            self.addCleanup(sock.close)
        return ours, theirs

    def test_a_read_that_would_block_wakes_when_data_arrives(self):
        ours, theirs = self.socket_pair()

        def writer():
            yield from sleep(0.01)
            theirs.send(b"hello")

        def main():
            spawn(writer())
            return (yield from recv(ours, 1024))

        polls = Polls()
        self.assertEqual(run(main(), on_poll=polls), b"hello")
        # main waited for the socket, and the socket woke it, not the timer.
        self.assertEqual(polls.seen[-1], ("main", "io"))
        # Nothing was ready until the timer: the loop blocked in select until the deadline, it
        # did not spin (a spinning loop would select again and again, with timeout 0).
        self.assertLessEqual(len(SelectCalls.timeouts), 4, SelectCalls.timeouts)

    def test_a_timer_racing_a_socket_each_wakes_its_own_task(self):
        ours, theirs = self.socket_pair()
        # The peer writes from another thread at about the deadline of the sleeping task: each
        # task is woken by what it waits for, whichever comes first.
        threading.Timer(0.01, lambda: theirs.send(b"x")).start()

        def sleeper():
            yield from sleep(0.01)
            return "slept"

        def reader():
            return (yield from recv(ours, 1))

        def main():
            timer, io = spawn(sleeper()), spawn(reader())
            return (yield from join(timer)), (yield from join(io))

        polls = Polls()
        self.assertEqual(run(main(), on_poll=polls), ("slept", b"x"))
        self.assertIn(("task-1", "timer"), polls.seen)
        self.assertIn(("task-2", "io"), polls.seen)

    def test_a_task_waiting_with_no_timer_blocks_until_the_socket_is_ready(self):
        ours, theirs = self.socket_pair()

        def main():
            return (yield from recv(ours, 1024))

        # The peer writes from another thread while the loop waits with no deadline at all.
        threading.Timer(0.05, lambda: theirs.send(b"late")).start()
        self.assertEqual(run(main()), b"late")
        self.assertEqual(SelectCalls.timeouts, [None])

    def test_a_peer_that_does_not_read_blocks_only_the_writer(self):
        ours, theirs = self.socket_pair()
        big = bytes(range(256)) * 4096  # 1 MiB, more than the socket buffers hold

        def reader():
            # Reads only once the writer has had to wait: until then, the writer is blocked.
            yield from sleep(0.05)
            got = bytearray()
            while len(got) < len(big):
                got += yield from recv(theirs, 65536)
            return bytes(got)

        def main():
            reading = spawn(reader())
            yield from send_all(ours, big)
            return (yield from join(reading))

        polls = Polls()
        self.assertEqual(run(main(), on_poll=polls), big)
        self.assertIn(("main", "io"), polls.seen)  # the writer waited for room at least once

    def test_a_refused_connection_is_raised_once_the_socket_is_writable(self):
        # A socket bound to a port but not listening on it: a connection to it is refused.
        closed = socket.socket()
        self.addCleanup(closed.close)
        closed.bind(("127.0.0.1", 0))
        sock = socket.socket()
        self.addCleanup(sock.close)
        sock.setblocking(False)

        def main():
            yield from connect(sock, closed.getsockname())

        polls = Polls()
        with self.assertRaises(ConnectionRefusedError):
            run(main(), on_poll=polls)
        # It waited for the socket's answer first, as the Rust program's connect does.
        self.assertEqual(polls.seen, [("main", "run")])
        self.assertEqual(len(SelectCalls.timeouts), 1)


class Budget(unittest.TestCase):
    """The budget (reactor.py): a task whose sockets are always ready still lets the others
    run."""

    BOUND = 10  # seconds a test streams at most before it fails: the loop's timers cannot stop it

    def socket_pair(self):
        """Two connected non-blocking sockets, closed at the end of the test."""
        ours, theirs = socket.socketpair()
        for sock in (ours, theirs):
            sock.setblocking(False)
            self.addCleanup(sock.close)
        return ours, theirs

    def stream_until(self, stop, near, far):
        """A stream that never waits: a task holding both ends of a socket pair sends a chunk on
        one and receives it on the other, again and again, until `stop` is not empty. Every
        operation is ready at once: without the budget, the task would never yield. Fails once
        it has streamed BOUND seconds (the loop's timers cannot stop it then)."""
        chunk, started, rounds = bytes(1024), time.monotonic(), 0
        while not stop:
            if time.monotonic() - started > self.BOUND:
                self.fail(f"a task streamed {self.BOUND} s in one resume: nothing else could run")
            yield from send_all(near, chunk)
            got = 0
            while got < len(chunk):
                got += len((yield from recv(far, len(chunk) - got)))
            rounds += 1
        return rounds

    def test_a_10_ms_timer_fires_while_a_task_streams(self):
        near, far = self.socket_pair()
        stop = []

        def stopper():
            yield from sleep(0.01)
            stop.append(True)  # the timer fired: the stream ends only now

        def main():
            streaming = spawn(self.stream_until(stop, near, far))
            spawn(stopper())
            return (yield from join(streaming))

        polls = Polls()
        self.assertGreater(run(main(), on_poll=polls), 0)
        # The streamer went to the back of the queue by itself, its budget spent.
        self.assertIn(("task-1", "itself"), polls.seen)

    def test_a_task_that_spent_its_budget_goes_behind_the_tasks_the_selector_woke(self):
        near, far = self.socket_pair()
        ours, theirs = self.socket_pair()
        stop = []

        def reader():
            yield from recv(ours, 1)
            stop.append(True)  # the stream stops once the reader has had its turn

        def streamer():
            theirs.send(b"!")  # the reader's socket becomes readable
            return (yield from self.stream_until(stop, near, far))

        def main():
            reading = spawn(reader())
            yield  # the reader waits for its socket now
            streaming = spawn(streamer())
            yield from join(reading)
            return (yield from join(streaming))

        polls = Polls()
        run(main(), on_poll=polls)
        # The streamer (task-2) spent its budget in its first resume; the selector had found the
        # reader's socket ready meanwhile: the reader goes first, then the streamer.
        first = polls.seen.index(("task-2", "spawn"))
        self.assertEqual(polls.seen[first + 1 : first + 3], [("task-1", "io"), ("task-2", "itself")])


class SeveralWaiters(unittest.TestCase):
    """Several tasks waiting for one socket and direction are all served."""

    def test_two_tasks_accepting_on_one_listener_each_get_a_connection(self):
        listener = socket.socket()
        self.addCleanup(listener.close)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        clients = []

        def acceptor():
            conn, _ = yield from accept(listener)
            conn.close()
            return "accepted"

        def main():
            first, second = spawn(acceptor()), spawn(acceptor())
            yield  # both wait for the listener now
            for _ in range(2):
                client = socket.create_connection(listener.getsockname())
                self.addCleanup(client.close)
                clients.append(client)
            return (yield from join(first)), (yield from join(second))

        self.assertEqual(run(main()), ("accepted", "accepted"))

    def test_two_tasks_reading_one_socket_each_get_bytes(self):
        ours, theirs = socket.socketpair()
        for sock in (ours, theirs):
            sock.setblocking(False)
            self.addCleanup(sock.close)

        def reader():
            return (yield from recv(ours, 1))

        def main():
            first, second = spawn(reader()), spawn(reader())
            yield  # both wait to read now
            theirs.send(b"ab")
            return sorted([(yield from join(first)), (yield from join(second))])

        self.assertEqual(run(main()), [b"a", b"b"])


if __name__ == "__main__":
    unittest.main()
