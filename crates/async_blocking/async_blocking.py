# File: async_blocking.py
# A heartbeat coroutine ticks every 0.1 s beside a worker that is busy for 0.5 s, each a task
# of its own (gather makes them so). When the worker blocks the event loop's thread with
# time.sleep, the heartbeat stops for as long; when it awaits asyncio.sleep, or hands
# time.sleep to a thread with run_in_executor, it keeps ticking. With a second thread that
# runs a loop of its own, the heartbeat keeps ticking there while the worker blocks the first;
# but if both run on the second, it stops again.
import asyncio, concurrent.futures, os, sys, threading, time

# --marks: when each tick and the worker ran, on stderr (crates/common/python/marks.py)
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common", "python"))
import marks

PERIOD, LAST_TICK, WORK = 0.1, 7, 0.5


def tenths(seconds):
    """Seconds to a tenth, rounded down: a tick is never early, so it shows its own tenth
    unless the machine delays it by 99.5 ms or more."""
    ms = round(seconds * 1000)
    return f"{ms // 1000}.{ms % 1000 // 100}"


async def heartbeat(first_tick):
    """Ticks every PERIOD from now, LAST_TICK + 1 times, and returns when each tick came
    (seconds from the start). A tick that comes late is taken at once, and the ticks it
    missed are skipped. `first_tick`, a thread-safe future, is set at the first tick."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    ticks, k = [], 0
    while True:
        now = loop.time()
        ticks.append(now - start)
        marks.point("heartbeat", "tick")
        if k == 0:
            first_tick.set_result(None)
        if k >= LAST_TICK:
            return ticks
        k = max(k + 1, int((now - start) / PERIOD) + 1)
        await asyncio.sleep(start + k * PERIOD - loop.time())


async def blocks_the_thread():
    since = marks.now()
    time.sleep(WORK)
    marks.span("worker", "blocks its thread", since)


async def awaits_a_sleep():
    since = marks.now()
    await asyncio.sleep(WORK)
    marks.span("worker", "awaits a sleep", since)


async def hands_it_to_a_thread():
    since = marks.now()
    await asyncio.get_running_loop().run_in_executor(None, time.sleep, WORK)
    marks.span("worker", "awaits the other thread", since)


async def apart(work):
    # gather wraps each coroutine in a task, and the heartbeat's runs first
    ticks, _ = await asyncio.gather(heartbeat(concurrent.futures.Future()), work())
    return ticks


class SecondThread:
    """A second thread that runs an event loop of its own, for coroutines handed to it."""

    def __enter__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever)
        self.thread.start()
        return self

    def run(self, coroutine):
        """Runs the coroutine on the second thread's loop; awaiting the result waits for it."""
        return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop))

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


async def heartbeat_there_worker_here(second, work):
    first_tick = concurrent.futures.Future()
    beating = second.run(heartbeat(first_tick))
    await asyncio.wrap_future(first_tick)  # the worker starts once the heartbeat has ticked
    await work()  # on this thread; the heartbeat's loop runs on the second
    return await beating


def report(label, ticks):
    came = [tenths(t) for t in ticks]
    print(label)
    print(f"  heartbeat ticks at {' '.join(came)}")
    due = [tenths(k * PERIOD) for k in range(LAST_TICK + 1)]
    missed = [t for t in due if t not in came]
    print(f"  heartbeat missed {' '.join(missed) or 'none'}")


BLOCKS_ONE = "one thread; the worker blocks it for 0.5 s:"
AWAITS = "one thread; the worker awaits a 0.5 s sleep:"
HANDS_OVER = "one thread; the worker hands a 0.5 s blocking sleep to another thread:"
BLOCKS_ONE_OF_TWO = "two threads; the worker blocks one, the heartbeat runs on the other:"
SAME_THREAD = "two threads; the heartbeat and the blocking worker on the same one:"


async def main():
    # one thread runs every task, the event loop's
    marks.section(BLOCKS_ONE)
    report(BLOCKS_ONE, await apart(blocks_the_thread))
    marks.section(AWAITS)
    report(AWAITS, await apart(awaits_a_sleep))
    marks.section(HANDS_OVER)
    report(HANDS_OVER, await apart(hands_it_to_a_thread))
    with SecondThread() as second:
        marks.section(BLOCKS_ONE_OF_TWO)
        report(BLOCKS_ONE_OF_TWO, await heartbeat_there_worker_here(second, blocks_the_thread))
        marks.section(SAME_THREAD)
        report(SAME_THREAD, await second.run(apart(blocks_the_thread)))


if __name__ == "__main__":
    # The command line, read as the Rust program reads its own: --help, errors, exit codes.
    marks.only_option(__file__)
    asyncio.run(main())
