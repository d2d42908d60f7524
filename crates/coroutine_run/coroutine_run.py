# File: coroutine_run.py
# Calling a coroutine function runs none of its body; here are the ways to run it, and how
# long each takes for coroutines that sleep 0.1 s.
import asyncio, os, sys, time

# --marks: when each nap and sleep ran, on stderr (crates/common/python/marks.py)
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common", "python"))
import marks

NAP = 0.1


async def nap(name):
    print(f"  {name} starts")
    since = marks.now()
    await asyncio.sleep(NAP)
    marks.span(f'nap("{name}")', "naps 0.1 s", since)


def tenths(seconds):
    """The elapsed time to a tenth of a second, rounded down: a sleep never ends early, so
    a run that asks for 0.2 s of sleeps prints 0.2 whether the machine adds 1 ms or 90."""
    ms = round(seconds * 1000)
    return f"{ms // 1000}.{ms % 1000 // 100}"


async def timed(label, coroutine):
    print(label)
    marks.section(label)
    start = time.perf_counter()
    await coroutine
    print(f"  took {tenths(time.perf_counter() - start)}s")


async def main_sleeps():
    print("  main sleeps")
    since = marks.now()
    await asyncio.sleep(NAP)
    marks.span("main", "sleeps 0.1 s", since)
    print("  main awaits")


async def in_turn():
    await nap("a")
    await nap("b")


async def together():
    await asyncio.gather(nap("a"), nap("b"))


async def bare_coroutine():
    co = nap("b")
    await main_sleeps()
    await co


async def task():
    task = asyncio.create_task(nap("b"))
    await main_sleeps()
    await task


async def gathered():
    # gather wraps each coroutine in a task at once: both run while main sleeps.
    gather = asyncio.gather(nap("a"), nap("b"))
    await main_sleeps()
    await gather


async def join(*coroutines):
    """A lazy gather, as Rust's join is: calling it gives a coroutine, which runs nothing
    (and makes no task) until it is awaited."""
    return await asyncio.gather(*coroutines)


async def joined():
    joining = join(nap("a"), nap("b"))
    await main_sleeps()
    await joining


async def never_awaited():
    co = nap("c")
    # Collected here without having run: Python warns on stderr, "RuntimeWarning: coroutine
    # 'nap' was never awaited". (rustc warns when compiling, and only of a future discarded
    # as a statement: kept in a variable, as here, it passes without a word.)
    del co
    print("  main sleeps")
    since = marks.now()
    await asyncio.sleep(NAP)
    marks.span("main", "sleeps 0.1 s", since)
    print("  main wakes")


async def the_other_ways():
    await timed('await nap("a"), then await nap("b"):', in_turn())
    await timed('await nap("a") and nap("b") together:', together())
    await timed('make nap("b"), sleep 0.1 s, then await it:', bare_coroutine())
    await timed('start nap("b") as a task, sleep 0.1 s, then await it:', task())
    await timed(
        'gather nap("a") and nap("b") (tasks, started at once), sleep 0.1 s, then await:',
        gathered(),
    )
    await timed(
        'join nap("a") and nap("b") (lazy: nothing starts until awaited), sleep 0.1 s, then await:',
        joined(),
    )
    await timed('make nap("c"), drop it without awaiting it, and sleep 0.1 s:', never_awaited())


if __name__ == "__main__":
    # The command line, read as the Rust program reads its own: --help, errors, exit codes.
    marks.only_option(__file__)
    co = nap("a")
    print('calling nap("a") gives a value, and runs nothing')
    # What that value is, in Python: an object on the heap, which the variable refers to.
    print(
        f'note: nap("a") is {co}, an object of {sys.getsizeof(co)} bytes on the heap,'
        " referred to by the variable",
        file=sys.stderr,
    )
    label = "run it to its end on an event loop:"
    print(label)
    marks.section(label)
    start = time.perf_counter()
    asyncio.run(co)
    print(f"  took {tenths(time.perf_counter() - start)}s")
    asyncio.run(the_other_ways())
