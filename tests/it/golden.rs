//! Golden files (insta) of what people and programs read: plan.md, plan.csv, unfilled.csv and
//! plan.json of the tutorial and the province, the what-if comparison table, and explain answers.
//! A change in any output is a visible diff in `tests/it/snapshots/`; timings are masked.
//! Update on purpose with `INSTA_UPDATE=always cargo test --release --test it golden` and review.

use crate::common::rotaplan;
use std::fs;
use std::path::Path;

/// plan.json with its clock readings set to 0 (they differ on every run).
fn masked_json(text: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    for k in ["build_s", "solve_s"] {
        if v["solver"].get(k).is_some() {
            v["solver"][k] = 0.into();
        }
    }
    serde_json::to_string_pretty(&v).unwrap()
}

/// Text with the lines that report timings replaced by a marker.
fn masked_text(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.contains(" s (model ") || l.trim_start().starts_with("time ") {
                "[time masked]"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn plan_into(scenario: &str, out: &Path) {
    rotaplan()
        .args(["-q", "plan", scenario, "--out"])
        .arg(out)
        .assert()
        .success();
}

fn snapshot_plan(name: &str, scenario: &str) {
    let dir = tempfile::tempdir().unwrap();
    plan_into(scenario, dir.path());
    let read = |f: &str| fs::read_to_string(dir.path().join(f)).unwrap();
    insta::assert_snapshot!(format!("{name}_plan_md"), masked_text(&read("plan.md")));
    insta::assert_snapshot!(format!("{name}_plan_csv"), read("plan.csv"));
    insta::assert_snapshot!(format!("{name}_unfilled_csv"), read("unfilled.csv"));
    insta::assert_snapshot!(format!("{name}_plan_json"), masked_json(&read("plan.json")));
}

#[test]
fn tutorial_plan_files_are_golden() {
    snapshot_plan("tutorial", "scenarios/tutorial/tutorial.yaml");
}

#[test]
fn province_plan_files_are_golden() {
    snapshot_plan("province", "scenarios/province/province.yaml");
}

#[test]
fn what_if_comparison_is_golden() {
    let dir = tempfile::tempdir().unwrap();
    let out = rotaplan()
        .args([
            "-q",
            "run",
            "scenarios/province/what-if.yaml",
            "--jobs",
            "2",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(
        "what_if_comparison_md",
        fs::read_to_string(dir.path().join("comparison.md")).unwrap()
    );
    // The terminal's table, without the line that names the temporary folder.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let table: Vec<&str> = stdout.lines().filter(|l| !l.contains("written:")).collect();
    insta::assert_snapshot!("what_if_comparison_table", table.join("\n"));
}

#[test]
fn explain_answers_are_golden() {
    let ask = |args: &[&str]| {
        let out = rotaplan().arg("explain").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        masked_text(&String::from_utf8_lossy(&out.stdout))
    };
    insta::assert_snapshot!(
        "explain_tutorial_post_vt03",
        ask(&["scenarios/tutorial/tutorial.yaml", "--post", "VT03"])
    );
    insta::assert_snapshot!(
        "explain_province_cadre_c100",
        ask(&["scenarios/province/province.yaml", "--cadre", "C100"])
    );
}
