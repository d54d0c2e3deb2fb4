//! The record of a run folder: `manifest.json` and each scenario's `done.json`, with typed statuses
//! (their JSON is the strings docs/batch.md lists).

use crate::solve::SolveStatus;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What became of one scenario of a run: the solver's status, or why there is no plan at all.
/// In JSON the solver's status string (`optimal`, `time_limit`, …), `failed` or `not_started`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Solved(SolveStatus),
    /// The scenario could not be loaded or its plan failed the checker (`error` says which).
    Failed,
    /// The run was stopped (SIGINT) before the scenario started.
    NotStarted,
}

impl From<SolveStatus> for RunStatus {
    fn from(s: SolveStatus) -> RunStatus {
        RunStatus::Solved(s)
    }
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Solved(s) => s.as_str(),
            RunStatus::Failed => "failed",
            RunStatus::NotStarted => "not_started",
        }
    }

    /// A plan proven optimal, or within the allowed gap.
    pub fn proven(self) -> bool {
        matches!(
            self,
            RunStatus::Solved(SolveStatus::Optimal | SolveStatus::GapLimit)
        )
    }

    /// No plan to use: failed, not started, or a solve without a plan (infeasible, stopped).
    pub fn failed(self) -> bool {
        match self {
            RunStatus::Failed | RunStatus::NotStarted => true,
            RunStatus::Solved(s) => !s.has_plan(),
        }
    }
}

impl Serialize for RunStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RunStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.as_str() {
            "failed" => RunStatus::Failed,
            "not_started" => RunStatus::NotStarted,
            other => RunStatus::Solved(
                serde_json::from_value(serde_json::Value::String(other.to_string()))
                    .map_err(serde::de::Error::custom)?,
            ),
        })
    }
}

/// Whether every scenario of the run was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManifestStatus {
    Complete,
    /// SIGINT stopped the run before every scenario started (`--resume` finishes it).
    Interrupted,
}

impl ManifestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ManifestStatus::Complete => "complete",
            ManifestStatus::Interrupted => "interrupted",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InputFile {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub name: String,
    pub file: String,
    pub variant: String,
    pub inputs: Vec<InputFile>,
    /// Hash of the rotaplan version, the variant name and every input file's hash.
    pub inputs_hash: String,
    pub backend: String,
    pub time_limit_s: Option<f64>,
    pub relative_gap: Option<f64>,
    pub threads: Option<u32>,
    /// The solver status, or `failed` / `not_started`.
    pub status: RunStatus,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    pub seconds: f64,
    pub outputs: Vec<String>,
    /// SHA-256 of each output file (by its path in `outputs`): `--resume` reuses a scenario only
    /// when its files still have these hashes.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub outputs_sha256: std::collections::BTreeMap<String, String>,
    pub error: Option<String>,
    /// The fingerprint of the scenario's objective weights (`compare::weights_key`), when it
    /// loaded: the run's comparison compares objectives only between the same weights, and
    /// plan.json does not record them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<String>,
    /// Taken from an earlier run of the same inputs in this run folder (`--resume`), interrupted
    /// or complete.
    #[serde(default)]
    pub reused: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub rotaplan_version: String,
    pub backend: String,
    pub started: String,
    pub finished: String,
    /// `complete`, or `interrupted` when SIGINT stopped the run before every scenario started.
    pub status: ManifestStatus,
    pub shard: Option<String>,
    /// The whole run a shard is part of: every shard of one `--shard I/N` run records the same
    /// (merged shards of runs over other folders were called complete, scenarios missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard_of: Option<ShardOf>,
    pub scenarios: Vec<Entry>,
}

/// The scenarios of a run before it was split into shards: how many, and the SHA-256 of their
/// names (sorted, one a line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardOf {
    pub scenarios: usize,
    pub names_sha256: String,
}

impl Manifest {
    /// (proven, with an unproven plan, failed or infeasible or not started) scenarios.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |f: &dyn Fn(&Entry) -> bool| self.scenarios.iter().filter(|e| f(e)).count();
        let optimal = count(&|e| e.status.proven());
        let failed = count(&|e| e.status.failed());
        (optimal, self.scenarios.len() - optimal - failed, failed)
    }

    pub fn all_ok(&self) -> bool {
        self.status == ManifestStatus::Complete && self.scenarios.iter().all(|e| !e.status.failed())
    }
}

/// Why a job has no plan; `report::job_error_text` words it (its `Display` is the English).
#[derive(Debug, Clone)]
pub enum JobError {
    /// The scenario's files have problems (all of them, located).
    Load(crate::scenario::LoadError),
    /// `baseline: previous` names a plan that cannot be read.
    PreviousPlan {
        file: PathBuf,
        error: crate::scenario::LoadError,
    },
    /// The plan failed the independent checker: an internal error.
    Checker(Vec<crate::check::Violation>),
    /// The run was stopped (SIGINT) before the job started.
    NotStarted,
    /// The job's outputs could not be written into its folder of the run.
    Write { dir: PathBuf, error: String },
    /// Its name gives the folder of an earlier job's (`other`): not planned, so that neither's
    /// files are overwritten.
    SameFolder { other: String, folder: String },
}

impl From<crate::scenario::LoadError> for JobError {
    fn from(e: crate::scenario::LoadError) -> JobError {
        JobError::Load(e)
    }
}

impl std::error::Error for JobError {}

/// Why the arguments of `batch` name nothing to run; report/ words it.
#[derive(Debug)]
pub enum DiscoverError {
    /// An argument that is neither a scenario file, a folder nor a list: a device or a pipe
    /// (`/dev/zero` grew without end, a FIFO never returned).
    NotAFile(PathBuf),
    /// A list that cannot be read as text (not UTF-8, too large): it was skipped, and the batch
    /// said "0 scenarios" and exit 0.
    ListUnreadable { path: PathBuf, error: String },
    /// A list larger than any list of paths (16 MB), in bytes.
    ListTooLarge { path: PathBuf, bytes: u64 },
    /// A file given as a list whose line (1-based, with its text) names no scenario file (.yaml)
    /// or folder: a table or a page (`batch tutorial/*` made run folders of cadres' names).
    NotAList {
        path: PathBuf,
        line: usize,
        text: String,
    },
    /// No scenario file in any of the arguments.
    NoScenario,
}

/// Why shards cannot be merged; report/ words it (`Display` in report/errors.rs).
#[derive(Debug)]
pub enum MergeError {
    /// `--out` cannot be a folder.
    OutDir(crate::output::OutDirError),
    /// Locking `--out` or writing the merged manifest failed (a [`crate::output::Locked`] inside
    /// when another process holds the folder).
    Io(std::io::Error),
    /// A shard folder without a manifest.
    NoManifest { shard: PathBuf, error: String },
    /// A shard's manifest.json that is not a rotaplan manifest.
    NotManifest { shard: PathBuf, error: String },
    /// A plan file that cannot be read, or a scenario folder that cannot be written.
    File { path: PathBuf, error: String },
    /// A shard's output that is not the file its manifest records (its SHA-256 differs): cut
    /// short or edited after the run. Merged, it was called complete.
    Changed { path: PathBuf },
    /// One scenario in two shards (or one shard given twice).
    SameScenario {
        name: String,
        first: PathBuf,
        second: PathBuf,
    },
    /// The shards given are not all of the `--shard I/N` run their manifests record (a shard
    /// that never made its folder drops out of a glob): merged, the run was called complete.
    MissingShards { missing: Vec<String>, of: usize },
    /// Shards of runs split into different numbers of shards (`1/2` with `2/3`).
    MixedShards { shards: Vec<String> },
    /// Shards of runs over different scenarios (each shard records its run's list): the first
    /// shard folder and one whose list differs from its.
    OtherRuns { first: PathBuf, other: PathBuf },
    /// `--out` is one of the shard folders or inside one (the shard's manifest was overwritten),
    /// or holds one.
    OutInShard { shard: PathBuf },
}

impl std::error::Error for MergeError {}
