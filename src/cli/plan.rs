//! `rotaplan plan`: solve one scenario and write its plan files.

use super::{Status, formats, refuse, say, say_problems, say_violations};
use rotaplan::output::{check_out_set, write_set};
use rotaplan::report::catalogue::Msg;
use rotaplan::report::{self, FileSet, Format, Refusal};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  rotaplan plan scenarios/province/province.yaml --out rotaplan-out/province"
)]
pub struct Args {
    /// The scenario file (YAML)
    scenario: PathBuf,
    /// Output folder [default: rotaplan-out/<scenario file stem>]
    #[arg(long)]
    out: Option<PathBuf>,
    /// What to print on stdout.
    #[arg(long, value_parser = formats(&["table", "json", "csv", "markdown"]), default_value = "table")]
    format: Format,
    /// Override the scenario's solver time limit (seconds).
    #[arg(long)]
    time_limit: Option<f64>,
    /// Override the scenario's relative gap.
    #[arg(long)]
    gap: Option<f64>,
    /// Override the scenario's HiGHS threads (1 to 256).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=super::MAX_THREADS))]
    threads: Option<u32>,
    /// Runner-up candidates per assigned post, each costed by an exact re-solve (0 = none, at most 40).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=super::MAX_RUNNER_UPS))]
    runner_ups: u64,
    /// Treat the scenario's warnings (W codes) as errors: nothing is planned if there is one.
    #[arg(long)]
    deny_warnings: bool,
    /// Also write the model (.mps or .lp): every eligible pair, names by cadre, post and rule.
    #[arg(long, value_name = "FILE")]
    export_model: Option<PathBuf>,
    /// With --export-model, the model actually solved (after pricing) instead of the full one.
    #[arg(long, requires = "export_model")]
    restricted: bool,
    /// Give plan.csv and unfilled.csv a second header row of column names for people, in vi or
    /// en (the first row keeps the column ids).
    #[arg(long, value_parser = ["vi", "en"])]
    labels: Option<String>,
    /// Write plan.csv and unfilled.csv for Excel: a UTF-8 BOM, Windows line ends, and a list
    /// separator: `;` (with decimal commas) when the language asked for is Vietnamese (`--lang vi`
    /// or the scenario's `language: vi`), else the locale's (`;` where the locale writes 0,5 —
    /// Vietnamese, most of Europe — else `,`), from LC_ALL, LC_NUMERIC or LANG.
    #[arg(long)]
    excel: bool,
    /// With --excel, this list separator instead of the locale's (`;` also writes decimal commas).
    #[arg(long, value_name = "CHAR", requires = "excel")]
    csv_separator: Option<String>,
    /// Replace every cadre's id and name by a stable keyed code (CB-…) in every output; the
    /// mapping goes to a private file beside the output folder, never inside it. Needs a key.
    #[arg(long)]
    pseudonymise: bool,
    /// The key of --pseudonymise (the same key gives the same codes); or set ROTAPLAN_PSEUDONYM_KEY.
    #[arg(
        long,
        value_name = "KEY",
        env = "ROTAPLAN_PSEUDONYM_KEY",
        hide_env_values = true
    )]
    pseudonym_key: Option<String>,
    /// Where --pseudonymise writes the private mapping of codes to cadres [default:
    /// <out>.pseudonyms.csv, beside the output folder, never inside it].
    #[arg(long, value_name = "FILE", requires = "pseudonymise")]
    pseudonym_map: Option<PathBuf>,
}

pub fn run(a: Args, langs: super::Langs) -> Status {
    let dir = a.out.clone().unwrap_or_else(|| {
        let stem = a
            .scenario
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan".into());
        PathBuf::from("rotaplan-out").join(stem)
    });
    // Before the solve: an --out that cannot be a folder is said now, not after minutes.
    if let Err(e) = check_out_set(&dir) {
        refuse(Refusal::OutDir(e));
        return Status::Problem;
    }
    // --pseudonymise's private mapping: beside the output folder, never inside it.
    let map_file = a.pseudonym_map.clone().unwrap_or_else(|| {
        let name = dir
            .file_name()
            .map_or("plan".into(), |n| n.to_string_lossy().into_owned());
        dir.with_file_name(format!("{name}.pseudonyms.csv"))
    });
    // The files written beside the folder never replace an input (the tables, the scenario).
    let inputs = super::scenario_inputs(&a.scenario);
    if a.pseudonymise {
        if let Err(s) = super::guard_output_file(&map_file, &inputs) {
            return s;
        }
        let (map, out) = (
            rotaplan::output::lexical_absolute(&map_file),
            rotaplan::output::lexical_absolute(&dir),
        );
        if map.starts_with(&out) {
            refuse(Refusal::MapInsideOut {
                map: map_file,
                dir: dir.clone(),
            });
            return Status::Problem;
        }
    }
    if let Some(file) = &a.export_model
        && let Err(s) = super::guard_output_file(file, &inputs)
    {
        return s;
    }
    if let Err(s) = super::guard_out_set(&dir, None, &inputs) {
        return s;
    }
    let separator = match a.csv_separator.as_deref().map(super::csv_separator) {
        Some(Err(r)) => {
            refuse(r);
            return Status::Problem;
        }
        s => s.and_then(Result::ok),
    };
    // With --pseudonymise the key is needed first, and the warnings wait for the codes: stderr
    // names no cadre either. A scenario that does not load has its problems masked with the codes
    // of the cadres its table names.
    let key = if a.pseudonymise {
        let Some(key) = a.pseudonym_key.clone().filter(|k| !k.is_empty()) else {
            refuse(Refusal::PseudonymKey);
            return Status::Problem;
        };
        Some(key)
    } else {
        None
    };
    let loaded = match &key {
        None => super::load_unwarned(&a.scenario, langs),
        Some(key) => rotaplan::scenario::load_checked(&a.scenario).map_err(|e| {
            let people = rotaplan::scenario::people_named(&a.scenario);
            let map = rotaplan::pseudonym::codes(key.as_bytes(), &people);
            let mask = |t: &str| rotaplan::pseudonym::mask(&map, t);
            super::say_problems_masked(&e, langs.plain(), &mask);
            Status::Problem
        }),
    };
    let (mut sc, warnings) = match loaded {
        Ok(c) => (c.scenario, c.warnings),
        Err(s) => return s,
    };
    if !a.pseudonymise
        && let Err(s) = super::say_warnings(&warnings, a.deny_warnings, langs.of(&sc))
    {
        return s;
    }
    match super::time_limit(a.time_limit) {
        Ok(Some(t)) => sc.solver.time_limit_s = t,
        Ok(None) => {}
        Err(s) => return s,
    }
    if let Some(g) = a.gap {
        if !(0.0..1.0).contains(&g) {
            refuse(Refusal::Gap(g));
            return Status::Problem;
        }
        sc.solver.relative_gap = g;
    }
    if let Some(n) = a.threads {
        sc.solver.threads = n;
    }
    let pseudonyms = if let Some(key) = &key {
        let map = rotaplan::pseudonym::pseudonymise(&mut sc, key.as_bytes());
        let mask = |t: &str| rotaplan::pseudonym::mask(&map, t);
        if let Err(s) = super::say_warnings_masked(&warnings, a.deny_warnings, langs.of(&sc), &mask)
        {
            return s;
        }
        Some(map)
    } else {
        None
    };
    // Taken once the scenario loaded, so a scenario with errors writes nothing.
    let _lock = match super::take_out_dir(&dir, false) {
        Ok(l) => l,
        Err(s) => return s,
    };
    // `baseline: previous`: the plan this output folder holds from the last run, if any.
    let previous = dir.join("plan.csv");
    if sc.baseline_previous && previous.is_file() {
        match rotaplan::scenario::use_previous_plan(&mut sc, &previous) {
            Ok(p) => tracing::info!(
                file = %previous.display(),
                pairs = p.pairs,
                dropped = p.dropped,
                "baseline: previous plan"
            ),
            Err(e) => {
                say_problems(&e, langs.of(&sc));
                return Status::Problem;
            }
        }
    }
    // --pseudonymise: the private mapping, written beside the output folder before its files are.
    let mapping: Option<Mapping> = pseudonyms.as_ref().map(|map| Mapping {
        file: map_file.clone(),
        csv: rotaplan::pseudonym::mapping_csv(map),
        cadres: map.len(),
    });
    if sc.programme.is_some() {
        // Said, not silently dropped: the options of a single plan a programme has no use for.
        let mut unused: Vec<&str> = Vec::new();
        if a.export_model.is_some() {
            unused.push("--export-model");
        }
        if a.runner_ups > 0 {
            unused.push("--runner-ups");
        }
        if a.format == Format::Markdown {
            unused.push("--format markdown");
        }
        if !unused.is_empty() {
            super::log::say_err(
                tracing::Level::WARN,
                &report::catalogue::fill(
                    langs.of(&sc),
                    Msg::NotForProgramme,
                    &[("flags", &unused.join(", "))],
                ),
            );
        }
        return super::programme::run(
            &sc,
            (&dir, &inputs),
            a.format,
            langs.of(&sc),
            mapping.as_ref(),
        );
    }
    if let Some(file) = &a.export_model
        && let Err(s) = export_model(&sc, file, a.restricted)
    {
        return s;
    }
    let planned = if a.runner_ups == 0 {
        rotaplan::plan_scenario(&sc)
    } else {
        let budget = rotaplan::explain::Budget {
            per_post: a.runner_ups as usize,
            ..Default::default()
        };
        rotaplan::plan_scenario_with(&sc, &budget)
    };
    if !planned.violations.is_empty() {
        say_violations(
            "internal error: the plan failed the independent checker; nothing was written",
            &planned.violations,
        );
        return Status::Internal;
    }
    let plan = &planned.plan;
    let lang = langs.of(&sc);
    let labels = a.labels.as_deref().and_then(rotaplan::domain::Lang::parse);
    let o = report::PlanFiles {
        lang,
        labels,
        timings: true,
    };
    let started = std::time::Instant::now();
    let mut files = match report::plan_files(&sc, plan, o) {
        Ok(f) => f,
        Err(e) => {
            refuse(Refusal::PlanXlsx(e.to_string()));
            return Status::Internal;
        }
    };
    if a.excel {
        let sep = separator.unwrap_or_else(|| super::excel_separator(langs.chosen(&sc)));
        for (name, bytes) in &mut files {
            if name.ends_with(".csv") {
                *bytes = report::excel_csv(&String::from_utf8_lossy(bytes), sep);
            }
        }
    }
    tracing::debug!(
        seconds = rotaplan::output::seconds_ms(started.elapsed().as_secs_f64()),
        "plan files built"
    );
    // The private mapping first: a coded plan must never replace the folder's plan without the
    // mapping that reads it (a mapping path that cannot be written stops here, the old plan kept).
    let staged = match mapping.as_ref().map(Mapping::stage).transpose() {
        Ok(s) => s,
        Err(s) => return s,
    };
    if let Err(s) =
        super::guard_out_set(&dir, Some(&mut files.iter().map(|f| f.0.as_str())), &inputs)
    {
        return s;
    }
    super::say_dropped(&dir, &files, lang);
    let started = std::time::Instant::now();
    // The files as one set: the folder holds all the old ones or all the new ones.
    let written = write_set(&dir, &files);
    tracing::debug!(
        seconds = rotaplan::output::seconds_ms(started.elapsed().as_secs_f64()),
        "plan files written"
    );
    if let Err(e) = written {
        refuse(Refusal::Set {
            set: FileSet::Plan,
            dir: dir.clone(),
            error: e.to_string(),
        });
        return Status::Problem;
    }
    if let Some(s) = staged
        && let Err(s) = s.commit()
    {
        return s;
    }
    say(&report::render_in(plan, a.format, lang));
    if a.format == Format::Table {
        say(&format!(
            "\n{}\n",
            report::catalogue::fill(lang, Msg::Written, &[("path", &dir.display())])
        ));
    }
    Status::ok_if(plan.solver.status.has_plan())
}

/// `plan --export-model FILE [--restricted]`: the model file, before the plan.
fn export_model(
    sc: &rotaplan::domain::Scenario,
    file: &std::path::Path,
    restricted: bool,
) -> Result<(), Status> {
    use rotaplan::solve::export::{Which, export_scenario};
    let which = if restricted {
        Which::Restricted
    } else {
        Which::Full
    };
    export_scenario(sc, file, which).map(|_| ()).map_err(|e| {
        refuse(Refusal::Export(e));
        Status::Problem
    })
}

/// `--pseudonymise`'s private mapping of codes to cadres (`pseudonym::mapping_csv`) and where it
/// goes: a single plan and a programme write it the same way.
pub(super) struct Mapping {
    file: PathBuf,
    csv: String,
    cadres: usize,
}

impl Mapping {
    /// The mapping written beside its place (a temporary file), before the coded files replace
    /// the folder's: a path that cannot be written stops the command with the old plan kept.
    /// [`Staged::commit`] puts it in place once the set is written; dropped uncommitted (the set
    /// failed), it is removed and the previous mapping stays with the previous plan.
    pub(super) fn stage(&self) -> Result<Staged<'_>, Status> {
        // A link is written through; a device is refused (`--pseudonym-map /dev/null` as root
        // replaced /dev/null with the names).
        let target = rotaplan::output::regular_target(&self.file).map_err(|e| {
            super::refuse(Refusal::CannotWrite {
                path: self.file.clone(),
                error: e.to_string(),
            });
            Status::Problem
        })?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        super::write(&tmp, &self.csv).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
        Ok(Staged {
            mapping: self,
            target,
            tmp: Some(tmp),
        })
    }
}

/// A [`Mapping`] written to its temporary file.
pub(super) struct Staged<'m> {
    mapping: &'m Mapping,
    /// The file the mapping replaces (`output::regular_target` of its path).
    target: PathBuf,
    tmp: Option<PathBuf>,
}

impl Staged<'_> {
    pub(super) fn commit(mut self) -> Result<(), Status> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let m = self.mapping;
        std::fs::rename(&tmp, &self.target).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            super::refuse(Refusal::CannotWrite {
                path: m.file.clone(),
                error: e.to_string(),
            });
            Status::Problem
        })?;
        tracing::info!(file = %m.file.display(), cadres = m.cadres, "private mapping of the pseudonyms written");
        Ok(())
    }
}

impl Drop for Staged<'_> {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}
