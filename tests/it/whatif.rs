//! What-if runs: inheritance and sweeps (with their errors), byte-identical output whatever
//! `--jobs`, a failing variant beside passing ones, `compare` and `diff`.

use crate::common::{root, rotaplan, tree};
use std::fs;
use std::path::Path;

#[test]
fn shipped_what_if_has_its_variants_and_sweep() {
    let vs =
        rotaplan::scenario::load_variants(&root().join("scenarios/province/what-if.yaml")).unwrap();
    let names: Vec<&str> = vs.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names.len(), 1 + 7 + 9, "{names:?}");
    assert_eq!(names[0], "base");
    assert!(names.contains(&"weights.staffing=20,max_departures_per_unit=3"));
    let by = |n: &str| &vs.iter().find(|v| v.name == n).unwrap().scenario;
    // Inherited from province.yaml: tables, pins, forbids, the first extra seat.
    let base = by("base");
    assert_eq!(base.cadres.len(), 240);
    assert_eq!(base.pins.len(), 1);
    assert_eq!(base.extra_seats.len(), 1);
    // `extra_seats+:` appends; other variants keep the inherited list.
    assert_eq!(by("them-ba-ghe").extra_seats.len(), 4);
    assert_eq!(by("them-ba-ghe").weights.extra_seat, 30.0);
    // A deep merge: only the named training points change.
    let w = &by("vung-kho-gap-doi").weights;
    assert_eq!(
        (
            w.training_points.difficult_area,
            w.training_points.grassroots,
            w.training_points.new_tier
        ),
        (4.0, 4.0, 2.0)
    );
    assert_eq!(by("moi-don-vi-mot-nguoi").max_departures_per_unit, 1);
    assert_eq!(by("phuc-vu-60-thang").rules.min_service_months, 60);
    // Tables read the same way are parsed once and shared, not copied per variant.
    for v in &vs[1..] {
        assert!(
            std::sync::Arc::ptr_eq(&base.cadres, &v.scenario.cadres),
            "{} copies cadres",
            v.name
        );
        assert!(
            std::sync::Arc::ptr_eq(&base.posts, &v.scenario.posts),
            "{} copies posts",
            v.name
        );
        assert!(
            std::sync::Arc::ptr_eq(&base.units, &v.scenario.units),
            "{} copies units",
            v.name
        );
    }
    let s = by("weights.staffing=5,max_departures_per_unit=3");
    assert_eq!((s.weights.staffing, s.max_departures_per_unit), (5.0, 3));
    assert!(
        s.name
            .ends_with("[weights.staffing=5,max_departures_per_unit=3]")
    );
}

#[test]
fn extends_resolves_paths_against_each_files_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("what");
    fs::create_dir(&sub).unwrap();
    let tut = root().join("scenarios/tutorial/tutorial.yaml");
    fs::write(
        sub.join("child.yaml"),
        format!(
            "extends: {}\nmax_departures_per_unit: 1\npins+:\n  - {{cadre: C13, post: VT01}}\nallow_outside_paths: true\n",
            tut.display()
        ),
    )
    .unwrap();
    let sc = rotaplan::scenario::load(&sub.join("child.yaml")).unwrap();
    assert_eq!(sc.max_departures_per_unit, 1);
    assert_eq!(sc.cadres.len(), 14);
    assert_eq!(sc.pins.len(), 1);
}

#[test]
fn a_variant_that_reads_a_table_differently_gets_its_own_copy() {
    let dir = tempfile::tempdir().unwrap();
    let tut = root().join("scenarios/tutorial/tutorial.yaml");
    let file = dir.path().join("w.yaml");
    fs::write(
        &file,
        format!("extends: {}\nvariants:\n  later:\n    plan_date: 2027-03-01\n  titles:\n    rules: {{ not_local_titles: [Bí thư] }}\nallow_outside_paths: true\n", tut.display()),
    )
    .unwrap();
    let vs = rotaplan::scenario::load_variants(&file).unwrap();
    let (base, later, titles) = (&vs[0].scenario, &vs[1].scenario, &vs[2].scenario);
    // plan_date is checked against birth dates: cadres parsed again; posts and units shared.
    assert!(!std::sync::Arc::ptr_eq(&base.cadres, &later.cadres));
    assert!(std::sync::Arc::ptr_eq(&base.posts, &later.posts));
    // not_local_titles derives posts' not_local: posts parsed again.
    assert!(!std::sync::Arc::ptr_eq(&base.posts, &titles.posts));
    assert!(std::sync::Arc::ptr_eq(&base.cadres, &titles.cadres));
}

#[test]
fn missing_base_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("s.yaml"), "extends: nowhere.yaml\n").unwrap();
    let e = rotaplan::scenario::load(&dir.path().join("s.yaml")).unwrap_err();
    let d = &e.diagnostics[0];
    assert_eq!(d.code, "E1001");
    assert_eq!(d.field, "extends");
    assert_eq!(d.line, Some(1));
}

/// A base that is no scenario (a CSV, a list, a number) was merged away in silence, and the file
/// was valid as if it extended nothing.
#[test]
fn a_base_that_is_no_scenario_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    for (base, what) in [
        ("id,name\nU1,A\n", "a text"),
        ("- a\n- b\n", "a list"),
        ("42\n", "a number"),
    ] {
        fs::write(dir.path().join("base.yaml"), base).unwrap();
        fs::write(dir.path().join("s.yaml"), "name: x\nextends: base.yaml\n").unwrap();
        let e = rotaplan::scenario::load(&dir.path().join("s.yaml")).unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(
            (d.code, d.field.as_str(), d.line),
            ("E1004", "extends", Some(2))
        );
        let text = e.to_string();
        assert!(
            text.contains("base.yaml, which holds") && text.contains("not a scenario's keys"),
            "{what}: {text}"
        );
    }
}

#[test]
fn runs_are_byte_identical_whatever_the_jobs() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let run = |out: &Path, jobs: &str| {
        let o = rotaplan()
            .args([
                "run",
                "scenarios/province/what-if.yaml",
                "--quiet",
                "--jobs",
                jobs,
                "--out",
            ])
            .arg(out)
            .output()
            .unwrap();
        crate::common::exits(&o, 0);
        String::from_utf8(o.stdout)
            .unwrap()
            .replace(&out.display().to_string(), "OUT")
    };
    let (sa, sb) = (run(a.path(), "1"), run(b.path(), "2"));
    assert_eq!(sa, sb);
    let strip = |t: Vec<(String, Vec<u8>)>| {
        t.into_iter()
            .filter(|(n, _)| n != "timings.csv")
            .collect::<Vec<_>>()
    };
    let (ta, tb) = (strip(tree(a.path())), strip(tree(b.path())));
    assert_eq!(
        ta.len(),
        17 * 7 + 5 + 1,
        "the files of `plan` for 17 scenarios (with plan.xlsx and committee.html), 5 comparison files (with comparison.xlsx) and the list of the set written ({:?})",
        ta.iter()
            .filter(|(n, _)| n.ends_with(".rotaplan-set"))
            .map(|(n, _)| n)
            .collect::<Vec<_>>()
    );
    for f in ["plan.xlsx", "committee.html", "plan.html"] {
        let n = ta
            .iter()
            .filter(|(n, _)| n.ends_with(&format!("/{f}")))
            .count();
        assert_eq!(n, 17, "{f} in every scenario's folder");
    }
    assert!(ta.iter().any(|(n, _)| n == "comparison.xlsx"));
    assert!(ta == tb, "outputs differ between --jobs 1 and --jobs 2");
}

#[test]
fn a_failing_variant_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let tut = root().join("scenarios/tutorial/tutorial.yaml");
    let file = dir.path().join("w.yaml");
    fs::write(
        &file,
        format!(
            "extends: {}\nvariants:\n  broken:\n    targets: {{ women: 2 }}\n  tight:\n    max_departures_per_unit: 1\n  impossible:\n    pins: [{{cadre: C03, post: VT06}}]\nallow_outside_paths: true\n",
            tut.display()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = rotaplan()
        .args(["run", "--quiet", "--out"])
        .arg(&out)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("4 scenario(s): 2 planned, 2 failed or infeasible"),
        "{stdout}"
    );
    assert!(out.join("w/base/plan.json").exists());
    assert!(out.join("w/tight/plan.json").exists());
    let err = fs::read_to_string(out.join("w/broken/error.txt")).unwrap();
    assert!(
        err.contains("E1005") && err.contains("targets.women"),
        "{err}"
    );
    let j: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("w/impossible/plan.json")).unwrap())
            .unwrap();
    assert_eq!(j["solver"]["status"], "infeasible");
}

#[test]
fn sweep_above_its_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let tut = root().join("scenarios/tutorial/tutorial.yaml");
    let file = dir.path().join("w.yaml");
    fs::write(&file, format!("extends: {}\nsweep_limit: 3\nsweep:\n  weights.fit: [1, 2]\n  weights.training: [1, 2]\nallow_outside_paths: true\n", tut.display())).unwrap();
    let o = rotaplan()
        .args(["run", "--quiet", "--out"])
        .arg(dir.path().join("o"))
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("E1014"));
}

fn plan_json(path: &Path, assignments: &[(&str, &str)], objective: f64) {
    let a: Vec<serde_json::Value> = assignments
        .iter()
        .map(|(c, p)| serde_json::json!({"cadre_id": c, "cadre_name": format!("Name {c}"), "post_id": p, "post_title": format!("Title {p}")}))
        .collect();
    let v = serde_json::json!({
        "scenario": "hand-made",
        "solver": {"status": "optimal", "objective": objective},
        "kpis": {"posts_filled": assignments.len(), "moves": assignments.len()},
        "assignments": a,
    });
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, serde_json::to_string(&v).unwrap()).unwrap();
}

#[test]
fn diff_of_hand_made_plans_speaks_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("a/plan.json"),
        dir.path().join("b/plan.json"),
    );
    plan_json(&a, &[("C1", "P1"), ("C2", "P2"), ("C3", "P3")], 100.0);
    plan_json(&b, &[("C1", "P4"), ("C2", "P2"), ("C4", "P3")], 120.0);
    let o = rotaplan()
        .arg("diff")
        .arg(&a)
        .arg(dir.path().join("b"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).unwrap();
    for want in [
        "Cadres placed differently (3)",
        "C1 Name C1: P1 Title P1 in A, P4 Title P4 in B",
        "C3 Name C3: moves to P3 Title P3 in A, stays in B",
        "C4 Name C4: stays in A, moves to P3 Title P3 in B",
        "Posts filled in B but empty in A (1):\n  P4 Title P4",
        "Posts filled in A but empty in B (1):\n  P1 Title P1",
        "objective: 100 → 120 (+20)",
    ] {
        assert!(s.contains(want), "missing {want:?} in\n{s}");
    }
    let same = rotaplan().arg("diff").arg(&a).arg(&a).output().unwrap();
    assert!(String::from_utf8_lossy(&same.stdout).contains("the two plans are the same"));
}

#[test]
fn compare_reads_plans_written_earlier_and_marks_the_best() {
    let dir = tempfile::tempdir().unwrap();
    plan_json(&dir.path().join("x/plan.json"), &[("C1", "P1")], 10.0);
    plan_json(
        &dir.path().join("y/plan.json"),
        &[("C1", "P1"), ("C2", "P2")],
        20.0,
    );
    let o = rotaplan()
        .args(["compare", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].starts_with("plan,group,weights,status,objective,gap_pct,posts_filled"));
    assert_eq!(lines.len(), 3);
    let md = rotaplan()
        .args(["compare", "--format", "markdown"])
        .arg(dir.path())
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    // Plans read from files do not say their weights: their KPIs are marked (two posts filled is
    // best), their objectives are not.
    assert!(md.contains("| 2 * |"), "{md}");
    assert!(
        !md.contains("| 20 * |") && md.contains("not marked"),
        "{md}"
    );
    let bad = rotaplan()
        .args(["compare"])
        .arg(dir.path().join("nothing"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
}

/// The assignments of a plan.csv, as (cadre_id, post_id), sorted.
fn plan_pairs(csv: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(csv).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let (c, p) = (col("cadre_id"), col("post_id"));
    let mut out: Vec<(String, String)> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[c].to_string(), f[p].to_string())
        })
        .collect();
    out.sort();
    out
}

/// `baseline:` steers the plan (issue 9, defect 2: the stability term was never in the objective).
/// A feasible plan made under other weights becomes the baseline; with a heavy stability weight the
/// plan is that baseline exactly, and with the default weight it keeps more of it than without.
#[test]
fn a_heavy_stability_weight_returns_a_feasible_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let province = root().join("scenarios/province/province.yaml");
    let scenario = |name: &str, extra: &str| {
        let p = d.join(format!("{name}.yaml"));
        fs::write(
            &p,
            format!(
                "extends: {}\nname: {name}\n{extra}allow_outside_paths: true\n",
                province.display()
            ),
        )
        .unwrap();
        p
    };
    let plan = |yaml: &Path, out: &str| {
        rotaplan()
            .args(["-q", "plan"])
            .arg(yaml)
            .arg("--out")
            .arg(d.join(out))
            .assert()
            .success();
        plan_pairs(&d.join(out).join("plan.csv"))
    };
    let optimum = plan(&scenario("optimum", ""), "optimum");
    // Another feasible plan: rotaplan's own under other weights, so it passes every rule.
    let other = plan(
        &scenario(
            "other",
            "weights: { staffing: 2, fit: 30, disruption: 1 }\n",
        ),
        "other",
    );
    let changed = optimum.iter().filter(|x| !other.contains(x)).count();
    assert!(
        changed >= 10,
        "the baseline differs in only {changed} pairs"
    );
    let baseline = d.join("other/plan.csv");
    let steered = plan(
        &scenario(
            "steered",
            &format!(
                "baseline: {}\nweights: {{ stability: 10000 }}\n",
                baseline.display()
            ),
        ),
        "steered",
    );
    assert_eq!(steered, other);
    // The default weight (20 per change) keeps part of the baseline: more than the optimum does.
    let mild = plan(
        &scenario("mild", &format!("baseline: {}\n", baseline.display())),
        "mild",
    );
    let kept = |p: &[(String, String)]| p.iter().filter(|x| other.contains(x)).count();
    assert!(
        kept(&mild) > kept(&optimum),
        "kept {} with a baseline, {} without",
        kept(&mild),
        kept(&optimum)
    );
    // The term is reported: plan.csv's stability column is +1 on every kept pair.
    let text = fs::read_to_string(d.join("steered/plan.csv")).unwrap();
    assert!(text.lines().next().unwrap().contains(",stability,"));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("steered/plan.json")).unwrap()).unwrap();
    assert_eq!(
        json["objective"]["terms"]["stability"].as_f64(),
        Some(other.len() as f64)
    );
    // plan.md's table (as the terminal's) has the stability column its scores include.
    let md = fs::read_to_string(d.join("steered/plan.md")).unwrap();
    assert!(
        md.contains("| staffing | training | fit | stability | score |"),
        "{md}"
    );
}

/// A run shares tables and candidates between variants (and the HiGHS options of a solve with a
/// start); each variant's plan must still be the one `plan` gives for that variant alone.
#[test]
fn shared_variants_plan_as_if_alone() {
    struct Quiet;
    impl rotaplan::runs::parallel::Progress for Quiet {
        fn started(&self, _: usize, _: &str) {}
        fn finished(&self, _: usize, _: &rotaplan::runs::parallel::Finished) {}
    }
    let file = root().join("scenarios/province/what-if.yaml");
    let jobs = rotaplan::runs::parallel::jobs(std::slice::from_ref(&file));
    let run = rotaplan::runs::parallel::run(&jobs, 1, &Quiet);
    assert_eq!(run.len(), 17);
    let comparable = |p: &rotaplan::plan::Plan| {
        let mut v = serde_json::to_value(p).unwrap();
        let solver = v["solver"].as_object_mut().unwrap();
        solver.remove("build_s");
        solver.remove("solve_s");
        v
    };
    let mut reused = 0;
    for (job, done) in jobs.iter().zip(&run) {
        let sc = job.scenario.as_ref().unwrap();
        let shared = match &done.outcome {
            rotaplan::runs::parallel::Outcome::Planned(p) => p,
            rotaplan::runs::parallel::Outcome::Failed(e) => panic!("{}: {e}", done.name),
            rotaplan::runs::parallel::Outcome::Programmed(_) => {
                panic!("{}: no programme", done.name)
            }
        };
        let alone = rotaplan::plan_scenario(sc);
        assert!(alone.violations.is_empty(), "{}", done.name);
        assert_eq!(
            comparable(shared),
            comparable(&alone.plan),
            "{}: the run's plan differs from planning it alone",
            done.name
        );
        reused += usize::from(
            rotaplan::rules::candidates::eligibility_key(sc)
                == rotaplan::rules::candidates::eligibility_key(jobs[0].scenario.as_ref().unwrap()),
        );
    }
    // Most variants only change weights or caps: they re-score the base's candidates.
    assert!(reused > 10, "{reused} variants share the base's candidates");
}
