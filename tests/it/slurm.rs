//! docs/batch.md's Slurm array recipe, run for real against a single-node Slurm (`.ci/slurm-up`):
//! the script and the submit commands are taken from the doc, so the doc cannot rot.
//!
//! Skipped, saying why, only where no Slurm answers and none can be started here (not root, or
//! `.ci/slurm-up` failed); `ROTAPLAN_REQUIRE_SLURM=1` (set by `.ci/run`) turns that into a failure.

use crate::common::{root, tree};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The fenced blocks of a Markdown text: (info string, body).
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for l in text.lines() {
        match open.take() {
            None => {
                if let Some(info) = l.strip_prefix("```") {
                    open = Some((info.trim().to_string(), String::new()));
                }
            }
            Some((info, mut body)) => {
                if l.trim_end() == "```" {
                    out.push((info, body));
                } else {
                    body.push_str(l);
                    body.push('\n');
                    open = Some((info, body));
                }
            }
        }
    }
    out
}

/// The body of the one block of docs/batch.md whose info string is `info`.
fn doc_block(info: &str) -> String {
    let doc = fs::read_to_string(root().join("docs/batch.md")).unwrap();
    let found: Vec<String> = blocks(&doc)
        .into_iter()
        .filter(|(i, _)| i == info)
        .map(|(_, b)| b)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "docs/batch.md must have exactly one ```{info} block (the Slurm recipe)"
    );
    found.into_iter().next().unwrap()
}

fn sh(cmd: &str, dir: &Path, path: &str) -> std::process::Output {
    Command::new("bash")
        .args(["-c", cmd])
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .unwrap()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Whether a Slurm with an idle (or working) node answers here.
fn slurm_answers() -> bool {
    Command::new("sinfo")
        .args(["-h", "-o", "%t"])
        .output()
        .is_ok_and(|o| {
            o.status.success()
                && String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .any(|s| matches!(s.trim(), "idle" | "mix" | "alloc" | "comp"))
        })
}

/// A Slurm to submit to, or why there is none.
fn slurm() -> Result<(), String> {
    if is_root() {
        // Idempotent: installs and starts what is missing, only checks what is up.
        let o = Command::new(root().join(".ci/slurm-up"))
            .output()
            .map_err(|e| format!(".ci/slurm-up could not run: {e}"))?;
        if !o.status.success() {
            let err = String::from_utf8_lossy(&o.stderr);
            let why = err.lines().last().unwrap_or("no message").to_string();
            return Err(format!(".ci/slurm-up failed: {why}"));
        }
        return Ok(());
    }
    if slurm_answers() {
        return Ok(());
    }
    Err(
        "no Slurm answers (sinfo) and this test is not root, so it cannot install or start one \
         (run .ci/slurm-up as root first)"
            .into(),
    )
}

/// A job's state from `scontrol`, or None once Slurm has forgotten it (it ended long ago).
fn job_state(id: &str) -> Option<String> {
    let o = Command::new("scontrol")
        .args(["show", "job", "-o", id])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    // An array job shows one line per task: the merge job is a plain job, one line.
    text.split_whitespace()
        .find_map(|w| w.strip_prefix("JobState="))
        .map(str::to_string)
}

/// Everything Slurm and the jobs said, for a failure message.
fn slurm_story(dir: &Path) -> String {
    let mut s = String::new();
    for (cmd, args) in [("squeue", &["-a"][..]), ("sinfo", &["-N", "-l"][..])] {
        if let Ok(o) = Command::new(cmd).args(args).output() {
            s += &format!("$ {cmd}\n{}", String::from_utf8_lossy(&o.stdout));
        }
    }
    let mut outs: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "out"))
        .collect();
    outs.sort();
    for p in outs {
        s += &format!(
            "--- {}\n{}",
            p.display(),
            fs::read_to_string(&p).unwrap_or_default()
        );
    }
    s
}

/// The only run folder under `out`.
fn run_dir(out: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = fs::read_dir(out)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].clone()
}

/// A run folder's file with its clock readings masked: `started`, `finished` and `seconds` in the
/// JSON files, the `seconds` column of the summary's scenario table, and the run folder's own
/// path (in the summary's title). Everything else is compared byte for byte.
fn masked(name: &str, bytes: &[u8], run: &str) -> String {
    // A workbook (plan.xlsx, comparison.xlsx) is compared byte for byte: it holds no clock.
    let Ok(text) = String::from_utf8(bytes.to_vec()) else {
        return format!("{bytes:02x?}");
    };
    let text = text.replace(run, "[run folder]");
    if name.ends_with(".json") {
        return text
            .lines()
            .map(|l| {
                let key = l.trim_start();
                if ["\"started\":", "\"finished\":", "\"seconds\":"]
                    .iter()
                    .any(|k| key.starts_with(k))
                {
                    let indent = &l[..l.len() - key.len()];
                    format!("{indent}{} [masked]", key.split(':').next().unwrap())
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    if name.ends_with("summary.md") || name.ends_with("summary.html") {
        return mask_seconds_column(&text);
    }
    text
}

/// The cells of the `seconds` column of a Markdown or HTML table set to `[s]`.
fn mask_seconds_column(text: &str) -> String {
    let mut col: Option<usize> = None;
    let mut out = Vec::new();
    for l in text.lines() {
        let mut line = l.to_string();
        if l.starts_with('|') {
            let mut cells: Vec<String> = l.split('|').map(str::to_string).collect();
            if cells.iter().any(|c| c.trim() == "seconds") {
                col = cells.iter().position(|c| c.trim() == "seconds");
            } else if let Some(i) = col.filter(|&i| i < cells.len() && !l.starts_with("|-")) {
                cells[i] = " [s] ".into();
                line = cells.join("|");
            }
        } else if l.contains("<th>") {
            col = l.split("<th>").position(|c| c.starts_with("seconds</th>"));
        } else if l.starts_with("<tr><td>") {
            let mut tds: Vec<String> = l.split("<td>").map(str::to_string).collect();
            if let Some(i) = col.filter(|&i| i < tds.len()) {
                let rest = tds[i]
                    .split_once("</td>")
                    .map_or("", |(_, r)| r)
                    .to_string();
                tds[i] = format!("[s]</td>{rest}");
                line = tds.join("<td>");
            }
        } else {
            col = None;
        }
        out.push(line);
    }
    out.join("\n")
}

fn manifest_names(dir: &Path) -> Vec<String> {
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    m["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn masking_hides_only_the_clock() {
    let md = "# rotaplan batch runs/x/2026-01-01\n\n| scenario | status | seconds | note |\n|---|---|---|---|\n| a | optimal | 0.5 |  |\n\n| plan | moves |\n|---|---|\n| a | 3 |";
    let m = mask_seconds_column(md);
    assert!(
        m.contains("| a | optimal | [s] |  |") && m.contains("| a | 3 |"),
        "{m}"
    );
    let html = "<table><thead><tr><th>scenario</th><th>seconds</th></tr></thead><tbody>\n<tr><td>a</td><td>0.5</td></tr>\n</tbody></table>\n<table><thead><tr><th>plan</th><th>moves</th></tr></thead><tbody>\n<tr><td>a</td><td>7</td></tr>";
    let m = mask_seconds_column(html);
    assert!(
        m.contains("<tr><td>a</td><td>[s]</td></tr>") && m.contains("<td>7</td>"),
        "{m}"
    );
    let json = "{\n  \"seconds\": 0.25,\n  \"objective\": 3.0\n}";
    let m = masked("done.json", json.as_bytes(), "runs/x");
    assert!(
        m.contains("\"seconds\" [masked]") && m.contains("\"objective\": 3.0"),
        "{m}"
    );
}

#[test]
fn slurm_array_recipe_merges_to_the_unsharded_run() {
    let script = doc_block("bash file=rotaplan-array.sh");
    let submit = doc_block("bash submit");
    if let Err(why) = slurm() {
        if std::env::var("ROTAPLAN_REQUIRE_SLURM").is_ok_and(|v| v == "1") {
            panic!("ROTAPLAN_REQUIRE_SLURM=1 but there is no Slurm: {why}");
        }
        eprintln!("SKIPPED slurm_array_recipe_merges_to_the_unsharded_run: {why}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // The shipped province and its what-if variants: 18 small scenarios.
    fs::create_dir_all(dir.join("scenarios/province")).unwrap();
    for e in fs::read_dir(root().join("scenarios/province")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(
            &p,
            dir.join("scenarios/province").join(p.file_name().unwrap()),
        )
        .unwrap();
    }
    fs::write(dir.join("rotaplan-array.sh"), &script).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("rotaplan");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );

    // The doc's submit commands, as they are; the merge job's id is the last word they print.
    let o = sh(&submit, dir, &path);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "the doc's submit commands failed:\n{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let merge_job = stdout
        .split_whitespace()
        .last()
        .unwrap_or_else(|| panic!("the submit commands printed no job id: {stdout:?}"))
        .to_string();
    assert!(merge_job.parse::<u64>().is_ok(), "not a job id: {stdout:?}");

    // Meanwhile, the same batch unsharded, with the script's flags (no shard, no Slurm).
    let o = sh(
        "rotaplan batch scenarios --out runs/whole --jobs 2 --budget 3h30m --quiet",
        dir,
        &path,
    );
    crate::common::exits(&o, 0);

    // Wait for the merge job (it starts after the whole array). Not a speed check: a guard
    // against a queue that never moves.
    let start = Instant::now();
    let state = loop {
        match job_state(&merge_job) {
            Some(s)
                if matches!(
                    s.as_str(),
                    "PENDING" | "RUNNING" | "CONFIGURING" | "COMPLETING"
                ) => {}
            Some(s) => break s,
            None => break "FORGOTTEN".into(),
        }
        if start.elapsed() > Duration::from_secs(600) {
            let _ = Command::new("scancel").arg(&merge_job).status();
            panic!(
                "the merge job {merge_job} did not end in 10 minutes\n{}",
                slurm_story(dir)
            );
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    assert!(
        state == "COMPLETED" || state == "FORGOTTEN",
        "merge job {merge_job} ended {state}\n{}",
        slurm_story(dir)
    );

    // Four shards, each a part, together the whole.
    let whole = run_dir(&dir.join("runs/whole"));
    let mut all = manifest_names(&whole);
    assert_eq!(all.len(), 18, "{all:?}");
    let mut sharded = Vec::new();
    for i in 1..=4 {
        let names = manifest_names(&run_dir(&dir.join(format!("runs/shard-{i}"))));
        assert!(
            !names.is_empty() && names.len() < all.len(),
            "shard {i}: {names:?}\n{}",
            slurm_story(dir)
        );
        sharded.extend(names);
    }
    sharded.sort();
    all.sort();
    assert_eq!(
        sharded, all,
        "the shards must run each scenario exactly once"
    );

    // The merged run equals the unsharded one, file for file.
    let merged = run_dir(&dir.join("runs/merged"));
    let rel = |p: &Path| p.strip_prefix(dir).unwrap().display().to_string();
    let (w_run, m_run) = (rel(&whole), rel(&merged));
    let w = tree(&whole);
    let m = tree(&merged);
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&w), names(&m), "the merged run has other files");
    assert!(w.len() > 18 * 5, "{} files", w.len());
    for ((name, wb), (_, mb)) in w.iter().zip(&m) {
        let (a, b) = (masked(name, wb, &w_run), masked(name, mb, &m_run));
        assert!(
            a == b,
            "{name} differs between the unsharded and the merged run:\n--- unsharded\n{a}\n--- merged\n{b}"
        );
    }
}
