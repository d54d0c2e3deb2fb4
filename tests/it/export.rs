//! `plan --export-model`: the model file, read back by HiGHS and solved, has the plan's optimum,
//! and its columns and rows are named after cadre, post and rule group.

use crate::common::{root, rotaplan};
use rotaplan::solve::backend::backend;
use std::path::Path;

/// Run `plan` with extra args; the plan's objective and status.
fn plan(scenario: &Path, out: &Path, extra: &[&str]) -> (f64, String) {
    let mut cmd = rotaplan();
    cmd.arg("plan")
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .arg("--format")
        .arg("json");
    cmd.args(extra);
    let r = cmd.output().unwrap();
    assert!(r.status.success(), "{r:?}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap();
    (
        json["solver"]["objective"].as_f64().unwrap(),
        json["solver"]["status"].as_str().unwrap().to_string(),
    )
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(1.0)
}

#[test]
fn tutorial_model_file_solves_to_the_plans_optimum_with_names() {
    let dir = tempfile::tempdir().unwrap();
    let sc = root().join("scenarios/tutorial/tutorial.yaml");
    for file in ["model.mps", "model.lp"] {
        let path = dir.path().join(file);
        let (z, status) = plan(
            &sc,
            &dir.path().join("out"),
            &["--export-model", path.to_str().unwrap()],
        );
        assert_eq!(status, "optimal");
        let (st, obj) = backend().solve_file(&path, 60.0).unwrap();
        assert_eq!(st, rotaplan::solve::SolveStatus::Optimal, "{file}");
        assert!(same(obj, z), "{file}: file optimum {obj}, plan {z}");
        let text = std::fs::read_to_string(&path).unwrap();
        // C13 → VT01 is in the tutorial's plan (docs/commands.md); U06 is C13's unit.
        for name in ["x_C13_VT01", "seats_VT01", "cadre_C13"] {
            assert!(text.contains(name), "{file} has no {name}");
        }
        // No temporary file is left beside it.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("tmp-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[test]
fn restricted_model_after_pricing_is_smaller_and_has_the_same_optimum() {
    let dir = tempfile::tempdir().unwrap();
    let gen_dir = dir.path().join("gen");
    // About 40,000 candidate pairs: above the pricing threshold (30,000).
    let r = rotaplan()
        .args([
            "generate", "--cadres", "1100", "--posts", "380", "--seed", "5",
        ])
        .arg("--out")
        .arg(&gen_dir)
        .output()
        .unwrap();
    assert!(r.status.success(), "{r:?}");
    let sc = gen_dir.join("scenario.yaml");
    let full = dir.path().join("full.mps");
    let restricted = dir.path().join("restricted.mps");
    let (z, status) = plan(
        &sc,
        &dir.path().join("out1"),
        &["--export-model", full.to_str().unwrap()],
    );
    let (z2, _) = plan(
        &sc,
        &dir.path().join("out2"),
        &[
            "--export-model",
            restricted.to_str().unwrap(),
            "--restricted",
        ],
    );
    assert_eq!(z, z2);
    let cols = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .filter(|l| l.trim_start().starts_with("x_"))
            .map(|l| l.split_whitespace().next().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (cf, cr) = (cols(&full), cols(&restricted));
    assert!(cf.len() > 30_000, "{}", cf.len());
    assert!(
        cr.len() < cf.len() && cr.is_subset(&cf),
        "{} {}",
        cr.len(),
        cf.len()
    );
    if status == "optimal" {
        for p in [&full, &restricted] {
            let (st, obj) = backend().solve_file(p, 120.0).unwrap();
            if st == rotaplan::solve::SolveStatus::Optimal {
                assert!(
                    same(obj, z),
                    "{}: file optimum {obj}, plan {z}",
                    p.display()
                );
            }
        }
    }
}

#[test]
fn export_needs_an_mps_or_lp_file() {
    let dir = tempfile::tempdir().unwrap();
    let r = rotaplan()
        .arg("plan")
        .arg(root().join("scenarios/tutorial/tutorial.yaml"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--export-model")
        .arg(dir.path().join("model.txt"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1), "{r:?}");
    assert!(
        String::from_utf8_lossy(&r.stderr).contains(".mps or .lp"),
        "{r:?}"
    );
    let r = rotaplan()
        .args(["plan", "x.yaml", "--restricted"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1), "--restricted alone: {r:?}");
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("--export-model"),
        "{r:?}"
    );
}
