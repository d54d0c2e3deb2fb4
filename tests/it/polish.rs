//! Issue 13, "Out to the committee": what a new user's walkthrough found (no-plan pages, generated
//! scenarios that warn, month-first dates, a misspelt scenario file, Vietnamese booleans, a plan
//! file's warnings beside its errors, `diff`/`compare` in words and in the chosen language).

use crate::common::{root, rotaplan};
use std::fs;
use std::path::{Path, PathBuf};

fn run(args: &[&str], dir: Option<&Path>) -> (i32, String, String) {
    let mut c = rotaplan();
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let o = c.args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn tutorial_table(name: &str) -> String {
    root()
        .join("scenarios/tutorial")
        .join(name)
        .display()
        .to_string()
}

/// A scenario in `dir` on the tutorial's tables (`cadres` replaced when given), with `extra` YAML.
fn scenario(dir: &Path, cadres: Option<&str>, extra: &str) -> PathBuf {
    let cadres = match cadres {
        Some(text) => {
            let p = dir.join("cadres.csv");
            fs::write(&p, text).unwrap();
            p.display().to_string()
        }
        None => tutorial_table("cadres.csv"),
    };
    let yaml = format!(
        "name: polish\nplan_date: 2027-01-01\ntables:\n  units: {}\n  posts: {}\n  cadres: {cadres}\nallow_outside_paths: true\n{extra}",
        tutorial_table("units.csv"),
        tutorial_table("posts.csv"),
    );
    let p = dir.join("s.yaml");
    fs::write(&p, yaml).unwrap();
    p
}

/// The tutorial's cadres.csv with `edit` applied to its rows (header first).
fn cadres_with(edit: impl Fn(&mut Vec<Vec<String>>)) -> String {
    let text = fs::read_to_string(tutorial_table("cadres.csv")).unwrap();
    let mut rows: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    edit(&mut rows);
    rows.iter().map(|r| r.join(",") + "\n").collect()
}

fn col(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|h| h == name).unwrap()
}

#[test]
fn generated_scenarios_validate_without_any_warning() {
    let tmp = tempfile::tempdir().unwrap();
    for (cadres, posts, seed, years) in [
        ("60", "20", "1", None),
        ("300", "100", "2", None),
        ("900", "300", "5", None),
        ("300", "100", "3", Some("3")),
        ("120", "40", "9", Some("2")),
    ] {
        let out = tmp.path().join(format!("g{cadres}-{seed}-{years:?}"));
        let out_s = out.display().to_string();
        let mut args = vec![
            "generate", "-q", "--cadres", cadres, "--posts", posts, "--seed", seed, "--out", &out_s,
        ];
        if let Some(y) = years {
            args.extend(["--years", y]);
        }
        let (code, _, err) = run(&args, None);
        assert_eq!(code, 0, "{err}");
        let yaml = out.join("scenario.yaml").display().to_string();
        let (code, _, err) = run(&["validate", &yaml, "--deny-warnings"], None);
        assert_eq!(code, 0, "{cadres}/{posts}/{seed}/{years:?}: {err}");
        assert!(!err.contains("warning["), "{err}");
    }
}

const PINS: &str = "max_departures_per_unit: 1\npins:\n  - { cadre: C13, post: VT01, relaxable: false }\n  - { cadre: C10, post: VT02 }\n  - { cadre: C03, post: VT06 }\n";

#[test]
fn committee_page_of_an_infeasible_scenario_says_there_is_no_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let s = scenario(tmp.path(), None, PINS);
    for (lang, no_plan, relax, footer_false) in [
        (
            "en",
            "No plan",
            "Requirements to relax",
            "every move passed the independent check",
        ),
        (
            "vi",
            "Chưa có phương án",
            "Yêu cầu cần nới lỏng",
            "mọi trường hợp đã qua kiểm tra độc lập",
        ),
    ] {
        let out = tmp.path().join(format!("out-{lang}"));
        let (code, _, err) = run(
            &[
                "plan",
                "-q",
                &s.display().to_string(),
                "--out",
                &out.display().to_string(),
                "--lang",
                lang,
            ],
            None,
        );
        assert_eq!(code, 1, "{err}");
        let html = fs::read_to_string(out.join("committee.html")).unwrap();
        let body = &html[html.find("<body>").unwrap()..];
        // The banner comes first, before any other section, with the status and what to relax.
        let banner = body.find(no_plan).expect("no-plan banner");
        assert!(banner < body.find("<h3>").unwrap(), "{body}");
        assert!(body.contains(relax), "{body}");
        assert!(body.contains("C10 → VT02"), "{body}");
        assert!(body.contains("C03 → VT06"), "{body}");
        // No empty tables, no moves heading, no footer claiming checked moves.
        assert!(!body.contains("<table"), "{body}");
        assert!(!body.contains("By direction") && !body.contains("Theo hướng"));
        assert!(!body.contains("Rotations by receiving unit"));
        assert!(!body.contains(footer_false), "{body}");
        let md = fs::read_to_string(out.join("plan.md")).unwrap();
        let first_section = md.find("\n## ").unwrap();
        let status = if lang == "en" { "infeasible" } else { "không" };
        assert!(
            md[..first_section].contains(no_plan) && md[..first_section].contains(status),
            "{md}"
        );
    }
}

#[test]
fn plan_md_summary_table_has_real_headers() {
    let tmp = tempfile::tempdir().unwrap();
    let s = scenario(tmp.path(), None, "");
    let out = tmp.path().join("out");
    let (code, _, err) = run(
        &[
            "plan",
            "-q",
            &s.display().to_string(),
            "--out",
            &out.display().to_string(),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(out.join("plan.md")).unwrap();
    assert!(md.contains("| Measure | Value |\n|---|---|\n"), "{md}");
    assert!(!md.contains("|  |  |"), "{md}");
    let html = fs::read_to_string(out.join("plan.html")).unwrap();
    assert!(html.contains("Measure") && html.contains("Value"));
    let committee = fs::read_to_string(out.join("committee.html")).unwrap();
    // Headers never break inside a word ("consider/ed").
    assert!(committee.contains("th { background: #eee; overflow-wrap: normal;"));
    assert!(committee.contains("Made by rotaplan"));
}

#[test]
fn month_first_dates_name_the_date_format_and_ambiguous_rows_are_said() {
    let tmp = tempfile::tempdir().unwrap();
    let cadres = cadres_with(|rows| {
        let b = col(rows, "birth_date");
        rows[1][b] = "02/14/1982".into(); // a date only month first
        rows[2][b] = "03/04/1980".into(); // reads both ways
    });
    let s = scenario(tmp.path(), Some(&cadres), "");
    let (code, _, err) = run(&["validate", &s.display().to_string()], None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[E2006]"), "{err}");
    assert!(err.contains("`date_format: mm/dd/yyyy`"), "{err}");
    let w = err
        .find("warning[W2008]")
        .expect("W2008 on the ambiguous row");
    assert!(err[w..].contains("cadres.csv:3:"), "{err}");
    assert!(err[w..].contains("\"03/04/1980\""), "{err}");
    // Declared month first: both rows read, the ambiguous one as 4 March, without a warning.
    let s = scenario(tmp.path(), Some(&cadres), "date_format: mm/dd/yyyy\n");
    let (code, _, err) = run(
        &["validate", &s.display().to_string(), "--deny-warnings"],
        None,
    );
    assert_eq!(code, 0, "{err}");
    // Day-first files are untouched by the month-first hint.
    let cadres = cadres_with(|rows| {
        let b = col(rows, "birth_date");
        rows[1][b] = "14/02/1982".into();
        rows[2][b] = "31/02/1980".into(); // not a day
    });
    let s = scenario(tmp.path(), Some(&cadres), "");
    let (_, _, err) = run(&["validate", &s.display().to_string()], None);
    assert!(err.contains("error[E2006]"), "{err}");
    assert!(!err.contains("mm/dd/yyyy`"), "{err}");
}

#[test]
fn yaml_dates_follow_the_declared_date_format() {
    let tmp = tempfile::tempdir().unwrap();
    let with = |plan_date: &str, extra: &str| {
        let s = scenario(tmp.path(), None, extra);
        let text = fs::read_to_string(&s)
            .unwrap()
            .replace("plan_date: 2027-01-01", &format!("plan_date: {plan_date}"));
        fs::write(&s, text).unwrap();
        run(
            &["validate", &s.display().to_string(), "--format", "json"],
            None,
        )
    };
    let (code, out, _) = with("01/01/2027", "date_format: dd/mm/yyyy\n");
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = with("12/31/2026", "date_format: mm/dd/yyyy\n");
    assert_eq!(code, 0, "{out}");
    // Without date_format: day first only when it cannot be month first.
    let (code, out, _) = with("25/12/2026", "");
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = with("02/01/2027", "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("E1011") && out.contains("date_format"),
        "{out}"
    );
    let (code, out, _) = with("01/01/2027", "date_format: yyyy-mm-dd\n");
    assert_eq!(code, 1, "{out}");
}

#[test]
fn a_misspelt_scenario_file_gets_a_did_you_mean() {
    let (code, _, err) = run(&["validate", "scenarios/tutorial/tutorail.yaml"], None);
    assert_eq!(code, 1);
    assert!(err.contains("error[E1001]"), "{err}");
    assert!(
        err.contains("did you mean \"scenarios/tutorial/tutorial.yaml\"?"),
        "{err}"
    );
    // Not close to any: no suggestion.
    let (_, _, err) = run(&["validate", "scenarios/tutorial/budget-2031.yaml"], None);
    assert!(
        err.contains("error[E1001]") && !err.contains("did you mean"),
        "{err}"
    );
}

#[test]
fn vietnamese_booleans_are_read_and_errors_name_the_header_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let cadres = cadres_with(|rows| {
        let o = col(rows, "outstanding");
        rows[0][o] = "Nổi trội".into();
        rows[1][o] = "có".into();
        rows[2][o] = "Không".into();
        // Decomposed (NFD) as macOS writes it.
        rows[3][o] = "CO\u{301}".into();
    });
    let s = scenario(tmp.path(), Some(&cadres), "");
    let (code, _, err) = run(&["validate", &s.display().to_string()], None);
    assert_eq!(code, 0, "{err}");
    let bad = cadres.replacen(",có,", ",cóc,", 1);
    assert_ne!(bad, cadres);
    let s = scenario(tmp.path(), Some(&bad), "");
    let (code, _, err) = run(&["validate", &s.display().to_string()], None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[E2004]"), "{err}");
    assert!(err.contains("(column Nổi trội [outstanding])"), "{err}");
    assert!(err.contains("có/không"), "{err}");
}

#[test]
fn a_plan_file_reports_its_warnings_beside_its_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = tmp.path().join("plan.csv");
    fs::write(
        &plan,
        "cadre_id,cadre_name,post_id,post_title\nC01,Someone Else,VT02,\nC02,,VT99,\n",
    )
    .unwrap();
    let tut = root().join("scenarios/tutorial/tutorial.yaml");
    let args = |lang: &'static str| {
        vec![
            "check".to_string(),
            tut.display().to_string(),
            plan.display().to_string(),
            "--lang".into(),
            lang.into(),
        ]
    };
    let o = rotaplan().args(args("en")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error[E4003]"), "{err}");
    assert!(err.contains("warning[W4001]"), "{err}");
    assert!(err.contains("the name of \"C01\" in the scenario"), "{err}");
    let o = rotaplan().args(args("vi")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("họ tên của \"C01\""), "{err}");
    assert!(!err.contains("name của"), "{err}");
}

/// A plan.json and a copy with other KPIs, in `dir`.
fn two_plans(dir: &Path) -> (PathBuf, PathBuf) {
    let s = scenario(dir, None, "");
    let a = dir.join("a");
    let (code, _, err) = run(
        &[
            "plan",
            "-q",
            &s.display().to_string(),
            "--out",
            &a.display().to_string(),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let mut j: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(a.join("plan.json")).unwrap()).unwrap();
    let share = j["kpis"]["women_share"].as_f64().unwrap();
    j["kpis"]["women_share"] = serde_json::json!(share + 0.25);
    let b = dir.join("b");
    fs::create_dir_all(&b).unwrap();
    fs::write(b.join("plan.json"), serde_json::to_string(&j).unwrap()).unwrap();
    (a.join("plan.json"), b.join("plan.json"))
}

#[test]
fn diff_words_its_kpis_and_follows_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_plans(tmp.path());
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let (code, out, err) = run(&["diff", &a, &b], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("KPIs that change:"), "{out}");
    assert!(!out.contains("women_share"), "{out}");
    // In percent, with the comparison's label.
    assert!(out.contains("  women %: "), "{out}");
    assert!(out.contains("(+25.0)"), "{out}");
    let (code, out, _) = run(&["diff", &a, &b, "--lang", "vi"], None);
    assert_eq!(code, 0);
    assert!(out.contains("Chỉ số thay đổi:"), "{out}");
    assert!(out.contains("  nữ %: ") && out.contains("(+25,0)"), "{out}");
    let (code, out, _) = run(&["compare", &a, &b, "--lang", "vi"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("Các phương án\n"), "{out}");
    let (_, out, _) = run(&["compare", &a, &b], None);
    assert!(out.starts_with("Plans\n"), "{out}");
}

/// A plan.json edited by hand is read only when it is a plan: a move without its post, a negative
/// gap or a newer format is refused naming the field; an escape sequence in a text field is shown
/// as its picture, never sent to the terminal.
#[test]
fn a_hand_edited_plan_json_is_refused_by_field_and_its_control_characters_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = two_plans(tmp.path());
    let j: serde_json::Value = serde_json::from_str(&fs::read_to_string(&a).unwrap()).unwrap();
    let edited = |name: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = j.clone();
        f(&mut v);
        let p = tmp.path().join(format!("{name}.json"));
        fs::write(&p, serde_json::to_string(&v).unwrap()).unwrap();
        p.display().to_string()
    };
    let a = a.display().to_string();
    for (name, says, f) in [
        (
            "nopost",
            "`assignments[0]` has no `post_id`",
            &(|v: &mut serde_json::Value| {
                v["assignments"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("post_id");
            }) as &dyn Fn(&mut serde_json::Value),
        ),
        ("gap", "`solver.gap` is -1", &|v: &mut serde_json::Value| {
            v["solver"]["gap"] = serde_json::json!(-1.0)
        }),
        (
            "newer",
            "`format_version` 999 is newer",
            &|v: &mut serde_json::Value| v["format_version"] = serde_json::json!(999),
        ),
        ("twice", "moves cadre", &|v: &mut serde_json::Value| {
            let first = v["assignments"][0].clone();
            v["assignments"].as_array_mut().unwrap().push(first);
        }),
        (
            "unicorn",
            "which no solve gives",
            &|v: &mut serde_json::Value| {
                v["solver"]["status"] = serde_json::json!("unicorn\u{1b}[31m")
            },
        ),
    ] {
        let b = edited(name, f);
        let (code, _, err) = run(&["diff", &a, &b], None);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(
            err.contains(says) && !err.contains('\u{1b}'),
            "{name}: {err}"
        );
    }
    let b = edited("esc", &|v: &mut serde_json::Value| {
        v["assignments"][0]["cadre_id"] = serde_json::json!("X1");
        v["assignments"][0]["cadre_name"] = serde_json::json!("bogus\u{1b}[31m")
    });
    let (code, out, err) = run(&["diff", &a, &b], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains('\u{1b}') && out.contains("bogus\u{241b}[31m"),
        "{out}"
    );
}
