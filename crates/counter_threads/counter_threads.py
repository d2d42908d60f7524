# File: counter_threads.py
# The counter of async_counter.py (5 units, each adding 1 to one shared counter 10000 times),
# run by threads: preemptive multitasking, where the system may switch threads anywhere. Then
# the same counter losing updates: on threads, and in coroutines that await between a read
# and a write.
import asyncio
import concurrent.futures
import os
import sys
import threading
import time

UNITS, N = 5, 10000


def run_threads(target):
    threads = [threading.Thread(target=target) for i in range(UNITS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def threads_with_atomic():
    # Python has no atomic integer, but some operations on built-in objects cannot be cut in two
    # by a thread switch; the Python FAQ ("What kinds of global value mutation are thread-safe?")
    # names list.append among them. So each increment is one append, and the total the length.
    increments = []

    def inc():
        for i in range(N):
            increments.append(1)

    run_threads(inc)
    return len(increments)


def threads_with_lock():
    counter = 0
    lock = threading.Lock()

    def inc():
        nonlocal counter
        for i in range(N):
            # `counter += 1` is three steps: read counter, add 1, write it back. Without the
            # lock, a thread may be switched out after reading; another thread then adds its
            # 1, and the first writes back its stale sum, losing that 1. Whether a run loses
            # any depends on where switches may fall: CPython 3.10 and later switch threads
            # only at some instructions (a loop's jump back, a call), none inside this
            # `counter += 1`, so there it happens to lose none; older versions and Python
            # without the GIL can lose some. The language promises nothing, so the lock stays.
            # A pause between the read and the write loses updates on any version: see
            # threads_read_pause_write. async_counter.py needs no lock: coroutines switch only
            # at an `await`, and there is none inside `counter += 1`.
            with lock:
                counter += 1

    run_threads(inc)
    return counter


def pool_with_lock():
    # The same work as tasks handed to a pool of worker threads, which run them as they free up.
    counter = 0
    lock = threading.Lock()

    def inc():
        nonlocal counter
        for i in range(N):
            with lock:
                counter += 1

    with concurrent.futures.ThreadPoolExecutor() as pool:
        tasks = [pool.submit(inc) for i in range(UNITS)]
        for task in tasks:
            task.result()  # waits for the task; raises what it raised
    return counter


def lost_or_not(total):
    return "updates lost" if total < UNITS * N else "no update lost"


def threads_read_pause_write():
    # `counter += 1` cut in two by a pause: read, pause, write back what was read plus one.
    # Whoever writes in another's pause has that update overwritten. How many are lost depends
    # on who the system lets run in each pause, so only whether any were lost is printed; and
    # so that some are lost in every run, each thread's first pause is a handshake: every
    # thread has read 0 before any writes 1. Later pauses only give the GIL up (sleep(0)).
    counter = 0
    everyone_has_read = threading.Barrier(UNITS)

    def inc():
        nonlocal counter
        for i in range(N):
            tmp = counter
            if i == 0:
                everyone_has_read.wait()
            else:
                time.sleep(0)
            counter = tmp + 1

    run_threads(inc)
    return counter


def coroutines_read_await_write():
    # The same in coroutines: the pause is an await, and the others run in it. They take
    # turns in order, so each round of five reads the same value: exactly one update in five
    # is kept, in every run. A coroutine needs no lock only while nothing awaits between its
    # read and its write.
    counter = 0

    async def inc():
        nonlocal counter
        for i in range(N):
            tmp = counter
            await asyncio.sleep(0)
            counter = tmp + 1

    async def main():
        await asyncio.gather(*[inc() for i in range(UNITS)])

    asyncio.run(main())
    return counter


if __name__ == "__main__":
    # The command line, read as the Rust program reads its own: --help, errors, exit codes.
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common", "python"))
    import twin_cli

    twin_cli.command_line(__file__)
    print(f"{UNITS} units x {N} increments")
    print("threads + atomic:", threads_with_atomic())
    print("threads + lock:", threads_with_lock())
    print("tasks on a thread pool + lock:", pool_with_lock())
    threads = threads_read_pause_write()
    print("threads, no lock, a pause between read and write:", lost_or_not(threads))
    coroutines = coroutines_read_await_write()
    print(
        "coroutines, no lock, an await between read and write:",
        coroutines,
        f"({lost_or_not(coroutines)})",
    )
