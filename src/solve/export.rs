//! The model written to a file (`rotaplan plan --export-model FILE.mps|.lp`), to look at, or to
//! give to another solver: the full MIP over every eligible pair, or the restricted MIP the pricing
//! loop actually solved. Columns and rows are named after cadre, post, unit and rule group
//! (`Model::names`); the objective's constant is the file's objective offset, so the file's
//! optimum is the plan's objective.

use super::backend::backend;
use super::model;
use crate::domain::Scenario;
use crate::rules::{Candidates, RuleContext, candidates};
use std::path::{Path, PathBuf};

/// Which model to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The MIP over every eligible pair.
    Full,
    /// The MIP over the pairs the solve actually used (after pricing; every pair below
    /// `PRICING_THRESHOLD`). It costs one solve.
    Restricted,
}

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub path: PathBuf,
    pub columns: usize,
    pub rows: usize,
    /// Eligible pairs, and those that are columns of the file.
    pub pairs: usize,
    pub pairs_written: usize,
}

/// Why the model file was not written; report/ words it (`Display` in report/errors.rs).
#[derive(Debug)]
pub enum ExportError {
    /// The file name ends in neither .mps nor .lp.
    Format(PathBuf),
    /// The file cannot be written (`why`: the system's words).
    Write { path: PathBuf, why: String },
    /// The file HiGHS wrote was cut short (a full disk): `bytes` written, no `end` line `want`.
    CutShort {
        path: PathBuf,
        bytes: u64,
        want: &'static str,
    },
}

impl std::error::Error for ExportError {}

/// Write the model of a scenario to `path` (`.mps` or `.lp`).
pub fn export_scenario(sc: &Scenario, path: &Path, which: Which) -> Result<Exported, ExportError> {
    let ctx = RuleContext::new(sc);
    let cands = candidates::generate(&ctx);
    export_model(&ctx, &cands, path, which)
}

/// Whether the model file HiGHS wrote (`file`, shown as `path`) ends as its format ends
/// (`ENDATA` for MPS, `end` for LP): HiGHS does not report a short write, so a full disk left a
/// cut file that looked written.
fn complete(file: &Path, path: &Path, ext: &str) -> Result<(), ExportError> {
    use std::io::{Read, Seek, SeekFrom};
    let io = |e: std::io::Error| ExportError::Write {
        path: path.to_path_buf(),
        why: e.to_string(),
    };
    let mut f = std::fs::File::open(file).map_err(io)?;
    let len = f.metadata().map_err(io)?.len();
    f.seek(SeekFrom::Start(len.saturating_sub(16)))
        .map_err(io)?;
    let mut tail = Vec::new();
    f.read_to_end(&mut tail).map_err(io)?;
    let tail = String::from_utf8_lossy(&tail);
    let last = tail.trim_end().rsplit('\n').next().unwrap_or("").trim();
    let want = if ext == "mps" { "ENDATA" } else { "end" };
    if last.eq_ignore_ascii_case(want) {
        Ok(())
    } else {
        Err(ExportError::CutShort {
            path: path.to_path_buf(),
            bytes: len,
            want,
        })
    }
}

/// Write the model over `cands` to `path` (`.mps` or `.lp`), atomically (a temporary file beside
/// it, then a rename).
pub fn export_model(
    ctx: &RuleContext,
    cands: &Candidates,
    path: &Path,
    which: Which,
) -> Result<Exported, ExportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let ext = match ext.as_deref() {
        Some(e @ ("mps" | "lp")) => e.to_string(),
        _ => return Err(ExportError::Format(path.to_path_buf())),
    };
    let (pins, _) = super::pins(ctx, cands);
    let cols: Vec<usize> = match which {
        Which::Full => (0..cands.len()).collect(),
        Which::Restricted => {
            let (_, mut cols) = super::solve_traced(ctx, cands);
            // A solve that stopped before any model keeps the pins' pairs at least.
            cols.extend(&pins);
            cols.sort_unstable();
            cols.dedup();
            cols
        }
    };
    let m = model::build(ctx, cands, &pins, &cols, true);
    let names = m.names(ctx, cands);
    let (columns, rows) = (m.vars.len(), m.rows.len());
    let fail = |why: String| ExportError::Write {
        path: path.to_path_buf(),
        why,
    };
    // A link is written through; a device is refused, never replaced by the model.
    let path = &crate::output::regular_target(path).map_err(|e| fail(e.to_string()))?;
    // HiGHS picks the format from the extension, so the temporary file keeps it.
    let tmp = path.with_extension(format!("tmp-{}.{ext}", std::process::id()));
    backend()
        .write(m, &names, &tmp)
        .map_err(|e| fail(e.to_string()))
        .and_then(|()| complete(&tmp, path, &ext))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e.to_string())
    })?;
    tracing::info!(
        file = %path.display(),
        columns,
        rows,
        pairs = cols.len(),
        "model written"
    );
    Ok(Exported {
        path: path.to_path_buf(),
        columns,
        rows,
        pairs: cands.len(),
        pairs_written: cols.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::complete;

    /// A model file cut short (a full disk: HiGHS reports no short write) is told from a whole one.
    #[test]
    fn a_model_file_cut_short_is_not_complete() {
        let dir = tempfile::tempdir().unwrap();
        let mps = dir.path().join("m.mps");
        let check = |f: &std::path::Path, ext| complete(f, f, ext);
        std::fs::write(&mps, "NAME m\nROWS\n N obj\nCOLUMNS\n x obj 1\nENDATA\n").unwrap();
        assert!(check(&mps, "mps").is_ok());
        std::fs::write(&mps, "NAME m\nROWS\n N obj\nCOLUMNS\n x ob").unwrap();
        assert!(matches!(
            check(&mps, "mps"),
            Err(super::ExportError::CutShort { want: "ENDATA", .. })
        ));
        let lp = dir.path().join("m.lp");
        std::fs::write(&lp, "max\n obj: x\nbounds\n x <= 1\ngen\nsemi\nend\n").unwrap();
        assert!(check(&lp, "lp").is_ok());
        std::fs::write(&lp, "max\n obj: x\nbounds\n x <=").unwrap();
        assert!(check(&lp, "lp").is_err());
        std::fs::write(&lp, "").unwrap();
        assert!(check(&lp, "lp").is_err());
    }
}
