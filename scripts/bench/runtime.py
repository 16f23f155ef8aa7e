#!/usr/bin/env python3
"""Benchmark of the runtime alone (no AWS): on a generated workspace of 1,000 skills (BENCH_SKILLS),
each with an operation, a one-step workflow and a template,

  1. `faber check` (median of 5 runs);
  2. the REPL's time per command when nothing changed: 1,000 commands (`/hello`, a workflow of one
     core.render step) piped one at a time into one `faber` process, each timed from the line
     written to the answer read;
  3. hot reload: the same command right after one file of the 1,000 skills changed (20 times, a
     different file each time).

  scripts/bench/runtime.py FABER_BINARY
Prints a markdown table (also in .build/bench/runtime.md).
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

faber = sys.argv[1]
count = int(os.environ.get("BENCH_SKILLS", "1000"))
root = os.path.abspath(".build/bench/runtime-ws")
shutil.rmtree(root, ignore_errors=True)


def write(path, text):
    path = os.path.join(root, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


for i in range(count):
    name = f"skill-{i:04d}"
    write(f"skills/{name}/SKILL.md", f"---\nname: {name}\ndescription: Generated skill {i}\ntools: [core]\n"
          f"operations:\n  say: workflow/say.md\n---\n\nSays a line.\n")
    write(f"skills/{name}/workflow/say.md", "---\nname: say\ninputs:\n  who: {default: world}\n"
          "outputs:\n  text: ${{ steps.line.outputs.text }}\n---\n\n## Line\n\n```step\nid: line\nuses: core.render\n"
          "with:\n  template: line\n  values: {who: \"${{ inputs.who }}\"}\n```\n")
    write(f"skills/{name}/templates/line.mustache", f"hello {{{{who}}}} from {name}\n")
write("commands/hello.md", "---\ndescription: Say hello\nworkflow: skill-0000/say\n---\n")

rows = []
checks = []
for _ in range(5):
    start = time.perf_counter()
    result = subprocess.run([faber, "check", "--workspace", root], capture_output=True, text=True)
    checks.append(time.perf_counter() - start)
summary = (result.stdout + result.stderr).strip().splitlines()[-1]
rows.append((f"`faber check` on {count} skills ({summary.removeprefix('faber check: ')})", f"{statistics.median(checks) * 1000:.0f} ms", "median of 5 processes"))

repl = subprocess.Popen([faber, "--workspace", root], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, text=True, bufsize=1)


def ask(line):
    start = time.perf_counter()
    repl.stdin.write(line + "\n")
    repl.stdin.flush()
    answer = repl.stdout.readline()
    if not answer.startswith("hello"):
        sys.exit(f"runtime: unexpected answer {answer!r}")
    return time.perf_counter() - start


ask("/hello")  # the first command loads the workspace
unchanged = [ask("/hello") for _ in range(1000)]
changed = []
for i in range(20):
    path = os.path.join(root, f"skills/skill-{(i * 37) % count:04d}/SKILL.md")
    with open(path, "a") as f:
        f.write(f"\nEdited {i}.\n")
    changed.append(ask("/hello"))
repl.stdin.close()
repl.wait()
rows.append(("REPL, per command, nothing changed (1,000 commands)", f"{statistics.median(unchanged) * 1000:.2f} ms",
             f"p95 {sorted(unchanged)[949] * 1000:.2f} ms"))
rows.append((f"REPL, the command after one file of {count} changed (20 times)", f"{statistics.median(changed) * 1000:.2f} ms",
             f"max {max(changed) * 1000:.2f} ms"))

table = "| what | time | |\n|---|---|---|\n" + "".join(f"| {a} | {b} | {c} |\n" for a, b, c in rows)
os.makedirs(".build/bench", exist_ok=True)
open(".build/bench/runtime.md", "w").write(table)
print(table)
