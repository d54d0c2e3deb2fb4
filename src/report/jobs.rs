//! The words of a run's job failures (`runs::parallel::JobError`: error.txt and the failure
//! lines) and of `rotaplan validate`'s verdict.

use super::catalogue::{Msg, fill, t};
use crate::domain::Lang;
use crate::runs::manifest::JobError;
use std::fmt;

/// Why a job has no plan, in `lang` (the text of its error.txt).
pub fn job_error_text(lang: Lang, e: &JobError) -> String {
    match e {
        JobError::Load(e) => super::diagnostics_text(lang, &e.every()),
        JobError::PreviousPlan { file, error } => fill(
            lang,
            Msg::JobPreviousPlan,
            &[
                ("file", &file.display()),
                ("error", &super::diagnostics_text(lang, &error.every())),
            ],
        ),
        JobError::Checker(v) => fill(
            lang,
            Msg::JobChecker,
            &[("violations", &super::violations_text_in(v, lang))],
        ),
        JobError::NotStarted => t(lang, Msg::JobNotStarted).to_string(),
        JobError::SameFolder { other, folder } => fill(
            lang,
            Msg::JobSameFolder,
            &[("other", other), ("folder", folder)],
        ),
        JobError::Write { dir, error } => fill(
            lang,
            Msg::JobWrite,
            &[("dir", &dir.display()), ("error", error)],
        ),
    }
}

/// The error.txt of a job whose plan.xlsx could not be made (an internal error).
pub fn plan_xlsx_error(lang: Lang, e: &dyn fmt::Display) -> String {
    fill(lang, Msg::JobPlanXlsx, &[("error", e)])
}

/// English: the manifest's `error` field and the logs.
impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&job_error_text(Lang::En, self))
    }
}

/// What `rotaplan validate` found in a valid scenario.
pub struct Valid<'a> {
    pub path: &'a std::path::Path,
    pub units: usize,
    pub posts: usize,
    pub cadres: usize,
    pub date: &'a dyn fmt::Display,
    pub rules: &'a str,
    /// Variants and sweep points beyond the base scenario.
    pub variants: usize,
    pub warnings: usize,
}

/// `validate`'s one-line verdict on a valid scenario, in `lang`.
pub fn valid_line(lang: Lang, v: &Valid) -> String {
    let variants = match v.variants {
        0 => String::new(),
        n => fill(lang, Msg::ValidateVariants, &[("n", &n)]),
    };
    let warnings = match v.warnings {
        0 => String::new(),
        n => fill(lang, Msg::ValidateWarnings, &[("n", &n)]),
    };
    fill(
        lang,
        Msg::ValidateValid,
        &[
            (
                "path",
                &crate::domain::text::one_line_shown(&v.path.display().to_string()),
            ),
            ("units", &v.units),
            ("posts", &v.posts),
            ("cadres", &v.cadres),
            ("date", v.date),
            ("rules", &v.rules),
            ("variants", &variants),
            ("warnings", &warnings),
        ],
    )
}

/// "note: …" before a scenario's note, in `lang`.
pub fn note_line(lang: Lang, note: &str) -> String {
    format!("{}: {note}", t(lang, Msg::Note))
}

/// The count of warnings under their text; `denied` with `--deny-warnings`.
pub fn warnings_summary(lang: Lang, n: usize, denied: bool) -> String {
    let m = if denied {
        Msg::WarningsDenied
    } else {
        Msg::WarningsCount
    };
    fill(lang, m, &[("n", &n)])
}
