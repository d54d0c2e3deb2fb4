//! `rotaplan compare` and `rotaplan diff`: plans written earlier, read from their plan.json.

use super::{Status, formats, refuse, say};
use rotaplan::compare::{self, PlanSummary};
use rotaplan::report::{self, Format, Refusal};
use std::path::{Path, PathBuf};

/// plan.json files: the paths given, or every plan.json under a folder (sorted).
fn plan_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Refusal> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = rotaplan::output::files_under(p, |f| {
                f.file_name().is_some_and(|n| n == "plan.json")
            });
            if found.is_empty() {
                let programme = !rotaplan::output::files_under(p, |f| {
                    f.file_name().is_some_and(|n| n == "programme.json")
                })
                .is_empty();
                return Err(if programme {
                    Refusal::ProgrammeNotCompared(p.clone())
                } else {
                    Refusal::NoPlanJson(p.clone())
                });
            }
            // Numbers in names by value: a sweep's `staffing=5`, `=10`, `=20` in its order.
            found.sort_by_cached_key(|a| natural(&a.to_string_lossy()));
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(Refusal::NoSuchPath(p.clone()));
        }
    }
    Ok(out)
}

/// A path's sort key with its runs of digits compared as numbers ("x=5" before "x=10"), then as
/// text (a total order: "x=05" and "x=5" stay apart).
fn natural(s: &str) -> (Vec<(String, u128)>, String) {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                parts.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u128::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    if !digits.is_empty() {
        parts.push((
            std::mem::take(&mut text),
            digits.parse().unwrap_or(u128::MAX),
        ));
    }
    parts.push((text, 0));
    (parts, s.to_string())
}

fn read_summary(path: &Path) -> Result<PlanSummary, Refusal> {
    let text = std::fs::read_to_string(path).map_err(|e| Refusal::Unreadable {
        path: path.to_path_buf(),
        error: e.to_string(),
    })?;
    PlanSummary::from_json(&text).map_err(|error| {
        // A programme.json (its `periods` and `rows`) is no plan.json.
        let programme = serde_json::from_str::<serde_json::Value>(&text)
            .is_ok_and(|v| v.get("periods").is_some() && v.get("assignments").is_none());
        if programme {
            Refusal::ProgrammeNotCompared(path.to_path_buf())
        } else {
            Refusal::NotAPlan {
                path: path.to_path_buf(),
                error,
            }
        }
    })
}

/// A plan's name in a comparison: its folder path relative to the common root, or its file.
fn label(path: &Path) -> String {
    let dir = path
        .parent()
        .filter(|_| path.file_name().is_some_and(|n| n == "plan.json"));
    dir.unwrap_or(path).display().to_string()
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  rotaplan compare rotaplan-out/run\n  rotaplan compare a/plan.json b/plan.json --format markdown\n  rotaplan compare --scenario scenarios/tutorial/tutorial.yaml ours.csv theirs.xlsx"
)]
pub struct CompareArgs {
    /// plan.json files, or folders searched for them; with --scenario also plan files made by hand
    /// (CSV or XLSX, columns cadre_id and post_id), scored against that scenario
    #[arg(required = true)]
    plans: Vec<PathBuf>,
    /// The scenario (YAML) that hand-made plan files (CSV or XLSX) among the plans are scored against
    #[arg(long, value_name = "SCENARIO")]
    scenario: Option<PathBuf>,
    /// What to print on stdout.
    #[arg(long, value_parser = formats(&["table", "markdown", "csv", "json"]), default_value = "table")]
    format: Format,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  rotaplan diff rotaplan-out/run/what-if/base rotaplan-out/run/what-if/it-xao-tron\n  rotaplan diff a/plan.json b/plan.json --format json"
)]
pub struct DiffArgs {
    /// The first plan: a plan.json or the folder holding it
    a: PathBuf,
    /// The second plan: a plan.json or the folder holding it
    b: PathBuf,
    /// What to print on stdout: the changes in words, or as JSON (`cadres`, `newly_filled`,
    /// `emptied`, `kpis`).
    #[arg(long, value_parser = formats(&["table", "json"]), default_value = "table")]
    format: Format,
}

pub fn compare(args: CompareArgs, langs: super::Langs) -> Status {
    let files = match plan_files(&args.plans) {
        Ok(f) => f,
        Err(e) => {
            refuse(e);
            return Status::Problem;
        }
    };
    // Said before the scenario's warnings when its YAML says so.
    if let Some(p) = &args.scenario
        && rotaplan::scenario::declares_programme(p) == Some(true)
    {
        refuse(Refusal::ProgrammeNotCompared(p.clone()));
        return Status::Problem;
    }
    let sc = match &args.scenario {
        Some(p) => match super::load(p, langs) {
            // A programme's files scored as one plan on its first date broke H3/H4 by the
            // hundred: refused, with what does read them.
            Ok(s) if s.programme.is_some() => {
                refuse(Refusal::ProgrammeNotCompared(p.clone()));
                return Status::Problem;
            }
            Ok(s) => Some(s),
            Err(s) => return s,
        },
        None => None,
    };
    let mut plans = Vec::new();
    for f in &files {
        let hand_made = f
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("xlsx"));
        if hand_made {
            let Some(sc) = &sc else {
                refuse(Refusal::NeedsScenario(f.clone()));
                return Status::Problem;
            };
            match scored(f, sc, langs.plain()) {
                Ok(s) => plans.push((label(f), s)),
                Err(s) => return s,
            }
            continue;
        }
        match read_summary(f) {
            Ok(s) => plans.push((label(f), s)),
            Err(e) => {
                refuse(e);
                return Status::Problem;
            }
        }
    }
    // Plans are marked against each other within their scenario: the default `--out` folders of
    // two scenarios (rotaplan-out/tutorial, rotaplan-out/province) share a parent, and a
    // hand-made plan scored against --scenario is that scenario's, wherever its file is.
    for (label, p) in &mut plans {
        p.group = Some(if p.scenario.is_empty() {
            compare::group_of(label).to_string()
        } else {
            compare::base_scenario(&p.scenario).to_string()
        });
    }
    let invalid = plans.iter().any(|(_, p)| p.violations > 0);
    let cmp = compare::compare(&plans);
    // The words follow --lang (or the scenario's language, or the locale), as `run`'s do.
    let lang = sc.as_ref().map_or(langs.plain(), |s| langs.of(s));
    say(&match args.format {
        Format::Table => report::comparison_text_in(&cmp, &[], lang),
        Format::Markdown => report::comparison_markdown_in(&cmp, &[], lang),
        Format::Csv => report::comparison_csv(&cmp),
        Format::Json => report::comparison_json(&cmp),
    });
    Status::ok_if(!invalid)
}

/// A hand-made plan file scored against its scenario, as a comparison reads it.
fn scored(
    f: &Path,
    sc: &rotaplan::domain::Scenario,
    lang: rotaplan::domain::Lang,
) -> Result<PlanSummary, Status> {
    let rows = rotaplan::scenario::read_plan(f, sc).map_err(|e| {
        let text = format!("{}\n", report::diagnostics_text(lang, &e.every()));
        super::log::say_err_detail(text.lines().next().unwrap_or_default(), &text);
        Status::Problem
    })?;
    let ctx = rotaplan::rules::RuleContext::new(sc);
    let pairs: Vec<_> = rows.rows.iter().map(|r| (r.cadre, r.post)).collect();
    let s = rotaplan::plan::score(&ctx, &pairs);
    // Scored, and checked: a plan that breaks a hard rule is said and never marked best.
    let v = rotaplan::check::check(&ctx, &pairs);
    if !v.is_empty() {
        let text = format!(
            "{}\n{}\n",
            report::hand_made_breaks_rules(lang, &f.display().to_string()),
            report::violations_text_in(&v, lang)
        );
        super::log::say_err_detail(text.lines().next().unwrap_or_default(), &text);
    }
    Ok(PlanSummary {
        scenario: sc.name.clone(),
        plan_date: Some(sc.plan_date),
        violations: v.len(),
        solver: compare::SummarySolver {
            status: if v.is_empty() {
                "hand-made"
            } else {
                "hand-made-invalid"
            }
            .into(),
            objective: Some(s.objective.total),
            ..Default::default()
        },
        objective: s.objective,
        kpis: s.kpis,
        weights: Some(compare::weights_key(&sc.weights)),
        ..Default::default()
    })
}

pub fn diff(args: DiffArgs, langs: super::Langs) -> Status {
    let (a, b) = (args.a.as_path(), args.b.as_path());
    let one = |p: &Path| -> Result<PlanSummary, Refusal> {
        let files = plan_files(&[p.to_path_buf()])?;
        match files.as_slice() {
            [f] => read_summary(f),
            _ => Err(Refusal::ManyPlans {
                path: p.to_path_buf(),
                n: files.len(),
            }),
        }
    };
    match (one(a), one(b)) {
        (Ok(x), Ok(y)) => {
            let d = compare::diff(&x, &y);
            say(&match args.format {
                Format::Json => {
                    let mut s = serde_json::to_string_pretty(&serde_json::json!({
                        "a": a.display().to_string(),
                        "b": b.display().to_string(),
                        "diff": d,
                    }))
                    .unwrap_or_default();
                    s.push('\n');
                    s
                }
                _ => report::diff_text_in(
                    &d,
                    &a.display().to_string(),
                    &b.display().to_string(),
                    langs.plain(),
                ),
            });
            Status::Ok
        }
        (Err(e), _) | (_, Err(e)) => {
            refuse(e);
            Status::Problem
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_in_names_sort_by_value() {
        let mut v = ["w/staffing=20", "w/staffing=5", "w/base", "w/staffing=10"];
        v.sort_by_key(|s| super::natural(s));
        assert_eq!(
            v,
            ["w/base", "w/staffing=5", "w/staffing=10", "w/staffing=20"]
        );
    }
}
