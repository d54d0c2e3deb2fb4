//! Issue 13, the findings of a new-user walkthrough by a Vietnamese office user: every word of an
//! output in the output language, statuses worded, numbers written as the language writes them.

use crate::common::rotaplan;
use calamine::{Data, Reader, open_workbook_auto};
use std::fs;

/// plan.xlsx under `--lang vi`: the `unfilled` sheet's `reason` column is the one unfilled.csv
/// carries (Vietnamese), and the summary's status is worded, not the id.
#[test]
fn plan_xlsx_in_vietnamese_words_the_reasons_and_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
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
    let csv = fs::read_to_string(out.join("unfilled.csv")).unwrap();
    let reasons: Vec<String> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().get(7).unwrap().to_string())
        .collect();
    assert!(!reasons.is_empty(), "the province leaves posts empty");
    assert!(reasons[0].contains("cán bộ"), "{}", reasons[0]);
    let mut book = open_workbook_auto(out.join("plan.xlsx")).unwrap();
    // #15: plan.xlsx is for people: Vietnamese sheet names, headers and yes/no cells under vi.
    assert_eq!(
        book.sheet_names(),
        vec!["Phương án", "Chưa bố trí", "Tổng hợp", "Đơn vị"]
    );
    let sheet = book.worksheet_range("Chưa bố trí").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0], Data::String("Mã vị trí".into()));
    assert_eq!(rows[0][4], Data::String("Bắt buộc bố trí".into()));
    assert_eq!(rows[0][7], Data::String("Lý do".into()));
    for r in &rows[1..] {
        assert!(
            matches!(&r[4], Data::String(s) if s == "Có" || s == "Không"),
            "{:?}",
            r[4]
        );
        let kind = r[5].to_string();
        assert!(
            !kind.contains('_') && kind.contains(' '),
            "kind in words: {kind}"
        );
    }
    let cells: Vec<String> = rows[1..].iter().map(|r| r[7].to_string()).collect();
    assert_eq!(cells, reasons, "the sheet's reasons are unfilled.csv's");
    let plan = book.worksheet_range("Phương án").unwrap();
    let rows: Vec<Vec<Data>> = plan.rows().map(|r| r.to_vec()).collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..3], &["Mã cán bộ", "Họ và tên", "Mã vị trí"]);
    assert_eq!(header.last().unwrap(), "Ngày bắt đầu luân chuyển");
    assert!(header.iter().all(|h| !h.contains('_')), "{header:?}");
    let pinned = header.iter().position(|h| h == "Được ấn định").unwrap();
    for r in &rows[1..] {
        assert!(matches!(&r[pinned], Data::String(s) if s == "Có" || s == "Không"));
        assert!(
            matches!(r.last().unwrap(), Data::DateTime(d) if d.is_datetime()),
            "the start is a date: {:?}",
            r.last()
        );
    }
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    let head: Vec<String> = summary
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(head, ["Mã chỉ tiêu", "Chỉ tiêu", "Giá trị"]);
    let status = summary
        .rows()
        .find(|r| r[0] == Data::String("status".into()))
        .map(|r| r[2].to_string())
        .unwrap();
    assert_eq!(status, "tối ưu");
    let plan_date = summary
        .rows()
        .find(|r| r[0] == Data::String("plan_date".into()))
        .map(|r| r[2].clone())
        .unwrap();
    assert!(
        matches!(plan_date, Data::DateTime(d) if d.is_datetime()),
        "{plan_date:?}"
    );
    // The Vietnamese workbook still reads back with `check` (plan.csv keeps its ids).
    let o = rotaplan()
        .args(["-q", "check", "scenarios/province/province.yaml"])
        .arg(out.join("plan.xlsx"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let plan_csv = fs::read_to_string(out.join("plan.csv")).unwrap();
    assert!(
        plan_csv.starts_with("cadre_id,cadre_name,post_id"),
        "{plan_csv}"
    );
}

/// `check --against-optimum` under `--lang vi` words the optimum's status in its sentence.
#[test]
fn check_against_the_optimum_words_the_status_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    rotaplan()
        .args(["-q", "plan", "scenarios/tutorial/tutorial.yaml", "--out"])
        .arg(&out)
        .assert()
        .success();
    let csv = fs::read_to_string(out.join("plan.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let hand = dir.path().join("hand.csv");
    fs::write(&hand, lines[..lines.len() - 2].join("\n")).unwrap();
    let o = rotaplan()
        .args([
            "-q",
            "--lang",
            "vi",
            "check",
            "scenarios/tutorial/tutorial.yaml",
        ])
        .arg(&hand)
        .arg("--against-optimum")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("khác phương án tối ưu"))
        .unwrap_or_else(|| panic!("no sentence on the optimum in\n{text}"));
    assert!(!line.contains("optimal"), "{line}");
    assert!(line.ends_with("(tối ưu)."), "{line}");
}

/// A copy of the tutorial scenario in `dir`, with `edit` applied to each table's text.
fn tutorial_copy(
    dir: &std::path::Path,
    edit: impl Fn(&str, String) -> String,
) -> std::path::PathBuf {
    let from = crate::common::root().join("scenarios/tutorial");
    for f in ["tutorial.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        let text = fs::read_to_string(from.join(f)).unwrap();
        fs::write(dir.join(f), edit(f, text)).unwrap();
    }
    dir.join("tutorial.yaml")
}

/// The header cell `from` renamed `to`, and the first data row's cell of that column emptied.
fn rename_and_empty(text: &str, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let ix = header.iter().position(|h| *h == from).unwrap();
    lines[0] = header
        .iter()
        .map(|h| if *h == from { to } else { h })
        .collect::<Vec<_>>()
        .join(",");
    let mut row: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    row[ix].clear();
    lines[1] = row.join(",");
    lines.join("\n") + "\n"
}

/// An empty cell under a Vietnamese header is named as the file writes it, with its id; the
/// accepted forms of the sex column include Nam and Nữ.
#[test]
fn empty_cells_under_vietnamese_headers_name_the_header_and_every_accepted_form() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = tutorial_copy(dir.path(), |f, text| match f {
        "posts.csv" => rename_and_empty(&text, "rank", "Bậc"),
        "cadres.csv" => rename_and_empty(&text, "sex", "Giới tính"),
        _ => text,
    });
    let o = rotaplan()
        .args(["--lang", "vi", "validate"])
        .arg(&yaml)
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(all.contains("E2012"), "{all}");
    assert!(all.contains("điền `Bậc [rank]`"), "{all}");
    assert!(all.contains("điền `Giới tính [sex]`"), "{all}");
    assert!(!all.contains("điền `rank`"), "{all}");
    assert!(all.contains("\"M\", \"F\", \"Nam\", \"Nữ\""), "{all}");
}

/// With `--pseudonymise` stderr — warnings (here W2005, a relative listed one way, naming both
/// cadres), notes, progress and log lines — holds no id and no name of the input either.
#[test]
fn pseudonymised_stderr_holds_no_id_and_no_name_of_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = tutorial_copy(dir.path(), |f, text| match f {
        // C07 no longer lists C08 back: W2005 names both.
        "cadres.csv" => {
            text.lines()
                .map(|l| {
                    if l.starts_with("C07,") {
                        let mut cells: Vec<&str> = l.split(',').collect();
                        cells[17] = "";
                        cells.join(",")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        _ => text,
    });
    let plain = rotaplan().args(["validate"]).arg(&yaml).output().unwrap();
    let plain = String::from_utf8_lossy(&plain.stderr).into_owned()
        + &String::from_utf8_lossy(&plain.stdout);
    assert!(plain.contains("W2005") && plain.contains("C08"), "{plain}");
    let o = rotaplan()
        .env("ROTAPLAN_PSEUDONYM_KEY", "khóa")
        .args(["--lang", "vi", "plan"])
        .arg(&yaml)
        .args(["--pseudonymise", "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("W2005") && stderr.contains("CB-"),
        "{stderr}"
    );
    let cadres = fs::read_to_string(dir.path().join("cadres.csv")).unwrap();
    for line in cadres.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (id, name) = (cells[0], cells[1]);
        assert!(!stderr.contains(name), "stderr names {name}:\n{stderr}");
        let hit = stderr.match_indices(id).any(|(i, _)| {
            let before = stderr[..i].chars().next_back();
            let after = stderr[i + id.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric())
                && !after.is_some_and(|c| c.is_alphanumeric())
        });
        assert!(!hit, "stderr holds the id {id}:\n{stderr}");
    }
}

/// The batch's morning page: the weights of the plans it just solved are known (no "?"), each
/// heading of the comparison once, summary.html does not send the reader to itself, and the log's
/// seconds are rounded to the millisecond.
#[test]
fn batch_summary_knows_its_weights_and_says_each_heading_once() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = tutorial_copy(dir.path(), |_, text| text);
    let runs = dir.path().join("runs");
    let o = rotaplan()
        .args(["--lang", "vi", "batch"])
        .arg(&yaml)
        .arg("--out")
        .arg(&runs)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run = fs::read_dir(&runs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    let md = fs::read_to_string(run.join("summary.md")).unwrap();
    assert!(
        md.contains("| tutorial/base | A |"),
        "weights lettered:\n{md}"
    );
    assert!(!md.contains("không ghi trọng số"), "{md}");
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    let distinct: std::collections::BTreeSet<&&str> = headings.iter().collect();
    assert_eq!(headings.len(), distinct.len(), "{headings:?}");
    assert!(
        md.contains("trong summary.html"),
        "summary.md points at the page"
    );
    let html = fs::read_to_string(run.join("summary.html")).unwrap();
    assert!(
        !html.contains("trong summary.html"),
        "the page points at itself"
    );
    assert!(html.contains("ở phía dưới"));
    let log = String::from_utf8_lossy(&o.stderr);
    let mut seen = 0;
    for part in log.split("seconds=").skip(1) {
        let value: String = part
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let decimals = value.split_once('.').map_or(0, |(_, d)| d.len());
        assert!(decimals <= 3, "seconds={value} in\n{log}");
        seen += 1;
    }
    assert!(seen > 0, "a log line with seconds=:\n{log}");
}
