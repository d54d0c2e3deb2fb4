//! Out to the committee (issue 13): plan.xlsx and comparison.xlsx, CSV for Excel, the comparison
//! that reads, scoring a hand-made plan, the committee report, pseudonymised outputs.

use crate::common::{root, rotaplan};
use calamine::{Data, Reader, open_workbook_auto};
use std::fs;
use std::path::Path;

fn plan_into(scenario: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    let o = rotaplan()
        .args(["-q", "plan", scenario, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// A CSV line split at commas, with rotaplan's quoting ("…" around fields holding a comma).
fn csv_fields(line: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .unwrap_or_else(|| vec![String::new()])
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn plan_xlsx_holds_the_plan_csv_with_types_and_its_other_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    plan_into("scenarios/province/province.yaml", &out, &[]);
    let xlsx = out.join("plan.xlsx");
    let book = open_workbook_auto(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["plan", "unfilled", "summary", "units"]
    );
    let csv = fs::read_to_string(out.join("plan.csv")).unwrap();
    let lines: Vec<Vec<String>> = csv.lines().map(csv_fields).collect();
    let rows = sheet(&xlsx, "plan");
    assert_eq!(rows.len(), lines.len(), "one row per plan.csv line");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..lines[0].len()], &lines[0][..]);
    assert_eq!(header.last().unwrap(), "start_date");
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    for (row, line) in rows[1..].iter().zip(&lines[1..]) {
        for (k, want) in line.iter().enumerate() {
            let got = &row[k];
            match got {
                Data::String(s) => assert_eq!(s, want, "column {}", header[k]),
                Data::Float(x) => assert_eq!(
                    *x,
                    want.parse::<f64>().unwrap(),
                    "column {} is a number",
                    header[k]
                ),
                Data::Bool(b) => assert_eq!(b.to_string(), *want, "column {}", header[k]),
                Data::Empty => assert!(want.is_empty(), "column {}", header[k]),
                other => panic!("column {}: unexpected cell {other:?}", header[k]),
            }
        }
        assert!(matches!(row[col("score")], Data::Float(_)));
        assert!(matches!(row[col("pinned")], Data::Bool(_)));
        match &row[col("start_date")] {
            Data::DateTime(d) => {
                assert!(d.is_datetime());
                // 2027-01-01 as Excel's serial day number.
                assert_eq!(d.as_f64(), 46388.0, "the plan date as a date");
            }
            other => panic!("start_date is not a date: {other:?}"),
        }
    }
    // unfilled: unfilled.csv's rows; summary: the KPIs; units: one row per unit.
    let unfilled = fs::read_to_string(out.join("unfilled.csv")).unwrap();
    assert_eq!(sheet(&xlsx, "unfilled").len(), unfilled.lines().count());
    let summary = sheet(&xlsx, "summary");
    let kpi = |k: &str| {
        summary
            .iter()
            .find(|r| matches!(&r[0], Data::String(s) if s == k))
            .map(|r| r[2].clone())
            .unwrap()
    };
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    assert_eq!(
        kpi("moves"),
        Data::Float(json["kpis"]["moves"].as_f64().unwrap())
    );
    assert_eq!(
        kpi("women_share"),
        Data::Float(json["kpis"]["women_share"].as_f64().unwrap())
    );
    let units = sheet(&xlsx, "units");
    let received: f64 = units[1..]
        .iter()
        .map(|r| match r[2] {
            Data::Float(x) => x,
            _ => panic!("cadres_in is a number"),
        })
        .sum();
    assert_eq!(
        received as usize,
        lines.len() - 1,
        "every cadre received once"
    );
    // The workbook reads back as a plan, and is the same bytes for the same plan.
    rotaplan()
        .args(["check", "scenarios/province/province.yaml"])
        .arg(&xlsx)
        .assert()
        .success();
    let again = dir.path().join("q");
    plan_into("scenarios/province/province.yaml", &again, &[]);
    assert!(
        fs::read(&xlsx).unwrap() == fs::read(again.join("plan.xlsx")).unwrap(),
        "plan.xlsx is byte-identical across runs"
    );
}

/// A plan that moves nobody (every cadre retired by a plan date in 2080) has no shares: plan.xlsx
/// leaves their cells empty, plan.md writes "—", committee.html says the plan moves no cadre and
/// has no table of moves.
#[test]
fn a_plan_that_moves_nobody_has_no_shares_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let sc = tutorial_copy(dir.path());
    let yaml = fs::read_to_string(sc.join("tutorial.yaml")).unwrap();
    fs::write(
        sc.join("tutorial.yaml"),
        yaml.replace("plan_date: 2027-01-01", "plan_date: 2080-01-01"),
    )
    .unwrap();
    let out = dir.path().join("out");
    plan_into(sc.join("tutorial.yaml").to_str().unwrap(), &out, &[]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    assert_eq!(json["kpis"]["moves"], 0);
    let summary = sheet(&out.join("plan.xlsx"), "summary");
    let kpi = |k: &str| {
        summary
            .iter()
            .find(|r| matches!(&r[0], Data::String(s) if s == k))
            .map(|r| r.get(2).cloned().unwrap_or(Data::Empty))
            .unwrap()
    };
    for k in [
        "women_share",
        "young_share",
        "minority_share",
        "training_coverage",
    ] {
        assert_eq!(kpi(k), Data::Empty, "{k} of no moves");
    }
    assert_eq!(kpi("moves"), Data::Float(0.0));
    let md = fs::read_to_string(out.join("plan.md")).unwrap();
    assert!(md.contains("— / — / —"), "{md}");
    let page = fs::read_to_string(out.join("committee.html")).unwrap();
    assert!(page.contains("This plan moves no cadre."), "{page}");
    assert!(!page.contains("0.0 %"), "{page}");
}

#[test]
fn run_writes_comparison_xlsx_and_json_records() {
    let dir = tempfile::tempdir().unwrap();
    let o = rotaplan()
        .args(["-q", "run", "scenarios/tutorial/tutorial.yaml", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let rows = sheet(&dir.path().join("comparison.xlsx"), "comparison");
    assert_eq!(rows[0][0].to_string(), "plan");
    assert_eq!(rows.len(), 2);
    assert!(
        matches!(rows[1][3], Data::Float(_)),
        "objective is a number"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("comparison.json")).unwrap())
            .unwrap();
    let plan = &json["plans"][0];
    assert!(plan["plan"].is_string() && plan["objective"].is_number());
    assert!(plan["women_share_pct"].is_number() && plan["best"].is_array());
    assert!(
        root().join("scenarios").is_dir(),
        "paths are relative to the repository"
    );
    // A run of programmes only has no plan to compare: it says so, where empty tables read as a
    // comparison that found nothing; its programme's files are written.
    let only = dir.path().join("programmes");
    let o = rotaplan()
        .args(["run", "scenarios/programme/programme.yaml", "--out"])
        .arg(&only)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    for text in [
        stdout.to_string(),
        fs::read_to_string(only.join("comparison.txt")).unwrap(),
        fs::read_to_string(only.join("comparison.md")).unwrap(),
    ] {
        assert!(text.contains("No single-date plan to compare."), "{text}");
        assert!(!text.contains("posts filled"), "{text}");
    }
    assert!(only.join("programme/base/programme.csv").is_file());
}

#[test]
fn excel_csv_follows_the_locale_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let plan = |name: &str, lang: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let o = rotaplan()
            .env_remove("LC_ALL")
            .env_remove("LC_NUMERIC")
            .env("LANG", lang)
            .args([
                "-q",
                "plan",
                "scenarios/province/province.yaml",
                "--excel",
                "--out",
            ])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        fs::read(out.join("plan.csv")).unwrap()
    };
    let vi = plan("vi", "vi_VN.UTF-8", &[]);
    assert!(vi.starts_with(b"\xEF\xBB\xBF"), "a UTF-8 BOM");
    let text = String::from_utf8(vi[3..].to_vec()).unwrap();
    assert!(text.starts_with("cadre_id;cadre_name;post_id;"), "{text}");
    assert!(text.contains("\r\n"), "Windows line ends");
    // Numbers with decimals get a decimal comma (unit test in report/excel_csv.rs); this plan
    // has whole numbers only.
    let en = plan("en", "en_US.UTF-8", &[]);
    assert!(en.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&en[3..]).starts_with("cadre_id,cadre_name,"));
    let forced = plan("forced", "vi_VN.UTF-8", &["--csv-separator", ","]);
    assert!(String::from_utf8_lossy(&forced[3..]).starts_with("cadre_id,cadre_name,"));
    // Vietnamese asked for (--lang vi) gives `;` whatever the locale; an explicit separator wins.
    let asked = plan("asked", "en_US.UTF-8", &["--lang", "vi"]);
    assert!(String::from_utf8_lossy(&asked[3..]).starts_with("cadre_id;cadre_name;"));
    let both = plan(
        "both",
        "en_US.UTF-8",
        &["--lang", "vi", "--csv-separator", ","],
    );
    assert!(String::from_utf8_lossy(&both[3..]).starts_with("cadre_id,cadre_name,"));
    // The Excel file is still a plan rotaplan reads.
    rotaplan()
        .args(["check", "scenarios/province/province.yaml"])
        .arg(dir.path().join("vi/plan.csv"))
        .assert()
        .success();
    let bad = rotaplan()
        .args([
            "plan",
            "scenarios/tutorial/tutorial.yaml",
            "--csv-separator",
            ";",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1), "--csv-separator needs --excel");
}

#[test]
fn check_scores_a_hand_made_plan_against_the_optimum() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    plan_into("scenarios/tutorial/tutorial.yaml", &out, &[]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    let optimum = json["solver"]["objective"].as_f64().unwrap();
    let check = |plan: &Path| {
        let o = rotaplan()
            .args(["-q", "check", "scenarios/tutorial/tutorial.yaml"])
            .arg(plan)
            .args(["--against-optimum", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_str::<serde_json::Value>(&String::from_utf8_lossy(&o.stdout)).unwrap()
    };
    // The solver's own plan scores its objective and is at the optimum.
    let own = check(&out.join("plan.csv"));
    assert_eq!(own["score"]["objective"]["total"].as_f64(), Some(optimum));
    assert_eq!(own["score"]["optimum"]["difference"].as_f64(), Some(0.0));
    assert_eq!(own["score"]["optimum"]["placed_differently"], 0);
    // A hand-made version without its last two rows: worse, and the components say by how much.
    let csv = fs::read_to_string(out.join("plan.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let hand = dir.path().join("hand.csv");
    fs::write(&hand, lines[..lines.len() - 2].join("\n")).unwrap();
    let v = check(&hand);
    let s = &v["score"];
    let d = s["optimum"]["difference"].as_f64().unwrap();
    assert!(d < 0.0, "{s}");
    assert_eq!(s["optimum"]["placed_differently"], 2);
    let by: f64 = s["optimum"]["difference_by_component"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["difference"].as_f64().unwrap())
        .sum();
    assert!((by - d).abs() < 1e-6, "the components add up: {by} vs {d}");
    assert_eq!(
        s["kpis"]["moves"].as_u64().unwrap() + 2,
        json["kpis"]["moves"].as_u64().unwrap()
    );
    // In words: the table, the KPIs side by side and where the difference lies.
    let text = rotaplan()
        .args(["-q", "check", "scenarios/tutorial/tutorial.yaml"])
        .arg(&hand)
        .arg("--against-optimum")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for want in [
        "Score of the plan",
        "this − optimum",
        "The optimum is",
        "placed differently",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
}

/// Debian's headless Chromium, when installed (`chromium`, or `chromium-browser` elsewhere).
pub(crate) fn chromium() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

/// Chromium, or `None` with a note that `what` was not rendered; a failure when CI requires it
/// (`ROTAPLAN_REQUIRE_CHROMIUM`).
pub(crate) fn chromium_or_skip(what: &str) -> Option<std::path::PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("ROTAPLAN_REQUIRE_CHROMIUM").is_none(),
            "ROTAPLAN_REQUIRE_CHROMIUM is set but chromium is not installed"
        );
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install -y chromium); {what} was not rendered"
        );
    }
    found
}

/// Runs headless Chromium on a page with a fresh profile; returns its stdout.
pub(crate) fn headless(chromium: &Path, page: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn committee_report_renders_and_prints_on_a4_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    plan_into("scenarios/province/province.yaml", &out, &[]);
    let page = out.join("committee.html");
    let html = fs::read_to_string(&page).unwrap();
    // What the committee reads, whatever the browser: grouped by receiving unit, a term of at
    // least 36 months, reasons in words, the empty posts by reason with a count (no list of ids).
    assert!(html.contains("@page { size: A4"), "print CSS for A4");
    assert!(html.contains("Receiving unit: Ban Tổ chức Trung ương"));
    assert!(
        html.contains("2027-01-01") && html.contains("2030-01-01") && html.contains("36 months")
    );
    assert!(html.contains("<html lang=\"en\">") && !html.contains("01/01/2027"));
    // Each line of empty posts names them: title (unit).
    assert!(html.contains("<br><small>Posts: "), "the empty posts named");
    assert!(html.contains("training: "));
    assert!(
        html.contains("13 post(s)</strong>"),
        "the empty posts counted by reason"
    );
    let csv = fs::read_to_string(out.join("plan.csv")).unwrap();
    let names: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| csv_fields(l)[1].clone())
        .collect();
    let Some(chromium) = chromium_or_skip("the committee report") else {
        return;
    };
    // It renders: every cadre's Vietnamese name is in the DOM Chromium builds.
    let dom = headless(&chromium, &page, &["--dump-dom".into()]);
    for n in &names {
        assert!(
            dom.contains(n.as_str()),
            "{n} is missing from the rendered DOM"
        );
    }
    // It prints: an A4 PDF of several pages (the summary, then the moves from a new page). The PDF
    // is kept in target/ as a CI artifact.
    let art = root().join("target").join("artifacts");
    fs::create_dir_all(&art).unwrap();
    let pdf = art.join("committee-province.pdf");
    let _ = fs::remove_file(&pdf);
    headless(
        &chromium,
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page/").count()
        + text.matches("/Type /Page>").count()
        + text.matches("/Type /Page ").count();
    assert!((2..=60).contains(&pages), "{pages} pages");
    // A4 in points: 595 × 842 (rounded).
    assert!(
        text.contains("/MediaBox [0 0 594.95996 841.91998]") || text.contains("/MediaBox [0 0 595"),
        "an A4 page"
    );
}

#[test]
fn committee_report_in_vietnamese_has_its_language_dates_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    let o = rotaplan()
        .args([
            "--lang",
            "vi",
            "plan",
            "scenarios/province/province.yaml",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let html = fs::read_to_string(out.join("committee.html")).unwrap();
    assert!(html.contains("<html lang=\"vi\">"));
    // dd/mm/yyyy, and never the ISO form in the Vietnamese report.
    assert!(
        html.contains("01/01/2027") && html.contains("01/01/2030") && html.contains("36 tháng")
    );
    assert!(
        !html.contains("2027-01-01"),
        "an ISO date in the Vietnamese report"
    );
    assert!(html.contains("Đơn vị đến: Ban Tổ chức Trung ương"));
    assert!(
        html.contains("13 vị trí</strong>"),
        "the empty posts counted by reason"
    );
    // The empty posts are named, title (unit), and percentages have a decimal comma.
    let named = html
        .lines()
        .filter(|l| l.contains("<br><small>Các vị trí: "))
        .count();
    assert!(named >= 1, "the empty posts named");
    assert!(
        html.lines()
            .any(|l| l.contains(" %</td>") && l.contains(',') && !l.contains('.')),
        "a percentage with a decimal comma"
    );
    for w in ["Receiving unit", "Rotation term", "months", "Posts: "] {
        assert!(
            !html.contains(w),
            "{w:?} in the Vietnamese committee report"
        );
    }
}

/// Every text of the files under `dir`, workbooks read cell by cell.
fn texts(dir: &Path) -> Vec<(String, String)> {
    crate::common::tree(dir)
        .into_iter()
        .map(|(name, bytes)| {
            let text = if name.ends_with(".xlsx") {
                let mut book = open_workbook_auto(dir.join(&name)).unwrap();
                let mut all = String::new();
                for s in book.sheet_names() {
                    for row in book.worksheet_range(&s).unwrap().rows() {
                        for c in row {
                            all += &c.to_string();
                            all.push('\t');
                        }
                    }
                }
                all
            } else {
                String::from_utf8(bytes).unwrap()
            };
            (name, text)
        })
        .collect()
}

#[test]
fn pseudonymised_outputs_hold_no_name_and_no_id_of_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shared");
    let run = |out: &Path| {
        rotaplan()
            .env("ROTAPLAN_PSEUDONYM_KEY", "khóa bí mật của Ban Tổ chức")
            .args([
                "-q",
                "plan",
                "scenarios/province/province.yaml",
                "--pseudonymise",
                "--out",
            ])
            .arg(out)
            .output()
            .unwrap()
    };
    let o = run(&out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cadres = fs::read_to_string(root().join("scenarios/province/cadres.csv")).unwrap();
    let people: Vec<(String, String)> = cadres
        .lines()
        .skip(1)
        .map(|l| {
            let f = csv_fields(l);
            (f[0].clone(), f[1].clone())
        })
        .collect();
    let outputs = texts(&out);
    assert!(
        outputs.len() >= 7,
        "{:?}",
        outputs.iter().map(|o| &o.0).collect::<Vec<_>>()
    );
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    for (file, text) in outputs.iter().chain([&("stdout".to_string(), stdout)]) {
        for (id, name) in &people {
            assert!(
                !text.contains(name.as_str()),
                "{file} holds the name {name}"
            );
            // An id as a whole word (C001 must not match inside CB-…).
            let hit = text.match_indices(id.as_str()).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + id.len()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric())
                    && !after.is_some_and(|c| c.is_alphanumeric())
            });
            assert!(!hit, "{file} holds the id {id}");
        }
    }
    assert!(
        outputs
            .iter()
            .any(|(n, t)| n == "plan.csv" && t.contains("CB-"))
    );
    // The private mapping, beside the folder and not in it, names every cadre once.
    let map = fs::read_to_string(dir.path().join("shared.pseudonyms.csv")).unwrap();
    assert_eq!(map.lines().count(), people.len() + 1);
    assert!(map.contains(&people[0].1));
    // The same key gives the same codes.
    let again = dir.path().join("again");
    assert!(run(&again).status.success());
    assert_eq!(
        fs::read(out.join("plan.csv")).unwrap(),
        fs::read(again.join("plan.csv")).unwrap()
    );
    // Without a key: refused, nothing written.
    let none = dir.path().join("none");
    let o = rotaplan()
        .env_remove("ROTAPLAN_PSEUDONYM_KEY")
        .args([
            "-q",
            "plan",
            "scenarios/tutorial/tutorial.yaml",
            "--pseudonymise",
            "--out",
        ])
        .arg(&none)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!none.exists());
}

#[test]
fn every_command_has_an_example_and_every_argument_a_description() {
    let commands = [
        "", "plan", "check", "validate", "run", "compare", "diff", "batch", "explain", "generate",
    ];
    for c in commands {
        let mut cmd = rotaplan();
        if !c.is_empty() {
            cmd.arg(c);
        }
        let o = cmd.arg("--help").output().unwrap();
        assert!(o.status.success());
        let help = String::from_utf8(o.stdout).unwrap();
        assert!(
            help.contains("Example"),
            "`rotaplan {c} --help` has no example"
        );
        let lines: Vec<&str> = help.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start();
            let indent = l.len() - t.len();
            let is_arg = (indent == 2 || indent == 6) && (t.starts_with('-') || t.starts_with('<'));
            if !is_arg {
                continue;
            }
            // clap's long help puts the description on the next, deeper-indented line.
            let next = lines.get(i + 1).copied().unwrap_or("");
            let described = next.len() - next.trim_start().len() >= 8 && !next.trim().is_empty();
            assert!(described, "`rotaplan {c} --help`: {t} has no description");
        }
    }
    let o = rotaplan()
        .args(["diff", "--format", "json"])
        .arg("scenarios/tutorial")
        .arg("scenarios/tutorial")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "no plan.json in a scenario folder"
    );
}

#[test]
fn compare_scores_hand_made_plans_against_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    plan_into("scenarios/tutorial/tutorial.yaml", &out, &[]);
    let versions = dir.path().join("versions");
    fs::create_dir_all(&versions).unwrap();
    let csv = fs::read_to_string(out.join("plan.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    fs::write(versions.join("ours.csv"), &csv).unwrap();
    fs::write(
        versions.join("theirs.csv"),
        lines[..lines.len() - 1].join("\n"),
    )
    .unwrap();
    let o = rotaplan()
        .args([
            "-q",
            "compare",
            "--format",
            "json",
            "--scenario",
            "scenarios/tutorial/tutorial.yaml",
        ])
        .arg(versions.join("ours.csv"))
        .arg(versions.join("theirs.csv"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0]["status"], "hand-made");
    assert_eq!(plans[0]["weights"], plans[1]["weights"]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    assert_eq!(plans[0]["objective"], json["solver"]["objective"]);
    let best = |i: usize| plans[i]["best"].as_array().unwrap().clone();
    assert!(best(0).contains(&"objective".into()) && !best(1).contains(&"objective".into()));
    // A plan that breaks a hard rule (C03 is not of VT06's rank: H6) scores above the optimum
    // (614 against 611): it is listed and said, never marked best, and the exit code says so.
    fs::write(
        versions.join("illegal.csv"),
        "cadre_id,post_id\nC13,VT01\nC10,VT02\nC14,VT03\nC04,VT04\nC03,VT06\n",
    )
    .unwrap();
    let o = rotaplan()
        .args([
            "compare",
            "--format",
            "json",
            "--scenario",
            "scenarios/tutorial/tutorial.yaml",
        ])
        .arg(versions.join("ours.csv"))
        .arg(versions.join("illegal.csv"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("illegal.csv") && err.contains("H6"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans[1]["status"], "hand-made-invalid");
    assert!(
        plans[1]["objective"].as_f64().unwrap() > plans[0]["objective"].as_f64().unwrap(),
        "{v}"
    );
    assert!(plans[1]["best"].as_array().unwrap().is_empty(), "{v}");
    assert!(
        plans[0]["best"].as_array().unwrap().is_empty(),
        "one valid plan: nothing to mark"
    );
    // Hand-made plans in two folders, and the scenario's own plan.json: one scenario, so one
    // group whose best objective is marked (the files' folders made two groups, and no mark).
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(
        elsewhere.join("short.csv"),
        lines[..lines.len() - 1].join("\n"),
    )
    .unwrap();
    let o = rotaplan()
        .args([
            "-q",
            "compare",
            "--format",
            "json",
            "--scenario",
            "scenarios/tutorial/tutorial.yaml",
        ])
        .arg(versions.join("ours.csv"))
        .arg(elsewhere.join("short.csv"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans[0]["group"], plans[1]["group"], "{v}");
    assert!(
        plans[0]["best"]
            .as_array()
            .unwrap()
            .contains(&"objective".into()),
        "{v}"
    );
    // Two scenarios' plans in default folders of one parent: never marked against each other.
    let other = dir.path().join("q");
    plan_into("scenarios/province/province.yaml", &other, &[]);
    let o = rotaplan()
        .args(["-q", "compare", "--format", "json"])
        .arg(&out)
        .arg(&other)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let plans = v["plans"].as_array().unwrap();
    assert_ne!(plans[0]["group"], plans[1]["group"], "{v}");
    assert!(
        plans
            .iter()
            .all(|p| p["best"].as_array().unwrap().is_empty()),
        "{v}"
    );
    // Without the scenario a CSV is refused with a word on what to do.
    let o = rotaplan()
        .args(["-q", "compare"])
        .arg(versions.join("ours.csv"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--scenario"));
}

/// A copy of scenarios/tutorial in `dir`, for tests that change a file of it.
fn tutorial_copy(dir: &Path) -> std::path::PathBuf {
    let to = dir.join("tutorial");
    fs::create_dir_all(&to).unwrap();
    for f in ["tutorial.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(root().join("scenarios/tutorial").join(f), to.join(f)).unwrap();
    }
    to
}

/// The walkthrough of a Vietnamese office (issue 13): one table per receiving unit with the
/// sending units as rows, no empty "considered" column, the rule set by its name, and a cadre
/// without a current unit worded as such.
#[test]
fn committee_report_tables_one_receiving_unit_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("vi");
    let o = rotaplan()
        .args([
            "-q",
            "--lang",
            "vi",
            "plan",
            "scenarios/province/province.yaml",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = fs::read_to_string(out.join("committee.html")).unwrap();
    let csv = fs::read_to_string(out.join("plan.csv")).unwrap();
    let header = csv_fields(csv.lines().next().unwrap());
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<Vec<String>> = csv.lines().skip(1).map(csv_fields).collect();
    let receiving: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r[col("unit_id")].as_str()).collect();
    let tables = html.matches("<table class=\"moves").count();
    assert_eq!(tables, receiving.len(), "one table per receiving unit");
    assert_eq!(html.matches("<section class=\"unit\">").count(), tables);
    let senders = html.matches("<tr class=\"from\">").count();
    assert!(senders >= tables, "the sending units head their rows");
    assert!(!html.contains("<h4>"), "no table per sending unit");
    // No --runner-ups: no "considered" column, a line on how to have it.
    assert!(!html.contains("Đã xem xét thêm"), "an empty column");
    assert!(html.contains("--runner-ups 3"));
    assert!(html.contains("Quy định 65-QĐ/TW (2022)") && !html.contains("qd65-2022"));
    assert!(!html.contains("từ chưa có đơn vị"), "a clumsy phrase");
    if rows.iter().any(|r| r[col("from_unit")].is_empty()) {
        // Cadres of units outside the scenario: not "without a job".
        assert!(html.contains("Cán bộ từ đơn vị ngoài phạm vi phương án"));
        assert!(!html.contains("chưa có đơn vị công tác"));
    }
    // With runner-ups the column is there, in English, with names in it.
    let dir2 = tempfile::tempdir().unwrap();
    let en = dir2.path().join("en");
    plan_into(
        "scenarios/tutorial/tutorial.yaml",
        &en,
        &["--runner-ups", "2"],
    );
    let html = fs::read_to_string(en.join("committee.html")).unwrap();
    assert!(html.contains("<th>Also considered</th>"), "the column");
    assert!(!html.contains("--runner-ups 3"));
    assert!(html.contains("Regulation 65-QĐ/TW (2022)"));
    assert_eq!(
        html.matches("<col class=\"c5\">").count(),
        html.matches("<table class=\"moves").count()
    );
}

/// Issue 13: plan.json records the objective's weights, so that `compare` of plan.json files
/// tells plans weighed alike (a letter each, no "?") and marks objectives only among them.
#[test]
fn compare_reads_the_weights_from_plan_json() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    plan_into("scenarios/tutorial/tutorial.yaml", &a, &[]);
    plan_into("scenarios/tutorial/tutorial.yaml", &b, &[]);
    let copy = tutorial_copy(dir.path());
    let yaml = fs::read_to_string(copy.join("tutorial.yaml")).unwrap();
    fs::write(
        copy.join("tutorial.yaml"),
        format!("{yaml}\nweights:\n  fit: 1\n"),
    )
    .unwrap();
    plan_into(copy.join("tutorial.yaml").to_str().unwrap(), &c, &[]);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(a.join("plan.json")).unwrap()).unwrap();
    assert_eq!(json["weights"]["staffing"], 10.0, "{}", json["weights"]);
    let o = rotaplan()
        .args(["-q", "compare", "--format", "json"])
        .arg(a.join("plan.json"))
        .arg(b.join("plan.json"))
        .arg(c.join("plan.json"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let plans = v["plans"].as_array().unwrap();
    let w: Vec<&serde_json::Value> = plans.iter().map(|p| &p["weights"]).collect();
    assert!(w.iter().all(|w| w.is_string()), "{v}");
    assert_eq!(w[0], w[1], "the same weights");
    assert_ne!(w[0], w[2], "other weights");
    let text = rotaplan()
        .args(["-q", "compare"])
        .arg(a.join("plan.json"))
        .arg(c.join("plan.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        !text.lines().any(|l| l.split_whitespace().any(|w| w == "?")),
        "{text}"
    );
}

/// Issue 13: under --pseudonymise the problems of a scenario that does not load name no cadre
/// either. A cell holding a cadre's name where an id belongs is said without the name.
#[test]
fn pseudonymised_problems_of_a_broken_scenario_name_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let copy = tutorial_copy(dir.path());
    let cadres = fs::read_to_string(copy.join("cadres.csv")).unwrap();
    let people: Vec<(String, String)> = cadres
        .lines()
        .skip(1)
        .map(|l| {
            let f = csv_fields(l);
            (f[0].clone(), f[1].clone())
        })
        .collect();
    // C02's relatives: C01's name instead of an id.
    let broken: Vec<String> = cadres
        .lines()
        .map(|l| {
            if l.starts_with("C02,") {
                let mut f = csv_fields(l);
                f[17] = people[0].1.clone();
                f.join(",")
            } else {
                l.to_string()
            }
        })
        .collect();
    fs::write(copy.join("cadres.csv"), broken.join("\n") + "\n").unwrap();
    let yaml = copy.join("tutorial.yaml");
    let run = |extra: &[&str]| {
        rotaplan()
            .env("ROTAPLAN_PSEUDONYM_KEY", "khóa")
            .arg("plan")
            .arg(&yaml)
            .arg("--out")
            .arg(dir.path().join("out"))
            .args(extra)
            .output()
            .unwrap()
    };
    // Without --pseudonymise the problem names the cadre (the test can fail).
    let plain = run(&[]);
    assert_eq!(plain.status.code(), Some(1));
    let err = String::from_utf8_lossy(&plain.stderr).into_owned();
    assert!(err.contains(&people[0].1), "{err}");
    let masked = run(&["--pseudonymise"]);
    assert_eq!(masked.status.code(), Some(1));
    let err = String::from_utf8_lossy(&masked.stderr).into_owned();
    assert!(err.contains("relatives") && err.contains("CB-"), "{err}");
    for (id, name) in &people {
        assert!(!err.contains(name.as_str()), "stderr names {name}: {err}");
        let hit = err.match_indices(id.as_str()).any(|(i, _)| {
            !err[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !err[i + id.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        assert!(!hit, "stderr holds the id {id}: {err}");
    }
    assert!(!dir.path().join("out").exists());
}

/// Issue 13: a message on a table names the scenario's own file, not the default name.
#[test]
fn messages_name_the_scenarios_own_table_files() {
    let dir = tempfile::tempdir().unwrap();
    let copy = tutorial_copy(dir.path());
    fs::rename(copy.join("units.csv"), copy.join("don-vi.csv")).unwrap();
    let yaml = fs::read_to_string(copy.join("tutorial.yaml")).unwrap();
    fs::write(
        copy.join("tutorial.yaml"),
        yaml.replace("units: units.csv", "units: don-vi.csv"),
    )
    .unwrap();
    // VT06 is a post of the central U01: `not_local: true` there is W2006, whose fix names the
    // units table.
    let posts = fs::read_to_string(copy.join("posts.csv")).unwrap();
    fs::write(
        copy.join("posts.csv"),
        posts.replace(
            "VT06,U01,Phó Vụ trưởng,7,Tổ chức,deputy,,",
            "VT06,U01,Phó Vụ trưởng,7,Tổ chức,deputy,true,",
        ),
    )
    .unwrap();
    for lang in ["en", "vi"] {
        let o = rotaplan()
            .args(["--lang", lang, "validate"])
            .arg(copy.join("tutorial.yaml"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(err.contains("W2006"), "{err}");
        assert!(
            err.contains("don-vi.csv") && !err.contains("units.csv"),
            "{lang}: {err}"
        );
    }
}

/// Files written beside the plan never replace an input and the mapping never sits inside the
/// output folder: `--pseudonym-map` onto cadres.csv replaced the table, one inside `--out` put the
/// real names beside the plan, one naming a folder failed after the plan was written; `review
/// --html` onto the programme file replaced it. Each is refused before anything is written.
#[test]
fn output_files_never_replace_an_input_or_sit_inside_the_plan_folder() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("scenarios/province");
    for f in ["province.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let cadres_before = fs::read(dir.path().join("cadres.csv")).unwrap();
    let out = dir.path().join("out");
    let plan = |map: &Path| {
        rotaplan()
            .env("ROTAPLAN_PSEUDONYM_KEY", "k")
            .current_dir(dir.path())
            .args(["-q", "plan", "province.yaml", "--pseudonymise", "--out"])
            .arg(&out)
            .arg("--pseudonym-map")
            .arg(map)
            .output()
            .unwrap()
    };
    for (map, says) in [
        (dir.path().join("cadres.csv"), "input"),
        (out.join("map.csv"), "inside the output folder"),
        (dir.path().to_path_buf(), "is a folder"),
        // A device is refused, not replaced by the real names (as root it was).
        (std::path::PathBuf::from("/dev/null"), "not a regular file"),
    ] {
        let o = plan(&map);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{}: {err}", map.display());
        assert!(err.contains(says), "{}: {err}", map.display());
        assert!(!out.exists(), "{}: nothing is written", map.display());
    }
    assert_eq!(
        fs::read(dir.path().join("cadres.csv")).unwrap(),
        cadres_before
    );
    // review --html onto the moves it reviews.
    let p = root().join("scenarios/programme");
    let moves = dir.path().join("moves.csv");
    fs::write(
        &moves,
        "cadre_id,post_id,kind,start\nC018,VT03,rotation,2027-01-01\n",
    )
    .unwrap();
    let before = fs::read(&moves).unwrap();
    let o = rotaplan()
        .args(["review"])
        .arg(p.join("programme.yaml"))
        .arg(&moves)
        .arg("--html")
        .arg(&moves)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("one of this command's input files"), "{err}");
    assert_eq!(fs::read(&moves).unwrap(), before);
}

/// A plan's or a programme's folder never replaces a table read from it: cadres read from
/// `plan.csv` in the folder given as `--out` were replaced by the plan. Refused before the solve,
/// the table unchanged; the same folder with the table named otherwise takes the plan beside it.
#[test]
fn an_output_folder_never_replaces_a_table_read_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("scenarios/province");
    for f in ["province.yaml", "units.csv", "posts.csv"] {
        fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    fs::copy(src.join("cadres.csv"), dir.path().join("plan.csv")).unwrap();
    let yaml = fs::read_to_string(dir.path().join("province.yaml")).unwrap();
    assert!(yaml.contains("cadres.csv"));
    fs::write(
        dir.path().join("province.yaml"),
        yaml.replace("cadres.csv", "plan.csv"),
    )
    .unwrap();
    let before = fs::read(dir.path().join("plan.csv")).unwrap();
    let o = rotaplan()
        .current_dir(dir.path())
        .args(["-q", "plan", "province.yaml", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("plan.csv") && err.contains("one of this command's input files"),
        "{err}"
    );
    assert_eq!(fs::read(dir.path().join("plan.csv")).unwrap(), before);
    assert!(!dir.path().join("plan.json").exists());
    // Named otherwise, the table stays beside the plan written into its folder (from another
    // current folder: the current one is never swapped out, `--out .` or however written).
    fs::rename(dir.path().join("plan.csv"), dir.path().join("cadres.csv")).unwrap();
    fs::write(dir.path().join("province.yaml"), &yaml).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let o = rotaplan()
        .current_dir(elsewhere.path())
        .args(["-q", "plan"])
        .arg(dir.path().join("province.yaml"))
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read(dir.path().join("cadres.csv")).unwrap(), before);
    assert!(dir.path().join("plan.csv").exists());
}

/// `compare` and `diff` read single plans: a programme's folder, its programme.json, or a
/// programme file scored against a scenario with `programme:` (each move judged on the first
/// period's date: 156 violations for the optimal programme) are refused, naming what reads them.
#[test]
fn compare_and_diff_refuse_a_programme_and_say_what_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prog");
    let yaml = root().join("scenarios/programme/programme.yaml");
    let o = rotaplan()
        .args(["-q", "plan"])
        .arg(&yaml)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = |args: &[&std::ffi::OsStr]| {
        let o = rotaplan().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let json = out.join("programme.json");
    let csv = out.join("programme.csv");
    for err in [
        said(&["compare".as_ref(), out.as_os_str()]),
        said(&["compare".as_ref(), json.as_os_str()]),
        said(&["diff".as_ref(), out.as_os_str(), out.as_os_str()]),
        said(&[
            "compare".as_ref(),
            "--scenario".as_ref(),
            yaml.as_os_str(),
            csv.as_os_str(),
        ]),
    ] {
        assert!(
            err.contains("is a programme") && err.contains("rotaplan check SCENARIO FILE"),
            "{err}"
        );
        assert!(
            !err.contains("W2003"),
            "said before the scenario's warnings: {err}"
        );
    }
}

/// A mapping that cannot be written stops the command before the coded plan replaces the folder's
/// plan: a coded plan without its mapping could never be read back.
#[test]
fn a_mapping_that_cannot_be_written_leaves_the_previous_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = rotaplan()
        .args(["-q", "plan", "scenarios/tutorial/tutorial.yaml", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = fs::read(out.join("plan.csv")).unwrap();
    // The mapping's folder is a file.
    let afile = dir.path().join("afile");
    fs::write(&afile, "").unwrap();
    let o = rotaplan()
        .env("ROTAPLAN_PSEUDONYM_KEY", "k")
        .args([
            "-q",
            "plan",
            "scenarios/tutorial/tutorial.yaml",
            "--pseudonymise",
            "--pseudonym-map",
        ])
        .arg(afile.join("map.csv"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("map.csv"), "{err}");
    assert_eq!(fs::read(out.join("plan.csv")).unwrap(), before);
}

/// `check SCENARIO plan.json` said only 'the header "{"': it names the JSON and the table to give.
#[test]
fn check_on_plan_json_names_the_table_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = root().join("scenarios/province/province.yaml");
    let o = rotaplan()
        .args(["-q", "plan"])
        .arg(&yaml)
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = rotaplan()
        .arg("check")
        .arg(&yaml)
        .arg(dir.path().join("plan.json"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("E4001") && err.contains("this is a JSON file") && err.contains("plan.csv"),
        "{err}"
    );
}
