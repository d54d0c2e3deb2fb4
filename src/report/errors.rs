//! The words of what stops a command: the command line's refusals ([`Refusal`]: a bad flag, a file
//! it cannot read or write) and the typed errors of the modules below (an `--out` that is a file,
//! a locked folder, a shard merge, a model export, a plan.json that is not one, an id not found).
//! `Display` is English (the logs, the manifest); [`refusal_text`] says any of them in a language,
//! as the line `error: …` on stderr.

use super::catalogue::{Msg, fill, t};
use crate::compare::NotAPlan;
use crate::domain::Lang;
use crate::explain::{NotFound, Table};
use crate::output::{Holder, Locked, OutDirError};
use crate::runs::manifest::MergeError;
use crate::solve::backend::Failure;
use crate::solve::export::ExportError;
use std::fmt;
use std::path::PathBuf;

/// Which set of files could not be written (the folder keeps what it held).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileSet {
    Plan,
    Programme,
    Run,
}

/// Why `--budget` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetFault {
    /// Not a number before a unit, or at the end.
    Form,
    /// A unit other than h, m, s.
    Unit,
    /// Zero in all.
    Zero,
    /// More than a year (`MAX_BUDGET_S`): past what a clock can count to, it panicked.
    TooLong,
}

/// What the command line refuses or fails at, with the values the sentence names. Made in cli/,
/// worded here.
#[derive(Debug)]
pub enum Refusal {
    /// `--time-limit` not positive and finite.
    TimeLimit(f64),
    /// `--gap` outside [0, 1).
    Gap(f64),
    /// `generate --cadres 0` or `--posts 0`.
    Sizes,
    /// `generate --out` a folder whose scenario or tables `generate` did not write (the file).
    GenerateOverOwn(PathBuf),
    /// `--pseudonymise` without a key.
    PseudonymKey,
    /// `batch` with no inputs.
    NoInputs,
    /// `batch` inputs that name nothing to run.
    Discover(crate::runs::manifest::DiscoverError),
    /// `--csv-separator` not one of `,` `;` `|` tab.
    Separator(String),
    /// `--shard` not written I/N.
    ShardForm(String),
    /// `--shard` I/N out of range.
    ShardRange(String),
    /// `--budget` refused.
    Budget { value: String, fault: BudgetFault },
    /// `--deadline` not HH:MM.
    Deadline(String),
    /// `explain --period` on a scenario without `programme:`.
    PeriodNeedsProgramme,
    /// `explain --period` naming no period; `periods`: the periods' start dates.
    Period { when: String, periods: Vec<String> },
    /// `review` of a scenario without `programme:`.
    NotProgramme(PathBuf),
    /// `compare` of a hand-made plan file without `--scenario`.
    NeedsScenario(PathBuf),
    /// A folder given to `compare` with no plan.json.
    NoPlanJson(PathBuf),
    /// `compare` or `diff` given a programme (its files, or a scenario with `programme:`).
    ProgrammeNotCompared(PathBuf),
    /// `diff` of a folder holding `n` plan.json files.
    ManyPlans { path: PathBuf, n: usize },
    /// A path that is neither a file nor a folder.
    NoSuchPath(PathBuf),
    /// A file that cannot be read (`error`: the system's words).
    Unreadable { path: PathBuf, error: String },
    /// A plan.json that is not one.
    NotAPlan { path: PathBuf, error: NotAPlan },
    /// An output file that is a folder.
    OutputIsFolder(PathBuf),
    /// An output file that is one of the command's inputs.
    OverwritesInput(PathBuf),
    /// `--pseudonym-map` inside the output folder (the names would travel with the plan).
    MapInsideOut { map: PathBuf, dir: PathBuf },
    /// One file that cannot be written.
    CannotWrite { path: PathBuf, error: String },
    /// One file that cannot be written, with the hint to check its folder.
    CannotWriteCheck { path: PathBuf, error: String },
    /// plan.xlsx cannot be made (nothing written).
    PlanXlsx(String),
    /// A set of files that cannot be written (the folder keeps what it held).
    Set {
        set: FileSet,
        dir: PathBuf,
        error: String,
    },
    /// `batch` cannot write its run.
    BatchWrite { dir: PathBuf, error: String },
    /// `--out` cannot be a folder.
    OutDir(OutDirError),
    /// The output folder is held by another process.
    Locked(Locked),
    /// `batch merge` failed.
    Merge(MergeError),
    /// `plan --export-model` failed.
    Export(ExportError),
    /// `explain --cadre`/`--post` naming no row.
    NotFound(NotFound),
    /// An error of the system with nothing to add (its own words).
    Io(std::io::Error),
    /// What the command printed could not all be written to its standard output.
    Stdout(String),
}

/// The line `error: …` (without a newline) in `lang`.
pub fn refusal_text(lang: Lang, r: &Refusal) -> String {
    fill(lang, Msg::ErrorLine, &[("what", &refusal_words(lang, r))])
}

/// The sentence of a refusal in `lang`, without `error: `.
pub fn refusal_words(lang: Lang, r: &Refusal) -> String {
    let path = |m: Msg, p: &PathBuf| fill(lang, m, &[("path", &p.display())]);
    let value = |m: Msg, v: &String| fill(lang, m, &[("value", v)]);
    match r {
        Refusal::TimeLimit(v) => fill(lang, Msg::RefTimeLimit, &[("t", v)]),
        Refusal::Gap(g) => fill(lang, Msg::RefGap, &[("g", g)]),
        Refusal::Sizes => t(lang, Msg::RefSizes).to_string(),
        Refusal::GenerateOverOwn(p) => path(Msg::RefGenerateOverOwn, p),
        Refusal::PseudonymKey => t(lang, Msg::RefPseudonymKey).to_string(),
        Refusal::NoInputs => t(lang, Msg::RefNoInputs).to_string(),
        Refusal::Discover(e) => {
            use crate::runs::manifest::DiscoverError as D;
            match e {
                D::NotAFile(p) => path(Msg::RefBatchNotAFile, p),
                D::ListUnreadable { path: p, error } => fill(
                    lang,
                    Msg::RefBatchListUnreadable,
                    &[("path", &p.display()), ("error", error)],
                ),
                D::ListTooLarge { path: p, bytes } => fill(
                    lang,
                    Msg::RefBatchListTooLarge,
                    &[("path", &p.display()), ("bytes", bytes)],
                ),
                D::NotAList {
                    path: p,
                    line,
                    text,
                } => fill(
                    lang,
                    Msg::RefBatchNotAList,
                    &[("path", &p.display()), ("line", line), ("text", text)],
                ),
                D::NoScenario => t(lang, Msg::RefBatchNoScenario).to_string(),
            }
        }
        Refusal::Separator(v) => value(Msg::RefSeparator, v),
        Refusal::ShardForm(v) => value(Msg::RefShardForm, v),
        Refusal::ShardRange(v) => value(Msg::RefShardRange, v),
        Refusal::Budget { value: v, fault } => value(
            match fault {
                BudgetFault::Form => Msg::RefBudgetForm,
                BudgetFault::Unit => Msg::RefBudgetUnits,
                BudgetFault::Zero => Msg::RefBudgetZero,
                BudgetFault::TooLong => Msg::RefBudgetTooLong,
            },
            v,
        ),
        Refusal::Deadline(v) => value(Msg::RefDeadline, v),
        Refusal::PeriodNeedsProgramme => t(lang, Msg::RefPeriodNeedsProgramme).to_string(),
        Refusal::Period { when, periods } => fill(
            lang,
            Msg::RefPeriod,
            &[("when", when), ("periods", &periods.join(", "))],
        ),
        Refusal::NotProgramme(p) => path(Msg::RefNotProgramme, p),
        Refusal::NeedsScenario(p) => path(Msg::RefNeedsScenario, p),
        Refusal::NoPlanJson(p) => path(Msg::RefNoPlanJson, p),
        Refusal::ProgrammeNotCompared(p) => path(Msg::RefProgrammeNotCompared, p),
        Refusal::NoSuchPath(p) => path(Msg::RefNoSuchPath, p),
        Refusal::ManyPlans { path: p, n } => {
            fill(lang, Msg::RefManyPlans, &[("path", &p.display()), ("n", n)])
        }
        Refusal::Unreadable { path: p, error } => file_error(lang, Msg::RefUnreadable, p, error),
        Refusal::NotAPlan { path: p, error } => {
            file_error(lang, Msg::RefUnreadable, p, &not_a_plan_text(lang, error))
        }
        Refusal::OutputIsFolder(p) => fill(lang, Msg::RefOutputIsFolder, &[("path", &p.display())]),
        Refusal::OverwritesInput(p) => {
            fill(lang, Msg::RefOverwritesInput, &[("path", &p.display())])
        }
        Refusal::MapInsideOut { map, dir } => fill(
            lang,
            Msg::RefMapInsideOut,
            &[("map", &map.display()), ("dir", &dir.display())],
        ),
        Refusal::CannotWrite { path: p, error } => file_error(lang, Msg::RefCannotWrite, p, error),
        Refusal::CannotWriteCheck { path: p, error } => {
            file_error(lang, Msg::RefCannotWriteCheck, p, error)
        }
        Refusal::PlanXlsx(e) => fill(lang, Msg::RefPlanXlsx, &[("error", e)]),
        Refusal::Set { set, dir, error } => fill(
            lang,
            match set {
                FileSet::Plan => Msg::RefPlanSet,
                FileSet::Programme => Msg::RefProgrammeSet,
                FileSet::Run => Msg::RefRunSet,
            },
            &[("dir", &dir.display()), ("error", error)],
        ),
        Refusal::BatchWrite { dir, error } => file_error(lang, Msg::RefBatchWrite, dir, error),
        Refusal::Stdout(e) => fill(lang, Msg::RefStdout, &[("error", e)]),
        Refusal::OutDir(e) => out_dir_text(lang, e),
        Refusal::Locked(e) => locked_text(lang, e),
        Refusal::Merge(e) => merge_text(lang, e),
        Refusal::Export(e) => export_text(lang, e),
        Refusal::NotFound(e) => not_found_text(lang, e),
        Refusal::Io(e) => match (Locked::of(e), OutDirError::of(e)) {
            (Some(l), _) => locked_text(lang, l),
            (_, Some(o)) => out_dir_text(lang, o),
            _ => e.to_string(),
        },
    }
}

fn file_error(lang: Lang, m: Msg, path: &std::path::Path, error: &dyn fmt::Display) -> String {
    fill(lang, m, &[("path", &path.display()), ("error", error)])
}

/// An `--out` that cannot be a folder, in `lang`.
pub fn out_dir_text(lang: Lang, e: &OutDirError) -> String {
    match e {
        OutDirError::IsFile(d) => fill(lang, Msg::OutDirIsFile, &[("dir", &d.display())]),
        OutDirError::HoldsFolders { dir, folders } => {
            let names: Vec<String> = folders
                .iter()
                .map(|f| {
                    f.file_name()
                        .map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into())
                })
                .collect();
            fill(
                lang,
                Msg::OutDirHoldsFolders,
                &[("dir", &dir.display()), ("folders", &names.join(", "))],
            )
        }
        OutDirError::ThroughFile { dir, file } => fill(
            lang,
            Msg::OutDirThroughFile,
            &[("dir", &dir.display()), ("file", &file.display())],
        ),
        OutDirError::UpFromMissing { dir, missing } => fill(
            lang,
            Msg::OutDirUpFromMissing,
            &[("dir", &dir.display()), ("missing", &missing.display())],
        ),
        OutDirError::DanglingLink { dir, to } => fill(
            lang,
            Msg::OutDirDanglingLink,
            &[("dir", &dir.display()), ("to", &to.display())],
        ),
    }
}

/// A folder held by another process, in `lang`.
pub fn locked_text(lang: Lang, e: &Locked) -> String {
    let holder = t(
        lang,
        match e.holder {
            Holder::Command => Msg::LockedByCommand,
            Holder::Batch => Msg::LockedByBatch,
        },
    );
    let pid = e
        .pid
        .map(|p| fill(lang, Msg::LockedPid, &[("pid", &p)]))
        .unwrap_or_default();
    fill(
        lang,
        Msg::LockedBy,
        &[
            ("dir", &e.dir.display()),
            ("holder", &holder),
            ("pid", &pid),
        ],
    )
}

/// A failed `batch merge`, in `lang`.
pub fn merge_text(lang: Lang, e: &MergeError) -> String {
    match e {
        MergeError::OutDir(e) => out_dir_text(lang, e),
        MergeError::Io(e) => match (Locked::of(e), OutDirError::of(e)) {
            (Some(l), _) => locked_text(lang, l),
            (_, Some(o)) => out_dir_text(lang, o),
            _ => e.to_string(),
        },
        MergeError::NoManifest { shard, error } => {
            file_error(lang, Msg::MergeNoManifest, shard, error)
        }
        MergeError::NotManifest { shard, error } => {
            file_error(lang, Msg::MergeNotManifest, shard, error)
        }
        MergeError::File { path, error } => file_error(lang, Msg::MergeFile, path, error),
        MergeError::Changed { path } => fill(lang, Msg::MergeChanged, &[("path", &path.display())]),
        MergeError::SameScenario {
            name,
            first,
            second,
        } => fill(
            lang,
            Msg::MergeSameScenario,
            &[
                ("name", name),
                ("first", &first.display()),
                ("second", &second.display()),
            ],
        ),
        MergeError::MixedShards { shards } => fill(
            lang,
            Msg::MergeMixedShards,
            &[("shards", &shards.join(", "))],
        ),
        MergeError::OtherRuns { first, other } => fill(
            lang,
            Msg::MergeOtherRuns,
            &[("first", &first.display()), ("other", &other.display())],
        ),
        MergeError::OutInShard { shard } => {
            fill(lang, Msg::MergeOutInShard, &[("shard", &shard.display())])
        }
        MergeError::MissingShards { missing, of } => fill(
            lang,
            Msg::MergeMissingShards,
            &[("missing", &missing.join(", ")), ("n", of)],
        ),
    }
}

/// A model file not written, in `lang`.
pub fn export_text(lang: Lang, e: &ExportError) -> String {
    match e {
        ExportError::Format(p) => fill(lang, Msg::ExportFormat, &[("path", &p.display())]),
        ExportError::Write { path, why } => file_error(lang, Msg::ExportWrite, path, why),
        ExportError::CutShort { path, bytes, want } => fill(
            lang,
            Msg::ExportCutShort,
            &[("path", &path.display()), ("bytes", bytes), ("want", want)],
        ),
    }
}

/// Why the solver backend returned no solution, in `lang` (`Other`: the backend's own words).
pub fn failure_text(lang: Lang, e: &Failure) -> String {
    match e {
        Failure::Deadline => t(lang, Msg::BackendDeadline).to_string(),
        Failure::NoPlan => t(lang, Msg::BackendNoPlan).to_string(),
        Failure::Infeasible => t(lang, Msg::BackendInfeasible).to_string(),
        Failure::Other(m) => m.clone(),
    }
}

/// A plan.json that is not one, in `lang` (serde's own words after the colon when it is not
/// JSON or a field has the wrong type).
pub fn not_a_plan_text(lang: Lang, e: &NotAPlan) -> String {
    let why = match e {
        NotAPlan::Json(e) => e.to_string(),
        NotAPlan::NoAssignments => t(lang, Msg::PlanJsonNoAssignments).to_string(),
        NotAPlan::Newer { found, reads } => fill(
            lang,
            Msg::PlanJsonNewer,
            &[("found", found), ("reads", reads)],
        ),
        NotAPlan::NoId { i, field } => fill(
            lang,
            if *field == "cadre_id" {
                Msg::PlanJsonNoCadreId
            } else {
                Msg::PlanJsonNoPostId
            },
            &[("i", i)],
        ),
        NotAPlan::MovedTwice { i, j, cadre } => fill(
            lang,
            Msg::PlanJsonMovedTwice,
            &[("i", i), ("j", j), ("cadre", cadre)],
        ),
        NotAPlan::UnknownStatus(status) => {
            let known = crate::solve::SolveStatus::ALL.map(crate::solve::SolveStatus::as_str);
            fill(
                lang,
                Msg::PlanJsonUnknownStatus,
                &[
                    ("status", &format!("{status:?}")),
                    ("known", &known.join(", ")),
                ],
            )
        }
        NotAPlan::BadGap(g) => fill(lang, Msg::PlanJsonBadGap, &[("gap", g)]),
    };
    fill(lang, Msg::RefNotAPlan, &[("error", &why)])
}

/// An id not found in its table, in `lang`, with the nearest id when one is close.
pub fn not_found_text(lang: Lang, e: &NotFound) -> String {
    let m = match e.table {
        Table::Cadres => Msg::NotFoundCadre,
        Table::Posts => Msg::NotFoundPost,
    };
    let mut s = fill(lang, m, &[("id", &e.id), ("file", &e.file)]);
    if let Some(x) = &e.near {
        s += &fill(lang, Msg::NotFoundNear, &[("near", x)]);
    }
    s
}

macro_rules! english {
    ($($ty:ty => $f:expr),* $(,)?) => {$(
        /// English, for logs and machine fields.
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&$f(Lang::En, self))
            }
        }
    )*};
}

english! {
    Refusal => refusal_words,
    OutDirError => out_dir_text,
    Locked => locked_text,
    MergeError => merge_text,
    ExportError => export_text,
    Failure => failure_text,
    NotAPlan => not_a_plan_text,
    NotFound => not_found_text,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English of the refusals the tests and docs quote is the words they had before the
    /// catalogue; the Vietnamese is another sentence with the same values.
    #[test]
    fn refusals_keep_their_english_and_have_vietnamese() {
        let cases = [
            (Refusal::Gap(2.0), "error: --gap must be in [0, 1), got 2"),
            (
                Refusal::TimeLimit(-1.0),
                "error: --time-limit must be a positive number of seconds, at most 1000000 (as the scenario's time_limit_s), got -1",
            ),
            (
                Refusal::OutDir(OutDirError::IsFile("out".into())),
                "error: --out out: is a file, not a folder; name a folder (it is created if missing)",
            ),
            (
                Refusal::Locked(Locked {
                    dir: "runs".into(),
                    holder: Holder::Batch,
                    pid: Some(42),
                }),
                "error: runs is in use by another rotaplan batch (process 42); wait for it to finish, or give another --out",
            ),
            (
                Refusal::NotFound(NotFound {
                    table: Table::Cadres,
                    file: "can-bo.csv".into(),
                    id: "C1".into(),
                    near: Some("C01".into()),
                }),
                "error: no cadre with id \"C1\" in can-bo.csv (did you mean \"C01\"?)",
            ),
        ];
        for (r, en) in cases {
            assert_eq!(refusal_text(Lang::En, &r), en);
            let vi = refusal_text(Lang::Vi, &r);
            assert!(vi.starts_with("lỗi: ") && vi != en, "{vi}");
        }
        assert_eq!(
            refusal_text(Lang::Vi, &Refusal::Gap(2.0)),
            "lỗi: --gap phải nằm trong khoảng [0, 1), giá trị đã nhập là 2"
        );
        // Why a plan.json is refused is worded in the language too, not only its first words.
        let twice = NotAPlan::MovedTwice {
            i: 1,
            j: 0,
            cadre: "C1".into(),
        };
        assert!(not_a_plan_text(Lang::En, &twice).contains("moves cadre C1 again"));
        let vi = not_a_plan_text(Lang::Vi, &twice);
        assert!(vi.contains("điều chuyển lại cán bộ C1"), "{vi}");
        let dangling = Refusal::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            OutDirError::DanglingLink {
                dir: "out".into(),
                to: "gone".into(),
            },
        ));
        let vi = refusal_text(Lang::Vi, &dangling);
        assert!(vi.contains("out là liên kết tới gone"), "{vi}");
    }

    /// The backend's failures and a job's unwritable outputs are worded here, not where they
    /// happen: English as before for the logs and the manifest, and a Vietnamese sentence.
    #[test]
    fn backend_failures_and_unwritable_jobs_are_worded_in_both_languages() {
        use crate::runs::manifest::JobError;
        let cases = [
            (Failure::Deadline, "the backend missed its deadline"),
            (
                Failure::NoPlan,
                "the backend stopped before it found a solution",
            ),
            (Failure::Infeasible, "the model is infeasible"),
        ];
        for (f, en) in cases {
            assert_eq!(f.to_string(), en);
            let vi = failure_text(Lang::Vi, &f);
            assert!(!vi.is_empty() && vi != en, "{vi}");
        }
        // The backend's own words pass through unchanged.
        let other = Failure::Other("HiGHS status Unknown".into());
        assert_eq!(failure_text(Lang::Vi, &other), "HiGHS status Unknown");
        let w = JobError::Write {
            dir: "run/a".into(),
            error: "No space left on device (os error 28)".into(),
        };
        assert_eq!(
            w.to_string(),
            "cannot write the outputs to run/a: No space left on device (os error 28)"
        );
        let vi = crate::report::job_error_text(Lang::Vi, &w);
        assert!(vi.starts_with("không ghi được kết quả vào run/a: "), "{vi}");
    }
}
