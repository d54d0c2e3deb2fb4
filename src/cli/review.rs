//! `rotaplan review`: the review figures (sơ kết) of a programme file or of an executed history
//! (history.csv), told apart by the file's header.

use super::{Status, formats, say};
use rotaplan::report::{Format, Refusal, programme as words};
use rotaplan::scenario;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  rotaplan review scenarios/programme/programme.yaml rotaplan-out/programme/programme.csv\n  rotaplan review scenarios/programme/programme.yaml rotaplan-out/programme/programme.csv --html review.html\n  rotaplan review scenarios/programme/programme.yaml history.csv"
)]
pub struct Args {
    /// The scenario (YAML) the file belongs to (a programme scenario for a programme.csv)
    scenario: PathBuf,
    /// The moves: a programme.csv (written by `plan`, or by hand), or a history.csv of executed
    /// moves (cadre_id, post_id, kind, start[, end]), told apart by its header
    programme: PathBuf,
    /// What to print on stdout.
    #[arg(long, value_parser = formats(&["table", "json"]), default_value = "table")]
    format: Format,
    /// Also write the review as an A4 page with tables and bar charts (review.html) to this file
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
}

pub fn run(a: Args, langs: super::Langs) -> Status {
    let accepts = [scenario::MovesFile::History, scenario::MovesFile::Programme];
    let (sc, said) =
        match super::load_for_file(&a.scenario, (&a.programme, &accepts), a.format, langs) {
            Ok(c) => {
                if let Err(s) = super::say_warnings(&c.warnings, false, langs.of(&c.scenario)) {
                    return s;
                }
                (c.scenario, c.warnings)
            }
            Err(s) => return s,
        };
    let read = if scenario::is_history_file(&a.programme) {
        scenario::read_history_file(&a.programme, &sc).map(|h| {
            (
                rotaplan::programme::review::review_history(&sc, &h.moves),
                h.warnings,
            )
        })
    } else {
        let Some(tl) = rotaplan::programme::Timeline::new(&sc) else {
            super::refuse(Refusal::NotProgramme(a.scenario.clone()));
            return Status::Problem;
        };
        scenario::read_programme(&a.programme, &sc).map(|f| {
            (
                rotaplan::programme::review::review(&sc, &tl, &f.moves),
                f.warnings,
            )
        })
    };
    let r = match read {
        Ok((r, warnings)) => {
            // The scenario's own history was read with it: its warnings are said already.
            let new: Vec<_> = warnings.into_iter().filter(|w| !said.contains(w)).collect();
            if let Err(s) = super::say_warnings(&new, false, langs.of(&sc)) {
                return s;
            }
            r
        }
        Err(e) => return super::file_problems(&e, &a.programme, a.format, langs.of(&sc)),
    };
    if let Some(path) = &a.html {
        let mut inputs = super::scenario_inputs(&a.scenario);
        inputs.push(a.programme.clone());
        if let Err(s) = super::guard_output_file(path, &inputs) {
            return s;
        }
        let source = a.programme.display().to_string();
        let page = rotaplan::report::review_page::review_html(&sc, &r, &source, langs.of(&sc));
        if let Err(e) = rotaplan::output::write_atomic(path, page.as_bytes()) {
            super::refuse(Refusal::CannotWriteCheck {
                path: path.clone(),
                error: e.to_string(),
            });
            return Status::Problem;
        }
    }
    say(&match a.format {
        Format::Json => words::review_json(&r),
        _ => words::review_text_in(&r, langs.of(&sc)),
    });
    Status::Ok
}
