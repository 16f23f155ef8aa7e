#!/usr/bin/env python3
"""Drives a `faber mcp` server with the reference MCP client (the `mcp` package from PyPI) through
a scenario, and prints what happened as JSON, for the end-to-end tests to check.

The scenario comes on stdin:
  {"command": ["/path/faber", "--workspace", "/ws", "mcp"], "env": {...}, "cwd": "/ws", "stderr": "/tmp/err.txt",
   "steps": [{"do": "list_tools"}, {"do": "call", "name": "...", "arguments": {...}, "progress": true}, ...]}

Steps (each gives one entry of the printed list, in order):
  list_tools                        {"tools": [...]}                the tools as the client parsed them
  call name arguments [progress]    {"result": {...}, "progress": [...]} or {"error": {"code", "message"}}
  cancel name arguments after       sends tools/call, then notifications/cancelled for it after `after`
                                    seconds; {"answered": false} when no answer came within 2 s more
  list_prompts                      {"prompts": [...]}
  get_prompt name arguments         {"result": {...}} or {"error": {...}}
  write path text                   writes a file (a spec dropped into the workspace)
  wait_notification method timeout  {"received": true|false}: whether the server sent it since the last wait
  sleep seconds
The first entry is the initialize result.
"""
import json
import os
import sys

import anyio
from mcp import ClientSession, StdioServerParameters, types
from mcp.shared.exceptions import McpError


def dump(model):
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


async def main(scenario):
    notifications = []

    async def on_message(message):
        if isinstance(message, types.ServerNotification):
            notifications.append(message.root.method)

    params = StdioServerParameters(command=scenario["command"][0], args=scenario["command"][1:],
                                   env=scenario.get("env"), cwd=scenario.get("cwd"))
    from mcp.client.stdio import stdio_client
    out = []
    with open(scenario.get("stderr", "/dev/null"), "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write, message_handler=on_message) as session:
                out.append(dump(await session.initialize()))
                for step in scenario["steps"]:
                    out.append(await run(session, step, notifications))
    return out


async def run(session, step, notifications):
    kind = step["do"]
    if kind == "list_tools":
        return {"tools": [dump(tool) for tool in (await session.list_tools()).tools]}
    if kind == "list_prompts":
        return {"prompts": [dump(prompt) for prompt in (await session.list_prompts()).prompts]}
    if kind == "get_prompt":
        try:
            return {"result": dump(await session.get_prompt(step["name"], step.get("arguments")))}
        except McpError as error:
            return {"error": {"code": error.error.code, "message": error.error.message}}
    if kind == "call":
        progress = []

        async def on_progress(value, total, message):
            progress.append({"progress": value, "total": total, "message": message})

        try:
            result = await session.call_tool(step["name"], step.get("arguments") or {},
                                             progress_callback=on_progress if step.get("progress") else None)
            return {"result": dump(result), "progress": progress}
        except McpError as error:
            return {"error": {"code": error.error.code, "message": error.error.message}}
    if kind == "cancel":
        request_id = session._request_id  # the id the next request gets (the client counts from 0)
        answered = {"value": False}

        async def call():
            await session.call_tool(step["name"], step.get("arguments") or {})
            answered["value"] = True

        async with anyio.create_task_group() as group:
            group.start_soon(call)
            await anyio.sleep(step.get("after", 1))
            await session.send_notification(types.ClientNotification(types.CancelledNotification(
                params=types.CancelledNotificationParams(requestId=request_id, reason="the test cancels it"))))
            await anyio.sleep(2)
            group.cancel_scope.cancel()
        return {"answered": answered["value"], "request_id": request_id}
    if kind == "write":
        os.makedirs(os.path.dirname(step["path"]), exist_ok=True)
        with open(step["path"], "w") as f:
            f.write(step["text"])
        return {"written": step["path"]}
    if kind == "wait_notification":
        with anyio.move_on_after(step.get("timeout", 10)):
            while step["method"] not in notifications:
                await anyio.sleep(0.05)
        received = step["method"] in notifications
        notifications.clear()
        return {"received": received}
    if kind == "sleep":
        await anyio.sleep(step["seconds"])
        return {"slept": step["seconds"]}
    raise SystemExit(f"mcp-client: unknown step {kind!r}")


if __name__ == "__main__":
    print(json.dumps(anyio.run(main, json.load(sys.stdin))))
