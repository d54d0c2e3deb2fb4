//! The real `rotaplan` binary on the shipped scenarios, hand-written plans and broken inputs. Every
//! plan a test produces goes through `rotaplan check`; no input may make the binary panic (exit 101).

use assert_cmd::Command;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const PLAN_FILES: [&str; 7] = [
    "committee.html",
    "plan.csv",
    "unfilled.csv",
    "plan.md",
    "plan.html",
    "plan.json",
    "plan.xlsx",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scenario(name: &str) -> PathBuf {
    root()
        .join("scenarios")
        .join(name)
        .join(format!("{name}.yaml"))
}

fn tutorial() -> PathBuf {
    scenario("tutorial")
}

fn province() -> PathBuf {
    scenario("province")
}

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn both(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Run the binary; whatever the input, it must exit with a code of the contract (0, 1 or 2), never
/// by a panic (101) or a signal.
fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::cargo_bin("rotaplan")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        matches!(r.code, 0..=2),
        "exit code outside the contract:\n{r:?}"
    );
    assert!(!r.stderr.contains("panicked"), "panic:\n{r:?}");
    r
}

fn os(p: &Path) -> &OsStr {
    p.as_os_str()
}

/// `rotaplan check SCENARIO PLAN`.
fn check(sc: &Path, plan: &Path) -> Run {
    run([OsStr::new("check"), os(sc), os(plan)])
}

fn assert_check_passes(sc: &Path, plan: &Path) {
    let r = check(sc, plan);
    assert_eq!(r.code, 0, "check failed:\n{r:?}");
    assert!(r.stdout.contains("passes"), "{r:?}");
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

/// `rotaplan plan SCENARIO --out OUT [extra]`: exit 0, the four files, an optimal plan.json, and
/// a plan that `check` passes. Returns the run and plan.json.
fn plan_ok(sc: &Path, out: &Path, extra: &[&str]) -> (Run, Value) {
    let mut args = vec![OsStr::new("plan"), os(sc), OsStr::new("--out"), os(out)];
    args.extend(extra.iter().map(OsStr::new));
    let r = run(args);
    assert_eq!(r.code, 0, "{r:?}");
    for f in PLAN_FILES {
        assert!(out.join(f).is_file(), "{f} missing in {}", out.display());
    }
    let json = read_json(&out.join("plan.json"));
    assert_eq!(json["solver"]["status"], "optimal", "{:#}", json["solver"]);
    assert_check_passes(sc, &out.join("plan.csv"));
    (r, json)
}

/// (post, cadre) of every assignment in plan.json, in plan order.
fn assignments(json: &Value) -> Vec<(String, String)> {
    json["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["post_id"].as_str().unwrap().to_string(),
                a["cadre_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn unfilled<'a>(json: &'a Value, post: &str) -> Option<&'a Value> {
    json["unfilled"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["post_id"] == post)
}

/// A plan CSV with the given (cadre, post) rows, written into `dir`.
fn plan_csv(dir: &Path, name: &str, rows: &[(&str, &str)]) -> PathBuf {
    let mut text = String::from("cadre_id,post_id\n");
    for (c, p) in rows {
        text += &format!("{c},{p}\n");
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The tutorial's optimal plan, as the README works it out.
const TUTORIAL_PLAN: [(&str, &str); 5] = [
    ("C13", "VT01"),
    ("C10", "VT02"),
    ("C14", "VT03"),
    ("C04", "VT04"),
    ("C01", "VT06"),
];

// ---------------------------------------------------------------------------------------------
// plan

#[test]
fn plan_tutorial_gives_the_known_answer() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (_, json) = plan_ok(&tutorial(), &out, &[]);
    let mut got = assignments(&json);
    got.sort();
    let want: Vec<(String, String)> = TUTORIAL_PLAN
        .iter()
        .map(|(c, p)| (p.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);

    let vt05 = unfilled(&json, "VT05").expect("VT05 is unfilled");
    assert_eq!(vt05["kind"], "no_eligible_cadre");
    assert_eq!(vt05["empty_seats"], 1);
    let reason = vt05["reason"].as_str().unwrap();
    assert!(reason.contains("H10") && reason.contains("H5"), "{reason}");
    // VT03 has two seats and only C13 and C14 are eligible; C13 is on the must-fill VT01.
    let vt03 = unfilled(&json, "VT03").expect("VT03 keeps one empty seat");
    assert_eq!(vt03["empty_seats"], 1);
    assert_eq!(vt03["kind"], "eligible_used_elsewhere");
    assert_eq!(json["unfilled"].as_array().unwrap().len(), 2);
    assert_eq!(json["kpis"]["must_fill_filled"], 1);
    assert_eq!(json["objective"]["must_fill_empty_seats"], 0);

    // plan.csv names the same pairs.
    let csv = std::fs::read_to_string(out.join("plan.csv")).unwrap();
    assert!(csv.starts_with("cadre_id,"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + TUTORIAL_PLAN.len());
    for (c, p) in TUTORIAL_PLAN {
        assert!(
            csv.lines()
                .any(|l| l.starts_with(&format!("{c},")) && l.contains(&format!(",{p},"))),
            "{c} → {p} not in\n{csv}"
        );
    }
    let unf = std::fs::read_to_string(out.join("unfilled.csv")).unwrap();
    assert!(unf.lines().any(|l| l.starts_with("VT05,")), "{unf}");
}

#[test]
fn plan_province_is_optimal_and_keeps_pin_forbid_and_seats() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (_, json) = plan_ok(&province(), &out, &[]);
    let got = assignments(&json);
    assert!(got.len() >= 60, "only {} assignments", got.len());
    assert!(got.contains(&("VT58".into(), "C057".into())), "the pin");
    assert!(!got.contains(&("VT37".into(), "C209".into())), "the forbid");
    let pinned: Vec<&Value> = json["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["pinned"] == true)
        .collect();
    assert_eq!(pinned.len(), 1);
    assert!(json["kpis"]["extra_seats_used"].as_u64().unwrap() <= 1);
    let s = &json["solver"];
    assert_eq!(s["objective"], json["objective"]["total"]);
    assert_eq!(s["gap"].as_f64(), Some(0.0));
    assert!(s["infeasible"].as_array().unwrap().is_empty());
}

#[test]
fn stdout_format_prints_the_chosen_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let sc = tutorial();

    // json: exactly the plan.json of the same run.
    let out = dir.path().join("json");
    let (r, json) = plan_ok(&sc, &out, &["--format", "json"]);
    let printed: Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_eq!(printed, json);
    assert_eq!(
        r.stdout,
        std::fs::read_to_string(out.join("plan.json")).unwrap()
    );

    // csv: exactly plan.csv.
    let out = dir.path().join("csv");
    let (r, _) = plan_ok(&sc, &out, &["--format", "csv"]);
    assert!(
        r.stdout.starts_with("cadre_id,cadre_name,post_id,"),
        "{r:?}"
    );
    assert_eq!(
        r.stdout,
        std::fs::read_to_string(out.join("plan.csv")).unwrap()
    );
    assert_eq!(r.stdout.lines().count(), 1 + TUTORIAL_PLAN.len());

    // markdown: exactly plan.md.
    let out = dir.path().join("md");
    let (r, _) = plan_ok(&sc, &out, &["--format", "markdown"]);
    assert!(r.stdout.starts_with("# "), "{r:?}");
    assert!(r.stdout.contains("## Assignments"), "{r:?}");
    assert!(r.stdout.contains("| VT01 |"), "{r:?}");
    assert_eq!(
        r.stdout,
        std::fs::read_to_string(out.join("plan.md")).unwrap()
    );

    // table (also the default): the summary, the assignments and where the files went.
    for extra in [&["--format", "table"][..], &[]] {
        let out = dir.path().join(format!("table{}", extra.len()));
        let (r, _) = plan_ok(&sc, &out, extra);
        assert!(!r.stdout.trim_start().starts_with('{'), "{r:?}");
        assert!(r.stdout.contains("status"), "{r:?}");
        assert!(r.stdout.contains("optimal"), "{r:?}");
        assert!(r.stdout.contains("Assignments"), "{r:?}");
        assert!(r.stdout.contains("Unfilled posts"), "{r:?}");
        for (c, p) in TUTORIAL_PLAN {
            assert!(r.stdout.contains(c) && r.stdout.contains(p), "{r:?}");
        }
        assert!(
            r.stdout.contains(&format!("written: {}", out.display())),
            "{r:?}"
        );
    }
}

/// plan.json without the solver's timings.
fn without_timings(mut json: Value) -> Value {
    let solver = json["solver"].as_object_mut().unwrap();
    assert!(solver.remove("build_s").is_some());
    assert!(solver.remove("solve_s").is_some());
    json
}

/// plan.md without its line of timings.
fn md_without_timings(md: &str) -> String {
    md.lines()
        .filter(|l| !l.starts_with("| time |"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn plans_are_byte_identical_across_runs_and_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("t1"), dir.path().join("t2"));
    plan_ok(&province(), &a, &["--threads", "1"]);
    plan_ok(&province(), &b, &["--threads", "2"]);
    for f in ["plan.csv", "unfilled.csv"] {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x == y, "{f} differs between --threads 1 and --threads 2");
    }
    let (ja, jb) = (
        without_timings(read_json(&a.join("plan.json"))),
        without_timings(read_json(&b.join("plan.json"))),
    );
    // The thread setting is not part of plan.json, so the rest must match exactly.
    assert_eq!(ja, jb);
    let (ma, mb) = (
        std::fs::read_to_string(a.join("plan.md")).unwrap(),
        std::fs::read_to_string(b.join("plan.md")).unwrap(),
    );
    assert_eq!(md_without_timings(&ma), md_without_timings(&mb));
}

#[test]
fn plan_without_any_eligible_pair_is_an_empty_optimal_plan() {
    // Nobody has 100 years of service left: H2 keeps every cadre out, there is no candidate pair,
    // and the best plan is the empty one (the must-fill penalty is a constant).
    let (dir, sc) = tutorial_copy(|y| {
        y + "rules:\n  min_service_months: 1200\n  min_service_months_policy: 1200\n"
    });
    let out = dir.path().join("out");
    let (r, json) = plan_ok(&sc, &out, &[]);
    assert!(r.stderr.is_empty(), "{r:?}");
    assert!(json["assignments"].as_array().unwrap().is_empty());
    assert_eq!(json["candidates"]["pairs"], 0);
    let unfilled = json["unfilled"].as_array().unwrap();
    assert_eq!(unfilled.len(), 6);
    assert!(unfilled.iter().all(|u| u["kind"] == "no_eligible_cadre"));
    assert_eq!(json["objective"]["must_fill_empty_seats"], 1);
}

// ---------------------------------------------------------------------------------------------
// check

/// `check` on a plan that breaks `rule`: exit 1, and both renderings name the rule.
fn assert_check_names(sc: &Path, plan: &Path, rule: &str) {
    let r = check(sc, plan);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{rule} ("))),
        "{rule} not named:\n{r:?}"
    );
    assert!(!r.stdout.contains("passes"), "{r:?}");
    let j = run([
        OsStr::new("check"),
        os(sc),
        os(plan),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert_eq!(j.code, 1, "{j:?}");
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    assert!(
        v["violations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["rule"] == rule),
        "{rule} not in {v:#}"
    );
}

#[test]
fn check_names_the_rule_a_hand_written_plan_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tut = tutorial();
    // S4: C13 is eligible for both VT01 and VT02, but takes one post.
    let p = plan_csv(d, "s4.csv", &[("C13", "VT01"), ("C13", "VT02")]);
    assert_check_names(&tut, &p, "S4");
    // H7: VT02 has one seat and no approved extra; C10 and C13 are both eligible for it.
    let p = plan_csv(d, "h7.csv", &[("C10", "VT02"), ("C13", "VT02")]);
    assert_check_names(&tut, &p, "H7");
    // H6: C03 has rank 6, VT06 rank 7, and C03 is not outstanding.
    let p = plan_csv(d, "h6.csv", &[("C03", "VT06")]);
    assert_check_names(&tut, &p, "H6");
    let r = check(&tut, &p);
    assert!(
        r.stdout.contains("C03") && r.stdout.contains("VT06"),
        "{r:?}"
    );
    // S1: three cadres of U02 leave it, at most two may.
    let p = plan_csv(
        d,
        "s1.csv",
        &[("C01", "VT06"), ("C04", "VT04"), ("C03", "VT04")],
    );
    assert_check_names(&tut, &p, "S1");

    let prov = province();
    // S3: the province forbids C209 → VT37 (the pin is kept, so nothing else is wrong).
    let p = plan_csv(d, "s3.csv", &[("C209", "VT37"), ("C057", "VT58")]);
    assert_check_names(&prov, &p, "S3");
    let r = check(&prov, &p);
    assert!(r.stdout.starts_with("1 violation"), "{r:?}");
    // S2: an empty plan misses the province's pin C057 → VT58.
    let p = plan_csv(d, "s2.csv", &[]);
    assert_check_names(&prov, &p, "S2");
    let r = check(&prov, &p);
    assert!(
        r.stdout.contains("C057") && r.stdout.contains("VT58"),
        "{r:?}"
    );
}

#[test]
fn check_accepts_a_hand_written_valid_plan() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan_csv(dir.path(), "ok.csv", &TUTORIAL_PLAN);
    assert_check_passes(&tutorial(), &p);
    // Fewer moves are fine too, and so is an empty plan without pins.
    let p = plan_csv(dir.path(), "one.csv", &[("C01", "VT06")]);
    assert_check_passes(&tutorial(), &p);
    let p = plan_csv(dir.path(), "empty.csv", &[]);
    assert_check_passes(&tutorial(), &p);
    // The province's pin alone.
    let p = plan_csv(dir.path(), "pin.csv", &[("C057", "VT58")]);
    assert_check_passes(&province(), &p);
    let j = run([
        OsStr::new("check"),
        os(&province()),
        os(&p),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert_eq!(j.code, 0, "{j:?}");
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["violations"], Value::Array(vec![]));
}

#[test]
fn check_rejects_unreadable_plans_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tut = tutorial();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "unknown-cadre.csv",
            b"cadre_id,post_id\nC99,VT01\n".to_vec(),
            "E4002",
        ),
        (
            "unknown-post.csv",
            b"cadre_id,post_id\nC01,VT99\n".to_vec(),
            "E4003",
        ),
        ("no-columns.csv", b"who,where\nC01,VT06\n".to_vec(), "E4001"),
        (
            "half-row.csv",
            b"cadre_id,post_id\nC01,\n".to_vec(),
            "E4004",
        ),
        ("empty.csv", Vec::new(), "E2013"),
        (
            "latin1.csv",
            b"cadre_id,post_id\nC01,VT\xe906\n".to_vec(),
            "E1010",
        ),
    ];
    for (name, bytes, code) in cases {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        let r = check(&tut, &p);
        assert_eq!(r.code, 1, "{name}: {r:?}");
        assert!(r.stderr.contains(code), "{name}: {code} expected\n{r:?}");
        // The last line counts the plan file's problems and names it (not "the scenario files;
        // nothing was planned").
        assert!(
            r.stderr
                .trim_end()
                .ends_with(&format!("problem(s) in {}; nothing was done", p.display())),
            "{name}: {r:?}"
        );
    }
    // In JSON the plan's problems go to stdout, errors apart from warnings.
    let j = run([
        OsStr::new("check"),
        os(&tut),
        os(&d.join("unknown-cadre.csv")),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert_eq!(j.code, 1, "{j:?}");
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["errors"][0]["code"], "E4002", "{j:?}");
    assert!(v["warnings"].is_array(), "{j:?}");
    assert!(j.stderr.contains("1 problem(s) in"), "{j:?}");
    let r = check(&tut, &d.join("nowhere.csv"));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E1001"), "{r:?}");
    let r = check(&tut, d);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E1008"), "{r:?}");
}

/// A scenario with errors does not hide the problems of the file given beside it: `check`'s plan
/// and `review`'s history are read for what needs no scenario (a missing column, a bad date), and
/// said after the scenario's, with a count line each; in JSON, in the one answer.
#[test]
fn a_broken_scenario_does_not_hide_the_problems_of_the_file_beside_it() {
    let (dir, sc) = tutorial_copy(|y| y + "no_such_key: 1\n");
    let d = dir.path();
    let plan = d.join("plan.csv");
    std::fs::write(&plan, "who,post_id\nC01,VT06\n").unwrap();
    let r = check(&sc, &plan);
    assert_eq!(r.code, 1, "{r:?}");
    let scenario_at = r
        .stderr
        .find("in the scenario files")
        .expect("scenario count");
    let plan_at = r.stderr.find("E4001").expect("the plan's E4001");
    assert!(scenario_at < plan_at, "{r:?}");
    assert!(
        r.stderr.trim_end().ends_with(&format!(
            "1 problem(s) in {}; nothing was done",
            plan.display()
        )),
        "{r:?}"
    );
    // A plan with nothing wrong in itself: the scenario's problems alone.
    let good = d.join("good.csv");
    std::fs::write(&good, "cadre_id,post_id\nC01,VT06\n").unwrap();
    let r = check(&sc, &good);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(!r.stderr.contains("good.csv"), "{r:?}");
    // JSON: both files' errors in one answer on stdout.
    let j = run([
        OsStr::new("check"),
        os(&sc),
        os(&plan),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert_eq!(j.code, 1, "{j:?}");
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    let files: Vec<String> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["code"], e["file"]))
        .collect();
    assert!(
        files.iter().any(|f| f.contains("tutorial.yaml")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.contains("E4001") && f.contains("plan.csv")),
        "{files:?}"
    );
    // A programme-looking file for a single plan's check (the YAML has no `programme:`): read as
    // the plan it is taken for, a missing `period` is no problem; a history-shaped file neither.
    let prog = d.join("prog.csv");
    std::fs::write(&prog, "cadre_id,post_id,kind\nC01,VT06,rotation\n").unwrap();
    let r = check(&sc, &prog);
    assert!(!r.stderr.contains("prog.csv"), "{r:?}");
    let hist = d.join("hist.csv");
    std::fs::write(
        &hist,
        "cadre_id,post_id,kind,start\nC01,VT06,rotation,2027-13-01\n",
    )
    .unwrap();
    let r = check(&sc, &hist);
    assert!(!r.stderr.contains("E2006"), "{r:?}");
    // review: a history's bad date, beside the scenario's problems.
    let history = d.join("history.csv");
    std::fs::write(
        &history,
        "cadre_id,post_id,kind,start\nC01,VT06,rotation,2027-13-01\n",
    )
    .unwrap();
    let r = run([OsStr::new("review"), os(&sc), os(&history)]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("in the scenario files"), "{r:?}");
    assert!(r.stderr.contains("E2006"), "{r:?}");
    assert!(
        r.stderr.trim_end().ends_with(&format!(
            "1 problem(s) in {}; nothing was done",
            history.display()
        )),
        "{r:?}"
    );
}

/// The scenario's own `history:` given to `review` while the scenario has errors (the history's
/// among them): each problem is said once, not again as the file's; a programme file lacking
/// `period` beside a broken programme scenario is said (E4001).
#[test]
fn a_broken_programmes_own_history_is_said_once_and_a_programme_files_columns_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let src = root().join("scenarios/programme");
    for f in ["units.csv", "posts.csv", "cadres.csv"] {
        std::fs::copy(src.join(f), d.join(f)).unwrap();
    }
    let yaml = std::fs::read_to_string(src.join("programme.yaml"))
        .unwrap()
        .replace(
            "  smoothing: 5\n",
            "  smoothing: 5\n  history: history.csv\n",
        );
    let sc = d.join("programme.yaml");
    std::fs::write(&sc, yaml).unwrap();
    let history = d.join("history.csv");
    std::fs::write(
        &history,
        "cadre_id,post_id,kind,start\nC001,VT01,rotation,2027-13-01\n",
    )
    .unwrap();
    let r = run([OsStr::new("review"), os(&sc), os(&history)]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.stderr.matches("error[E2006]").count(), 1, "{r:?}");
    assert!(!r.stderr.contains("nothing was done"), "{r:?}");
    let j = run([
        OsStr::new("review"),
        os(&sc),
        os(&history),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    let e2006 = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == "E2006")
        .count();
    assert_eq!(e2006, 1, "{j:?}");
    // A programme file without `period`, beside the same broken scenario.
    let prog = d.join("prog.csv");
    std::fs::write(&prog, "cadre_id,post_id,kind\nC001,VT01,rotation\n").unwrap();
    for command in ["review", "check"] {
        let r = run([OsStr::new(command), os(&sc), os(&prog)]);
        assert_eq!(r.code, 1, "{r:?}");
        assert!(r.stderr.contains("E4001"), "{command}: {r:?}");
        assert!(r.stderr.contains("period"), "{command}: {r:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// validate

fn validate(path: &Path) -> Run {
    run([OsStr::new("validate"), os(path)])
}

#[test]
fn validate_accepts_the_shipped_scenarios() {
    for sc in [tutorial(), province()] {
        let r = validate(&sc);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.stdout.contains("valid"), "{r:?}");
    }
    let r = validate(&tutorial());
    assert!(r.stdout.contains("6 units, 6 posts, 14 cadres"), "{r:?}");
}

#[test]
fn validate_reports_the_code_and_the_file() {
    let sc = root().join("tests/fixtures/errors/E2006/scenario.yaml");
    let r = validate(&sc);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("error[E2006]"), "{r:?}");
    assert!(r.stderr.contains("cadres.csv"), "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
    // plan and check stop at the same place, with the same code.
    let dir = tempfile::tempdir().unwrap();
    let r = run([
        OsStr::new("plan"),
        os(&sc),
        OsStr::new("--out"),
        os(dir.path()),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E2006"), "{r:?}");
    assert!(!dir.path().join("plan.json").exists());
    let p = plan_csv(dir.path(), "p.csv", &[]);
    let r = check(&sc, &p);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E2006"), "{r:?}");
}

#[test]
fn every_error_fixture_fails_validation_with_its_code() {
    let dir = root().join("tests/fixtures/errors");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let code = path.file_name().unwrap().to_string_lossy().into_owned();
        let sc = path.join("scenario.yaml");
        if !code.starts_with('E') || code.starts_with("E4") || !sc.is_file() {
            continue;
        }
        let r = validate(&sc);
        assert_eq!(r.code, 1, "{code}: {r:?}");
        assert!(r.stderr.contains(&format!("[{code}]")), "{code}: {r:?}");
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} fixtures");
}

/// A few bytes of a fixed pseudo-random sequence (xorshift), the same on every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn bad_scenario_files_exit_1_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = validate(&d.join("missing.yaml"));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E1001"), "{r:?}");
    let r = validate(d);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E1008"), "{r:?}");
    let r = validate(&root().join("scenarios/tutorial"));
    assert_eq!(r.code, 1, "{r:?}");

    let empty = d.join("empty.yaml");
    std::fs::write(&empty, "").unwrap();
    let r = validate(&empty);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E1003"), "{r:?}");

    // Random bytes, random printable text, and YAML-looking garbage.
    let mut inputs: Vec<Vec<u8>> = (0..12).map(|s| noise(s, 64 + 97 * s as usize)).collect();
    let alphabet = b" \n:-[]{}#&*!|>'\"%@`,?abcdE1\t";
    inputs.extend((0..8).map(|s| {
        noise(100 + s, 300)
            .into_iter()
            .map(|b| alphabet[b as usize % alphabet.len()])
            .collect()
    }));
    inputs.push(b"\xEF\xBB\xBF".to_vec());
    inputs.push(b"plan_date: 2027-01-01\ntables: 3\n".to_vec());
    inputs.push(b"plan_date: [\ntables:\n  units: {\n".to_vec());
    inputs.push(b"- a\n- b\n".to_vec());
    inputs.push(b"plan_date: 2027-01-01\ntables:\n  units: /\n  posts: .\n  cadres: ''\n".to_vec());
    for (i, bytes) in inputs.iter().enumerate() {
        let p = d.join(format!("random{i}.yaml"));
        std::fs::write(&p, bytes).unwrap();
        let r = validate(&p);
        assert_eq!(r.code, 1, "input {i} {bytes:?}: {r:?}");
        assert!(r.stderr.contains("error[E"), "input {i}: {r:?}");
        let r = run([
            OsStr::new("plan"),
            os(&p),
            OsStr::new("--out"),
            os(&d.join("out")),
        ]);
        assert_eq!(r.code, 1, "input {i}: {r:?}");
    }
    // Random bytes as the plan CSV of a valid scenario.
    for s in 0..6 {
        let p = d.join(format!("random{s}.csv"));
        std::fs::write(&p, noise(200 + s, 150)).unwrap();
        let r = check(&tutorial(), &p);
        assert_eq!(r.code, 1, "{r:?}");
    }
}

#[test]
fn bad_command_lines_exit_1_and_help_exits_0() {
    let r = run(["plan"]);
    assert_eq!(r.code, 1, "{r:?}");
    let r = run(["no-such-command"]);
    assert_eq!(r.code, 1, "{r:?}");
    let r = run(["--help"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("plan") && r.stdout.contains("check"),
        "{r:?}"
    );
    let t = tutorial();
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        &["--time-limit", "0"][..],
        &["--time-limit", "-1"],
        &["--time-limit", "NaN"],
        // Past a clock's range a deadline panicked; the scenario's cap holds.
        &["--time-limit", "1e19"],
        &["--time-limit", "1000001"],
        &["--gap", "1"],
        &["--gap", "-0.5"],
        &["--format", "html"],
        &["--threads", "x"],
    ] {
        let mut args = vec![
            OsStr::new("plan"),
            os(&t),
            OsStr::new("--out"),
            os(dir.path()),
        ];
        args.extend(bad.iter().map(OsStr::new));
        let r = run(args);
        assert_eq!(r.code, 1, "{bad:?}: {r:?}");
    }
    let r = run([
        OsStr::new("generate"),
        OsStr::new("--cadres"),
        OsStr::new("0"),
        OsStr::new("--posts"),
        OsStr::new("3"),
        OsStr::new("--out"),
        os(dir.path()),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
}

/// The command line's own errors are worded by report/ in `--lang`, else the locale's language:
/// Vietnamese words with the same exit code (1), and the English unchanged without either.
#[test]
fn cli_errors_follow_the_language() {
    let t = tutorial();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let go = |args: &[&OsStr], lang: Option<&str>| {
        let mut c = super::common::rotaplan();
        if let Some(l) = lang {
            c.env("LANG", l);
        }
        let o = c.args(args).output().unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let plan = |extra: &[&str], vi_flag: bool, locale: Option<&str>| {
        let mut args = vec![OsStr::new("plan"), os(&t), OsStr::new("--out"), os(&out)];
        if vi_flag {
            args.extend([OsStr::new("--lang"), OsStr::new("vi")]);
        }
        args.extend(extra.iter().map(OsStr::new));
        go(&args, locale)
    };
    let (code, err) = plan(&["--gap", "2"], false, None);
    assert_eq!(code, 1);
    assert_eq!(err.trim_end(), "error: --gap must be in [0, 1), got 2");
    let (code, err) = plan(&["--gap", "2"], true, None);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "lỗi: --gap phải nằm trong khoảng [0, 1), giá trị đã nhập là 2"
    );
    // The locale alone chooses Vietnamese too; `--lang en` wins over it.
    let (code, err) = plan(&["--time-limit", "0"], false, Some("vi_VN.UTF-8"));
    assert_eq!(code, 1);
    assert!(
        err.starts_with("lỗi: --time-limit phải là một số giây"),
        "{err}"
    );
    let mut args: Vec<&OsStr> = "--lang en generate --cadres 0 --posts 3 --out"
        .split(' ')
        .map(OsStr::new)
        .collect();
    args.push(os(&out));
    let (_, err) = go(&args, Some("vi_VN.UTF-8"));
    assert_eq!(
        err.trim_end(),
        "error: --cadres and --posts must be from 1 to 200000 (the most rows a table may have), and --plan-date in the years 1980 to 2150"
    );
    // A separator checked after parsing, so in the chosen language as well.
    let (code, err) = plan(&["--excel", "--csv-separator", "xx"], true, None);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "lỗi: --csv-separator xx: chỉ nhận một trong các ký tự , ; | tab"
    );
    // An --out that is a file, and a compare of nothing, in Vietnamese.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let (code, err) = go(
        &[
            OsStr::new("--lang"),
            OsStr::new("vi"),
            OsStr::new("plan"),
            os(&t),
            OsStr::new("--out"),
            os(&file),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("là một tệp, không phải thư mục"), "{err}");
    let (code, err) = go(
        &[
            OsStr::new("--lang"),
            OsStr::new("vi"),
            OsStr::new("compare"),
            os(&dir.path().join("nothing-here")),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("không có tệp hoặc thư mục này"), "{err}");
    assert!(!out.join("plan.json").exists(), "nothing is written");
}

// ---------------------------------------------------------------------------------------------
// generate

#[test]
fn generated_scenario_validates_plans_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let gen_dir = dir.path().join("gen");
    let r = run([
        OsStr::new("generate"),
        OsStr::new("--cadres"),
        OsStr::new("50"),
        OsStr::new("--posts"),
        OsStr::new("20"),
        OsStr::new("--seed"),
        OsStr::new("3"),
        OsStr::new("--out"),
        os(&gen_dir),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let sc = gen_dir.join("scenario.yaml");
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        assert!(gen_dir.join(f).is_file(), "{f}");
    }
    let r = validate(&sc);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("20 posts, 50 cadres"), "{r:?}");
    let (_, json) = plan_ok(&sc, &dir.path().join("out"), &[]);
    assert_eq!(json["kpis"]["posts"], 20);

    // The same seed gives the same files.
    let again = dir.path().join("again");
    let r = run([
        OsStr::new("generate"),
        OsStr::new("--cadres"),
        OsStr::new("50"),
        OsStr::new("--posts"),
        OsStr::new("20"),
        OsStr::new("--seed"),
        OsStr::new("3"),
        OsStr::new("--out"),
        os(&again),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        assert_eq!(
            std::fs::read(gen_dir.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// pins that cannot hold

/// A copy of the tutorial in a temporary folder, its YAML changed by `edit`.
fn tutorial_copy(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("scenarios/tutorial");
    for f in ["units.csv", "posts.csv", "cadres.csv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let yaml = std::fs::read_to_string(src.join("tutorial.yaml")).unwrap();
    let sc = dir.path().join("tutorial.yaml");
    std::fs::write(&sc, edit(yaml)).unwrap();
    (dir, sc)
}

/// `plan` on a scenario whose pins cannot hold: exit 1, status infeasible, no assignment, and the
/// printed report names `rules`.
fn assert_infeasible(sc: &Path, out: &Path, rules: &[&str]) -> Value {
    let r = run([OsStr::new("plan"), os(sc), OsStr::new("--out"), os(out)]);
    assert_eq!(r.code, 1, "{r:?}");
    for rule in rules {
        assert!(r.both().contains(rule), "{rule} not named:\n{r:?}");
    }
    assert!(r.both().contains("cannot hold"), "{r:?}");
    let json = read_json(&out.join("plan.json"));
    assert_eq!(json["solver"]["status"], "infeasible");
    assert!(json["assignments"].as_array().unwrap().is_empty());
    let groups = json["solver"]["infeasible"].as_array().unwrap();
    for rule in rules {
        assert!(
            groups
                .iter()
                .any(|g| g["rule"] == *rule || g["detail"].as_str().unwrap().contains(rule)),
            "{rule} not in {groups:#?}"
        );
    }
    json
}

#[test]
fn pin_of_an_ineligible_pair_is_infeasible() {
    // C13 → VT01 is fine; C03 → VT06 breaks H6 (rank 6 to 7, not outstanding).
    let (dir, sc) = tutorial_copy(|y| {
        y + "pins:\n  - { cadre: C13, post: VT01 }\n  - { cadre: C03, post: VT06, reason: thử }\n"
    });
    let r = validate(&sc);
    assert_eq!(r.code, 0, "pins of ineligible pairs load: {r:?}");
    let json = assert_infeasible(&sc, &dir.path().join("out"), &["S2", "H6"]);
    let detail = json["solver"]["infeasible"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("C03") && detail.contains("VT06"),
        "{detail}"
    );
    assert_eq!(json["solver"]["infeasible"].as_array().unwrap().len(), 1);
}

#[test]
fn pins_breaking_the_departure_cap_are_infeasible() {
    // C13 and C10 both work in U06; with at most one departure per unit they cannot both move.
    let (dir, sc) = tutorial_copy(|y| {
        y.replace("max_departures_per_unit: 2", "max_departures_per_unit: 1")
            + "pins:\n  - { cadre: C13, post: VT01 }\n  - { cadre: C10, post: VT02 }\n"
    });
    assert_eq!(validate(&sc).code, 0);
    let json = assert_infeasible(&sc, &dir.path().join("out"), &["S1"]);
    let detail = json["solver"]["infeasible"][0]["detail"].as_str().unwrap();
    assert!(detail.contains("C13") && detail.contains("C10"), "{detail}");
}

#[test]
fn two_pins_on_a_one_seat_post_are_refused_at_load_time() {
    let (dir, sc) = tutorial_copy(|y| {
        y + "pins:\n  - { cadre: C13, post: VT02 }\n  - { cadre: C10, post: VT02 }\n"
    });
    let r = validate(&sc);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E3004"), "{r:?}");
    let r = run([
        OsStr::new("plan"),
        os(&sc),
        OsStr::new("--out"),
        os(&dir.path().join("out")),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("E3004"), "{r:?}");
}

#[test]
fn feasible_pins_are_kept_and_checked() {
    // Pin C13 to VT02 instead of the must-fill VT01: VT01 then stays empty (C13 was its only
    // candidate), and the plan still passes check with the pin.
    let (dir, sc) = tutorial_copy(|y| y + "pins:\n  - { cadre: C13, post: VT02 }\n");
    let (_, json) = plan_ok(&sc, &dir.path().join("out"), &[]);
    let got = assignments(&json);
    assert!(got.contains(&("VT02".into(), "C13".into())), "{got:?}");
    assert!(!got.iter().any(|(p, _)| p == "VT01"), "{got:?}");
    assert_eq!(unfilled(&json, "VT01").unwrap()["must_fill"], true);
    assert_eq!(json["objective"]["must_fill_empty_seats"], 1);
}

/// Options of a single plan that a programme has no use for are said on stderr, not silently
/// dropped (`--runner-ups 3` wrote no runner-ups and said nothing).
#[test]
fn plan_says_which_options_a_programme_does_not_use() {
    let out = tempfile::tempdir().unwrap();
    let r = run([
        OsStr::new("plan"),
        os(&root().join("scenarios/programme/programme.yaml")),
        OsStr::new("--runner-ups"),
        OsStr::new("3"),
        OsStr::new("--out"),
        os(out.path()),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("note: not used for a programme, which has its own outputs: --runner-ups"),
        "{r:?}"
    );
}

/// What a command prints that cannot reach stdout (a full disk: /dev/full) is an error, exit 1,
/// said on stderr: a JSON answer or a plan on stdout cut short must not look done.
#[test]
fn a_stdout_that_cannot_be_written_is_exit_1() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        return; // not Linux
    };
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .args(["validate", "--format", "json"])
        .arg(tutorial())
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write to the standard output"), "{err}");
    // A closed stdout (`>&-`): Rust's own stdout would drop the writes as if they were made.
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" validate \"$1\" >&-")
        .arg(assert_cmd::cargo::cargo_bin("rotaplan"))
        .arg(tutorial())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write to the standard output"), "{err}");
    assert!(err.contains("Bad file descriptor"), "{err}");
}

/// A key mistyped inside a variant is located where the variant writes it (it had no line).
#[test]
fn a_mistyped_key_in_a_variant_is_located_in_the_variant() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("v.yaml");
    std::fs::write(
        &yaml,
        format!(
            "extends: {}\nallow_outside_paths: true\nvariants:\n  v1: {{ weights: {{ stafing: 3 }} }}\n",
            tutorial().display()
        ),
    )
    .unwrap();
    let o = Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["validate"])
        .arg(&yaml)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("v.yaml:4:20 (variant v1: weights.stafing)"),
        "{err}"
    );
}

/// A plan written into a folder that holds a `run`'s outputs replaces them, and says so (the run
/// used to vanish without a word).
#[test]
fn a_plan_over_a_runs_outputs_says_what_it_removes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = |args: &[&str]| {
        Command::cargo_bin("rotaplan")
            .unwrap()
            .args(args)
            .arg(tutorial())
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    assert!(run(&["-q", "run"]).status.success());
    assert!(out.join("comparison.md").exists());
    let o = run(&["-q", "plan"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("held another command's outputs"), "{err}");
    assert!(err.contains("comparison.csv"), "{err}");
    assert!(!out.join("comparison.md").exists());
    // Planning again over its own plan says nothing.
    let o = run(&["-q", "plan"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("another command"), "{err}");
}

/// Sizes and dates past what a scenario may hold are refused up front: `generate --cadres
/// 99999999999` aborted on a 22 TB allocation, `--plan-date 9999-12-31` wrote a scenario that
/// failed `validate`, and `plan_date: 9999-12-31` planned nobody and said nothing.
#[test]
fn sizes_and_dates_past_a_scenarios_limits_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("g");
    for args in [
        vec!["--cadres", "99999999999", "--posts", "5"],
        vec!["--cadres", "5", "--posts", "200001"],
        vec!["--cadres", "5", "--posts", "5", "--plan-date", "9999-12-31"],
    ] {
        let r = run(["generate", "--out", out.to_str().unwrap()]
            .into_iter()
            .chain(args.iter().copied()));
        assert_eq!(r.code, 1, "{args:?}: {r:?}");
        assert!(r.stderr.contains("--cadres and --posts must be"), "{r:?}");
        assert!(!out.exists());
    }
    let yaml = std::fs::read_to_string(tutorial()).unwrap();
    for date in ["9999-12-31", "0001-01-01"] {
        let copy = tmp.path().join("far.yaml");
        std::fs::write(
            &copy,
            yaml.replace("plan_date: 2027-01-01", &format!("plan_date: {date}")),
        )
        .unwrap();
        let r = run(["validate", copy.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{r:?}");
        assert!(
            r.stderr.contains("a date between the years 1900 and 2200"),
            "{r:?}"
        );
    }
}

/// `RAYON_NUM_THREADS` far past what rotaplan uses (5,000 made the tutorial take seconds): capped
/// with a warning, and the plan is the same byte for byte.
#[test]
fn a_huge_rayon_num_threads_is_capped_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = |threads: Option<&str>, out: &str| {
        let mut c = Command::cargo_bin("rotaplan").unwrap();
        c.env_remove("RAYON_NUM_THREADS");
        if let Some(t) = threads {
            c.env("RAYON_NUM_THREADS", t);
        }
        let o = c
            .arg("plan")
            .arg(tutorial())
            .arg("--out")
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (
            String::from_utf8_lossy(&o.stderr).into_owned(),
            std::fs::read(dir.path().join(out).join("plan.csv")).unwrap(),
        )
    };
    let (said, capped) = plan(Some("5000"), "a");
    assert!(
        said.contains("RAYON_NUM_THREADS is more than rotaplan uses"),
        "{said}"
    );
    let (said, plain) = plan(None, "b");
    assert!(!said.contains("RAYON_NUM_THREADS"), "{said}");
    assert_eq!(capped, plain);
}

/// ROTAPLAN_HIGHS_LOG=1 shows HiGHS's log on stderr, as commands.md says: on stdout (HiGHS's
/// console) it broke every `--format json` answer.
#[test]
fn the_highs_log_goes_to_stderr_not_into_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .args(["plan", "--format", "json", "--out"])
        .arg(dir.path().join("out"))
        .arg(tutorial())
        .env("ROTAPLAN_HIGHS_LOG", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["assignments"].is_array());
    assert!(err.contains("HiGHS run time"), "{err}");
}

/// `check --against-optimum` on a scenario whose own solve finds no plan (a pin that breaks H5:
/// infeasible) measures against nothing: it showed the empty plan as "the optimum" (objective
/// −1000, "5 cadres placed differently"). Said on stderr; the JSON's optimum has its status and
/// no objective.
#[test]
fn against_an_infeasible_optimum_nothing_is_measured() {
    let (dir, yaml) = {
        let dir = tempfile::tempdir().unwrap();
        let valid = root().join("tests/fixtures/errors/valid");
        for f in ["units.csv", "posts.csv", "cadres.csv"] {
            std::fs::copy(valid.join(f), dir.path().join(f)).unwrap();
        }
        let text = std::fs::read_to_string(valid.join("scenario.yaml"))
            .unwrap()
            .replace("{ cadre: K001, post: T001,", "{ cadre: K001, post: T003,");
        let yaml = dir.path().join("scenario.yaml");
        std::fs::write(&yaml, text).unwrap();
        (dir, yaml)
    };
    let plan = dir.path().join("hand.csv");
    std::fs::write(&plan, "cadre_id,post_id\nK002,T004\n").unwrap();
    let run = |format: &str| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
            .args(["--lang", "en", "check"])
            .arg(&yaml)
            .arg(&plan)
            .args(["--against-optimum", "--format", format])
            .output()
            .unwrap()
    };
    let o = run("table");
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(
        err.contains("no optimum to measure the plan against"),
        "{err}"
    );
    assert!(
        !out.contains("optimum") && !out.contains("placed differently"),
        "{out}"
    );
    let o = run("json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["score"]["optimum"]["status"], "infeasible");
    assert!(v["score"]["optimum"]["objective"].is_null());
}
