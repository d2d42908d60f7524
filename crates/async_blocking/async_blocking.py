# File: async_blocking.py
# A heartbeat coroutine ticks every 0.1 s beside a worker that is busy for 0.5 s. When the
# worker blocks the event loop with time.sleep, the heartbeat stops for as long; when it
# awaits asyncio.sleep, or hands time.sleep to a thread with run_in_executor, it keeps ticking.
import asyncio, time

PERIOD, LAST_TICK, WORK = 0.1, 7, 0.5


def tenths(seconds):
    """Seconds to a tenth, rounded down: a tick is never early, so it shows its own tenth
    unless the machine delays it by 99.5 ms or more."""
    ms = round(seconds * 1000)
    return f"{ms // 1000}.{ms % 1000 // 100}"


async def heartbeat():
    """Ticks every PERIOD from now, LAST_TICK + 1 times, and returns when each tick came
    (seconds from the start). A tick that comes late is taken at once, and the ticks it
    missed are skipped."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    ticks, k = [], 0
    while True:
        now = loop.time()
        ticks.append(now - start)
        if k >= LAST_TICK:
            return ticks
        k = max(k + 1, int((now - start) / PERIOD) + 1)
        await asyncio.sleep(start + k * PERIOD - loop.time())


async def blocks_the_loop():
    time.sleep(WORK)


async def awaits_a_sleep():
    await asyncio.sleep(WORK)


async def hands_it_to_a_thread():
    await asyncio.get_running_loop().run_in_executor(None, time.sleep, WORK)


async def beside_the_heartbeat(label, work):
    ticks, _ = await asyncio.gather(heartbeat(), work())
    came = [tenths(t) for t in ticks]
    print(label)
    print(f"  heartbeat ticks at {' '.join(came)}")
    due = [tenths(k * PERIOD) for k in range(LAST_TICK + 1)]
    missed = [t for t in due if t not in came]
    print(f"  heartbeat missed {' '.join(missed) or 'none'}")


async def main():
    await beside_the_heartbeat("the worker blocks the thread for 0.5 s:", blocks_the_loop)
    await beside_the_heartbeat("the worker awaits a 0.5 s sleep:", awaits_a_sleep)
    await beside_the_heartbeat(
        "the worker hands a 0.5 s blocking sleep to a thread:", hands_it_to_a_thread
    )


if __name__ == "__main__":
    asyncio.run(main())
