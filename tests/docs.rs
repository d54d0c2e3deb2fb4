//! The documentation's examples, checked against the real program so that they cannot rot.
//!
//! In the docs, a fenced block with the info string `console` whose first line is `$ rotaplan …` is
//! a command and its output. Each such command is run (the binary built by cargo) and every line of
//! the output shown must appear, in order, in the real stdout + stderr; lines of `...` mark output
//! left out, and timing lines (containing `time` or ` s (`) are not compared. The info string
//! `console exit=N` expects exit code N (default 0). A block with the info string `<lang> file=PATH`
//! (for example `yaml file=try/h3.yaml`) is a file the reader is asked to write; it is written
//! before the commands run.
//!
//! Commands run in a scratch folder that holds a copy of `scenarios/`, so that paths are those of the
//! repository root and the outputs (`rotaplan-out/`, `try/`) never land in the working tree.

use rotaplan::plan::UnfilledKind;
use rotaplan::rules::RuleId;
use rotaplan::solve::SolveStatus;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("rotaplan")
}

/// A fenced code block of a Markdown file.
struct Block {
    info: String,
    /// 1-based line of the opening fence.
    line: usize,
    lines: Vec<String>,
}

/// The fenced blocks of a Markdown text (fences at the start of a line).
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, l) in text.lines().enumerate() {
        match open.take() {
            None => {
                if let Some(info) = l.strip_prefix("```") {
                    open = Some(Block {
                        info: info.trim().to_string(),
                        line: i + 1,
                        lines: Vec::new(),
                    });
                }
            }
            Some(mut b) => {
                if l.trim_end() == "```" {
                    out.push(b);
                } else {
                    b.lines.push(l.to_string());
                    open = Some(b);
                }
            }
        }
    }
    assert!(open.is_none(), "a fenced block is not closed");
    out
}

fn language(b: &Block) -> &str {
    b.info.split_whitespace().next().unwrap_or("")
}

fn attr<'a>(b: &'a Block, key: &str) -> Option<&'a str> {
    b.info
        .split_whitespace()
        .skip(1)
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A scratch folder laid out like the repository root (a copy of `scenarios/`).
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("scenarios"), &dir.path().join("scenarios"));
    dir
}

fn ignored(line: &str) -> bool {
    let t = line.trim();
    t == "..." || t == "…" || line.contains("time") || line.contains(" s (")
}

struct Run {
    code: i32,
    output: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        // English examples stay English whatever the locale of the machine running them.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("run rotaplan");
    Run {
        code: out.status.code().unwrap_or(-1),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// Runs every `console` example of the Markdown file `doc` (relative to the repository root) and
/// returns how many commands ran.
fn run_examples(doc: &str) -> usize {
    let text = read(doc);
    let dir = scratch();
    let all = blocks(&text);
    for b in &all {
        if let Some(path) = attr(b, "file") {
            let target = dir.path().join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(&target, b.lines.join("\n") + "\n").unwrap();
        }
    }
    let mut ran = 0;
    for b in all.iter().filter(|b| language(b) == "console") {
        let first = b.lines.first().map(String::as_str).unwrap_or("");
        let cmd = first.strip_prefix("$ rotaplan ").unwrap_or_else(|| {
            panic!(
                "{doc}:{}: a console block must start with `$ rotaplan …`",
                b.line
            )
        });
        assert!(
            !cmd.contains(['"', '\'', '|', '>', '<', '$']),
            "{doc}:{}: keep example commands to plain words (no quotes, pipes or variables)",
            b.line
        );
        assert!(
            b.lines[1..].iter().all(|l| !l.starts_with("$ ")),
            "{doc}:{}: one command per console block",
            b.line
        );
        let args: Vec<&str> = cmd.split_whitespace().collect();
        let want_code: i32 = attr(b, "exit").map_or(0, |c| c.parse().expect("exit=N"));
        let run = run_in(dir.path(), &args);
        assert_eq!(
            run.code, want_code,
            "{doc}:{}: `rotaplan {cmd}` exited {} (expected {want_code}); output:\n{}",
            b.line, run.code, run.output
        );
        let real: Vec<&str> = run.output.lines().map(str::trim_end).collect();
        let mut at = 0;
        for (k, want) in b.lines[1..].iter().enumerate() {
            if ignored(want) {
                continue;
            }
            let want = want.trim_end();
            match real[at..].iter().position(|l| *l == want) {
                Some(i) => at += i + 1,
                None => panic!(
                    "{doc}:{}: `rotaplan {cmd}`: the line\n{want}\nis not in the real output (in this order):\n{}",
                    b.line + 2 + k,
                    run.output
                ),
            }
        }
        ran += 1;
    }
    ran
}

#[test]
fn tutorial_examples_are_real() {
    assert!(run_examples("docs/tutorial.md") >= 8);
}

#[test]
fn explain_examples_are_real() {
    assert!(run_examples("docs/explain.md") >= 5);
}

#[test]
fn readme_and_commands_examples_are_real() {
    assert!(run_examples("README.md") >= 1);
    assert!(run_examples("docs/commands.md") >= 4);
}

/// rules.md's examples (issue 9 defect 6 and issue 16): the H2 months C04 has left, and H10 on
/// posts that are both sensitive and deputy, run against the real program.
#[test]
fn programme_examples_are_real() {
    assert!(run_examples("docs/programme.md") >= 2);
    assert!(run_examples("scenarios/programme/README.md") >= 2);
}

#[test]
fn rules_examples_are_real() {
    assert!(run_examples("docs/rules.md") >= 2);
}

#[test]
fn what_if_examples_are_real() {
    assert!(run_examples("docs/what-if.md") >= 3);
}

#[test]
fn readme_quick_start_works_on_a_shipped_scenario() {
    let readme = read("README.md");
    let quick = readme
        .split("## Quick start")
        .nth(1)
        .expect("README has a Quick start section");
    let block = blocks(quick)
        .into_iter()
        .next()
        .expect("Quick start has a code block");
    assert_eq!(
        block.lines,
        [
            "cargo run --release -- plan scenarios/province/province.yaml",
            "cargo test --release"
        ],
        "the Quick start is exactly these two commands"
    );
    let scenario = "scenarios/province/province.yaml";
    assert!(root().join(scenario).is_file(), "{scenario} does not exist");
    let run = run_in(&root(), &["validate", scenario]);
    assert_eq!(run.code, 0, "{}", run.output);
}

#[test]
fn every_documented_error_code_is_in_the_loader_and_back() {
    let doc = read("docs/errors.md");
    let mut documented: Vec<String> = Vec::new();
    for w in doc.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.len() == 5 && w.starts_with('E') && w[1..].chars().all(|c| c.is_ascii_digit()) {
            documented.push(w.to_string());
        }
    }
    documented.sort();
    documented.dedup();
    assert!(
        documented.len() >= 30,
        "docs/errors.md lists only {} codes",
        documented.len()
    );
    let mut source = String::new();
    for e in fs::read_dir(root().join("src/scenario")).unwrap() {
        source += &fs::read_to_string(e.unwrap().path()).unwrap();
    }
    for code in &documented {
        assert!(
            source.contains(&format!("\"{code}\"")),
            "{code} is in docs/errors.md but not in src/scenario"
        );
    }
    for (code, _) in rotaplan::scenario::ERROR_CODES {
        assert!(
            documented.iter().any(|d| d == code),
            "{code} is reported by the loader but not in docs/errors.md"
        );
    }
}

/// Every rule id; the match fails to compile when a rule is added, so that the docs follow.
fn all_rules() -> Vec<RuleId> {
    use RuleId::*;
    let all = vec![
        H1, H2, H3, H4, H5, H6, H7, H8, H9, H10, S1, S2, S3, S4, S5, S6, P1, P2, P3,
    ];
    for r in &all {
        match r {
            H1 | H2 | H3 | H4 | H5 | H6 | H7 | H8 | H9 | H10 | S1 | S2 | S3 | S4 | S5 | S6 | P1
            | P2 | P3 => {}
        }
    }
    all
}

#[test]
fn every_rule_has_a_section_in_rules_md() {
    let doc = read("docs/rules.md");
    for r in all_rules() {
        let heading = format!("### {r} — ");
        assert!(
            doc.contains(&heading),
            "docs/rules.md has no section `{heading}…`"
        );
        assert!(
            doc.contains(&format!("\n| {r} |")),
            "docs/rules.md's summary table has no row for {r}"
        );
    }
}

fn all_statuses() -> Vec<SolveStatus> {
    use SolveStatus::*;
    let all = vec![
        Optimal,
        GapLimit,
        TimeLimit,
        DeadlineFallback,
        Infeasible,
        Stopped,
        BackendError,
    ];
    for s in &all {
        match s {
            Optimal | GapLimit | TimeLimit | DeadlineFallback | Infeasible | Stopped
            | BackendError => {}
        }
    }
    all
}

fn all_unfilled_kinds() -> Vec<UnfilledKind> {
    use UnfilledKind::*;
    let all = vec![
        NoEligibleCadre,
        EligibleUsedElsewhere,
        SideConstraint,
        ObjectiveOrder,
        NotWorthAMove,
        SolverStopped,
        NoPlan,
    ];
    for k in &all {
        match k {
            NoEligibleCadre
            | EligibleUsedElsewhere
            | SideConstraint
            | ObjectiveOrder
            | NotWorthAMove
            | SolverStopped
            | NoPlan => {}
        }
    }
    all
}

#[test]
fn plan_format_names_every_column_status_and_kind() {
    let doc = read("docs/plan-format.md");
    let columns = rotaplan::report::assignment_columns();
    let columns = columns.iter().chain(rotaplan::report::UNFILLED_COLUMNS);
    for c in columns {
        assert!(
            doc.contains(&format!("`{c}`")),
            "docs/plan-format.md does not describe the column `{c}`"
        );
    }
    for s in all_statuses() {
        assert!(
            doc.contains(&format!("| `{}` |", s.as_str())),
            "docs/plan-format.md has no row for status {}",
            s.as_str()
        );
    }
    for k in all_unfilled_kinds() {
        let name = serde_json::to_value(k).unwrap();
        let name = name.as_str().unwrap();
        assert!(
            doc.contains(&format!("| `{name}` |")),
            "docs/plan-format.md has no row for kind {name}"
        );
    }
}

/// `doc` must match `real`: objects have the same keys, arrays in the doc are a prefix of the real
/// ones, other values are equal (timings only need to be numbers).
fn same_shape(doc: &Value, real: &Value, path: &str) {
    match (doc, real) {
        (Value::Object(d), Value::Object(r)) => {
            let dk: Vec<_> = d.keys().collect();
            let rk: Vec<_> = r.keys().collect();
            assert_eq!(
                dk, rk,
                "keys of {path} differ between docs/plan-format.md and the real plan.json"
            );
            for (k, v) in d {
                same_shape(v, &r[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(d), Value::Array(r)) => {
            assert!(
                d.len() <= r.len(),
                "{path}: the example has more elements than the real plan.json"
            );
            for (i, v) in d.iter().enumerate() {
                same_shape(v, &r[i], &format!("{path}[{i}]"));
            }
        }
        _ if path.ends_with("build_s") || path.ends_with("solve_s") => {
            assert!(
                doc.is_number() && real.is_number(),
                "{path} is not a number"
            );
        }
        _ => assert_eq!(
            doc, real,
            "{path} differs between docs/plan-format.md and the real plan.json"
        ),
    }
}

#[test]
fn plan_format_examples_are_the_tutorials_real_files() {
    let dir = scratch();
    let run = run_in(
        dir.path(),
        &["plan", "scenarios/tutorial/tutorial.yaml", "--out", "out"],
    );
    assert_eq!(run.code, 0, "{}", run.output);
    let doc = read("docs/plan-format.md");
    let all = blocks(&doc);
    let json: Vec<&Block> = all.iter().filter(|b| language(b) == "json").collect();
    assert_eq!(
        json.len(),
        1,
        "docs/plan-format.md should have one json example"
    );
    let example: Value =
        serde_json::from_str(&json[0].lines.join("\n")).expect("the json example parses");
    let real: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out/plan.json")).unwrap())
            .unwrap();
    same_shape(&example, &real, "plan");

    let mut csv_checked = 0;
    for b in all.iter().filter(|b| language(b) == "csv") {
        let file = match b.lines[0].split(',').next() {
            Some("cadre_id") => "plan.csv",
            Some("post_id") => "unfilled.csv",
            _ => continue,
        };
        let real = fs::read_to_string(dir.path().join("out").join(file)).unwrap();
        assert_eq!(
            b.lines.join("\n") + "\n",
            real,
            "docs/plan-format.md:{}: the {file} example is not the real file",
            b.line
        );
        csv_checked += 1;
    }
    assert_eq!(csv_checked, 2);
}

#[test]
fn commands_md_covers_every_command_and_flag() {
    let doc = read("docs/commands.md");
    let help = run_in(&root(), &["--help"]);
    assert_eq!(help.code, 0);
    let commands: Vec<String> = help
        .output
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 4, "{}", help.output);
    for c in &commands {
        assert!(
            doc.contains(&format!("\n## {c}\n")),
            "docs/commands.md has no section for `{c}`"
        );
        let help = run_in(&root(), &["help", c]);
        assert_eq!(help.code, 0);
        for w in help
            .output
            .split(|ch: char| ch.is_whitespace() || ch == ',' || ch == '[' || ch == ']')
        {
            if let Some(flag) = w.strip_prefix("--").filter(|f| !f.is_empty()) {
                // `--verbose...`: the dots say the flag repeats.
                let flag = flag
                    .split(['=', '<'])
                    .next()
                    .unwrap()
                    .trim_end_matches("...");
                if flag != "help" {
                    assert!(
                        doc.contains(&format!("`--{flag}")),
                        "docs/commands.md does not document `{c} --{flag}`"
                    );
                }
            }
        }
    }
}
