#!/usr/bin/env python3
"""Where a .NET process spent its busy time, from a dotnet-trace sample (speedscope JSON).

    python3 bench/profile-top.py center.speedscope.json [top=25]

dotnet-trace's dotnet-sampled-thread-time profile samples every managed thread's stack about
100 times a second, busy or not. A sample counts as busy unless the thread sits in a wait (a
lock, a semaphore, the thread pool waiting for work, the socket engine waiting for events).
Busy samples are then summed by part of the center (inclusive: a sample counts for every part
on its stack, so the parts add up to more than 100 %) and by the leaf method (self time).
"""
import json
import re
import sys
from collections import Counter

IDLE = re.compile(r"(LowLevelLifoSemaphore|WaitHandle\.Wait|Monitor\.Wait|SemaphoreSlim\.Wait|ManualResetEventSlim\.Wait|"
                  r"Thread\.Sleep|WaitForSocketEvents|SocketAsyncEngine\.EventLoop|Interop\+Sys\.WaitForSocketEvents|"
                  r"PortableThreadPool\.GateThread|WaitSubsystem|Thread\.Join|TimerQueue\.TimerThread|LowLevelMonitor\.Wait|"
                  r"Console.*Read|PipeReader.*ReadAsync|BlockingCollection.*Take|Channel.*WaitToRead)")

LOCK_SPIN = re.compile(r"Monitor\.Enter_Slowpath|Lock\.TryEnterSlow|Lock\.Enter|SpinWait\.SpinOnce")
SYSTEM = re.compile(r"^(System\.Private\.CoreLib|System\.Threading|System\.Collections\.Concurrent)!|^Thread|^Threads$|^\?!\?$")

# Each running sample given to the deepest frame of one of these (first match from the leaf up), so
# the shares add up to 100 % (PARTS below is inclusive and does not).
OWNERS = [
    ("the wait forecast (QueueForecast, WaitEstimator, ServiceTimeModel)", r"Ioc\.Silo\.Wards\.(QueueForecast|WaitEstimator|ServiceDraw|Normal|ServiceTimeModel)"),
    ("ward grain, ledger, projection, publisher, city feed", r"Ioc\.Silo\.(Wards|Alerts|Grains\.(Ward|Coalescer|TransitionTimer|WakeTimer|CityFeed))"),
    ("ward log and grain state (SQLite)", r"Sqlite|SQLitePCL|Ioc\.Silo\.(Log|Storage)"),
    ("device grains (robot, counter)", r"Ioc\.Silo\.(Grains\.(Robot|Counter|DeviceGrainBase|DeviceShard)|Devices)"),
    ("reading the JSON and the telemetry-v1 checks", r"Ioc\.Ingest\.Telemetry\.(Json|EventReader|EventFields|TelemetryParser|TextRules|ParsedBatch)|Ioc\.Time\.Rfc3339|System\.Text\.Json\.Utf8JsonReader"),
    ("telemetry endpoint, intake, dispatch, key check, rate limit", r"Ioc\.Ingest"),
    ("Orleans runtime (messaging, scheduling, copying)", r"^Orleans|OrleansCodeGen"),
    ("Kestrel and ASP.NET Core (sockets, HTTP, routing, authentication)", r"Microsoft\.AspNetCore|System\.Net|System\.IO\.Pipelines"),
    ("JSON answers", r"System\.Text\.Json"),
]

# Shown as running while it waits in native code (so is the socket engine's loop, caught by IDLE):
# /proc/<pid>/task/*/stat shows it idle under load.
FINALIZER = re.compile(r"GC\.RunFinalizers")

PARTS = [
    ("Kestrel and HTTP/1.1 (connections, headers, body)", r"^Microsoft\.AspNetCore\.Server\.Kestrel|System\.IO\.Pipelines|System\.Net\.Sockets"),
    ("ASP.NET Core routing, authentication, authorization", r"^Microsoft\.AspNetCore\.(Routing|Authentication|Authorization|Http\.)"),
    ("device key check (Ioc.Ingest.Devices)", r"^Ioc\.Ingest\.Devices"),
    ("telemetry endpoint: body, JSON document", r"^Ioc\.Ingest\.Telemetry\.TelemetryEndpoint|^System\.Text\.Json\.JsonDocument"),
    ("telemetry parser (field checks)", r"^Ioc\.Ingest\.Telemetry\.TelemetryParser"),
    ("dispatch to grains (Ioc.Ingest.Telemetry.TelemetryDispatcher)", r"^Ioc\.Ingest\.Telemetry\.TelemetryDispatcher"),
    ("Orleans serialization (copying, codecs)", r"^Orleans\.Serialization"),
    ("Orleans runtime (messaging, scheduling, activations)", r"^Orleans\.(Runtime|Internal|GrainReferences|Invocation|Core)"),
    ("device grains (Ioc.Silo.Grains.Robot/Counter/DeviceGrainBase)", r"^Ioc\.Silo\.Grains\.(RobotGrain|CounterGrain|DeviceGrainBase)|^Ioc\.Silo\.Devices"),
    ("ward grain and ledger (Ioc.Silo.Grains.WardGrain, Ioc.Silo.Wards)", r"^Ioc\.Silo\.Grains\.WardGrain|^Ioc\.Silo\.Wards|^Ioc\.Silo\.Alerts"),
    ("ward log and grain storage (Ioc.Silo.Log, Ioc.Silo.Storage, SQLite)", r"^Ioc\.Silo\.(Log|Storage)|Microsoft\.Data\.Sqlite|SQLitePCL"),
    ("live feed and history (CityFeedGrain, Ioc.Dashboard, Ioc.Silo.History)", r"^Ioc\.Silo\.Grains\.CityFeedGrain|^Ioc\.Dashboard|^Ioc\.Silo\.History"),
    ("JSON answers (System.Text.Json serialization)", r"^System\.Text\.Json\.(Serialization|JsonSerializer)"),
]


def stacks(profile, frames):
    """(frame names root to leaf, weight) of a sampled profile, or of an evented one (open/close events)."""
    if profile["type"] == "sampled":
        samples = profile.get("samples", [])
        for stack, w in zip(samples, profile.get("weights", [1] * len(samples))):
            yield [frames[i] for i in stack], w
        return
    stack, last = [], None
    for e in profile.get("events", []):
        if last is not None and stack and e["at"] > last:
            yield [frames[i] for i in stack], e["at"] - last
        last = e["at"]
        if e["type"] == "O":
            stack.append(e["frame"])
        elif stack:
            # Close the innermost frame with this id (events nest, so it is the top).
            idx = len(stack) - 1 - stack[::-1].index(e["frame"]) if e["frame"] in stack else len(stack) - 1
            del stack[idx:]


def owner_of(names):
    for n in reversed(names):
        name = n.split("!", 1)[-1]
        for label, pattern in OWNERS:
            if re.search(pattern, name):
                return label
    return "the rest (runtime, thread pool, allocation)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    doc = json.load(open(path, encoding="utf-8"))
    frames = [f["name"] for f in doc["shared"]["frames"]]
    busy = idle = gc = 0
    parts = Counter()
    leaves = Counter()
    # Spinning on a contended lock shows up as running time; who was waiting for it.
    contended = Counter()
    owners = Counter()
    for profile in doc["profiles"]:
        for names, w in stacks(profile, frames):
            if not names or any(FINALIZER.search(n) for n in names):
                continue
            # The sampler marks a thread running managed code with a CPU_TIME leaf; a thread at a GC
            # poll waits for a collection (counted apart); native code counts only under SQLite.
            if any("PollGC" in n for n in names[-3:]):
                gc += w
                continue
            native_work = names[-1] == "UNMANAGED_CODE_TIME" and any(re.search(r"SQLite|Sqlite", n) for n in names[-4:])
            if (names[-1] != "CPU_TIME" and not native_work) or any(IDLE.search(n) for n in names[-4:]):
                idle += w
                continue
            busy += w
            seen = set()
            for label, pattern in PARTS:
                if any(re.search(pattern, n.split("!")[-1]) for n in names):
                    seen.add(label)
            for label in seen:
                parts[label] += w
            owners[owner_of(names)] += w
            if any(LOCK_SPIN.search(n) for n in names[-4:]):
                contended[next((n.split("!", 1)[-1] for n in reversed(names) if not SYSTEM.search(n) and n not in ("UNMANAGED_CODE_TIME", "CPU_TIME")), "?")] += w
            leaf = next((n for n in reversed(names) if n not in ("UNMANAGED_CODE_TIME", "CPU_TIME")), names[-1])
            leaves[("native, under " if native_work else "") + leaf] += w
    if busy == 0:
        print("no busy samples")
        return
    print(f"Thread time: running {busy / (busy + gc):.0%}, stopped for garbage collections {gc / (busy + gc):.0%} (of the time threads were not idle).")
    print()
    print("Inclusive share of the running time by part:")
    print()
    print("| part of the center | share of running samples |")
    print("|---|---:|")
    for label, _ in PARTS:
        if parts[label]:
            print(f"| {label} | {parts[label] / busy:.1%} |")
    print()
    print("Each running sample given to the deepest frame of a known part (these add up to 100 %):")
    print()
    print("| part of the center | share of running samples |")
    print("|---|---:|")
    for label, w in owners.most_common():
        print(f"| {label} | {w / busy:.1%} |")
    print()
    print(f"Top {top} methods by self time (running samples):")
    print()
    print("| method | self |")
    print("|---|---:|")
    for name, w in leaves.most_common(top):
        short = name if len(name) <= 140 else name[:137] + "..."
        print(f"| `{short.replace('|', '/')}` | {w / busy:.1%} |")
    if contended:
        print()
        print(f"Spinning on contended locks: {sum(contended.values()) / busy:.1%} of running samples; the nearest caller outside the runtime:")
        print()
        print("| caller | share of running samples |")
        print("|---|---:|")
        for name, w in contended.most_common(8):
            short = name if len(name) <= 140 else name[:137] + "..."
            print(f"| `{short.replace('|', '/')}` | {w / busy:.1%} |")


if __name__ == "__main__":
    main()
