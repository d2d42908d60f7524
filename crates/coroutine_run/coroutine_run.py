# File: coroutine_run.py
# Calling a coroutine function runs none of its body; here are the ways to run it, and how
# long each takes for coroutines that sleep 0.1 s.
import asyncio, time

NAP = 0.1


async def nap(name):
    print(f"  {name} starts")
    await asyncio.sleep(NAP)


def tenths(seconds):
    """The elapsed time to a tenth of a second, rounded down: a sleep never ends early, so
    a run that asks for 0.2 s of sleeps prints 0.2 whether the machine adds 1 ms or 90."""
    ms = round(seconds * 1000)
    return f"{ms // 1000}.{ms % 1000 // 100}"


async def timed(label, coroutine):
    print(label)
    start = time.perf_counter()
    await coroutine
    print(f"  took {tenths(time.perf_counter() - start)}s")


async def in_turn():
    await nap("a")
    await nap("b")


async def together():
    await asyncio.gather(nap("a"), nap("b"))


async def bare_coroutine():
    co = nap("b")
    print("  main sleeps")
    await asyncio.sleep(NAP)
    print("  main awaits")
    await co


async def task():
    task = asyncio.create_task(nap("b"))
    print("  main sleeps")
    await asyncio.sleep(NAP)
    print("  main awaits")
    await task


async def the_other_ways():
    await timed('await nap("a"), then await nap("b"):', in_turn())
    await timed('await nap("a") and nap("b") together:', together())
    await timed('make nap("b"), sleep 0.1 s, then await it:', bare_coroutine())
    await timed('start nap("b") as a task, sleep 0.1 s, then await it:', task())


if __name__ == "__main__":
    co = nap("a")
    print(f'calling nap("a") gives {co}, and runs nothing')
    print("run it to its end on an event loop:")
    start = time.perf_counter()
    asyncio.run(co)
    print(f"  took {tenths(time.perf_counter() - start)}s")
    asyncio.run(the_other_ways())
