//! Golden files (insta) of what people and programs read: plan.md, plan.csv, unfilled.csv and
//! plan.json of the tutorial and the province, the what-if comparison table, and explain answers.
//! A change in any output is a visible diff in `tests/it/snapshots/`; timings are masked.
//! Update on purpose with `INSTA_UPDATE=always cargo test --release --test it golden` and review.

use crate::common::{root, rotaplan};
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
            if l.contains(" s (model ")
                || l.contains(" giây (lập mô hình ")
                || l.trim_start().starts_with("time ")
            {
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

/// `rotaplan --lang LANG explain ARGS…`'s answer, timings masked.
fn explain_in(lang: &str, args: &[&str]) -> String {
    let out = rotaplan()
        .args(["--lang", lang, "explain"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    masked_text(&String::from_utf8_lossy(&out.stdout))
}

#[test]
fn explain_answers_are_golden() {
    let ask = |args: &[&str]| explain_in("en", args);
    insta::assert_snapshot!(
        "explain_tutorial_post_vt03",
        ask(&["scenarios/tutorial/tutorial.yaml", "--post", "VT03"])
    );
    insta::assert_snapshot!(
        "explain_province_cadre_c100",
        ask(&["scenarios/province/province.yaml", "--cadre", "C100"])
    );
}

#[test]
fn explain_answers_in_vietnamese_are_golden() {
    // The same questions as `explain_answers_are_golden`, answered in Vietnamese: every word from
    // the catalogue, the numbers written the Vietnamese way.
    let ask = |args: &[&str]| explain_in("vi", args);
    insta::assert_snapshot!(
        "explain_tutorial_post_vt03_vi",
        ask(&["scenarios/tutorial/tutorial.yaml", "--post", "VT03"])
    );
    insta::assert_snapshot!(
        "explain_province_cadre_c100_vi",
        ask(&["scenarios/province/province.yaml", "--cadre", "C100"])
    );
    // JSON keeps its keys; its sentences follow the language.
    let json = ask(&[
        "scenarios/tutorial/tutorial.yaml",
        "--post",
        "VT03",
        "--format",
        "json",
    ]);
    assert!(json.contains("\"summary\": \"C14 giữ vị trí này"), "{json}");
    assert!(json.contains("\"why_not\": \"C13 nhận VT01"), "{json}");
    // The pair answer (with its re-solve) and the plan overview.
    insta::assert_snapshot!(
        "explain_tutorial_pair_c13_vt03_vi",
        ask(&[
            "scenarios/tutorial/tutorial.yaml",
            "--cadre",
            "C13",
            "--post",
            "VT03"
        ])
    );
    insta::assert_snapshot!(
        "explain_tutorial_overview_vi",
        ask(&["scenarios/tutorial/tutorial.yaml"])
    );
    let json = ask(&[
        "scenarios/tutorial/tutorial.yaml",
        "--cadre",
        "C13",
        "--post",
        "VT01",
        "--format",
        "json",
    ]);
    assert!(
        json.contains(
            "\"summary\": \"C13 (Hoàng Thị Mai) → VT01 (Bí thư Đảng ủy) có trong phương án"
        ),
        "{json}"
    );
}

#[test]
fn vietnamese_outputs_are_golden() {
    // plan.md in Vietnamese, chosen by the flag; JSON and CSV stay the same in every language.
    let dir = tempfile::tempdir().unwrap();
    let out = rotaplan()
        .args([
            "--lang",
            "vi",
            "plan",
            "scenarios/tutorial/tutorial.yaml",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    insta::assert_snapshot!("tutorial_plan_md_vi", masked_text(&read("plan.md")));
    assert!(read("plan.html").contains("<html lang=\"vi\">"));
    let en = tempfile::tempdir().unwrap();
    plan_into("scenarios/tutorial/tutorial.yaml", en.path());
    let en_text = |f: &str| std::fs::read_to_string(en.path().join(f)).unwrap();
    assert_eq!(
        read("plan.csv"),
        en_text("plan.csv"),
        "plan.csv differs by language"
    );
    // unfilled.csv: the machine columns are the same, the reason is in the language asked for.
    let rows = |t: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(t.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let (vi_rows, en_rows) = (rows(&read("unfilled.csv")), rows(&en_text("unfilled.csv")));
    assert_eq!(vi_rows.len(), en_rows.len());
    assert!(!vi_rows.is_empty());
    for (v, e) in vi_rows.iter().zip(&en_rows) {
        assert_eq!(v[..7], e[..7], "machine columns differ by language");
        assert_ne!(v[7], e[7], "the reason is not in Vietnamese");
        assert!(v[7].contains("cán bộ"), "{}", v[7]);
    }
    assert!(
        std::fs::read_to_string(en.path().join("plan.html"))
            .unwrap()
            .contains("<html lang=\"en\">")
    );

    // `--labels vi`: a second header row for people; `check` still reads the file.
    let labelled = tempfile::tempdir().unwrap();
    let out = rotaplan()
        .args([
            "plan",
            "scenarios/tutorial/tutorial.yaml",
            "--labels",
            "vi",
            "--out",
        ])
        .arg(labelled.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let csv = fs::read_to_string(labelled.path().join("plan.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("cadre_id,cadre_name,post_id,"),
        "{csv}"
    );
    assert!(
        lines[1].starts_with("mã cán bộ,họ và tên,mã vị trí,"),
        "{csv}"
    );
    assert_eq!(lines.len(), read("plan.csv").lines().count() + 1);
    let unfilled = fs::read_to_string(labelled.path().join("unfilled.csv")).unwrap();
    assert!(
        unfilled.lines().nth(1).unwrap().ends_with(",lý do"),
        "{unfilled}"
    );
    let checked = rotaplan()
        .args(["check", "scenarios/tutorial/tutorial.yaml"])
        .arg(labelled.path().join("plan.csv"))
        .output()
        .unwrap();
    assert!(checked.status.success(), "{checked:?}");

    let ask = rotaplan()
        .args(["explain", "scenarios/tutorial/tutorial.yaml", "--structure"])
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    assert!(ask.status.success());
    insta::assert_snapshot!(
        "explain_tutorial_structure_vi",
        String::from_utf8_lossy(&ask.stdout)
    );
}

#[test]
fn the_language_is_the_flag_then_the_scenario_then_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join("scenarios/tutorial/tutorial.yaml")).unwrap();
    let tables = root().join("scenarios/tutorial");
    // The scenario's tables are named relative to its folder: write the copy beside them.
    let yaml = yaml
        .replace("units.csv", &tables.join("units.csv").display().to_string())
        .replace("posts.csv", &tables.join("posts.csv").display().to_string())
        .replace(
            "cadres.csv",
            &tables.join("cadres.csv").display().to_string(),
        );
    let vi = dir.path().join("vi.yaml");
    std::fs::write(
        &vi,
        format!("{yaml}\nlanguage: vi\nallow_outside_paths: true\n"),
    )
    .unwrap();
    let heading = |args: &[&str], env: Option<&str>| {
        let mut c = rotaplan();
        c.args(args);
        if let Some(l) = env {
            c.env("LANG", l);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    };
    let tutorial = "scenarios/tutorial/tutorial.yaml";
    let (en, vn) = (
        "Structure (before the MIP)",
        "Rà soát khả năng bố trí (trước khi giải mô hình)",
    );
    assert_eq!(heading(&["explain", tutorial, "--structure"], None), en);
    assert_eq!(
        heading(&["explain", tutorial, "--structure"], Some("vi_VN.UTF-8")),
        vn
    );
    let v = vi.to_str().unwrap();
    assert_eq!(
        heading(&["explain", v, "--structure"], Some("en_US.UTF-8")),
        vn
    );
    assert_eq!(
        heading(&["--lang", "en", "explain", v, "--structure"], None),
        en
    );
    assert_eq!(
        heading(&["explain", tutorial, "--structure", "--lang", "vi"], None),
        vn
    );

    // check's verdict follows the scenario's language: one cadre on two posts breaks S4.
    let plan = dir.path().join("two-posts.csv");
    std::fs::write(&plan, "cadre_id,post_id\nC13,VT01\nC13,VT02\n").unwrap();
    let out = rotaplan().args(["check", v]).arg(&plan).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(" vi phạm\n"), "{text}");
    assert!(
        text.contains("S4 (mỗi cán bộ một vị trí) C13: được bố trí vào 2 vị trí: VT01, VT02"),
        "{text}"
    );

    // A language the catalogue does not have is an error of the scenario, with the two it has.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        format!("{yaml}\nlanguage: vn\nallow_outside_paths: true\n"),
    )
    .unwrap();
    let out = rotaplan().args(["validate"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("E1012") && err.contains("one of vi, en"),
        "{err}"
    );
}

/// English words of a Vietnamese output: every word of `text` (ids, file names and paths — tokens
/// with a digit, `/`, `_` or `.` — aside) found in `english`, case-insensitively.
fn english_words(text: &str, english: &[&str]) -> Vec<String> {
    text.split_whitespace()
        .filter(|t| !t.contains(|c: char| c.is_ascii_digit() || "/_.\\".contains(c)))
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| english.iter().any(|e| e.eq_ignore_ascii_case(w)))
        .map(String::from)
        .collect()
}

/// The words of an HTML page a person reads: its body without tags, styles and scripts.
fn html_text(html: &str) -> String {
    let body = &html[html.find("<body").unwrap_or(0)..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&nbsp;", " ")
}

#[test]
fn vietnamese_terminal_outputs_have_no_english_words() {
    const ENGLISH: &[&str] = &[
        "cadre",
        "cadres",
        "post",
        "posts",
        "written",
        "unfilled",
        "objective",
        "why",
        "plan",
        "planned",
        "failed",
        "scenario",
        "component",
        "weight",
        "moves",
        "optimum",
        "status",
        "score",
        "held",
        "holds",
        "forced",
        "forbidden",
        "proven",
        "exact",
        "candidate",
        "seat",
        "seats",
        "period",
        "periods",
        "rotations",
        "placements",
        "programme",
        "columns",
        "solved",
        "runner",
        "assigned",
        "training",
        "staffing",
        "gains",
        "points",
        "kpis",
        "took",
        "sits",
        "eligible",
        "forbid",
        "pin",
        "cost",
        "yes",
        "structure",
        "failed",
        "error",
        "expected",
        "found",
        "drop",
        "pins",
        "relax",
        "requirements",
        "hold",
        "kept",
        "keeping",
        "impossible",
        "units",
        "receiving",
        "sending",
        "usage",
        "options",
        "arguments",
        "default",
        "possible",
        "values",
        "print",
        "examples",
        "none",
        "central",
        "district",
        "commune",
        "solve",
        "write",
        "folder",
        "file",
        "files",
        "what",
        "override",
    ];
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    let run = |args: &[&str], extra: &Path| {
        let o = rotaplan()
            .args(["--lang", "vi"])
            .args(args)
            .arg(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {o:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let tutorial = "scenarios/tutorial/tutorial.yaml";
    let mut said = vec![("plan", run(&["plan", tutorial, "--out"], &out))];
    said.push(("check", run(&["check", tutorial], &out.join("plan.csv"))));
    said.push((
        "run",
        run(
            &["run", tutorial, "--quiet", "--jobs", "1", "--out"],
            &dir.path().join("r"),
        ),
    ));
    said.push((
        "review",
        run(
            &["review", "scenarios/programme/programme.yaml"],
            &root().join("scenarios/programme/hand-made.csv"),
        ),
    ));
    // The batch: its terminal lines, and summary.md and summary.html (with the charts) in Vietnamese.
    let batch = dir.path().join("b");
    said.push((
        "batch",
        run(&["batch", tutorial, "--quiet", "--out"], &batch),
    ));
    let night = fs::read_dir(&batch)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("summary.md").is_file())
        .expect("a run folder with summary.md");
    let summary = fs::read_to_string(night.join("summary.md")).unwrap();
    assert!(summary.contains("| kịch bản | trạng thái |"), "{summary}");
    said.push(("batch's summary.md", summary));
    let html = fs::read_to_string(night.join("summary.html")).unwrap();
    assert!(html.contains("<html lang=\"vi\">") && html.contains("Biểu đồ"));
    assert!(html.contains("Chỉ tiêu theo kịch bản") && !html.contains("KPIs per scenario"));
    // The charts' svg text (axis titles, tiers, the unplaced row) and the rest of the page.
    let page = html_text(&html);
    assert!(
        page.contains("Trung ương") && page.contains("từ ↓  đến →"),
        "{page}"
    );
    said.push(("batch's summary.html", page));
    // explain --cadre and --post, as text and Markdown, and the programme's plan: its terminal
    // summary and table, and programme.md.
    for format in ["table", "markdown"] {
        for (what, scenario, id) in [
            ("--cadre", "scenarios/province/province.yaml", "C100"),
            ("--post", tutorial, "VT03"),
            ("--post", tutorial, "VT01"),
            ("--cadre", tutorial, "C13"),
        ] {
            said.push((
                "explain",
                explain_in("vi", &[scenario, what, id, "--format", format]),
            ));
        }
    }
    let programme = dir.path().join("programme");
    said.push((
        "plan (programme)",
        run(
            &["plan", "scenarios/programme/programme.yaml", "--out"],
            &programme,
        ),
    ));
    said.push((
        "programme.md",
        fs::read_to_string(programme.join("programme.md")).unwrap(),
    ));
    said.push((
        "check (programme)",
        run(
            &["check", "scenarios/programme/programme.yaml"],
            &programme.join("programme.csv"),
        ),
    ));
    // The pair answer and the plan overview, as text and Markdown.
    for format in ["table", "markdown"] {
        for args in [
            &[tutorial, "--cadre", "C13", "--post", "VT01"][..],
            &[tutorial, "--cadre", "C13", "--post", "VT03"],
            &[tutorial, "--cadre", "C01", "--post", "VT01"],
            &[tutorial],
        ] {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            said.push(("explain", explain_in("vi", &a)));
        }
    }
    // plan.md with its runner-up table.
    let ru = dir.path().join("ru");
    said.push((
        "plan --runner-ups",
        run(&["plan", tutorial, "--runner-ups", "2", "--out"], &ru),
    ));
    let md = fs::read_to_string(ru.join("plan.md")).unwrap();
    assert!(
        md.contains("| vị trí | người được bố trí | cán bộ xếp sau |"),
        "{md}"
    );
    said.push(("plan.md", md));
    // A batch with a failing scenario: its failure line in summary.md comes from error.txt.
    let broken = dir.path().join("broken.yaml");
    fs::write(&broken, "name: x\nplan_date: 2027-01-01\n  tables: [\n").unwrap();
    let failing = dir.path().join("bf");
    let o = rotaplan()
        .args(["--lang", "vi", "batch", tutorial, "--quiet", "--out"])
        .arg(&failing)
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let night = fs::read_dir(&failing)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("summary.md").is_file())
        .expect("a run folder with summary.md");
    let summary = fs::read_to_string(night.join("summary.md")).unwrap();
    assert!(summary.contains("lỗi[E1007]"), "{summary}");
    // The quoted serde_yaml message is a detail; the rest is Vietnamese.
    let unquoted = |s: &str| {
        s.split('“')
            .map(|p| p.split_once('”').map_or(p, |(_, after)| after))
            .collect::<String>()
    };
    said.push(("batch's summary.md with a failure", unquoted(&summary)));
    // E1007: serde_yaml's message recognised and worded, the original kept in quotes.
    let o = rotaplan()
        .args(["--lang", "vi", "validate"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("serde_yaml báo: “"), "{err}");
    said.push(("validate (E1007)", unquoted(&err)));
    // An infeasible scenario (pins that cannot all hold): the terminal's relaxation summary, and
    // the "No plan" box of plan.md and committee.html.
    let tables = root().join("scenarios/tutorial");
    let pinned = dir.path().join("pinned.yaml");
    fs::write(
        &pinned,
        format!(
            "name: pinned\nplan_date: 2027-01-01\ntables:\n  units: {}\n  posts: {}\n  cadres: {}\nallow_outside_paths: true\nmax_departures_per_unit: 1\npins:\n  - {{ cadre: C13, post: VT01, relaxable: false }}\n  - {{ cadre: C10, post: VT02 }}\n  - {{ cadre: C03, post: VT06 }}\n",
            tables.join("units.csv").display(),
            tables.join("posts.csv").display(),
            tables.join("cadres.csv").display(),
        ),
    )
    .unwrap();
    let no_plan = dir.path().join("np");
    let o = rotaplan()
        .args(["--lang", "vi", "plan"])
        .arg(&pinned)
        .arg("--out")
        .arg(&no_plan)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        text.contains("ấn định không thể cùng được đáp ứng. Bỏ "),
        "{text}"
    );
    said.push(("plan (infeasible)", text));
    let md = fs::read_to_string(no_plan.join("plan.md")).unwrap();
    assert!(md.contains("Giữ lại: "), "{md}");
    said.push(("plan.md (infeasible)", md));
    let committee = fs::read_to_string(no_plan.join("committee.html")).unwrap();
    said.push(("committee.html (infeasible)", html_text(&committee)));
    // `--help` of every command: its words, not its command lines, flags, placeholders and
    // subcommand names (ids the user types).
    for cmd in [
        "",
        "plan",
        "check",
        "validate",
        "run",
        "compare",
        "diff",
        "batch",
        "batch merge",
        "explain",
        "generate",
        "review",
    ] {
        let o = rotaplan()
            .args(["--lang", "vi"])
            .args(cmd.split_whitespace())
            .arg("--help")
            .output()
            .unwrap();
        assert!(o.status.success(), "{cmd}: {o:?}");
        let help = String::from_utf8(o.stdout).unwrap();
        assert!(
            help.contains("Cách dùng: rotaplan") && help.contains("Ví dụ:"),
            "{help}"
        );
        let words: String = help
            .lines()
            .filter(|l| !l.trim_start().starts_with("rotaplan ") && !l.starts_with("Cách dùng:"))
            .map(|l| {
                let mut tokens: Vec<&str> = l.split_whitespace().collect();
                if l.starts_with("  ") && l[2..].starts_with(|c: char| c.is_ascii_lowercase()) {
                    tokens.remove(0);
                }
                tokens
                    .into_iter()
                    .filter(|t| !t.starts_with(['-', '<', '`', '(']))
                    .collect::<Vec<_>>()
                    .join(" ")
                    + "\n"
            })
            .collect();
        said.push(("--help", words));
    }
    for (cmd, text) in &said {
        let found = english_words(text, ENGLISH);
        assert!(
            found.is_empty(),
            "`{cmd}` in Vietnamese says {found:?}:\n{text}"
        );
    }
    // The test can fail: the same commands in English use those words.
    let en = rotaplan()
        .args(["--lang", "en", "check", tutorial])
        .arg(out.join("plan.csv"))
        .output()
        .unwrap();
    assert!(!english_words(&String::from_utf8_lossy(&en.stdout), ENGLISH).is_empty());
}
