#!/usr/bin/env python3
"""Runs commands in alternation and reports per command the median wall time, the median
client CPU (user + system of the process and its children) and the largest peak RSS.

  measure.py RUNS NAME=COMMAND [NAME=COMMAND ...]  > results.json

Each round runs every command once, in the order given, so a slow patch of the machine or the
emulator hits every tool alike. Per-process CPU and peak memory come from wait4's rusage of
that one child. A command's stdout and stderr of its last run are kept in .build/bench/<NAME>.out
and .err. Prints {NAME: {"wall": [...], "cpu": [...], "rss_kb": max, "median_wall", "median_cpu"}}.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def run(command: str, name: str) -> tuple[float, float, int]:
    os.makedirs(".build/bench", exist_ok=True)
    with open(f".build/bench/{name}.out", "wb") as out, open(f".build/bench/{name}.err", "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(["bash", "-c", command], stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1, 2, 3):
        sys.exit(f"measure: {name} failed ({os.waitstatus_to_exitcode(status)}): see .build/bench/{name}.err")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> None:
    runs = int(sys.argv[1])
    commands = [argument.split("=", 1) for argument in sys.argv[2:]]
    results = {name: {"wall": [], "cpu": [], "rss_kb": 0} for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            wall, cpu, rss = run(command, name)
            entry = results[name]
            entry["wall"].append(wall)
            entry["cpu"].append(cpu)
            entry["rss_kb"] = max(entry["rss_kb"], rss)
    for entry in results.values():
        entry["median_wall"] = statistics.median(entry["wall"])
        entry["median_cpu"] = statistics.median(entry["cpu"])
    print(json.dumps(results))


if __name__ == "__main__":
    main()
