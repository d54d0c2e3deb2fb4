#!/usr/bin/env python3
"""rotaplan beside other solvers on the same model.

Exports three instances with `rotaplan plan --export-model` (the shipped province, a generated
region of 2,000 cadres x 700 posts and the national instance of 8,000 x 2,700, seed 7), then solves
each MPS file with HiGHS (highspy), CBC (Debian coinor-cbc), SCIP (pyscipopt) and CP-SAT (OR-Tools,
reading the MPS through model_builder) under the same time limit and one thread each, beside
`rotaplan plan` itself. Prints status, objective, bound and wall time (reading the file included)
per solver, writes the table into docs/performance.md between the `peers` markers, and checks that
the objectives agree wherever two solvers prove optimality (exit 1 if not).

    python3 benches/peers/run.py [--time-limit 60] [--only province,region] [--no-docs]

It installs what it lacks: `pip install highspy pyscipopt ortools`, `apt-get install coinor-cbc`.
rotaplan is `target/release/rotaplan` (built with `cargo build --release` if missing) or $ROTAPLAN.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTANCES = {
    "province": {"scenario": ROOT / "scenarios/province/province.yaml"},
    "region": {"generate": (2000, 700, 7)},
    "national": {"generate": (8000, 2700, 7)},
}
SOLVERS = ["highs", "cbc", "scip", "cpsat"]
BEGIN, END = "<!-- peers:begin -->", "<!-- peers:end -->"


def ensure_tools():
    missing = []
    for mod, pkg in [("highspy", "highspy"), ("pyscipopt", "pyscipopt"), ("ortools", "ortools")]:
        try:
            __import__(mod)
        except ImportError:
            missing.append(pkg)
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)
    if shutil.which("cbc") is None:
        subprocess.run(["apt-get", "install", "-y", "-q", "coinor-cbc"], check=True)


def rotaplan_bin():
    exe = os.environ.get("ROTAPLAN") or str(ROOT / "target/release/rotaplan")
    if not Path(exe).exists():
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    return exe


# --- one solver on one file, in a child process (isolated memory, a hard timeout) -------------


def solve_highs(path, tl):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(tl))
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.readModel(str(path))
    h.run()
    st = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    status = {"Optimal": "optimal", "Time limit reached": "time_limit"}.get(st, st)
    obj = info.objective_function_value if info.primal_solution_status == 2 else None
    bound = info.mip_dual_bound if status != "optimal" else obj
    return status, obj, bound


def solve_cbc(path, tl):
    # CBC ignores OBJSENSE in an MPS file: -maximize says it.
    out = subprocess.run(
        ["cbc", str(path), "-maximize", "-sec", str(tl), "-threads", "1", "-solve"],
        capture_output=True,
        text=True,
    ).stdout
    res = re.search(r"Result - (.*)", out)
    res = res.group(1) if res else "no result"
    obj = re.search(r"Objective value:\s*(\S+)", out)
    obj = float(obj.group(1)) if obj else None
    if res.startswith("Optimal"):
        return "optimal", obj, obj
    status = "time_limit" if "time" in res.lower() else res
    b = re.search(r"Lower bound:\s*(\S+)", out)
    bound = abs(float(b.group(1))) if b else None
    return status, obj, bound


def solve_scip(path, tl):
    import pyscipopt

    m = pyscipopt.Model()
    m.hideOutput()
    m.readProblem(str(path))
    m.setParam("limits/time", float(tl))
    m.setParam("randomization/randomseedshift", 0)
    m.optimize()
    st = m.getStatus()
    status = {"optimal": "optimal", "timelimit": "time_limit"}.get(st, st)
    obj = m.getObjVal() if m.getNSols() > 0 else None
    return status, obj, m.getDualbound()


def solve_cpsat(path, tl):
    from ortools.linear_solver.python import model_builder as mb

    model = mb.Model()
    model.import_from_mps_file(str(path))
    solver = mb.Solver("sat")
    solver.set_time_limit_in_seconds(float(tl))
    solver.set_solver_specific_parameters("num_workers:1")
    st = solver.solve(model)
    status = {
        mb.SolveStatus.OPTIMAL: "optimal",
        mb.SolveStatus.FEASIBLE: "time_limit",
        mb.SolveStatus.INFEASIBLE: "infeasible",
    }.get(st, str(st).split(".")[-1].lower())
    has = st in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE)
    obj = solver.objective_value if has else None
    bound = solver.best_objective_bound if has else None
    return status, obj, bound


def child(solver, path, tl):
    t = time.monotonic()
    try:
        status, obj, bound = globals()["solve_" + solver](path, tl)
    except Exception as e:  # a solver that cannot read or solve the file is a row, not a crash
        status, obj, bound = "error: " + str(e).splitlines()[0][:60], None, None
    print(json.dumps({"status": status, "objective": obj, "bound": bound,
                      "seconds": time.monotonic() - t}))


def run_solver(solver, path, tl):
    t = time.monotonic()
    try:
        p = subprocess.run(
            [sys.executable, __file__, "--child", solver, str(path), str(tl)],
            capture_output=True,
            text=True,
            timeout=tl * 3 + 120,
        )
        line = [l for l in p.stdout.splitlines() if l.startswith("{")]
        if line:
            return json.loads(line[-1])
        err = (p.stderr.strip().splitlines() or ["no output"])[-1]
        return {"status": "error: " + err[:60], "objective": None, "bound": None,
                "seconds": time.monotonic() - t}
    except subprocess.TimeoutExpired:
        return {"status": "killed (no answer)", "objective": None, "bound": None,
                "seconds": time.monotonic() - t}


# --- the instances ------------------------------------------------------------------------------


def instance(name, spec, exe, work):
    if "scenario" in spec:
        return spec["scenario"]
    c, p, seed = spec["generate"]
    out = work / name
    subprocess.run([exe, "-q", "generate", "--cadres", str(c), "--posts", str(p), "--seed",
                    str(seed), "--out", str(out)], check=True)
    return out / "scenario.yaml"


def rotaplan_row(exe, scenario, out, tl):
    t = time.monotonic()
    subprocess.run([exe, "-q", "plan", str(scenario), "--out", str(out), "--time-limit", str(tl),
                    "--format", "json"], check=False, capture_output=True)
    secs = time.monotonic() - t
    s = json.loads((out / "plan.json").read_text())["solver"]
    return {"status": s["status"], "objective": s["objective"], "bound": s["bound"],
            "seconds": secs}


def fmt(x):
    # Solvers say "no bound yet" as inf or 1e20.
    if x is None or x != x or abs(x) >= 1e19:
        return "—"
    return f"{x:,.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=3)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--only", default=",".join(INSTANCES))
    ap.add_argument("--no-docs", action="store_true")
    a = ap.parse_args()
    if a.child:
        return child(a.child[0], Path(a.child[1]), float(a.child[2]))
    ensure_tools()
    exe = rotaplan_bin()
    work = Path(tempfile.mkdtemp(prefix="rotaplan-peers-"))
    rows, bad = [], []
    for name in a.only.split(","):
        scenario = instance(name, INSTANCES[name], exe, work)
        mps = work / f"{name}.mps"
        r = subprocess.run([exe, "-q", "plan", str(scenario), "--out", str(work / f"{name}-x"),
                            "--export-model", str(mps)], capture_output=True, text=True)
        if r.returncode != 0 or not mps.exists():
            print(f"{name}: export failed: {r.stderr.strip()[:200]}", file=sys.stderr)
            continue
        results = {"rotaplan": rotaplan_row(exe, scenario, work / f"{name}-plan", a.time_limit)}
        for s in SOLVERS:
            results[s] = run_solver(s, mps, a.time_limit)
        for s, r in results.items():
            row = (name, s, r["status"], fmt(r["objective"]), fmt(r["bound"]),
                   f"{r['seconds']:.1f} s")
            rows.append(row)
            print(" | ".join(row), flush=True)
        proven = {s: r["objective"] for s, r in results.items()
                  if r["status"] == "optimal" and r["objective"] is not None}
        vals = list(proven.values())
        if vals and any(abs(v - vals[0]) > 1e-6 * max(1.0, abs(vals[0])) for v in vals):
            bad.append(f"{name}: proven optima disagree: {proven}")
        elif len(vals) >= 2:
            print(f"{name}: {len(vals)} proven optima agree ({', '.join(proven)})")
    table = "\n".join(
        [f"Time limit {a.time_limit:g} s, one thread each; wall time includes reading the file.",
         "", "| instance | solver | status | objective | bound | wall |", "|---|---|---|---|---|---|"]
        + ["| " + " | ".join(r) + " |" for r in rows])
    print(table)
    if not a.no_docs:
        doc = ROOT / "docs/performance.md"
        text = doc.read_text()
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            _, tail = rest.split(END, 1)
            doc.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}")
    for b in bad:
        print("DISAGREE " + b, file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main() or 0)
