//! `rotaplan plan` on a scenario with `programme:`: the programme's files (programme.csv,
//! programme.json, programme.md, and the pages people open: programme.html with timeline.svg, and
//! review.html) written as one set, after the independent checker passed them.

use super::{Status, say, say_violations};
use rotaplan::domain::Scenario;
use rotaplan::output::write_set;
use rotaplan::report::{Format, programme as words};
use std::path::Path;

/// `mapping`: `--pseudonymise`'s private mapping, written before the programme's files are.
pub fn run(
    sc: &Scenario,
    (dir, inputs): (&Path, &[std::path::PathBuf]),
    format: Format,
    lang: rotaplan::domain::Lang,
    mapping: Option<&super::plan::Mapping>,
) -> Status {
    let Some(done) = rotaplan::plan_programme(sc) else {
        return Status::Internal;
    };
    if !done.violations.is_empty() {
        say_violations(
            "internal error: the programme failed the independent checker; nothing was written",
            &done.violations,
        );
        return Status::Internal;
    }
    let plan = &done.plan;
    let files = words::programme_files(sc, plan, lang, true);
    // The private mapping first, as for a single plan (`plan::run`).
    let staged = match mapping.map(super::plan::Mapping::stage).transpose() {
        Ok(s) => s,
        Err(s) => return s,
    };
    if let Err(s) = super::guard_out_set(dir, Some(&mut files.iter().map(|f| f.0.as_str())), inputs)
    {
        return s;
    }
    super::say_dropped(dir, &files, lang);
    if let Err(e) = write_set(dir, &files) {
        super::refuse(rotaplan::report::Refusal::Set {
            set: rotaplan::report::FileSet::Programme,
            dir: dir.to_path_buf(),
            error: e.to_string(),
        });
        return Status::Problem;
    }
    if let Some(s) = staged
        && let Err(s) = s.commit()
    {
        return s;
    }
    say(&match format {
        Format::Json => words::programme_json_in(sc, plan, lang),
        Format::Csv => words::programme_csv(plan),
        _ => words::programme_table_in(sc, plan, lang),
    });
    if format == Format::Table {
        say(&format!(
            "\n{}\n",
            rotaplan::report::catalogue::fill(
                lang,
                rotaplan::report::catalogue::Msg::Written,
                &[("path", &dir.display())]
            )
        ));
    }
    Status::ok_if(plan.status.has_plan())
}
