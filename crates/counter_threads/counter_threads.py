# File: counter_threads.py
# The counter of async_counter.py (5 units, each adding 1 to one shared counter 10000 times),
# run by threads: preemptive multitasking, where the system may switch threads anywhere.
import concurrent.futures
import threading

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
            # without the GIL can lose some. The language promises nothing, so the lock stays,
            # and no unlocked total is printed here: it could be 50000 or less.
            # async_counter.py needs no lock: coroutines switch only at an `await`, and there
            # is none inside `counter += 1`.
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


if __name__ == "__main__":
    print(f"{UNITS} units x {N} increments")
    print("threads + atomic:", threads_with_atomic())
    print("threads + lock:", threads_with_lock())
    print("tasks on a thread pool + lock:", pool_with_lock())
