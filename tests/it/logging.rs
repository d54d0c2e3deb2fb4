//! Logs: `--log-format json` gives one JSON object per line on stderr with the batch's events,
//! `-q` leaves only warnings and errors, `-v` shows the solver's debug events, and logs never reach
//! stdout or an output file.

use crate::common::{root, rotaplan, tree};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every line of stderr as JSON; fails on a line that is not.
fn json_lines(stderr: &[u8]) -> Vec<Value> {
    let all = text(stderr);
    all.lines()
        .map(|l| {
            serde_json::from_str::<Value>(l)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {l:?}\n{all}"))
        })
        .collect()
}

fn message(e: &Value) -> &str {
    e["fields"]["message"].as_str().unwrap_or("")
}

/// A list file naming the tutorial, the province and a broken scenario.
fn nightly_list(dir: &Path) -> PathBuf {
    fs::write(dir.join("broken.yaml"), "plan_date: 2027-02-30\n").unwrap();
    let list = dir.join("nightly.txt");
    fs::write(
        &list,
        format!(
            "{}\n{}\nbroken.yaml\n",
            root().join("scenarios/tutorial/tutorial.yaml").display(),
            root().join("scenarios/province/province.yaml").display()
        ),
    )
    .unwrap();
    list
}

fn only_dir(out: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].clone()
}

#[test]
fn json_logs_of_a_batch_are_one_object_per_line_with_the_manifests_story() {
    let tmp = tempfile::tempdir().unwrap();
    let list = nightly_list(tmp.path());
    let out = tmp.path().join("out");
    // The global flag before the subcommand.
    let o = rotaplan()
        .args(["--log-format", "json", "batch", "--out"])
        .arg(&out)
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let events = json_lines(&o.stderr);
    for e in &events {
        for key in ["timestamp", "level", "target"] {
            assert!(e[key].is_string(), "{key} missing: {e}");
        }
        assert!(e["fields"]["message"].is_string(), "{e}");
        assert!(
            ["ERROR", "WARN", "INFO"].contains(&e["level"].as_str().unwrap()),
            "{e}"
        );
    }
    let dir = only_dir(&out);
    let m: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let entries = m["scenarios"].as_array().unwrap();

    // One finished event per scenario, with its name and the manifest's status.
    let finished: BTreeMap<String, String> = events
        .iter()
        .filter(|e| message(e) == "scenario finished")
        .map(|e| {
            (
                e["fields"]["scenario"].as_str().unwrap().to_string(),
                e["fields"]["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeMap<String, String> = entries
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(finished, expected);
    assert_eq!(
        events
            .iter()
            .filter(|e| message(e) == "scenario finished")
            .count(),
        entries.len()
    );
    let broken = events
        .iter()
        .find(|e| message(e) == "scenario finished" && e["fields"]["scenario"] == "broken/base")
        .unwrap();
    assert_eq!(broken["level"], "WARN");
    assert!(
        broken["fields"]["error"]
            .as_str()
            .unwrap()
            .contains("E1011"),
        "{broken}"
    );
    let tut = events
        .iter()
        .find(|e| message(e) == "scenario finished" && e["fields"]["scenario"] == "tutorial/base")
        .unwrap();
    assert_eq!(tut["level"], "INFO");
    let tut_entry = entries
        .iter()
        .find(|e| e["name"] == "tutorial/base")
        .unwrap();
    assert_eq!(tut["fields"]["objective"], tut_entry["objective"]);
    assert!(tut["fields"]["seconds"].as_f64().unwrap() >= 0.0);

    // The start, with the run folder and the number of scenarios.
    let start = events
        .iter()
        .find(|e| message(e) == "batch started")
        .unwrap();
    assert_eq!(start["fields"]["scenarios"], 3);
    assert_eq!(start["fields"]["run_dir"], dir.display().to_string());

    // The summary event: counts that match the manifest.
    let summary = events
        .iter()
        .find(|e| e["fields"]["proven"].is_u64())
        .expect("a summary event");
    let count = |s: &[&str]| {
        entries
            .iter()
            .filter(|e| s.contains(&e["status"].as_str().unwrap()))
            .count() as u64
    };
    let f = &summary["fields"];
    assert_eq!(f["scenarios"], entries.len() as u64);
    assert_eq!(f["proven"], count(&["optimal", "gap_limit"]));
    assert_eq!(f["failed"], count(&["failed"]));
    assert_eq!(f["infeasible"], count(&["infeasible"]));
    assert_eq!(
        (f["proven"].as_u64(), f["failed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(f["status"], m["status"]);
    assert_eq!(f["run_dir"], dir.display().to_string());
    assert!(
        message(summary).starts_with("3 scenario(s): 2 proven"),
        "{summary}"
    );
    assert!(events.iter().any(|e| message(e) == "manifest written"));

    // Stdout is what it always was.
    let stdout = text(&o.stdout);
    assert!(
        stdout.starts_with("3 scenario(s): 2 proven, 0 with an unproven plan, 1 failed"),
        "{stdout}"
    );
    // No log line reached an output file: none holds a log timestamp or message.
    for (p, bytes) in tree(&dir) {
        let t = text(&bytes);
        for e in &events {
            assert!(
                !t.contains(e["timestamp"].as_str().unwrap()),
                "{p} holds a log timestamp"
            );
        }
        assert!(!t.contains("scenario finished"), "{p}");
    }
}

#[test]
fn quiet_leaves_only_warnings_and_errors_and_the_same_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let list = nightly_list(tmp.path());
    let batch = |out: &str, extra: &[&str]| {
        let out = tmp.path().join(out);
        let o = rotaplan()
            .arg("batch")
            .args(extra)
            .arg("--out")
            .arg(&out)
            .arg(&list)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
        let stdout = text(&o.stdout).replace(&out.display().to_string(), "OUT");
        (stdout, text(&o.stderr))
    };
    let (loud_out, loud_err) = batch("loud", &[]);
    assert!(loud_err.contains(" INFO "), "{loud_err}");
    let (quiet_out, quiet_err) = batch("quiet", &["-q"]);
    assert_eq!(quiet_out, loud_out);
    assert!(!quiet_err.contains(" INFO "), "{quiet_err}");
    assert!(
        quiet_err.contains(" WARN ") && quiet_err.contains("broken/base"),
        "the failed scenario is still told: {quiet_err}"
    );
    // JSON and quiet: only warnings and errors.
    let (json_out, json_err) = batch("json", &["-q", "--log-format", "json"]);
    assert_eq!(json_out, loud_out);
    assert!(!json_err.is_empty());
    for l in json_err.lines() {
        let e: Value = serde_json::from_str(l).unwrap();
        assert!(e["level"] == "WARN" || e["level"] == "ERROR", "{l}");
    }

    // `run`: -q silences the progress lines; stdout is unchanged.
    let out = tmp.path().join("run");
    let run = |extra: &[&str]| {
        rotaplan()
            .args(["run", "scenarios/tutorial/tutorial.yaml", "--out"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let (loud, quiet) = (run(&[]), run(&["-q"]));
    assert_eq!(loud.status.code(), Some(0));
    assert!(text(&loud.stderr).contains("[1/1] tutorial/base: optimal"));
    assert_eq!(text(&quiet.stderr), "");
    assert_eq!(text(&quiet.stdout), text(&loud.stdout));
}

#[test]
fn verbose_shows_the_solvers_debug_events() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let plan = |extra: &[&str], env: Option<&str>| {
        let mut c = rotaplan();
        c.args(["plan", "scenarios/tutorial/tutorial.yaml", "--out"])
            .arg(&out)
            .args(extra);
        match env {
            Some(v) => c.env("RUST_LOG", v),
            None => c.env_remove("RUST_LOG"),
        };
        let o = c.output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        o
    };
    let quiet = plan(&[], None);
    assert_eq!(text(&quiet.stderr), "", "plan logs nothing at info");
    let o = plan(&["-v", "--log-format", "json"], None);
    let events = json_lines(&o.stderr);
    let built = events
        .iter()
        .find(|e| message(e) == "MIP model built")
        .expect("the model size at debug");
    assert_eq!(built["level"], "DEBUG");
    assert_eq!(built["target"], "rotaplan::solve");
    assert!(built["fields"]["columns"].as_u64().unwrap() > 0);
    assert!(built["fields"]["rows"].as_u64().unwrap() > 0);
    let solved = events.iter().find(|e| message(e) == "solved").unwrap();
    assert_eq!(solved["fields"]["status"], "optimal");
    assert_eq!(solved["fields"]["columns"], built["fields"]["columns"]);
    assert!(events.iter().any(|e| message(e) == "scenario read"));
    assert!(
        !events.iter().any(|e| e["level"] == "TRACE"),
        "-v is debug, not trace"
    );
    // Text, and -vv for trace.
    let o = plan(&["-vv"], None);
    let err = text(&o.stderr);
    assert!(
        err.contains("DEBUG") && err.contains("MIP model built"),
        "{err}"
    );
    assert!(
        err.contains("TRACE") && err.contains("HiGHS finished"),
        "{err}"
    );
    // RUST_LOG overrides the flags.
    let o = plan(&[], Some("rotaplan::solve=debug"));
    let err = text(&o.stderr);
    assert!(err.contains("MIP model built"), "{err}");
    assert!(!err.contains("scenario read"), "{err}");
}

#[test]
fn logs_never_reach_stdout_or_the_output_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let plan = |extra: &[&str]| {
        let o = rotaplan()
            .args(["plan", "scenarios/tutorial/tutorial.yaml", "--out"])
            .arg(&out)
            .args(extra)
            .env_remove("RUST_LOG")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        (o, fs::read(out.join("plan.csv")).unwrap())
    };
    let (a, csv_a) = plan(&[]);
    let (b, csv_b) = plan(&["-vv"]);
    let (c, csv_c) = plan(&["-v", "--log-format", "json"]);
    assert!(!text(&b.stderr).is_empty() && !text(&c.stderr).is_empty());
    // The summary's `time` line is the one part of stdout that may differ from run to run.
    let timeless = |o: &std::process::Output| {
        text(&o.stdout)
            .lines()
            .filter(|l| !l.trim_start().starts_with("time "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(text(&a.stdout).contains("  time "), "the filter must match");
    assert_eq!(timeless(&a), timeless(&b));
    assert_eq!(timeless(&a), timeless(&c));
    assert_eq!((&csv_a, &csv_a), (&csv_b, &csv_c));

    let run = |dir: &str, extra: &[&str]| {
        let out = tmp.path().join(dir);
        let o = rotaplan()
            .args([
                "run",
                "scenarios/province/what-if.yaml",
                "--jobs",
                "2",
                "--out",
            ])
            .arg(&out)
            .args(extra)
            .env_remove("RUST_LOG")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let files: Vec<(String, Vec<u8>)> = tree(&out)
            .into_iter()
            .filter(|(p, _)| p != "timings.csv")
            .collect();
        (
            text(&o.stdout).replace(&out.display().to_string(), "OUT"),
            o.stderr,
            files,
        )
    };
    let (plain, _, plain_files) = run("plain", &[]);
    let (verbose, verbose_err, verbose_files) = run("verbose", &["-v"]);
    assert!(text(&verbose_err).contains("job finished"));
    assert_eq!(plain, verbose);
    assert_eq!(plain_files, verbose_files);
    let (json, json_err, _) = run("json", &["-v", "--log-format", "json"]);
    assert_eq!(plain, json);
    let events = json_lines(&json_err);
    assert_eq!(
        events
            .iter()
            .filter(|e| message(e) == "scenario finished")
            .count(),
        17,
        "run's progress lines are events in JSON mode"
    );
}

#[test]
fn json_mode_carries_a_files_diagnostics_as_one_event() {
    let fixture = "tests/fixtures/errors/E1002/scenario.yaml";
    let text_mode = rotaplan().args(["validate", fixture]).output().unwrap();
    let json_mode = rotaplan()
        .args(["--log-format", "json", "validate", fixture])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert_eq!(text_mode.status.code(), Some(1));
    assert_eq!(json_mode.status.code(), Some(1));
    // Text mode: the diagnostics as they were, then the count.
    let plain = text(&text_mode.stderr);
    assert!(plain.contains("error[E1002]"), "{plain}");
    assert!(plain.trim_end().ends_with("nothing was planned"), "{plain}");
    // JSON mode: one error event; its detail is the whole text of text mode.
    let events = json_lines(&json_mode.stderr);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["level"], "ERROR");
    assert!(message(&events[0]).ends_with("nothing was planned"));
    assert_eq!(
        events[0]["fields"]["detail"].as_str().unwrap(),
        plain.trim_end()
    );
    // A bad plan file for `check` too.
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("plan.csv");
    fs::write(&bad, "cadre_id,post_id\nC99,VT01\n").unwrap();
    let o = rotaplan()
        .args([
            "--log-format",
            "json",
            "check",
            "scenarios/tutorial/tutorial.yaml",
        ])
        .arg(&bad)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let events = json_lines(&o.stderr);
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(
        events[0]["fields"]["detail"]
            .as_str()
            .unwrap()
            .contains("C99"),
        "{events:?}"
    );
}
