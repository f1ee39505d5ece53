"""`chatkit tune`: an Optuna study over recipe keys, kept in an RDB storage so it resumes and scales out.

Each worker (a `chatkit tune` process) asks the storage for a trial, trains it, and tells the result; the
study stops when `trials` trials have finished, whoever ran them. A worker killed mid-trial leaves that trial
RUNNING: the next worker on the same machine marks it failed ("interrupted") and runs its values again; on any
machine, a running trial records a heartbeat in the storage every `tune.heartbeat_s` (Optuna's heartbeat, on
the database's clock), and one silent for `tune.stale_after_s` is failed and rerun the same way by the next
worker that asks for a trial (a worker that died on another machine, or hangs).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import socket
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.console import info, warn
from kit.errors import ChatkitError
from kit.runfolder import pid_alive
from kit.train.recipe import Recipe
from kit.tune.config import TuneConfig
from kit.tune.summary import tally

STORAGE_FILE = "study.db"
BEST_RECIPE = "best_recipe.yaml"


@dataclass
class TuneResult:
    out: Path
    study: str
    storage: str  # password hidden
    counts: dict[str, int]
    best: dict[str, Any] | None  # number, value, params
    best_recipe: Path | None
    reports: dict[str, Path] = field(default_factory=dict)


def shown_url(url: str) -> str:
    """A storage URL fit for logs and errors: any password replaced by ***."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def open_storage(url: str, heartbeat_s: int = 30, stale_after_s: int = 180) -> tuple[Any, DatabaseLock]:
    """Optuna's RDBStorage at `url` (tables created on first use; running trials' heartbeats every
    `heartbeat_s`, stale after `stale_after_s`) and the database's lock for the workers sharing it; a one-line
    error when it cannot be opened."""
    import optuna

    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs = {"connect_args": {"timeout": 60}}  # workers sharing one file wait for its lock, not fail
    try:
        lock = DatabaseLock(url)
        with lock.hold(), quiet_heartbeat():  # workers on several machines create the tables once
            storage = optuna.storages.RDBStorage(url, engine_kwargs=kwargs, heartbeat_interval=heartbeat_s,
                                                 grace_period=stale_after_s,
                                                 heartbeat_stale_trial_callback=_rerun_stale)
            return storage, lock
    except Exception as e:  # bad URL, missing driver, refused connection, wrong password, unwritable file
        from sqlalchemy.exc import ArgumentError

        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        if isinstance(e, ImportError):
            hint = ("install the driver the URL names; for postgresql+psycopg2:// URLs chatkit's postgres extra: "
                    "pip install -e '.[postgres]'")
        elif url.startswith("sqlite"):
            hint = "give a file in a folder that exists, e.g. sqlite:///out/tune/study.db"
        elif isinstance(e, ArgumentError):  # not a URL, or a dialect SQLAlchemy does not know
            hint = "give an SQLAlchemy URL, e.g. sqlite:///out/tune/study.db or postgresql+psycopg2://user:pw@host/db"
        else:
            hint = ("check that the database server runs and admits this host, and that the URL's user, password "
                    "and database exist (README: Tune)")
        raise ChatkitError(f"storage {shown_url(url)}: cannot open it ({type(e).__name__}: {shown_url(first)[:200]})",
                           hint) from None


class DatabaseLock:
    """A lock held in the study's PostgreSQL database (an advisory lock), so that workers on every machine take
    turns to create the tables and to ask for the study's last trials; on other storages it holds nothing (a
    SQLite file is shared by the workers of one machine, which take the folder lock)."""

    KEY = 0x63686174_6B697400  # 'chatkit\0': one key per database, held for milliseconds at a time

    def __init__(self, url: str) -> None:
        import sqlalchemy
        from sqlalchemy.pool import NullPool

        self.engine = None
        if sqlalchemy.make_url(url).get_backend_name() == "postgresql":
            self.engine = sqlalchemy.create_engine(url, poolclass=NullPool)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        if self.engine is None:
            yield
            return
        from sqlalchemy import text

        with self.engine.connect() as conn:  # a session lock: released if this worker dies mid-claim
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": self.KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.KEY})


def make_sampler(cfg: TuneConfig, seed: int) -> Any:
    import optuna

    if cfg.sampler == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    # constant_liar: parallel workers see each other's running trials and do not draw the same point
    return optuna.samplers.TPESampler(seed=seed, constant_liar=True)


def make_pruner(cfg: TuneConfig) -> Any:
    import optuna

    if cfg.pruner == "median":
        return optuna.pruners.MedianPruner(n_startup_trials=cfg.startup_trials, n_warmup_steps=cfg.warmup_steps)
    if cfg.pruner == "hyperband":
        return optuna.pruners.HyperbandPruner()
    return optuna.pruners.NopPruner()


@contextlib.contextmanager
def claim(folder: Path, lock: DatabaseLock | None = None) -> Iterator[None]:
    """Workers take turns to count and ask (no two start the study's last trial): the folder's file lock for
    those of this machine, and the database's lock for those of every machine on a PostgreSQL storage."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".tune.lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            with lock.hold() if lock is not None else contextlib.nullcontext():
                yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"



def recover_interrupted(study: Any, storage: Any) -> None:
    """RUNNING trials of dead workers on this machine: mark them failed ("interrupted") and queue their values."""
    from optuna.trial import TrialState

    host = socket.gethostname()
    study_id = storage.get_study_id_from_name(study.study_name)
    for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):
        who = str(t.user_attrs.get("worker", ""))
        name, _, pid = who.rpartition(":")
        if name != host or not pid.isdigit() or pid_alive(int(pid)):
            continue
        trial_id = storage.get_trial_id_from_study_id_trial_number(study_id, t.number)
        storage.set_trial_user_attr(trial_id, "interrupted", True)
        storage.set_trial_user_attr(trial_id, "error", "interrupted: its worker stopped; its values run again")
        storage.set_trial_state_values(trial_id, TrialState.FAIL)
        study.enqueue_trial(t.params, user_attrs={"retry_of": t.number})
        info(f"trial {t.number} was interrupted (worker {pid} gone): its values run again")


def _rerun_stale(study: Any, trial: Any) -> None:
    """Optuna failed `trial`: its heartbeat went stale. Queue its values again (tally and the report count a
    failed trial that has a rerun as interrupted, not finished)."""
    study.enqueue_trial(trial.params, user_attrs={"retry_of": trial.number, "retry_reason": "stale"})
    info(f"trial {trial.number} sent no heartbeat for too long (its worker died or hangs): its values run again")


@contextlib.contextmanager
def quiet_heartbeat() -> Iterator[None]:
    """Optuna warns that its heartbeat is experimental and meant for `optimize`; chatkit asks and tells, and
    beats itself (Heartbeat): neither warning is the user's concern."""
    import optuna

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        warnings.filterwarnings("ignore", "Heartbeat of storage")
        yield


def fail_stale(study: Any) -> None:
    """Fail (and rerun) the running trials whose heartbeat is stale, whatever machine ran them."""
    import optuna

    with quiet_heartbeat():
        optuna.storages.fail_stale_trials(study)


class Heartbeat:
    """Records a running trial's heartbeat in the storage every interval, from a thread, until stopped."""

    def __init__(self, storage: Any, trial_id: int) -> None:
        import threading

        self.storage, self.trial_id = storage, trial_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{trial_id}", daemon=True)

    def _beat(self) -> None:
        interval = self.storage.get_heartbeat_interval()
        while True:
            try:
                self.storage.record_heartbeat(self.trial_id)
            except Exception as e:  # the database went away: the trial goes on; a worker will judge it stale
                warn(f"heartbeat of trial id {self.trial_id} not recorded: {_one_line(e)}")
            if self.stop.wait(interval):
                return

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def load_study(recipe: Recipe, storage: Any, name: str) -> Any:
    """Create the study, or load it to resume; refuse one made with another search space or direction."""
    import optuna

    cfg = recipe.tune
    direction = "maximize" if cfg.objective.maximize else "minimize"
    study = optuna.create_study(storage=storage, study_name=name, direction=direction, load_if_exists=True,
                                sampler=make_sampler(cfg, cfg.seed), pruner=make_pruner(cfg))
    signature = {"space": {k: v.model_dump(mode="json") for k, v in cfg.space.items()},
                 "metric": cfg.objective.metric, "direction": direction}
    held = study.user_attrs.get("signature")
    if held is None:
        study.set_user_attr("signature", signature)
    elif held != signature:
        raise ChatkitError(
            f"study '{name}' in this storage was made with another tune.space or objective",
            "pass --study NEW_NAME (or --out another folder), or restore the tune section it was made with",
        )
    return study


def _one_line(e: BaseException) -> str:
    if isinstance(e, ChatkitError):
        return str(e).splitlines()[0] if str(e) else "error"
    first = (str(e).strip().splitlines() or [""])[0]
    return f"{type(e).__name__}: {first}"[:300]


def keep_best(study: Any, trials_dir: Path, keep: int | None, maximize: bool) -> None:
    """Delete the run folders of finished trials outside the `keep` best (running ones are never touched)."""
    from optuna.trial import TrialState

    if keep is None:
        return
    trials = study.get_trials(deepcopy=False)
    complete = sorted((t for t in trials if t.state == TrialState.COMPLETE), key=lambda t: t.value,
                      reverse=maximize)
    kept = {t.number for t in complete[:keep]}
    for t in trials:
        if t.state.is_finished() and t.number not in kept:
            shutil.rmtree(trials_dir / trial_folder(t.number), ignore_errors=True)


def trial_folder(number: int) -> str:
    return f"{number:04d}"


def write_best_recipe(recipe: Recipe, best: Any, path: Path, study: str, metric: str) -> None:
    """The base recipe with the best trial's values, tune section dropped, ready for `chatkit train`."""
    import yaml

    from kit.runfolder import write_atomic
    from kit.tune.space import with_values

    resolved = with_values(recipe, dict(best.params), f"best trial {best.number}")
    body = yaml.safe_dump(resolved.model_dump(mode="json", exclude={"tune"}), sort_keys=False, allow_unicode=True)
    values = ", ".join(f"{k}={v!r}" for k, v in best.params.items())
    header = (f"# Best trial {best.number} of study '{study}': {metric} {best.value:.6g} with {values}.\n"
              f"# Train it with: chatkit train {path}\n")
    write_atomic(path, header + body)


def run_study(
    recipe: Recipe,
    source: str,
    trials: int | None = None,
    timeout_s: float | None = None,
    storage_url: str | None = None,
    study_name: str | None = None,
    out: str | None = None,
) -> TuneResult:
    """Run (or resume, or join) the recipe's study until it holds `trials` finished trials or time is up.

    Raises:
        ChatkitError: an empty space, a bound that makes no valid recipe, a missing dev split, a storage
            that cannot be opened, a study made with another space; all before any training.
    """
    import optuna

    from kit.train.sft import check
    from kit.tune.objective import check_objective
    from kit.tune.progress import TrialProgress
    from kit.tune.space import check_bounds

    cfg = recipe.tune
    if not cfg.space:
        raise ChatkitError(f"{source}: tune.space is empty: nothing to search",
                           "add e.g. tune.space: {train.learning_rate: {type: loguniform, low: 1.0e-4, high: 1.0e-2}}")
    if recipe.train.launcher.processes > 1:
        raise ChatkitError(f"{source}: tune trains each trial in one process (train.launcher.processes > 1)",
                           "run more `chatkit tune` workers on one storage instead")
    check_bounds(recipe, cfg.space, source)
    target = trials or cfg.trials
    budget = timeout_s if timeout_s is not None else cfg.timeout_s
    folder = Path(out or cfg.out or f"{recipe.train.output_dir}-tune")
    folder.mkdir(parents=True, exist_ok=True)
    dev_file = check_objective(recipe, cfg.objective, folder)
    checked = check(recipe, quiet=True, explain=False)  # data, model and template before any trial
    if cfg.objective.metric == "val_loss" and not checked.data.val:
        raise ChatkitError(f"{checked.data.folder}/val.jsonl is missing or empty: a val_loss objective needs it",
                           "prepare with a val split, or set tune.objective.metric to a compare metric")
    url = storage_url or cfg.storage or f"sqlite:///{(folder / STORAGE_FILE).resolve()}"
    optuna.logging.set_verbosity(optuna.logging.WARNING)  # our own line per trial replaces Optuna's
    name = study_name or cfg.study or recipe.name
    with claim(folder):  # workers starting together must not both create the tables and the study
        storage, lock = open_storage(url, cfg.heartbeat_s, cfg.stale_after_s)
        with lock.hold():
            study = load_study(recipe, storage, name)
    study_id = storage.get_study_id_from_name(name)
    trials_dir = folder / "trials"
    maximize = cfg.objective.maximize
    started = time.monotonic()
    info(f"study '{name}' in {shown_url(url)}: {cfg.objective.metric} "
         f"({'maximize' if maximize else 'minimize'}), {target} trials")
    with TrialProgress(target, tally(study)[0]) as bar:
        while True:
            if budget is not None and time.monotonic() - started > budget:
                info(f"time budget of {budget:g} s spent: no new trial starts")
                break
            with claim(folder, lock):
                recover_interrupted(study, storage)
                fail_stale(study)
                for values in cfg.enqueue:
                    study.enqueue_trial(values, skip_if_exists=True)
                done, running, _ = tally(study)
                if done + running >= target:
                    break
                study.sampler = make_sampler(cfg, cfg.seed + len(study.get_trials(deepcopy=False)))
                with quiet_heartbeat():
                    trial = study.ask()
                trial.set_user_attr("worker", worker_id())
            run_dir = trials_dir / trial_folder(trial.number)
            trial.set_user_attr("run_dir", str(run_dir))
            trial_id = storage.get_trial_id_from_study_id_trial_number(study_id, trial.number)
            try:
                with Heartbeat(storage, trial_id):
                    line = _run_and_tell(study, trial, recipe, cfg, run_dir, dev_file)
            except optuna.exceptions.UpdateFinishedTrialError:
                line = "failed by another worker (no heartbeat for too long); its values run again there"
                warn(f"trial {trial.number} {line}")
            shutil.rmtree(run_dir / "checkpoints", ignore_errors=True)  # finished: nothing will resume it
            keep_best(study, trials_dir, cfg.keep, maximize)
            bar.advance(tally(study)[0], f"trial {trial.number}: {line}")
    return finish(recipe, study, folder, url)


def _run_and_tell(study: Any, trial: Any, recipe: Recipe, cfg: TuneConfig, run_dir: Path,
                  dev_file: Path | None) -> str:
    """Train one trial and tell the storage how it ended; the progress line."""
    import optuna

    from kit.tune.objective import Pruned, run_trial
    from kit.tune.space import sample, with_values

    try:
        values = sample(trial, cfg.space)
        drawn = with_values(recipe, {**values, "train.output_dir": str(run_dir)}, f"trial {trial.number}")
        value = run_trial(drawn, run_dir, trial, cfg.objective, dev_file)
        if not math.isfinite(value):
            raise ChatkitError(f"{cfg.objective.metric} is {value} (the training diverged)")
    except Pruned as p:
        trial.set_user_attr("pruned_at", p.step)
        study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        return f"pruned at step {p.step}"
    except KeyboardInterrupt:
        trial.set_user_attr("interrupted", True)
        trial.set_user_attr("error", "interrupted (Ctrl-C); its values run again on resume")
        study.enqueue_trial(trial.params, user_attrs={"retry_of": trial.number})
        study.tell(trial, state=optuna.trial.TrialState.FAIL)
        raise
    except optuna.exceptions.UpdateFinishedTrialError:
        raise  # another worker failed it (stale heartbeat) while it ran
    except Exception as e:  # a crashed trial is recorded with its error; the study goes on
        trial.set_user_attr("error", _one_line(e))
        study.tell(trial, state=optuna.trial.TrialState.FAIL)
        line = f"failed: {_one_line(e)}"
        warn(f"trial {trial.number} {line}")
        return line
    study.tell(trial, value)
    return f"{cfg.objective.metric} {value:.4f}"


def finish(recipe: Recipe, study: Any, folder: Path, url: str) -> TuneResult:
    """Best recipe (when a trial completed) and the study report, from everything in the storage."""
    from kit.tune.report import write_reports

    best = None
    best_path: Path | None = None
    try:
        trial = study.best_trial
    except ValueError:  # no completed trial yet
        trial = None
    if trial is not None:
        best_path = folder / BEST_RECIPE
        write_best_recipe(recipe, trial, best_path, study.study_name, recipe.tune.objective.metric)
        best = {"number": trial.number, "value": trial.value, "params": dict(trial.params)}
    reports = write_reports(study, folder, recipe.tune.objective.metric, shown_url(url))
    return TuneResult(folder, study.study_name, shown_url(url), tally(study)[2], best, best_path, reports)


def summary_json(result: TuneResult) -> str:
    return json.dumps({"study": result.study, "storage": result.storage, "out": str(result.out),
                       "trials": result.counts, "best": result.best,
                       "best_recipe": str(result.best_recipe) if result.best_recipe else None,
                       "report": {k: str(v) for k, v in result.reports.items()}}, indent=1, ensure_ascii=False)
