"""``make bench``: the portal under load with a decade of data, against a reference view.

Safe beside anything else on the machine: it creates a PostgreSQL database with a unique name
and a Redis server of its own (a private ``redis-server`` on a free port; or
``BENCH_REDIS_URL``, which must point to an empty database), and removes exactly those at the
end, never anything it did not create.

1. The small demo: queries per page.
2. The large synthetic dataset (bench/dataset.py) with one heavy company, measure and event:
   queries per page again, and the time of rendering each page in the process.
3. gunicorn as the production unit starts it, behind nginx as the production site has it
   (deploy/), on PostgreSQL and Redis, with the page cache OFF (``PAGE_CACHE_TIMEOUT=0``):
   every request renders its page. wrk measures throughput and p50/p95 latency of each
   role's pages and of the reference: a bare 50-row list through the same ``base.html`` for
   the same user (``/bench/list``). Every figure is min/median/max over ``BENCH_RUNS`` (3)
   runs; a page's "× list" compares it with the reference of its role measured in the same
   run, just before and after that role's pages.
4. The page cache under a mixed load: the staff home page with the page cache ON, quiet and
   while an anonymous visitor sends one POST per second (refused by CSRF).
5. Report generation: time and peak memory of the full pipeline next to WeasyPrint alone
   rendering the same HTML (bench/report_timing.py).

Environment: ``BENCH_DURATION`` (wrk per run, default 2s), ``BENCH_CONNECTIONS`` (8),
``BENCH_RUNS`` (3), ``BENCH_PAGES`` (only pages whose "role page" contains one of these
comma-separated parts), ``BENCH_SCALE`` (dataset size, default 1), ``BENCH_REPORT=0`` (skip
step 5), ``BENCH_PORT``. Prints a table and writes bench/results.json.
"""

import configparser
import json
import os
import platform
import secrets
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = os.environ.get("BENCH_DURATION", "2s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c"]


def spread(values, digits=1):
    return {
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
    }


class Resources:
    """The database and Redis the benchmark creates, and removes again: only those."""

    def __init__(self, stack: Path):
        self.stack = stack
        self.database = f"dialog_bench_{os.getpid()}_{secrets.token_hex(3)}"
        self.database_created = False
        self.redis_url = None
        self.redis_server = None

    def create(self):
        # CREATE DATABASE fails on an existing name: nothing of anyone else is ever reused.
        subprocess.run([*PG, f"CREATE DATABASE {self.database}"], check=True)
        self.database_created = True
        given = os.environ.get("BENCH_REDIS_URL")
        if given:
            keys = _redis_cli(given, "DBSIZE")
            if keys != "0":
                raise SystemExit(f"BENCH_REDIS_URL {given} is not empty ({keys} keys): refused")
            self.redis_url = given
            return
        if not shutil.which("redis-server"):
            raise SystemExit("make bench needs redis-server (or an empty BENCH_REDIS_URL)")
        port = _free_port()
        self.redis_server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.stack)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(socket.AF_INET, ("127.0.0.1", port), "redis-server")
        self.redis_url = f"redis://127.0.0.1:{port}/0"

    def remove(self):
        if self.redis_server is not None:
            self.redis_server.terminate()
            self.redis_server.wait(timeout=30)
        elif self.redis_url:
            # Empty when the benchmark took it: what is in it now is the benchmark's.
            _redis_cli(self.redis_url, "FLUSHDB")
        if self.database_created:
            subprocess.run([*PG, f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"])


def _redis_cli(url, *command):
    out = subprocess.run(
        ["redis-cli", "-u", url, *command], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(resources: Resources, var_dir: Path):
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{resources.database}",
        "REDIS_URL": resources.redis_url,
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": "benchmark-only-secret-key-" + "b" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCHMARK_VIEWS": "true",
        "WHITENOISE_USE_FINDERS": "false",
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE_TIMEOUT": "0",  # every request renders its page
    }


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def manage(env, *args):
    run([PYTHON, "manage.py", *args], env, stdout=subprocess.DEVNULL)


def pages(env):
    out = run([PYTHON, "bench/pages.py"], env, capture_output=True, text=True).stdout
    return json.loads(out)


def production_gunicorn_args(socket_path: Path) -> list[str]:
    """gunicorn's arguments from the production unit (deploy/systemd), bound to ``socket_path``."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(ROOT / "deploy" / "systemd" / "industrie-dialog-web.service")
    args = shlex.split(parser["Service"]["ExecStart"])[1:]
    bind = args.index("--bind")
    args[bind + 1] = f"unix:{socket_path}"
    return args


def production_nginx_conf(stack: Path, port: int) -> str:
    """The production site (deploy/nginx) as a whole nginx configuration for ``stack``: its
    upstream and its HTTPS server, listening on plain HTTP on loopback (wrk on loopback measures
    the portal, not TLS); the redirecting port-80 server is left out."""
    site = (ROOT / "deploy" / "nginx" / "industrie-dialog.conf").read_text()
    upstream = site[site.index("upstream ") : site.index("}", site.index("upstream ")) + 1]
    https = site[site.rindex("server {", 0, site.index("listen 443")) :]
    lines = [
        line for line in https.splitlines() if not line.strip().startswith(("listen ", "ssl_"))
    ]
    lines.insert(1, f"    listen 127.0.0.1:{port};")
    server = "\n".join(lines)
    replacements = {
        "/run/industrie-dialog/gunicorn.sock": str(stack / "gunicorn.sock"),
        "/var/lib/industrie-dialog/static/": str(stack / "var" / "static") + "/",
        "server_name industrie-dialog.aachen.de;": "server_name 127.0.0.1;",
    }
    for old, new in replacements.items():
        upstream, server = upstream.replace(old, new), server.replace(old, new)
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "".join(
        f"{name}_temp_path {stack / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user} worker_processes auto; pid {stack / 'nginx.pid'};\n"
        f"error_log {stack / 'error.log'} warn;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{ include /etc/nginx/mime.types; access_log {stack / 'access.log'}; {temp}\n"
        f"{upstream}\n{server}\n}}\n"
    )


def serve(env, stack: Path) -> list[subprocess.Popen]:
    """gunicorn as the production unit starts it, behind nginx as the production site has it."""
    stack.chmod(0o755)
    socket_path = stack / "gunicorn.sock"
    (stack / "nginx.conf").write_text(production_nginx_conf(stack, PORT))
    gunicorn = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", *production_gunicorn_args(socket_path)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(stack / "gunicorn.log").open("a"),
    )  # fmt: skip
    nginx = subprocess.Popen(
        ["nginx", "-p", str(stack), "-c", str(stack / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for(socket.AF_INET, ("127.0.0.1", PORT), "nginx")
    wait_for(socket.AF_UNIX, str(socket_path), "gunicorn")
    return [nginx, gunicorn]


def stop(servers):
    for server in servers:
        server.terminate()
        server.wait(timeout=30)


def wait_for(family, address, what, timeout=30):
    """Wait until something accepts connections at ``address``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(family) as sock:
            if sock.connect_ex(address) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")


def wrk(path, cookie=""):
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--timeout", "10s",
            "-s", str(ROOT / "bench" / "latency.lua")]  # fmt: skip
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*args, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    seconds = figures["duration_us"] / 1e6
    return {
        "rps": figures["requests"] / seconds,
        "p50_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "errors": figures["errors"] + figures["non2xx"],
    }


def load_test(measured):
    """``RUNS`` passes over all pages, each role's pages between two measurements of that
    role's reference list; returns the figures of every page as min/median/max."""
    by_role = {}
    for page in measured:
        by_role.setdefault(page["role"], []).append(page)
    runs = {page["path"] + page["cookie"]: [] for page in measured}
    for number in range(RUNS):
        print(f"bench: load test, run {number + 1} of {RUNS} …", flush=True)
        for role_pages in by_role.values():
            reference = [p for p in role_pages if p["path"] == "/bench/list"][0]
            before = wrk(reference["path"], reference["cookie"])
            figures = [(page, wrk(page["path"], page["cookie"])) for page in role_pages
                       if page is not reference]  # fmt: skip
            after = wrk(reference["path"], reference["cookie"])
            beside = (before["rps"] + after["rps"]) / 2
            runs[reference["path"] + reference["cookie"]] += [
                {**before, "vs_list": 1.0},
                {**after, "vs_list": 1.0},
            ]
            for page, one in figures:
                runs[page["path"] + page["cookie"]].append({**one, "vs_list": one["rps"] / beside})
    rows = []
    for page in measured:
        one = runs[page["path"] + page["cookie"]]
        rows.append(
            {
                **{key: page[key] for key in ("role", "name", "path", "status")},
                "queries_demo": page.get("queries_demo"),
                "queries_large": page["queries"],
                "render_ms": page["render_ms"],
                **{key: spread([r[key] for r in one], 2 if key == "vs_list" else 1)
                   for key in ("rps", "p50_ms", "p95_ms", "vs_list")},
                "errors": sum(r["errors"] for r in one),
            }
        )  # fmt: skip
    return rows


def anonymous_posts(stop_event, answers):
    """One POST per second without a CSRF token, as an anonymous visitor: refused (403)."""
    while not stop_event.wait(1.0):
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT}/", data=b"x=1", method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                answers.append(response.status)
        except urllib.error.HTTPError as exc:
            answers.append(exc.code)


def mixed_load(cookie):
    """The staff home page with the page cache on: quiet, and beside one refused anonymous
    POST per second."""
    result = {}
    for name, side_load in (("quiet", False), ("anonymous_post_per_second", True)):
        stop_event, answers, thread = threading.Event(), [], None
        if side_load:
            thread = threading.Thread(target=anonymous_posts, args=(stop_event, answers))
            thread.start()
        try:
            one = [wrk("/", cookie) for _ in range(RUNS)]
        finally:
            stop_event.set()
            if thread is not None:
                thread.join()
        result[name] = {key: spread([r[key] for r in one]) for key in ("rps", "p50_ms", "p95_ms")}
        if side_load:
            result[name]["post_answers"] = sorted(set(answers))
    return result


def main():
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install wrk)")
    started = time.monotonic()
    stack = Path(tempfile.mkdtemp(prefix="dialog-bench-"))
    resources = Resources(stack)
    try:
        resources.create()
        env = bench_env(resources, stack / "var")
        print(f"bench: database {resources.database}, Redis {resources.redis_url}", flush=True)
        results = measure(env, stack)
    finally:
        resources.remove()
        shutil.rmtree(stack, ignore_errors=True)
    results["total_seconds"] = round(time.monotonic() - started, 1)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)


def measure(env, stack):
    print("bench: the demo …", flush=True)
    manage(env, "collectstatic", "--noinput")
    manage(env, "createcachetable")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    small = {(p["role"], p["path"]): p for p in pages(env)}
    print("bench: loading the large dataset …", flush=True)
    dataset_started = time.monotonic()
    run([PYTHON, "bench/dataset.py"], env)
    dataset_seconds = time.monotonic() - dataset_started
    large = pages(env)
    for page in large:
        page["queries_demo"] = small.get((page["role"], page["path"]), {}).get("queries")

    print("bench: load test with nginx and gunicorn, page cache off …", flush=True)
    servers = serve(env, stack)
    try:
        wrk("/bench/list")  # warm up
        rows = load_test(large)
    finally:
        stop(servers)
    staff = next((p["cookie"] for p in large if p["role"] == "verwaltung"), None)
    mixed = None
    if staff:
        print("bench: the page cache under a mixed load …", flush=True)
        servers = serve({**env, "PAGE_CACHE_TIMEOUT": "600"}, stack)
        try:
            wrk("/", staff)  # warm up
            mixed = mixed_load(staff)
        finally:
            stop(servers)

    report = None
    if os.environ.get("BENCH_REPORT", "1") != "0":
        print("bench: report generation …", flush=True)
        out = run([PYTHON, "bench/report_timing.py"], env, capture_output=True, text=True)
        report = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "connections": CONNECTIONS,
        "duration": DURATION,
        "runs": RUNS,
        "page_cache": "off (PAGE_CACHE_TIMEOUT=0) in the load test",
        "dataset_seconds": round(dataset_seconds, 1),
        "pages": rows,
        "mixed_load_staff_home_page_cache_on": mixed,
        "report": report,
    }


def _triple(figures):
    return f"{figures['min']}/{figures['median']}/{figures['max']}"


def print_table(results):
    print()
    print(f"Machine: {results['machine']['platform']}, {results['machine']['cpus']} CPUs, "
          f"wrk {results['connections']} connections × {results['duration']}, "
          f"{results['runs']} runs, page cache off; figures min/median/max")  # fmt: skip
    header = (
        f"{'role':<10} {'page':<44} {'q demo':>6} {'q large':>7} {'render ms':>16} "
        f"{'req/s':>18} {'p95 ms':>16} {'× list':>15}"
    )
    print(header)
    print("-" * len(header))
    for row in results["pages"]:
        demo = "-" if row["queries_demo"] is None else row["queries_demo"]
        flag = "" if row["status"] == 200 else f"  (HTTP {row['status']})"
        if row["errors"]:
            flag += f"  ({row['errors']} errors)"
        print(f"{row['role']:<10} {row['name']:<44} {demo:>6} {row['queries_large']:>7} "
              f"{_triple(row['render_ms']):>16} {_triple(row['rps']):>18} "
              f"{_triple(row['p95_ms']):>16} {_triple(row['vs_list']):>15}{flag}")  # fmt: skip
    mixed = results.get("mixed_load_staff_home_page_cache_on")
    if mixed:
        print()
        for name, figures in mixed.items():
            answers = figures.get("post_answers")
            print(f"staff home, page cache on, {name}: req/s {_triple(figures['rps'])}, "
                  f"p50 {_triple(figures['p50_ms'])} ms, p95 {_triple(figures['p95_ms'])} ms"
                  f"{f', POST answers {answers}' if answers else ''}")  # fmt: skip
    if results["report"]:
        print()
        for key, value in results["report"].items():
            print(f"report {key}: {value}")
    print(f"\nTotal {results['total_seconds']} s; results in bench/results.json")


if __name__ == "__main__":
    main()
