"""A fault-injecting HTTP proxy for tests: forwards every request to an AWS endpoint (moto), but
answers the first attempt of every Nth distinct request (method, path and body) itself with HTTP
400 ThrottlingException, as AWS does under load. The retry of a throttled request goes through, so
a client that retries as AWS's standard mode does gets the same answers as without the proxy.

    python3 throttling-proxy.py --upstream http://127.0.0.1:5000 --every 2 --port-file /tmp/p

Prints nothing; writes the port it listens on (127.0.0.1) to --port-file, and the number of
requests it throttled to --port-file + '.throttled' on each one. Stops when its parent is gone.
"""
import argparse
import http.client
import http.server
import os
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("--upstream", required=True)
parser.add_argument("--every", type=int, default=2)
parser.add_argument("--port-file", required=True)
args = parser.parse_args()
upstream = urllib.parse.urlparse(args.upstream)
lock = threading.Lock()
state = {"distinct": 0, "throttled": 0, "seen": set()}


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def handle_one(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        key = (self.command, self.path, body)
        with lock:
            first = key not in state["seen"]
            if first:
                state["seen"].add(key)
                state["distinct"] += 1
            # HEAD answers carry no body, so they are never throttled here.
            throttle = first and self.command != "HEAD" and state["distinct"] % args.every == 1
            if throttle:
                state["throttled"] += 1
                with open(args.port_file + ".throttled", "w") as f:
                    f.write(str(state["throttled"]))
        if throttle:
            answer = b'{"__type":"ThrottlingException","message":"Rate exceeded"}'
            self.send_response(400)
            self.send_header("x-amzn-ErrorType", "ThrottlingException")
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        connection.request(self.command, self.path, body=body if body else None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length", "server", "date"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        connection.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_one


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
with open(args.port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(args.port_file + ".tmp", args.port_file)
parent = os.getppid()


def watch():
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


threading.Thread(target=watch, daemon=True).start()
server.serve_forever()
