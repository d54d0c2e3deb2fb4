//! `rotaplan validate`: check a scenario's files alone, every variant and sweep point included.

use super::{Langs, Status, formats, say, say_problems};
use rotaplan::report::{self, Format};
use rotaplan::scenario;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  rotaplan validate scenarios/province/what-if.yaml\n  rotaplan validate --lang vi scenarios/province/what-if.yaml\n  rotaplan validate --format json scenarios/province/what-if.yaml"
)]
pub struct Args {
    /// The scenario file (YAML)
    scenario: PathBuf,
    /// Treat warnings as errors (exit 1 if there is one), e.g. for nightly runs.
    #[arg(long)]
    deny_warnings: bool,
    /// What to print on stdout: the problems as text (on stderr) or one JSON object on stdout
    /// (`valid`, `errors`, `warnings`, `notes`; each problem with code, severity, file, line,
    /// column, sheet, field, message, found, expected, fix).
    #[arg(long, value_parser = formats(&["table", "json"]), default_value = "table")]
    format: Format,
}

pub fn run(a: Args, langs: Langs) -> Status {
    let path = &a.scenario;
    let vs = match scenario::load_variants(path) {
        Ok(vs) => vs,
        Err(e) => {
            let lang = langs.plain();
            if a.format == Format::Json {
                // The warnings that come with the errors go under `warnings`.
                let (warnings, errors): (Vec<_>, Vec<_>) =
                    e.all().cloned().partition(|d| d.is_warning());
                say(&json(lang, false, &errors, &warnings, &[]));
            } else {
                say_problems(&e, lang);
            }
            return Status::Problem;
        }
    };
    let sc = &vs[0].scenario;
    let lang = langs.of(sc);
    let mut warnings: Vec<scenario::Diagnostic> = Vec::new();
    let mut notes: Vec<&scenario::Text> = Vec::new();
    for v in &vs {
        for w in &v.warnings {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
        for n in &v.notes {
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
    }
    let notes: Vec<String> = notes.iter().map(|n| report::text(lang, n)).collect();
    if a.format == Format::Json {
        let denied = a.deny_warnings && !warnings.is_empty();
        say(&json(lang, !denied, &[], &warnings, &notes));
        return Status::ok_if(!denied);
    }
    for n in &notes {
        say(&format!("{}\n", report::note_line(lang, n)));
    }
    if let Err(s) = super::say_warnings(&warnings, a.deny_warnings, lang) {
        return s;
    }
    let valid = report::Valid {
        path,
        units: sc.units.len(),
        posts: sc.posts.len(),
        cadres: sc.cadres.len(),
        date: &sc.plan_date,
        rules: &sc.rules.name,
        variants: vs.len() - 1,
        warnings: warnings.len(),
    };
    say(&format!("{}\n", report::valid_line(lang, &valid)));
    Status::Ok
}

/// The verdict as one JSON object with stable keys, the problems' words in `lang`.
fn json(
    lang: rotaplan::domain::Lang,
    valid: bool,
    errors: &[scenario::Diagnostic],
    warnings: &[scenario::Diagnostic],
    notes: &[String],
) -> String {
    let j = serde_json::json!({
        "valid": valid,
        "errors": report::diagnostic_records(lang, errors),
        "warnings": report::diagnostic_records(lang, warnings),
        "notes": notes,
    });
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_default();
    s.push('\n');
    s
}
