//! Fault injection (issue 11, "never lose work, whatever happens"): SIGKILL at random instants of
//! `plan` and `batch`, a full disk (a small tmpfs, when the test runs as root), two batches on one
//! `--out`, readers of stdout and stderr that go away, two files with the same stem. Each test
//! checks that nothing is lost and nothing mixed: a plan folder holds all the old files or all
//! the new ones, every `done.json` describes the very files beside it, a resumed run is complete.

use crate::common::rotaplan;
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"));
    c.stdin(Stdio::null());
    c
}

/// `rotaplan generate` into `dir` (scenario.yaml and its three tables).
fn generate(dir: &Path, cadres: u32, posts: u32, seed: u32) -> PathBuf {
    let o = rotaplan()
        .args(["generate", "-q", "--cadres"])
        .arg(cadres.to_string())
        .arg("--posts")
        .arg(posts.to_string())
        .arg("--seed")
        .arg(seed.to_string())
        .arg("--out")
        .arg(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("scenario.yaml")
}

/// Names in a folder, sorted (hidden ones too).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Every hidden temporary (`.X.tmp-PID`, `.X.new-PID`, `.X.old-PID`) under `dir`.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with('.') && [".tmp-", ".new-", ".old-"].iter().any(|k| n.contains(k)) {
            out.push(e.path());
        } else if e.path().is_dir() {
            out.extend(leftovers(&e.path()));
        }
    }
    out
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .unwrap()
}

/// Every `done.json` under a run folder describes files that are there with its hashes (hidden
/// folders are a killed writer's unfinished sets, not part of the run: the next start removes them).
fn assert_done_markers_true(run: &Path) {
    fn walk(run: &Path, dir: &Path) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if p.is_dir() {
                walk(run, &p);
            } else if p.file_name().is_some_and(|n| n == "done.json") {
                let d = json(&p);
                let outputs = d["outputs"].as_array().unwrap();
                assert!(!outputs.is_empty(), "{}: done without outputs", p.display());
                for o in outputs {
                    let o = o.as_str().unwrap();
                    let bytes = fs::read(run.join(o))
                        .unwrap_or_else(|e| panic!("{}: {o} listed but missing: {e}", p.display()));
                    assert_eq!(
                        d["outputs_sha256"][o].as_str(),
                        Some(sha256(&bytes).as_str()),
                        "{}: {o} is not the file done.json describes",
                        p.display()
                    );
                }
            }
        }
    }
    walk(run, run);
}

/// The run folders under `out` (dated folders), sorted.
fn run_dirs(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// Kill `child` with SIGKILL after `ms` milliseconds (or let it end first).
fn kill_after(mut child: Child, ms: u64) {
    let until = Instant::now() + Duration::from_millis(ms);
    while Instant::now() < until {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
}

/// A plan folder: the seven files and the list of what the set wrote (`output::SET_LIST`).
const PLAN_FILES: [&str; 8] = [
    ".rotaplan-set",
    "committee.html",
    "plan.csv",
    "plan.html",
    "plan.json",
    "plan.md",
    "plan.xlsx",
    "unfilled.csv",
];

/// Two scenarios (seeds 1 and 2) and the plan.csv / unfilled.csv each gives, planned once.
struct TwoPlans {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    old: PathBuf,
    new: PathBuf,
    reference: [Vec<(String, Vec<u8>)>; 2],
}

fn plan_into(scenario: &Path, out: &Path) -> std::process::Output {
    bin()
        .args(["plan", "-q", "--format", "json"])
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn two_plans() -> TwoPlans {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let old = generate(&root.join("s1"), 60, 40, 1);
    let new = generate(&root.join("s2"), 60, 40, 2);
    let reference = [&old, &new].map(|s| {
        let out = s.parent().unwrap().join("ref");
        assert!(plan_into(s, &out).status.success());
        ["plan.csv", "unfilled.csv"]
            .map(|f| (f.to_string(), fs::read(out.join(f)).unwrap()))
            .to_vec()
    });
    assert_ne!(
        reference[0], reference[1],
        "the two scenarios must plan differently"
    );
    TwoPlans {
        _tmp: tmp,
        root,
        old,
        new,
        reference,
    }
}

/// The generation (0 old, 1 new) of every file of a plan folder; panics on a mix or a gap.
fn generation(t: &TwoPlans, dir: &Path) -> usize {
    assert_eq!(names(dir), PLAN_FILES, "{}", dir.display());
    let mut gens = Vec::new();
    for (f, bytes) in ["plan.csv", "unfilled.csv"].map(|f| (f, fs::read(dir.join(f)).unwrap())) {
        let g = (0..2)
            .find(|&g| t.reference[g].iter().any(|(n, b)| n == f && *b == bytes))
            .unwrap_or_else(|| panic!("{f} is neither the old nor the new plan's"));
        gens.push(g);
    }
    for f in ["plan.md", "plan.html", "plan.json"] {
        let text = fs::read_to_string(dir.join(f)).unwrap();
        let g = match (text.contains("seed 1"), text.contains("seed 2")) {
            (true, false) => 0,
            (false, true) => 1,
            _ => panic!("{f}: neither the old nor the new plan's (or half written)"),
        };
        gens.push(g);
    }
    assert!(gens.iter().all(|&g| g == gens[0]), "a mixed set: {gens:?}");
    gens[0]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    /// `plan` into a folder holding an earlier plan, killed with SIGKILL at a random instant (a
    /// plan of this size takes about 50 ms, a batch of four about 200 ms, so most kills land
    /// inside the run):
    /// the folder holds all five old files or all five new ones; the next `plan` leaves no
    /// hidden temporary behind.
    #[test]
    fn plan_killed_at_any_instant_leaves_all_old_or_all_new(ms in 0u64..80) {
        let t = two_plans();
        let out = t.root.join("out");
        prop_assert!(plan_into(&t.old, &out).status.success());
        prop_assert_eq!(generation(&t, &out), 0);
        let child = bin()
            .args(["plan", "-q", "--format", "json"])
            .arg(&t.new)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        kill_after(child, ms);
        generation(&t, &out);
        // The next plan cleans whatever the kill left and writes the new set.
        prop_assert!(plan_into(&t.new, &out).status.success());
        prop_assert_eq!(generation(&t, &out), 1);
        prop_assert_eq!(leftovers(&t.root), Vec::<PathBuf>::new());
    }

    /// `batch` killed with SIGKILL at a random instant, then `batch --resume`: the resumed run is
    /// complete, every scenario's plan is the one an uninterrupted run writes, every done.json
    /// matches its files, and no temporary or partial manifest is left.
    #[test]
    fn batch_killed_at_any_instant_resumes_to_the_uninterrupted_run(ms in 0u64..300) {
        let tmp = tempfile::tempdir().unwrap();
        let sc = tmp.path().join("scenarios");
        for seed in 1..=4 {
            generate(&sc.join(format!("s{seed}")), 60, 40, seed);
        }
        let batch = |out: &Path, resume: bool| {
            let mut c = bin();
            c.args(["batch", "-q", "--jobs", "1", "--out"]).arg(out).arg(&sc);
            if resume {
                c.arg("--resume");
            }
            c
        };
        let reference = tmp.path().join("reference");
        prop_assert!(batch(&reference, false).output().unwrap().status.success());
        let out = tmp.path().join("out");
        let child = batch(&out, false).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        kill_after(child, ms);
        if out.exists() {
            for d in run_dirs(&out) {
                assert_done_markers_true(&d);
            }
        }
        let o = batch(&out, true).output().unwrap();
        prop_assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let run = run_dirs(&out).pop().unwrap();
        let want = run_dirs(&reference).pop().unwrap();
        let m = json(&run.join("manifest.json"));
        prop_assert_eq!(m["status"].as_str(), Some("complete"));
        prop_assert_eq!(m["scenarios"].as_array().unwrap().len(), 4);
        for s in 1..=4 {
            let p = format!("s{s}/scenario/base/plan.csv");
            prop_assert_eq!(fs::read(run.join(&p)).unwrap(), fs::read(want.join(&p)).unwrap());
        }
        assert_done_markers_true(&run);
        prop_assert!(!run.join("manifest.partial.json").exists());
        prop_assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
    }
}

/// Output names are unique by construction: `a/scenario.yaml` and `b/scenario.yaml` (what
/// `generate` writes) are `a/scenario/base` and `b/scenario/base` in `run` and in `batch`, and
/// neither plan overwrites the other.
#[test]
fn two_files_with_one_stem_keep_their_plans_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let a = generate(&tmp.path().join("a"), 20, 15, 1);
    let b = generate(&tmp.path().join("b"), 20, 15, 2);
    let single = |s: &Path, name: &str| {
        let out = tmp.path().join(name);
        assert!(plan_into(s, &out).status.success());
        fs::read(out.join("plan.csv")).unwrap()
    };
    let (pa, pb) = (single(&a, "pa"), single(&b, "pb"));
    assert_ne!(pa, pb);

    let run = tmp.path().join("run");
    let o = bin()
        .args(["run", "-q", "--out"])
        .arg(&run)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read(run.join("a/scenario/base/plan.csv")).unwrap(), pa);
    assert_eq!(fs::read(run.join("b/scenario/base/plan.csv")).unwrap(), pb);
    let timings = fs::read_to_string(run.join("timings.csv")).unwrap();
    assert!(
        timings.contains("a/scenario/base,") && timings.contains("b/scenario/base,"),
        "{timings}"
    );

    let out = tmp.path().join("batch");
    let o = bin()
        .args(["batch", "-q", "--out"])
        .arg(&out)
        .arg(tmp.path().join("a"))
        .arg(tmp.path().join("b"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir = run_dirs(&out).pop().unwrap();
    let m = json(&dir.join("manifest.json"));
    let names: Vec<&str> = m["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a/scenario/base", "b/scenario/base"]);
    assert_eq!(fs::read(dir.join("a/scenario/base/plan.csv")).unwrap(), pa);
    assert_eq!(fs::read(dir.join("b/scenario/base/plan.csv")).unwrap(), pb);
    assert_done_markers_true(&dir);
}

/// A second batch on an --out that another batch holds exits 1 and names the holder's pid.
#[test]
fn a_second_batch_on_a_locked_out_exits_1_naming_the_holder() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = generate(&tmp.path().join("s"), 20, 15, 1);
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    // This test process holds the folder's lock, as a running batch would.
    let lock = fs::File::open(&out).unwrap();
    lock.lock().unwrap();
    let o = bin()
        .args(["batch", "-q", "--out"])
        .arg(&out)
        .arg(&sc)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "in use by another rotaplan batch (process {})",
            std::process::id()
        )),
        "{stderr}"
    );
    assert!(names(&out).is_empty(), "nothing was written");
    drop(lock);
    let o = bin()
        .args(["batch", "-q", "--out"])
        .arg(&out)
        .arg(&sc)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Two batches started together on one --out: each either finishes its own complete run folder
/// or exits 1 saying the folder is in use; no manifest loses a scenario, no plan is mixed.
#[test]
fn concurrent_batches_on_one_out_never_mix() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = tmp.path().join("scenarios");
    for seed in 1..=3 {
        generate(&sc.join(format!("s{seed}")), 60, 40, seed);
    }
    let out = tmp.path().join("out");
    let spawn = || {
        bin()
            .args(["batch", "-q", "--jobs", "1", "--out"])
            .arg(&out)
            .arg(&sc)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    let mut finished = 0;
    for o in &outs {
        let stderr = String::from_utf8_lossy(&o.stderr);
        match o.status.code() {
            Some(0) => finished += 1,
            Some(1) => assert!(
                stderr.contains("in use by another rotaplan batch"),
                "{stderr}"
            ),
            c => panic!("exit {c:?}: {stderr}"),
        }
    }
    let dirs = run_dirs(&out);
    assert!(finished >= 1 && dirs.len() == finished, "{dirs:?}");
    for d in &dirs {
        let m = json(&d.join("manifest.json"));
        assert_eq!(m["status"].as_str(), Some("complete"));
        let names: Vec<&str> = m["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["s1/scenario/base", "s2/scenario/base", "s3/scenario/base"]
        );
        assert_done_markers_true(d);
    }
}

/// `--resume` checks each done.json against its files' hashes: a plan file changed or removed
/// since makes the scenario planned again, not "reused". Leftover temporaries of a killed run and
/// the partial manifest of an interrupted one are removed.
#[test]
fn resume_verifies_outputs_and_cleans_leftovers() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = tmp.path().join("scenarios");
    for seed in 1..=2 {
        generate(&sc.join(format!("s{seed}")), 20, 15, seed);
    }
    let out = tmp.path().join("out");
    let batch = |resume: bool| {
        let mut c = bin();
        c.args(["batch", "-q", "--out"]).arg(&out).arg(&sc);
        if resume {
            c.arg("--resume");
        }
        c.output().unwrap()
    };
    assert!(batch(false).status.success());
    let run = run_dirs(&out).pop().unwrap();
    let good = fs::read(run.join("s1/scenario/base/plan.csv")).unwrap();
    // Make the folder look like a killed run: no manifest, a changed plan, a removed plan.json,
    // and the debris of kills and interrupts.
    fs::rename(run.join("manifest.json"), run.join("manifest.partial.json")).unwrap();
    fs::write(run.join("s1/scenario/base/plan.csv"), "cadre_id,post_id\n").unwrap();
    fs::remove_file(run.join("s2/scenario/base/plan.json")).unwrap();
    let dead = 4_194_999; // above any pid_max: never a running process
    fs::write(
        run.join(format!("s1/scenario/base/.plan.csv.tmp-{dead}")),
        "half",
    )
    .unwrap();
    fs::create_dir_all(run.join(format!("s2/scenario/.base.new-{dead}"))).unwrap();
    fs::write(run.join(format!(".summary.md.tmp-{dead}")), "half").unwrap();

    let o = batch(true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(!stdout.contains("reused"), "nothing is reusable: {stdout}");
    let m = json(&run.join("manifest.json"));
    assert!(
        m["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["reused"] == false)
    );
    assert_eq!(
        fs::read(run.join("s1/scenario/base/plan.csv")).unwrap(),
        good
    );
    assert!(run.join("s2/scenario/base/plan.json").is_file());
    assert_done_markers_true(&run);
    assert!(!run.join("manifest.partial.json").exists());
    assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
}

/// Readers that go away (`rotaplan … 2>&1 | head -1`): stdout and stderr closed right after the
/// start. `plan`, `run` and `batch` still finish, exit 0 and write everything.
#[test]
fn closed_stdout_and_stderr_end_the_printing_not_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = generate(&tmp.path().join("s"), 20, 15, 1);
    let closed = |args: &[&str], out: &Path| {
        let mut child = bin()
            .args(args)
            .arg("--out")
            .arg(out)
            .arg(&sc)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        child.wait().unwrap().code()
    };
    let out = tmp.path().join("plan");
    assert_eq!(closed(&["plan", "-v"], &out), Some(0));
    assert_eq!(names(&out), PLAN_FILES);
    let out = tmp.path().join("run");
    assert_eq!(closed(&["run", "-v"], &out), Some(0));
    assert!(out.join("scenario/base/plan.csv").is_file());
    assert!(out.join("comparison.txt").is_file());
    let out = tmp.path().join("batch");
    assert_eq!(closed(&["batch", "-v"], &out), Some(0));
    let run = run_dirs(&out).pop().unwrap();
    assert!(run.join("manifest.json").is_file());
    assert_done_markers_true(&run);
}

/// Flags out of range are refused before any work, with the range, exit 1; an --out that is a
/// file is said before the solve.
#[test]
fn flags_out_of_range_and_a_file_as_out_are_refused_before_solving() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = generate(&tmp.path().join("s"), 20, 15, 1);
    let file = tmp.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["plan", "--runner-ups", "18446744073709551615"],
            "0..=40",
        ),
        (vec!["plan", "--runner-ups", "41"], "0..=40"),
        (vec!["plan", "--threads", "4294967295"], "1..=256"),
        (vec!["plan", "--threads", "0"], "1..=256"),
        (vec!["run", "--jobs", "0"], "1..=1024"),
        (vec!["batch", "--jobs", "0"], "1..=1024"),
    ];
    for (args, range) in cases {
        let o = bin()
            .args(&args)
            .arg(&sc)
            .arg("--out")
            .arg(tmp.path().join("never"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(range), "{args:?}: {stderr}");
    }
    assert!(!tmp.path().join("never").exists());
    for cmd in ["plan", "run", "batch"] {
        let t = Instant::now();
        let o = bin()
            .arg(cmd)
            .arg(&sc)
            .arg("--out")
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {stderr}");
        assert!(
            stderr.contains("is a file, not a folder"),
            "{cmd}: {stderr}"
        );
        assert!(!stderr.contains("optimal") && t.elapsed() < Duration::from_secs(60));
    }
}

#[test]
fn an_out_folder_holding_the_users_folders_is_refused_and_left_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let s = generate(&tmp.path().join("s"), 20, 15, 1);
    let dir = s.parent().unwrap();
    // The user's scenario folder, with its tables in a subfolder, named as --out.
    fs::create_dir_all(dir.join("data/old")).unwrap();
    fs::write(dir.join("data/old/cadres.csv"), "id\n").unwrap();
    let before = names(dir);
    let o = bin()
        .arg("plan")
        .arg(&s)
        .arg("--out")
        .arg(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("holds folders rotaplan did not write (data)")
            && !stderr.contains("optimal"),
        "{stderr}"
    );
    assert_eq!(names(dir), before);
    assert_eq!(
        fs::read_to_string(dir.join("data/old/cadres.csv")).unwrap(),
        "id\n"
    );
    // A folder of its own for the outputs, inside it: planned.
    let o = bin()
        .arg("plan")
        .arg(&s)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(names(&dir.join("out")), PLAN_FILES);
    // A folder of the user's that holds their own plan.md (no set wrote it): refused, kept.
    let mine = dir.join("mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("plan.md"), "my notes\n").unwrap();
    let o = bin()
        .arg("plan")
        .arg(&s)
        .arg("--out")
        .arg(&mine)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("holds plan.md that rotaplan did not write"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(mine.join("plan.md")).unwrap(),
        "my notes\n"
    );
    assert_eq!(names(&mine), vec!["plan.md".to_string()]);
    // Its own outputs, written again, and a set written before rotaplan kept its list (the
    // list removed): replaced.
    fs::remove_file(dir.join("out/.rotaplan-set")).unwrap();
    let o = bin()
        .arg("plan")
        .arg(&s)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A small tmpfs mounted for the test (root only); `None`, with a message, where that is not
/// possible.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: the disk-full test mounts a tmpfs and needs root");
            return None;
        }
        fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?)");
            return None;
        }
        Some(Tmpfs(dir.to_path_buf()))
    }

    /// Fill the disk, then free `slack` bytes: room for small files, not for a plan.
    fn fill(&self, slack: usize) {
        fs::write(self.0.join("slack"), vec![b'x'; slack]).unwrap();
        let mut f = fs::File::create(self.0.join("filler")).unwrap();
        use std::io::Write;
        let chunk = vec![b'x'; 4096];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.sync_all();
        fs::remove_file(self.0.join("slack")).unwrap();
    }

    fn free(&self) {
        let _ = fs::remove_file(self.0.join("filler"));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk: `plan` fails with exit 1 and the folder keeps the whole old plan; `batch` records
/// the scenarios it could not write as failed, writes no done.json for them, and once there is room
/// again `batch --resume` plans them (instead of calling them complete).
#[test]
fn a_full_disk_loses_nothing_and_resume_finishes_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let t = {
        let old = generate(&tmp.path().join("s1"), 60, 40, 1);
        let new = generate(&tmp.path().join("s2"), 60, 40, 2);
        let reference = [&old, &new].map(|s| {
            let out = s.parent().unwrap().join("ref");
            assert!(plan_into(s, &out).status.success());
            ["plan.csv", "unfilled.csv"]
                .map(|f| (f.to_string(), fs::read(out.join(f)).unwrap()))
                .to_vec()
        });
        TwoPlans {
            _tmp: tempfile::tempdir().unwrap(),
            root: tmp.path().to_path_buf(),
            old,
            new,
            reference,
        }
    };
    let Some(disk) = Tmpfs::mount(&tmp.path().join("disk"), "2m") else {
        return;
    };
    // plan
    let out = disk.0.join("plan");
    assert!(plan_into(&t.old, &out).status.success());
    disk.fill(8192);
    let o = plan_into(&t.new, &out);
    crate::common::exits(&o, 1);
    assert_eq!(generation(&t, &out), 0, "the old plan, whole");
    disk.free();
    assert!(plan_into(&t.new, &out).status.success());
    assert_eq!(generation(&t, &out), 1);
    assert_eq!(leftovers(&disk.0), Vec::<PathBuf>::new());
    // batch
    let runs = disk.0.join("runs");
    let scenarios = [t.old.parent().unwrap(), t.new.parent().unwrap()];
    let batch = |resume: bool| {
        let mut c = bin();
        c.args(["batch", "--out"]).arg(&runs).args(scenarios);
        if resume {
            c.arg("--resume");
        }
        c.output().unwrap()
    };
    fs::create_dir_all(&runs).unwrap();
    disk.fill(8192);
    let o = batch(false);
    crate::common::exits(&o, 1);
    let progress = String::from_utf8_lossy(&o.stderr);
    // The last word says what to do: --resume finishes what the full disk stopped.
    assert!(
        progress.contains("with --resume finishes the run"),
        "{progress}"
    );
    for d in run_dirs(&runs) {
        // The progress lines count what the run records: a scenario said planned ("optimal")
        // has its done.json; one whose files the full disk refused is said FAILED.
        for line in progress.lines().filter(|l| l.starts_with('[')) {
            let name = line.split_once("] ").unwrap().1.split(": ").next().unwrap();
            let done = rotaplan::runs::parallel::job_dir(&d, name)
                .join("done.json")
                .is_file();
            assert_eq!(line.contains(": optimal"), done, "{line}");
        }
        assert_done_markers_true(&d);
        // No summary says "complete" without the manifest that makes it so.
        let manifest = d.join("manifest.json").exists() || d.join("manifest.partial.json").exists();
        assert!(
            manifest || !d.join("summary.md").exists(),
            "{}",
            d.display()
        );
    }
    disk.free();
    let o = batch(true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run = run_dirs(&runs).pop().unwrap();
    for s in ["s1", "s2"] {
        assert!(
            run.join(format!("{s}/scenario/base/plan.json")).is_file(),
            "{s}"
        );
    }
    assert_done_markers_true(&run);
    assert_eq!(leftovers(&runs), Vec::<PathBuf>::new());
}

/// `plan` and `run` lock their output folder like `batch`: a second writer exits 1 at once, naming
/// the holder, and writes nothing; once the holder is gone the same command writes its plan.
#[test]
fn a_second_plan_or_run_on_a_locked_out_exits_1_naming_the_holder() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = generate(&tmp.path().join("s"), 20, 15, 1);
    for cmd in ["plan", "run"] {
        let out = tmp.path().join(format!("out-{cmd}"));
        fs::create_dir_all(&out).unwrap();
        // This test process holds the folder's lock, as a running `plan` would.
        let lock = fs::File::open(&out).unwrap();
        lock.lock().unwrap();
        let second = || {
            bin()
                .args([cmd, "-q"])
                .arg(&sc)
                .arg("--out")
                .arg(&out)
                .output()
                .unwrap()
        };
        let o = second();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {stderr}");
        let holder = if cfg!(target_os = "linux") {
            format!(
                "in use by another rotaplan command (process {})",
                std::process::id()
            )
        } else {
            "in use by another rotaplan command".to_string()
        };
        assert!(stderr.contains(&holder), "{cmd}: {stderr}");
        assert!(names(&out).is_empty(), "{cmd}: nothing was written");
        drop(lock);
        let o = second();
        assert!(
            o.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!names(&out).is_empty(), "{cmd}: the plan was written");
    }
}

/// A read-only disk: `plan`, `run` and `batch` exit 1 naming the folder they could not write
/// (they used to print the system's words alone); a model file cut short by a full disk is
/// refused and removed, not kept as if written.
#[test]
fn a_read_only_or_full_disk_is_named_and_leaves_no_cut_model() {
    let tmp = tempfile::tempdir().unwrap();
    let tutorial = crate::common::root().join("scenarios/tutorial/tutorial.yaml");
    let Some(disk) = Tmpfs::mount(&tmp.path().join("ro"), "1m") else {
        return;
    };
    let ro = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk.0)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ro, "remount read-only");
    for (cmd, name) in [("plan", "p"), ("run", "r"), ("batch", "b")] {
        let out = disk.0.join(name);
        let o = bin()
            .args([cmd, "-q"])
            .arg(&tutorial)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {err}");
        assert!(err.contains(&out.display().to_string()), "{cmd}: {err}");
    }
    drop(disk);
    let Some(full) = Tmpfs::mount(&tmp.path().join("full"), "1m") else {
        return;
    };
    full.fill(4096);
    let model = full.0.join("m.mps");
    let o = bin()
        .args(["plan", "-q"])
        .arg(crate::common::root().join("scenarios/province/province.yaml"))
        .arg("--out")
        .arg(tmp.path().join("out"))
        .arg("--export-model")
        .arg(&model)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("m.mps"), "{err}");
    let left: Vec<_> = fs::read_dir(&full.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("m."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// SIGTERM or SIGINT to `plan` before it wrote anything: the `--out` folder it made is removed
/// again (a stopped plan left an empty folder where none was), and the process still ends by the
/// signal. A folder that was there before stays.
#[test]
fn a_plan_stopped_by_a_signal_leaves_no_empty_folder() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let sc = dir.path().join("sc");
    let o = rotaplan()
        .args([
            "generate", "-q", "--cadres", "1000", "--posts", "1700", "--years", "5",
        ])
        .arg("--out")
        .arg(&sc)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A plan into `out` with SIGINT as `int` (the test may itself run with SIGINT ignored,
    // started by `cmd &` in a script), once the folder is there (made once the scenario has
    // loaded; the solve of a programme of 1,000 cadres takes seconds more).
    let started = |out: &Path, int: libc::sighandler_t| {
        let mut cmd = bin();
        cmd.args(["-q", "plan"])
            .arg(sc.join("scenario.yaml"))
            .arg("--out")
            .arg(out)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: signal is async-signal-safe, called between fork and exec.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut cmd, move || {
                libc::signal(libc::SIGINT, int);
                libc::signal(libc::SIGTERM, libc::SIG_DFL);
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap();
        let until = Instant::now() + Duration::from_secs(60);
        while !out.is_dir() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(300));
        child
    };
    for (sig, out, before) in [
        (libc::SIGTERM, dir.path().join("new"), false),
        // Both folders made for `--out up/down` go (the default `rotaplan-out/<stem>` is two).
        (libc::SIGINT, dir.path().join("up/down"), false),
        (libc::SIGTERM, dir.path().join("there"), true),
    ] {
        if before {
            fs::create_dir(&out).unwrap();
        }
        let mut child = started(&out, libc::SIG_DFL);
        if before {
            std::thread::sleep(Duration::from_millis(1500));
        }
        unsafe { libc::kill(child.id() as libc::pid_t, sig) };
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(sig), "{status:?}");
        assert_eq!(out.is_dir(), before, "{}", out.display());
        assert!(before || !dir.path().join("up").exists());
    }
    // Started to ignore SIGINT (`plan … &` in a script): it still does.
    let mut child = started(&dir.path().join("ignoring"), libc::SIG_IGN);
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "SIGINT was to be ignored"
    );
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(child.wait().unwrap().signal(), Some(libc::SIGTERM));
}
