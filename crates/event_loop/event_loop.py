"""event_loop.py: the loop behind asyncio.run, written out, with generators as its tasks.

A generator is a "simplified coroutine": a function that pauses at each `yield` and goes on
when its caller resumes it with next(). Make the caller a loop that resumes many generators in
turn, and they run concurrently on one thread: cooperative multitasking. Each `yield` gives up
the CPU and tells the loop what the task waits for:

    yield            nothing: put me at the back of the queue     (await asyncio.sleep(0))
    yield deadline   a time.monotonic() deadline: wake me then    (await asyncio.sleep(s))
    yield task       another task: wake me when it ends           (await task)
    yield IoWait(..) a socket and a direction: wake me when ready (await reader.read(), ...)

That is how asyncio's Task works: a coroutine yields the future it waits for, and the Task
resumes it when that future is done. The Rust program differs: a future returns Pending and hands
a waker to whatever will complete it, and the loop polls the task again when the waker is called.

The sockets are the reactor's (reactor.py, on the selectors module): when no task is ready, the
loop blocks in select until the next deadline or until a socket is ready.

The loop runs the slides' hello() and counter on it, and prints what they print; and it serves
the slides' echo protocol (event_loop_echo.py).

    python3 event_loop.py            # hello, world a second later, then 50000
    python3 event_loop.py --trace    # one line per resume of a small counter
    python3 event_loop.py --trace-io # ... of one echo exchange (event_loop_echo.py)
    python3 event_loop.py echo-server [HOST [PORT]]   # as echo_server.py; Ctrl-C stops it

A resume here is what Rust calls a poll, and the trace says `poll`, as the Rust twin's does.
"""

import heapq
import os
import sys
import time
from collections import deque

from reactor import SPENT, IoWait, Reactor, refill


class Task:
    """A generator the loop resumes, with its name and, once it ends, its result."""

    def __init__(self, generator, name):
        self.generator, self.name = generator, name
        self.done, self.result = False, None
        self.waiters = []  # the tasks that wait for this one to end, each woken when it does


class EventLoop:
    """Each turn, in the order of asyncio's `_run_once`: wake the tasks whose socket is ready
    (if none is ready, block until a socket or the next deadline is); then those whose
    deadline has passed (and, ours, last, those that spent their budget); then resume once each
    task that was ready at the start of this step, in the order it was woken. A task that
    yields waits for the next turn: round-robin."""

    def __init__(self, on_poll):
        self.ready = deque()  # (task, who woke it), in the order woken
        self.queued = set()  # the tasks woken and not yet resumed
        self.timers = []  # a heap of (deadline, number, task): the earliest first
        self.timers_set = 0
        self.tasks_spawned = 0
        self.reactor = Reactor()  # the sockets tasks wait for
        self.spent = []  # the tasks that spent their budget (reactor.py), woken last
        self.on_poll = on_poll

    def wake(self, task, woken_by):
        if task not in self.queued:
            self.queued.add(task)
            self.ready.append((task, woken_by))

    def spawn(self, generator):
        self.tasks_spawned += 1
        task = Task(generator, f"task-{self.tasks_spawned}")
        self.wake(task, "spawn")
        return task

    def timeout(self):
        """How long the selector may block: not at all if a task is ready, else until the next
        deadline (None: no deadline)."""
        if self.ready or self.spent:
            return 0
        if self.timers:
            return max(0, self.timers[0][0] - time.monotonic())
        return None

    def wait_for_ready(self):
        """Returns the tasks to resume in this turn, once there are some."""
        while True:
            if self.reactor.waiting():
                # Tasks ready: only look at the sockets, so that a busy task does not keep the
                # others from theirs. Else block until a socket or the next deadline is ready.
                for task in self.reactor.select(self.timeout()):
                    self.wake(task, "io")
            elif not self.ready and not self.spent:
                if not self.timers:
                    raise RuntimeError("no task can go on: each waits for another")
                time.sleep(self.timeout())  # no busy waiting
            now = time.monotonic()
            while self.timers and self.timers[0][0] <= now:
                _, _, task = heapq.heappop(self.timers)
                self.wake(task, "timer")
            # Last, the tasks that spent their budget: behind those just woken.
            for task in self.spent:
                self.wake(task, "itself")
            self.spent.clear()
            if self.ready:
                turn, self.ready = self.ready, deque()
                return turn

    def resume(self, task):
        """Runs `task` to its next yield, and does what it asks; True if it has ended."""
        refill()  # a full budget of operations for this resume (reactor.py)
        try:
            waits_for = next(task.generator)
        except StopIteration as end:
            task.done, task.result = True, end.value
            for waiter in task.waiters:
                self.wake(waiter, task.name)
            task.waiters.clear()
            return True
        if waits_for is None:
            self.wake(task, "itself")
        elif waits_for is SPENT:
            self.spent.append(task)
        elif isinstance(waits_for, Task):
            # Several tasks may await the same task: each is woken when it ends.
            if task not in waits_for.waiters:
                waits_for.waiters.append(task)
        elif isinstance(waits_for, IoWait):
            self.reactor.wait(waits_for.fileobj, waits_for.event, task)
        else:
            heapq.heappush(self.timers, (waits_for, self.timers_set, task))
            self.timers_set += 1
        return False

    def run(self, main):
        main_task = Task(main, "main")
        self.wake(main_task, "run")
        while True:
            for task, woken_by in self.wait_for_ready():
                self.queued.discard(task)
                ended = self.resume(task)
                self.on_poll(task, woken_by, ended)
                if task is main_task and ended:
                    return task.result


running_loop = None


def run(main, on_poll=lambda task, woken_by, ended: None):
    """asyncio.run(main): runs the generator `main`, and every task it spawns, until `main`
    ends; returns its result."""
    global running_loop
    if running_loop is not None:
        raise RuntimeError("run() cannot be called from a running event loop")
    running_loop = EventLoop(on_poll)
    try:
        return running_loop.run(main)
    finally:
        running_loop.reactor.close()
        running_loop = None


def spawn(generator):
    """asyncio.create_task(co): the generator becomes a task of its own."""
    if running_loop is None:
        raise RuntimeError("spawn() needs a running event loop: call it inside run()")
    return running_loop.spawn(generator)


def sleep(seconds):
    """`yield from sleep(s)`: await asyncio.sleep(s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        yield deadline


def join(task):
    """`result = yield from join(task)`: await task."""
    while not task.done:
        yield task
    return task.result


def gather(*generators):
    """`yield from gather(...)`: asyncio.gather, a task for each, awaited in turn."""
    tasks = [spawn(generator) for generator in generators]
    results = []
    for task in tasks:
        results.append((yield from join(task)))
    return results


# The slides' programs, with `await x` written `yield from x`.


def hello():
    print("hello")
    yield from sleep(1)
    print("world")


COROUTINES, N = 5, 10000
counter = 0


def inc(steps=N):
    global counter
    for i in range(steps):
        counter += 1
        yield  # await asyncio.sleep(0): give up the CPU


def main():
    coroutines = [inc() for i in range(COROUTINES)]
    yield from gather(*coroutines)
    print(counter)


TRACED_TASKS, TRACED_STEPS = 2, 3


def traced_main():
    global counter
    counter = 0
    yield from gather(*[inc(TRACED_STEPS) for i in range(TRACED_TASKS)])
    print(counter)


def print_poll(task, woken_by, ended):
    result = "Ready" if ended else "Pending"
    print(f"poll {task.name:<6}  woken by {woken_by:<6}  {result}")


USAGE = "usage: event_loop.py [--trace | --trace-io] | echo-server [HOST [PORT]]"

HELP = f"""The loop behind asyncio.run, written in Python with generators as its tasks, and a reactor \
on selectors that wakes the task whose socket is ready; it runs the slides' hello() and counter, \
--trace shows each poll of a small counter, round-robin, --trace-io those of one echo exchange, \
and echo-server serves the slides' echo protocol on it: the Rust program event_loop's twin, \
without its echo-client.

{USAGE}

Options:
  --trace          one line per poll of a small counter
  --trace-io       one line per poll of one echo exchange over 127.0.0.1

Run it with:
    python3 crates/event_loop/event_loop.py [--trace | --trace-io] | echo-server [HOST [PORT]]

Exit codes: 0 success, 1 failure at run time, 2 bad command line."""


def usage_error(message):
    """A bad command line: one line on stderr, as the Rust program words it, and exit 2."""
    print(f"event_loop.py: {message} ({USAGE})", file=sys.stderr)
    sys.exit(2)


def is_utf8(arg):
    """Whether a command-line argument was valid UTF-8 (Python keeps the bytes of one that
    was not as surrogates, which do not encode)."""
    try:
        arg.encode()
        return True
    except UnicodeEncodeError:
        return False


if __name__ == "__main__":
    # This file is both the program and the module event_loop that event_loop_echo.py imports:
    # one module, so one running loop, not a second copy of this file.
    sys.modules["event_loop"] = sys.modules[__name__]
    args = sys.argv[1:]
    for arg in args:
        if not is_utf8(arg):
            shown = os.fsencode(arg).decode("utf-8", "replace")
            usage_error(f"argument '{shown}' is not UTF-8")
    if "--help" in args or "-h" in args:
        print(HELP)
    elif args[:1] == ["echo-server"]:
        import event_loop_echo

        sys.exit(event_loop_echo.main(args[1:]))
    elif not args:
        run(hello())
        run(main())
    elif args == ["--trace"]:
        run(traced_main(), on_poll=print_poll)
    elif args == ["--trace-io"]:
        import event_loop_echo

        sys.exit(event_loop_echo.trace_io_main(print_poll))
    elif args[0] in ("--trace", "--trace-io"):
        usage_error(f"unexpected argument '{args[1]}'")  # what follows the flag
    else:
        usage_error(f"unexpected argument '{args[0]}'")
