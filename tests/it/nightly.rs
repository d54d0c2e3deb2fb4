//! Nightly batch: a broken scenario beside good ones, resume after SIGKILL, shards merged equal an
//! unsharded run.

use crate::common::{root, rotaplan, tree};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The only run folder under `out`.
fn run_dir(out: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].clone()
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap()
}

/// Every plan.csv under a run folder, by relative path.
fn plans(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with("plan.csv"))
        .collect()
}

#[test]
fn a_broken_scenario_is_recorded_and_the_rest_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("nightly.txt");
    fs::write(tmp.path().join("broken.yaml"), "plan_date: 2027-02-30\n").unwrap();
    fs::write(
        &list,
        format!(
            "# tonight\n{}\n{}\nbroken.yaml\n",
            root().join("scenarios/tutorial/tutorial.yaml").display(),
            root().join("scenarios/province/province.yaml").display()
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = rotaplan()
        .args(["batch", "-q", "--out"])
        .arg(&out)
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("3 scenario(s): 2 proven, 0 with an unproven plan, 1 failed"),
        "{stdout}"
    );
    let dir = run_dir(&out);
    let m = manifest(&dir);
    let entries = m["scenarios"].as_array().unwrap();
    let broken = entries.iter().find(|e| e["name"] == "broken/base").unwrap();
    assert_eq!(broken["status"], "failed");
    assert!(broken["error"].as_str().unwrap().contains("E1011"));
    let tut = entries
        .iter()
        .find(|e| e["name"] == "tutorial/base")
        .unwrap();
    assert_eq!(tut["status"], "optimal");
    assert_eq!(
        tut["inputs"].as_array().unwrap().len(),
        4,
        "yaml + 3 tables"
    );
    assert_eq!(tut["inputs_hash"].as_str().unwrap().len(), 64);
    for o in tut["outputs"].as_array().unwrap() {
        assert!(dir.join(o.as_str().unwrap()).is_file());
    }
    let summary = fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(summary.contains("| broken/base | failed |") && summary.contains("# Comparison"));
}

/// A scenario with enough variants that a batch takes a few seconds at --jobs 1.
fn slow_scenario(dir: &Path) -> PathBuf {
    let g = rotaplan()
        .args([
            "generate", "--cadres", "1500", "--posts", "500", "--seed", "5", "--out",
        ])
        .arg(dir.join("gen"))
        .output()
        .unwrap();
    assert!(g.status.success());
    let f = dir.join("many.yaml");
    fs::write(
        &f,
        "extends: gen/scenario.yaml\nsweep:\n  weights.fit: [1, 2, 3, 4, 5, 6, 7, 8]\n",
    )
    .unwrap();
    f
}

#[test]
fn resume_after_sigkill_finishes_the_work() {
    let tmp = tempfile::tempdir().unwrap();
    let f = slow_scenario(tmp.path());
    let bin = assert_cmd::cargo::cargo_bin("rotaplan");
    let out = tmp.path().join("out");
    let mut child = std::process::Command::new(&bin)
        .args(["batch", "-q", "--jobs", "1", "--out"])
        .arg(&out)
        .arg(&f)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once two scenarios are done (or give up waiting after 60 s and kill anyway).
    let t = Instant::now();
    loop {
        let done = fs::read_dir(&out)
            .ok()
            .and_then(|mut d| d.next())
            .map(|e| e.unwrap().path())
            .map_or(0, |d| {
                fs::read_dir(d.join("many")).map_or(0, |r| {
                    r.flatten()
                        .filter(|e| e.path().join("done.json").exists())
                        .count()
                })
            });
        if done >= 2 || t.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let dir = run_dir(&out);
    assert!(
        !dir.join("manifest.json").exists(),
        "killed before the end: no manifest"
    );

    let o = std::process::Command::new(&bin)
        .args(["batch", "-q", "--jobs", "1", "--resume", "--out"])
        .arg(&out)
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(run_dir(&out), dir, "resume continues the same run folder");
    let m = manifest(&dir);
    assert_eq!(m["status"], "complete");
    let entries = m["scenarios"].as_array().unwrap();
    assert_eq!(entries.len(), 9);
    assert!(
        entries.iter().any(|e| e["reused"] == true),
        "scenarios done before the kill are reused"
    );
    assert!(
        entries
            .iter()
            .all(|e| e["status"] == "optimal" || e["status"] == "gap_limit"),
        "{entries:?}"
    );

    // The same plans as an uninterrupted run.
    let clean = tmp.path().join("clean");
    let o = std::process::Command::new(&bin)
        .args(["batch", "-q", "--out"])
        .arg(&clean)
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(plans(&dir), plans(&run_dir(&clean)));
}

#[test]
fn shards_merged_equal_an_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let what_if = root().join("scenarios/province/what-if.yaml");
    let run = |out: &Path, extra: &[&str]| {
        let o = rotaplan()
            .args(["batch", "-q", "--out"])
            .arg(out)
            .args(extra)
            .arg(&what_if)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        run_dir(out)
    };
    let whole = run(&tmp.path().join("whole"), &[]);
    let s1 = run(&tmp.path().join("s1"), &["--shard", "1/2"]);
    let s2 = run(&tmp.path().join("s2"), &["--shard", "2/2"]);
    let merged = tmp.path().join("merged");
    let o = rotaplan()
        .args(["batch", "merge", "--out"])
        .arg(&merged)
        .arg(&s1)
        .arg(&s2)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let names = |m: &serde_json::Value| -> Vec<(String, String, String)> {
        m["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["name"].to_string(),
                    e["status"].to_string(),
                    e["inputs_hash"].to_string(),
                )
            })
            .collect()
    };
    let (mw, mm) = (manifest(&whole), manifest(&merged));
    assert_eq!(names(&mw).len(), 17);
    assert_eq!(names(&mw), names(&mm));
    let n1 = manifest(&s1)["scenarios"].as_array().unwrap().len();
    assert!(n1 > 0 && n1 < 17);
    assert_eq!(plans(&whole), plans(&merged));
}

#[test]
fn the_morning_page_says_what_changed_since_the_previous_run() {
    let tmp = tempfile::tempdir().unwrap();
    let tut = root().join("scenarios/tutorial/tutorial.yaml");
    let f = tmp.path().join("tonight.yaml");
    let out = tmp.path().join("out");
    let run = |yaml: String| {
        fs::write(&f, yaml).unwrap();
        let o = rotaplan()
            .args(["batch", "-q", "--out"])
            .arg(&out)
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run(format!("extends: {}\n", tut.display()));
    run(format!(
        "extends: {}\nmax_departures_per_unit: 1\n",
        tut.display()
    ));
    let mut runs: Vec<PathBuf> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    runs.sort();
    assert_eq!(
        runs.len(),
        2,
        "a second run the same day gets its own folder"
    );
    let md = fs::read_to_string(runs[1].join("summary.md")).unwrap();
    let first = runs[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(md.contains(&format!("## Changes since {first}")), "{md}");
    assert!(
        md.contains("- tonight/base: ") && md.contains("placed differently"),
        "{md}"
    );
    let html = fs::read_to_string(runs[1].join("summary.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<table>")
            && html.contains("Changes since")
    );
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "self-contained, no script or network"
    );
}
