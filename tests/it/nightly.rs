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

/// Folders are walked once however links loop (a link to `.` planned one scenario 41 times, two
/// never ended); a device, an unreadable list or nothing to run is refused, not "0 scenarios",
/// exit 0.
#[cfg(unix)]
#[test]
fn batch_inputs_that_loop_or_name_nothing_are_refused_or_walked_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).unwrap();
    let tutorial = root().join("scenarios/tutorial");
    for e in fs::read_dir(&tutorial).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    std::os::unix::fs::symlink(".", dir.join("a")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("b")).unwrap();
    let found = rotaplan::runs::nightly::discover(std::slice::from_ref(&dir)).unwrap();
    let yamls: Vec<&PathBuf> = found.iter().filter(|p| p.starts_with(&dir)).collect();
    assert!(
        yamls.iter().all(|p| p.parent() == Some(dir.as_path())),
        "{found:?}"
    );
    let batch = |arg: &Path| {
        rotaplan()
            .args(["batch", "-q", "--out"])
            .arg(tmp.path().join("out"))
            .arg(arg)
            .output()
            .unwrap()
    };
    let list = tmp.path().join("list.txt");
    fs::write(&list, b"tutorial.yaml\n\xff\xfe\n").unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    // A table given as a list (`batch tutorial/*`): its lines are cadres, not paths.
    let table = dir.join("cadres.csv");
    for (arg, says) in [
        (Path::new("/dev/zero"), "is neither a scenario file"),
        (list.as_path(), "cannot be read as a list of scenario paths"),
        (table.as_path(), "its line 1 (\"id,"),
        (empty.as_path(), "no scenario file (.yaml or .yml) found"),
    ] {
        let o = batch(arg);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{arg:?}: {err}");
        assert!(err.contains(says), "{arg:?}: {err}");
    }
}

#[test]
fn a_broken_scenario_is_recorded_and_the_rest_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("nightly.txt");
    fs::write(tmp.path().join("broken.yaml"), "plan_date: 2027-02-30\n").unwrap();
    fs::write(
        &list,
        format!(
            "# tonight\n{}\n{}\nbroken.yaml\n{}\n",
            root().join("scenarios/tutorial/tutorial.yaml").display(),
            root().join("scenarios/province/province.yaml").display(),
            root().join("scenarios/programme/programme.yaml").display()
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
        stdout.contains("4 scenario(s): 3 proven, 0 with an unproven plan, 1 failed"),
        "{stdout}"
    );
    let dir = run_dir(&out);
    let m = manifest(&dir);
    let entries = m["scenarios"].as_array().unwrap();
    let broken = entries.iter().find(|e| e["name"] == "broken/base").unwrap();
    assert_eq!(broken["status"], "failed");
    assert!(broken["error"].as_str().unwrap().contains("E1011"));
    // A programme is planned as `plan` plans it: its files, its status and objective.
    let programme = entries
        .iter()
        .find(|e| e["name"] == "programme/base")
        .unwrap();
    assert_eq!(programme["status"], "optimal", "{programme}");
    let alone = tmp.path().join("alone");
    let o = rotaplan()
        .args(["plan", "-q", "--out"])
        .arg(&alone)
        .arg(root().join("scenarios/programme/programme.yaml"))
        .output()
        .unwrap();
    crate::common::exits(&o, 0);
    let j: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(alone.join("programme.json")).unwrap()).unwrap();
    assert_eq!(
        programme["objective"], j["objective"]["total"],
        "{programme}"
    );
    for f in [
        "programme.csv",
        "programme.html",
        "review.html",
        "timeline.svg",
    ] {
        assert_eq!(
            fs::read(dir.join("programme/base").join(f)).unwrap(),
            fs::read(alone.join(f)).unwrap(),
            "{f}: the batch's is plan's"
        );
    }
    let json = fs::read_to_string(dir.join("programme/base/programme.json")).unwrap();
    assert!(
        !json.contains("solve_s") && !json.contains("build_s"),
        "{json}"
    );
    assert!(
        json.starts_with("{\n  \"scenario\""),
        "plan's order of keys: {json}"
    );
    assert!(!dir.join("programme/base/error.txt").exists());
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
    crate::common::exits(&o, 0);
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

/// `--resume` finds the same scenario however its path is written: `s.yaml`, `./s.yaml`, an
/// absolute path, through `..` (the inputs' hash followed the spelling and re-planned all).
#[test]
fn resume_reuses_plans_whatever_the_spelling_of_the_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let tut = root().join("scenarios/tutorial");
    let dir = tmp.path().join("sc");
    fs::create_dir(&dir).unwrap();
    for e in fs::read_dir(&tut).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    // The scenario file a link to one kept elsewhere; its tables are the link's neighbours.
    let real = tmp.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::rename(dir.join("tutorial.yaml"), real.join("tutorial.yaml")).unwrap();
    std::os::unix::fs::symlink(real.join("tutorial.yaml"), dir.join("tutorial.yaml")).unwrap();
    let out = tmp.path().join("out");
    let cwd = std::cell::RefCell::new(dir.clone());
    let batch = |file: &str, resume: bool| {
        let mut c = rotaplan();
        c.current_dir(&*cwd.borrow())
            .args(["batch", "-q", "--out"])
            .arg(&out);
        if resume {
            c.arg("--resume");
        }
        let o = c.arg(file).output().unwrap();
        crate::common::exits(&o, 0);
    };
    batch("tutorial.yaml", false);
    let run = run_dir(&out);
    let absolute = dir.join("tutorial.yaml").display().to_string();
    for spelling in ["./tutorial.yaml", "../sc/tutorial.yaml", absolute.as_str()] {
        // As if killed just before the manifest was written.
        fs::remove_file(run.join("manifest.json")).unwrap();
        batch(spelling, true);
        assert_eq!(run_dir(&out), run, "{spelling}: the same run folder");
        let m = manifest(&run);
        let entries = m["scenarios"].as_array().unwrap();
        assert!(!entries.is_empty());
        assert!(
            entries.iter().all(|e| e["reused"] == true),
            "{spelling}: {entries:?}"
        );
    }
    // The folder moved whole: the same inputs, reused.
    let moved = tmp.path().join("moved");
    fs::rename(&dir, &moved).unwrap();
    *cwd.borrow_mut() = moved;
    fs::remove_file(run.join("manifest.json")).unwrap();
    batch("tutorial.yaml", true);
    let m = manifest(&run);
    assert!(
        m["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["reused"] == true),
        "{m}"
    );
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
        crate::common::exits(&o, 0);
        run_dir(out)
    };
    // `batch merge --out OUT SHARDS…`.
    let merge = |out: &Path, shards: &[&Path]| {
        rotaplan()
            .args(["batch", "merge", "--out"])
            .arg(out)
            .args(shards)
            .output()
            .unwrap()
    };
    let whole = run(&tmp.path().join("whole"), &[]);
    let s1 = run(&tmp.path().join("s1"), &["--shard", "1/2"]);
    let s2 = run(&tmp.path().join("s2"), &["--shard", "2/2"]);
    let merged = tmp.path().join("merged");
    let o = merge(&merged, &[&s1, &s2]);
    crate::common::exits(&o, 0);
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
    // 17 plans: the flow matrices are the sums; merging redraws the same charts.
    check_summary_html(&whole);
    check_summary_html(&merged);
    // One shard given twice: refused before anything is written (it listed each scenario twice).
    let twice = tmp.path().join("twice");
    let o = merge(&twice, &[&s1, &s1]);
    crate::common::exits(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("each shard is merged once"), "{err}");
    // Refused before the merged folder is made (an empty one was left).
    assert!(!twice.exists());
    // One shard of two (the other never made its folder): refused, not merged as complete.
    let part = tmp.path().join("part");
    let o = merge(&part, &[&s1]);
    crate::common::exits(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("shard(s) 2/2 of the 2 are not among the folders given"),
        "{err}"
    );
    assert!(!part.exists());
    // Shard 2/2 of a run over other scenarios (one more file): its list differs, refused (it
    // was merged as complete, the other run's scenarios missing).
    let other = tmp.path().join("other");
    let o = rotaplan()
        .args(["batch", "-q", "--shard", "2/2", "--out"])
        .arg(&other)
        .arg(&what_if)
        .arg(root().join("scenarios/province/province.yaml"))
        .output()
        .unwrap();
    crate::common::exits(&o, 0);
    let other = run_dir(&other);
    let o = merge(&tmp.path().join("others"), &[&s1, &other]);
    crate::common::exits(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("shards of runs over different scenarios"),
        "{err}"
    );
    assert!(!tmp.path().join("others").exists());
    // The merged folder inside a shard's: refused, the shard's manifest kept.
    let before = fs::read(s1.join("manifest.json")).unwrap();
    for inside in [s1.clone(), s1.join("x")] {
        let o = merge(&inside, &[&s1, &s2]);
        crate::common::exits(&o, 1);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("would write among the shard's own files"),
            "{err}"
        );
    }
    assert!(!s1.join("x").exists());
    assert_eq!(fs::read(s1.join("manifest.json")).unwrap(), before);
    // The same shard named by a path through `..`: resolved, refused all the same.
    let roundabout = s1.join("..").join(s1.file_name().unwrap());
    let o = merge(&s1.join("y"), &[&roundabout, &s2]);
    crate::common::exits(&o, 1);
    assert!(!s1.join("y").exists());
    // Shards of two runs split differently (1/2 with 2/4): refused, naming them.
    let s23 = run(&tmp.path().join("s23"), &["--shard", "2/4"]);
    let o = merge(&tmp.path().join("mixed"), &[&s1, &s23]);
    crate::common::exits(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("(1/2, 2/4) come from runs split in different numbers of shards"),
        "{err}"
    );
    // An output cut short after the run: refused by its recorded SHA-256, not merged as complete.
    let m1 = manifest(&s1);
    let cut = s1.join(m1["scenarios"][0]["outputs"][0].as_str().unwrap());
    let whole_file = fs::read(&cut).unwrap();
    fs::write(&cut, &whole_file[..whole_file.len() / 2]).unwrap();
    let o = merge(&tmp.path().join("cut"), &[&s1, &s2]);
    crate::common::exits(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("SHA-256 differs"), "{err}");
    assert!(!tmp.path().join("cut").join("manifest.json").exists());
    fs::write(&cut, &whole_file).unwrap();
    // A manifest whose output leads out of its shard.
    let m = fs::read_to_string(s2.join("manifest.json")).unwrap();
    let bad: serde_json::Value = serde_json::from_str(&m).unwrap();
    let first = bad["scenarios"][0]["outputs"][0]
        .as_str()
        .unwrap()
        .to_string();
    fs::write(
        s2.join("manifest.json"),
        m.replacen(&format!("\"{first}\""), "\"../../escaped.csv\"", 1),
    )
    .unwrap();
    let o = merge(&tmp.path().join("escaped"), &[&s2]);
    crate::common::exits(&o, 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("leads out of the shard"));
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
        crate::common::exits(&o, 0);
    };
    run(format!(
        "extends: {}\nallow_outside_paths: true\n",
        tut.display()
    ));
    run(format!(
        "extends: {}\nmax_departures_per_unit: 1\nallow_outside_paths: true\n",
        tut.display()
    ));
    // The run folders, oldest first.
    let runs_of = || {
        let mut runs: Vec<PathBuf> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        runs.sort();
        runs
    };
    let runs = runs_of();
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
    // A previous plan.json that cannot be read is said, not skipped as "unchanged".
    let job = runs[1].join("tonight").join("base");
    assert!(job.join("plan.json").is_file(), "{}", job.display());
    fs::write(job.join("plan.json"), "{\"assignments\": 3}").unwrap();
    run(format!(
        "extends: {}\nallow_outside_paths: true\n",
        tut.display()
    ));
    let md = fs::read_to_string(runs_of()[2].join("summary.md")).unwrap();
    assert!(
        md.contains("- tonight/base: the previous run's plan.json was not read"),
        "{md}"
    );
}

/// The plans of a run folder in the manifest's order: (name, plan.json).
fn run_plans(dir: &Path) -> Vec<(String, serde_json::Value)> {
    manifest(dir)["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| {
            let name = e["name"].as_str().unwrap().to_string();
            let text = fs::read_to_string(dir.join(&name).join("plan.json")).ok()?;
            Some((name, serde_json::from_str(&text).unwrap()))
        })
        .collect()
}

fn count(v: &serde_json::Value) -> usize {
    v.as_u64().unwrap() as usize
}

/// plan.json's `breakdown` agrees with its KPIs and assignments.
fn check_breakdown(name: &str, plan: &serde_json::Value) {
    let b = &plan["breakdown"];
    let k = &plan["kpis"];
    let levels = b["by_shortage"].as_array().unwrap();
    assert_eq!(
        levels
            .iter()
            .map(|l| count(&l["level"]))
            .collect::<Vec<_>>(),
        [0, 1, 2, 3],
        "{name}"
    );
    let sum =
        |key: &str, from: usize| -> usize { levels[from..].iter().map(|l| count(&l[key])).sum() };
    assert_eq!(sum("posts", 0), count(&k["posts"]), "{name}");
    assert_eq!(sum("filled", 0), count(&k["posts_filled"]), "{name}");
    assert_eq!(sum("posts", 2), count(&k["shortage_posts"]), "{name}");
    assert_eq!(sum("filled", 2), count(&k["shortage_filled"]), "{name}");
    let moves = plan["assignments"].as_array().unwrap().len();
    assert_eq!(moves, count(&k["moves"]), "{name}");
    for flows in ["tier_flows", "region_flows"] {
        let f = b[flows].as_array().unwrap();
        let total: usize = f.iter().map(|x| count(&x["cadres"])).sum();
        assert_eq!(total, moves, "{name}: {flows}");
        assert!(f.iter().all(|x| count(&x["cadres"]) > 0), "{name}: {flows}");
    }
    let tiers = ["central", "province", "district", "commune", "none"];
    for f in b["tier_flows"].as_array().unwrap() {
        assert!(tiers.contains(&f["from"].as_str().unwrap()), "{f}");
        assert!(tiers[..4].contains(&f["to"].as_str().unwrap()), "{f}");
    }
}

/// Every element of an rcdom tree, depth first.
fn elements(h: &markup5ever_rcdom::Handle, out: &mut Vec<markup5ever_rcdom::Handle>) {
    if let markup5ever_rcdom::NodeData::Element { .. } = h.data {
        out.push(h.clone());
    }
    for c in h.children.borrow().iter() {
        elements(c, out);
    }
}

fn tag(h: &markup5ever_rcdom::Handle) -> String {
    match &h.data {
        markup5ever_rcdom::NodeData::Element { name, .. } => name.local.to_string(),
        _ => String::new(),
    }
}

fn attrs(h: &markup5ever_rcdom::Handle) -> Vec<(String, String)> {
    match &h.data {
        markup5ever_rcdom::NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

fn text_of(h: &markup5ever_rcdom::Handle) -> String {
    let mut s = String::new();
    for c in h.children.borrow().iter() {
        if let markup5ever_rcdom::NodeData::Text { contents } = &c.data {
            s += &contents.borrow();
        }
    }
    s
}

/// The texts of every `<text>` of one SVG, which must be well-formed XML.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// summary.html parses as HTML without an error, is self-contained, and its charts say what the
/// run's plan.json files say.
fn check_summary_html(dir: &Path) {
    use html5ever::tendril::TendrilSink;
    let plans = run_plans(dir);
    assert!(!plans.is_empty());
    for (name, p) in &plans {
        check_breakdown(name, p);
    }
    let html = fs::read_to_string(dir.join("summary.html")).unwrap();
    let dom = html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default())
        .one(html.as_str());
    assert!(
        dom.errors.borrow().is_empty(),
        "HTML parse errors: {:?}",
        dom.errors.borrow()
    );
    let mut all = Vec::new();
    elements(&dom.document, &mut all);
    let named = |t: &str| all.iter().filter(|h| tag(h) == t).count();
    assert_eq!(named("html"), 1);
    let title = all.iter().find(|h| tag(h) == "title").expect("a <title>");
    assert!(text_of(title).starts_with("rotaplan batch "));
    assert_eq!(named("script"), 0);
    for h in &all {
        for (k, v) in attrs(h) {
            let v = v.trim().to_ascii_lowercase();
            assert!(
                !(matches!(k.as_str(), "src" | "href" | "action" | "data")
                    && (v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//"))),
                "external reference <{} {k}={v}>",
                tag(h)
            );
        }
        assert!(
            !(tag(h) == "link" && attrs(h).iter().any(|(k, _)| k == "href")),
            "no linked stylesheet"
        );
    }
    let n = plans.len();
    let want = if n <= 4 { 2 + 2 * n } else { 4 };
    assert_eq!(named("svg"), want, "{n} plan(s)");
    // The SVG blocks as written, each well-formed XML.
    let svgs: Vec<&str> = html
        .match_indices("<svg")
        .map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + "</svg>".len()])
        .collect();
    assert_eq!(svgs.len(), want);
    let texts: Vec<Vec<String>> = svgs.iter().map(|s| svg_texts(s)).collect();

    // KPIs: every scenario named (long names are cut in the middle), filled/posts per plan.
    let short = |name: &str| name.chars().take(20).collect::<String>();
    for (name, p) in &plans {
        assert!(
            texts[0].iter().any(|t| t.starts_with(&short(name))),
            "{name} not in {:?}",
            texts[0]
        );
        let k = &p["kpis"];
        let filled = format!("{}/{}", k["posts_filled"], k["posts"]);
        assert!(texts[0].contains(&filled), "{filled} in {:?}", texts[0]);
    }
    // By shortage: level by level, a "filled/posts" label per plan; the filled ones add up to
    // posts_filled and the posts to posts.
    let labels: Vec<(usize, usize)> = texts[1]
        .iter()
        .filter_map(|t| {
            let (a, b) = t.split_once('/')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    assert_eq!(labels.len(), 4 * n, "{:?}", texts[1]);
    for (k, (name, p)) in plans.iter().enumerate() {
        let filled: usize = (0..4).map(|l| labels[l * n + k].0).sum();
        let posts: usize = (0..4).map(|l| labels[l * n + k].1).sum();
        assert_eq!(filled, count(&p["kpis"]["posts_filled"]), "{name}");
        assert_eq!(posts, count(&p["kpis"]["posts"]), "{name}");
    }
    // Flows: the counts written in a matrix add up to its plans' moves.
    let cells =
        |t: &[String]| -> usize { t[2..].iter().filter_map(|x| x.parse::<usize>().ok()).sum() };
    let moves = |p: &serde_json::Value| p["assignments"].as_array().unwrap().len();
    if n <= 4 {
        for (k, (name, p)) in plans.iter().enumerate() {
            let (tiers, regions) = (&texts[2 + 2 * k], &texts[3 + 2 * k]);
            assert_eq!(tiers[0], format!("Moves between tiers — {name}"));
            assert_eq!(regions[0], format!("Moves between regions — {name}"));
            assert_eq!(tiers[2..22].len(), 20);
            assert_eq!(cells(tiers), moves(p), "{name}: {tiers:?}");
            assert_eq!(cells(regions), moves(p), "{name}: {regions:?}");
        }
    } else {
        let total: usize = plans.iter().map(|(_, p)| moves(p)).sum();
        assert!(texts[2][0].ends_with(&format!("sum over {n} scenarios")));
        assert_eq!(cells(&texts[2]), total);
        assert_eq!(cells(&texts[3]), total);
    }
}

#[test]
fn summary_html_is_valid_and_its_charts_match_the_plans() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = rotaplan()
        .args(["batch", "-q", "--out"])
        .arg(&out)
        .arg(root().join("scenarios/tutorial/tutorial.yaml"))
        .arg(root().join("scenarios/province/province.yaml"))
        .output()
        .unwrap();
    crate::common::exits(&o, 0);
    let dir = run_dir(&out);
    check_summary_html(&dir);
    let md = fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(md.contains("in summary.html") && !md.contains("<svg"));
    let html = fs::read_to_string(dir.join("summary.html")).unwrap();
    assert!(
        !html.contains("http"),
        "no URL at all, not even a namespace"
    );
}

/// Pairs (cadre_id, post_id) of a plan.csv, sorted.
fn pairs_of(csv: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(csv).unwrap();
    let mut out: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[2].to_string())
        })
        .collect();
    out.sort();
    out
}

fn changed(a: &[(String, String)], b: &[(String, String)]) -> usize {
    a.iter().filter(|x| !b.contains(x)).count() + b.iter().filter(|x| !a.contains(x)).count()
}

/// `baseline: previous` (issue 9, defect 2): a nightly run keeps the previous night's plan where it
/// still holds. One backdated certificate (the cadre C036 drops out under H3) re-shuffles many pairs
/// without a baseline, and only what it must with one.
#[test]
fn baseline_previous_keeps_the_previous_runs_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for f in ["units.csv", "posts.csv", "cadres.csv", "province.yaml"] {
        fs::copy(root().join("scenarios/province").join(f), d.join(f)).unwrap();
    }
    let nights = d.join("nightly");
    fs::create_dir_all(&nights).unwrap();
    fs::write(
        nights.join("steady.yaml"),
        "extends: ../province.yaml\nname: steady\nbaseline: previous\nallow_outside_paths: true\n",
    )
    .unwrap();
    fs::write(
        nights.join("fresh.yaml"),
        "extends: ../province.yaml\nname: fresh\nallow_outside_paths: true\n",
    )
    .unwrap();
    let out = d.join("out");
    let batch = || {
        rotaplan()
            .args(["batch", "-q", "--out"])
            .arg(&out)
            .arg(&nights)
            .assert()
            .success();
    };
    batch();
    let first = run_dir(&out);
    let before = |s: &str| pairs_of(&first.join(s).join("base/plan.csv"));
    let (steady0, fresh0) = (before("steady"), before("fresh"));
    assert_eq!(steady0, fresh0, "no previous run: no baseline");

    // C036's certificate is backdated past the 6 months H3 allows.
    let cadres = fs::read_to_string(d.join("cadres.csv")).unwrap();
    let row = cadres.lines().find(|l| l.starts_with("C036,")).unwrap();
    assert!(row.contains(",2026-09-16,"), "{row}");
    fs::write(
        d.join("cadres.csv"),
        cadres.replace(row, &row.replace(",2026-09-16,", ",2026-01-01,")),
    )
    .unwrap();
    batch();
    let second = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| *p != first)
        .unwrap();
    let after = |s: &str| pairs_of(&second.join(s).join("base/plan.csv"));
    let (steady1, fresh1) = (after("steady"), after("fresh"));
    assert!(steady0.iter().any(|(c, _)| c == "C036"));
    assert!(!steady1.iter().any(|(c, _)| c == "C036"));
    let (kept, churned) = (changed(&steady0, &steady1), changed(&fresh0, &fresh1));
    assert!(
        kept <= 4 && churned >= 10,
        "changes with the previous plan as baseline: {kept}, without: {churned}"
    );
    // The previous plan is an input of the run: it is in the manifest with its hash.
    let m = manifest(&second);
    let steady = m["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "steady/base")
        .unwrap();
    assert!(
        steady["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["path"]
                .as_str()
                .unwrap()
                .ends_with("steady/base/plan.csv")),
        "{steady}"
    );
}
