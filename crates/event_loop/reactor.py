"""reactor.py: event_loop.py's I/O, on the selectors module, as asyncio's SelectorEventLoop is.

A task waits for a socket the way it waits for a deadline: it yields what it waits for,

    yield IoWait(sock, EVENT_READ)    wake me when `sock` can be read     (await reader.read())
    yield IoWait(sock, EVENT_WRITE)   wake me when `sock` can be written  (await writer.drain())

and the loop hands that wish to the Reactor below. When no task is ready, the loop blocks in
`select`, the system call that waits for any of many sockets (epoll on Linux), until the next
timer deadline or until a socket is ready; the reactor then says which tasks can go on. The
lecture says the loop is the caller of every task; that the selector tells it which one can go
on is ours, as asyncio does it. This is the design of the chapter "A Web Crawler With asyncio Coroutines" (Davis and van Rossum, 500 Lines or
Less), with generators that yield what they wait for where the chapter has futures.

Readiness is level-triggered (selectors' default): a socket with unread bytes stays readable,
so a task may read part of them and wait again without missing a wakeup. A wait is one-shot:
the direction is unregistered once it wakes its task, and the task registers again if its next
read or write would block (BlockingIOError).

The socket operations below try the system call first, and wait only when it would block:
`accept`, `connect`, `recv` and `send_all` are what asyncio's `sock_accept`, `sock_connect`,
`sock_recv` and `sock_sendall` are, with `yield from` for `await`.

Several tasks may wait for one socket and direction (two tasks accepting on one listener): the
selector's event wakes them all, and those that find nothing left wait again.

The budget (ours, as the Rust program's src/budget.rs, after tokio's): a task pauses only where
it yields, and an operation yields only when it would block. A task echoing a client who keeps
sending never hears BlockingIOError: it loops recv, send, recv inside one resume, and the loop
is stuck there: no timer fires, no other client is served, Ctrl-C waits. Measured without the
budget, while one client streamed: another client's 1 KiB pings waited up to 4.7 s, a new
client 5 s; with the streaming client on the server's CPU, no ping was answered in 10 s (and
tests/fairness.rs fails). With it: pings answered in 1 ms (median), 10 to 26 ms at worst (99th
percentile). So each resume of a task starts with BUDGET operations;
each operation that completes spends one, and once none is left, the next one first yields
(`yield SPENT`): the loop wakes the task only after the tasks that the selector and the timers
wake next, so every other task gets its turn first. asyncio needs
none: its transports read in the loop's own callbacks, one readiness event at a time.
"""

import errno
import os
import selectors
import socket
from selectors import EVENT_READ, EVENT_WRITE

# How many operations one resume of a task may complete: 128, as the Rust program's.
BUDGET = 128
budget_left = BUDGET


def refill():
    """Gives the task about to be resumed a full budget (the loop calls it)."""
    global budget_left
    budget_left = BUDGET


class Spent:
    """What a task yields when its budget is spent: the loop wakes it after the tasks that the
    selector and the timers wake next, as tokio does."""


SPENT = Spent()


def budget():
    """`yield from budget()` before an operation: once the budget is spent, yields first."""
    if budget_left == 0:
        yield SPENT  # to the back of the run queue; the loop refills the budget on resuming


def spend():
    """Counts one operation that completed."""
    global budget_left
    budget_left -= 1


class IoWait:
    """What a task yields to wait until `fileobj` is ready for `event` (EVENT_READ or
    EVENT_WRITE)."""

    __slots__ = ("fileobj", "event")

    def __init__(self, fileobj, event):
        self.fileobj, self.event = fileobj, event


class Reactor:
    """The sockets tasks wait for, in a selector; each registered socket carries, as its data,
    a dict {EVENT_READ or EVENT_WRITE: the tasks waiting for that direction, in order}."""

    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.waits = 0  # tasks waiting, over all sockets and directions

    def waiting(self):
        """True if some task waits for a socket."""
        return self.waits > 0

    def wait(self, fileobj, event, task):
        """`task` waits until `fileobj` is ready for `event`, beside any other task waiting for
        the same."""
        try:
            key = self.selector.get_key(fileobj)
        except KeyError:
            self.selector.register(fileobj, event, {event: [task]})
        else:
            key.data.setdefault(event, []).append(task)
            self.selector.modify(fileobj, key.events | event, key.data)
        self.waits += 1

    def select(self, timeout):
        """Blocks until a socket is ready or `timeout` seconds have passed (None: no limit, 0:
        just look), and returns the tasks that can go on, unregistering what woke them."""
        woken = []
        for key, events in self.selector.select(timeout):
            waiters = key.data
            for event in (EVENT_READ, EVENT_WRITE):
                # An error or a hang-up on the socket reports both directions ready: whichever
                # tasks wait are woken, and their next read or write meets the error.
                if events & event and event in waiters:
                    tasks = waiters.pop(event)
                    woken.extend(tasks)
                    self.waits -= len(tasks)
            if waiters:
                # The directions still waited for: EVENT_READ, EVENT_WRITE or both (1 | 2).
                self.selector.modify(key.fileobj, sum(waiters), waiters)
            else:
                self.selector.unregister(key.fileobj)
        return woken

    def close(self):
        """Forgets every wait: the loop ends, and the tasks still waiting are dropped with it."""
        self.selector.close()
        self.waits = 0


def readable(sock):
    """`yield from readable(sock)`: waits until `sock` can be read (or accepted from)."""
    yield IoWait(sock, EVENT_READ)


def writable(sock):
    """`yield from writable(sock)`: waits until `sock` can take more bytes."""
    yield IoWait(sock, EVENT_WRITE)


def accept(listener):
    """`conn, addr = yield from accept(listener)`: the next connection, as non-blocking socket
    and the peer's address. Errors other than "would block" (out of file descriptors, say) are
    raised to the caller."""
    while True:
        yield from budget()
        try:
            conn, addr = listener.accept()
        except BlockingIOError:
            yield from readable(listener)
            continue
        spend()
        conn.setblocking(False)
        return conn, addr


def connect(sock, address):
    """`yield from connect(sock, address)`: connects the non-blocking `sock`. It starts the
    connection, then waits until `sock` is writable, which is when the system has an answer
    (accepted, refused, unreachable), raised as OSError if it is not accepted. As asyncio's
    `sock_connect` and the Rust program's `TcpStream::connect`, it waits for that first
    writable event before looking, even when the system has already connected: the order of
    wakeups does not depend on how fast the system connected."""
    error = sock.connect_ex(address)
    if error not in (0, errno.EINPROGRESS):
        raise OSError(error, os.strerror(error))
    while True:
        yield from writable(sock)
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise OSError(error, os.strerror(error))  # refused, unreachable...
        try:
            sock.getpeername()
            return
        except OSError as e:
            if e.errno != errno.ENOTCONN:
                raise
            # Not connected yet: wait for the next writable event.


def recv(sock, size):
    """`data = yield from recv(sock, size)`: at most `size` bytes, b"" at end of stream."""
    while True:
        yield from budget()
        try:
            data = sock.recv(size)
        except BlockingIOError:
            yield from readable(sock)
            continue
        spend()
        return data


def send_all(sock, data):
    """`yield from send_all(sock, data)`: returns once the kernel has taken every byte. A peer
    that does not read stops this task here, and the task reads nothing more meanwhile: the
    bytes held for it stay bounded by what one read returned."""
    view = memoryview(data)
    while view:
        yield from budget()
        try:
            sent = sock.send(view)
        except BlockingIOError:
            yield from writable(sock)
            continue
        spend()
        view = view[sent:]
