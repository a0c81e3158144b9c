"""``make bench``: the portal under load with a decade of data, against two reference views.

1. A fresh PostgreSQL database with the small demo: queries per page.
2. The large synthetic dataset (bench/dataset.py): queries per page again, and the time of
   rendering each page afresh (page cache off: what the first visitor after a change waits).
3. gunicorn as the production unit starts it, behind nginx as the production site has it
   (deploy/), on PostgreSQL and Redis (page cache on); wrk with 8 connections measures
   throughput and p50/p95 latency of each role's main pages and of two reference views
   behind the same middleware (a plain HttpResponse and a bare 50-row list).
4. Report generation: time and peak memory of the full pipeline next to WeasyPrint alone
   rendering the same HTML (bench/report_timing.py).

Prints a table and writes bench/results.json.
"""

import configparser
import json
import os
import platform
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
DB_NAME = os.environ.get("BENCH_DB", "dialog_bench")
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def bench_env():
    return {
        **os.environ,
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        ),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": "benchmark-only-secret-key-" + "b" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCHMARK_VIEWS": "true",
        "WHITENOISE_USE_FINDERS": "false",
        "VAR_DIR": str(ROOT / "var" / "bench"),
        "MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
    }


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def manage(env, *args):
    run([PYTHON, "manage.py", *args], env, stdout=subprocess.DEVNULL)


def reset_database(env):
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
    run([*psql, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"], env)
    run([*psql, f"CREATE DATABASE {DB_NAME}"], env)
    subprocess.run(["redis-cli", "-n", "9", "FLUSHDB"], check=False, capture_output=True)


def pages(env):
    env = {**env, "PAGE_CACHE_TIMEOUT": "0"}  # queries and time of a fresh render
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
        "/var/lib/industrie-dialog/static/": str(ROOT / "var" / "bench" / "static") + "/",
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
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(stack / "gunicorn.log").open("w"),
    )  # fmt: skip
    nginx = subprocess.Popen(
        ["nginx", "-p", str(stack), "-c", str(stack / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return [nginx, gunicorn]


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
        "rps": round(figures["requests"] / seconds, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "errors": figures["errors"] + figures["non2xx"],
    }


def main():
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install wrk)")
    env = bench_env()
    started = time.monotonic()
    print("bench: fresh database with the demo …", flush=True)
    reset_database(env)
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

    print("bench: load test with nginx and gunicorn …", flush=True)
    stack = tempfile.mkdtemp(prefix="dialog-bench-")
    servers = serve(env, Path(stack))
    try:
        wait_for(socket.AF_INET, ("127.0.0.1", PORT), "nginx")
        wait_for(socket.AF_UNIX, str(Path(stack) / "gunicorn.sock"), "gunicorn")
        wrk("/bench/plain", "")  # warm up
        # The bare list is measured between every two pages, and each page is compared with
        # the mean of the bare list just before and just after it: a slower or faster phase of
        # the machine then does not tilt the ratios. The plain view before and after all pages.
        plain = [wrk("/bench/plain")]
        lists = [wrk("/bench/list")]
        rows = []
        for page in large:
            figures = wrk(page["path"], page["cookie"])
            lists.append(wrk("/bench/list"))
            beside = (lists[-2]["rps"] + lists[-1]["rps"]) / 2
            small_queries = small.get((page["role"], page["path"]), {}).get("queries")
            rows.append(
                {
                    "role": page["role"],
                    "page": page["name"],
                    "path": page["path"],
                    "status": page["status"],
                    "queries_demo": small_queries,
                    "queries_large": page["queries"],
                    "render_ms": page["render_ms"],
                    **figures,
                    "bare_list_rps_beside": round(beside, 1),
                    "vs_bare_list": round(figures["rps"] / beside, 2),
                }
            )
        plain.append(wrk("/bench/plain"))
        reference = {
            name: {
                key: round(sum(one[key] for one in runs) / len(runs), 1)
                for key in ("rps", "p50_ms", "p95_ms", "errors")
            }
            for name, runs in (("plain", plain), ("bare_list", lists))
        }
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(stack, ignore_errors=True)

    report = None
    if (ROOT / "bench" / "report_timing.py").exists():
        print("bench: report generation …", flush=True)
        out = run([PYTHON, "bench/report_timing.py"], env, capture_output=True, text=True)
        report = json.loads(out.stdout.strip().splitlines()[-1])

    results = {
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "connections": CONNECTIONS,
        "duration": DURATION,
        "dataset_seconds": round(dataset_seconds, 1),
        "reference": reference,
        "reference_runs": {"plain": plain, "bare_list": lists},
        "pages": rows,
        "report": report,
        "total_seconds": round(time.monotonic() - started, 1),
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)


def print_table(results):
    ref = results["reference"]
    print()
    print(f"Machine: {results['machine']['platform']}, {results['machine']['cpus']} CPUs, "
          f"wrk {results['connections']} connections × {results['duration']}")  # fmt: skip
    header = (
        f"{'role':<11} {'page':<26} {'q demo':>6} {'q large':>7} {'render':>7} {'req/s':>8} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'× list':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, figures in ref.items():
        print(f"{'(ref)':<11} {name:<26} {'':>6} {'':>7} {'':>7} {figures['rps']:>8} "
              f"{figures['p50_ms']:>7} {figures['p95_ms']:>7} {'':>6}")  # fmt: skip
    for row in results["pages"]:
        demo = "-" if row["queries_demo"] is None else row["queries_demo"]
        flag = "" if row["status"] == 200 else f"  (HTTP {row['status']})"
        print(f"{row['role']:<11} {row['page']:<26} {demo:>6} "
              f"{row['queries_large']:>7} {row['render_ms']:>7} {row['rps']:>8} {row['p50_ms']:>7} "
              f"{row['p95_ms']:>7} {row['vs_bare_list']:>6}{flag}")  # fmt: skip
    if results["report"]:
        report = results["report"]
        print()
        for key, value in report.items():
            print(f"report {key}: {value}")
    print(f"\nTotal {results['total_seconds']} s; results in bench/results.json")


if __name__ == "__main__":
    main()
