//! `rotaplan generate`: a valid synthetic scenario of any size.

use super::{Status, say};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  rotaplan generate --cadres 8000 --posts 2700 --seed 7 --out national"
)]
pub struct Args {
    /// Cadres in the planning pool
    #[arg(long)]
    cadres: usize,
    /// Vacant posts
    #[arg(long)]
    posts: usize,
    /// Seed of the generator: the same seed, the same files
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write scenario.yaml and its three tables into
    #[arg(long)]
    out: PathBuf,
    /// Plan date of the scenario (YYYY-MM-DD).
    #[arg(long, default_value = "2027-01-01")]
    plan_date: chrono::NaiveDate,
    /// The scenario's name [default: from the sizes and the seed]
    #[arg(long)]
    name: Option<String>,
    /// A programme scenario of this many yearly periods from the plan date: posts with holders
    /// and vacancy dates, running rotations (docs/programme.md)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20))]
    years: Option<u32>,
}

pub fn run(a: Args, langs: super::Langs) -> Status {
    // The loader's row limit, and the years its dates may have (plan dates near them would
    // write birth dates outside them): what lies past them is no valid scenario.
    let max = rotaplan::scenario::DEFAULT_MAX_TABLE_ROWS;
    let year = chrono::Datelike::year(&a.plan_date);
    if a.cadres == 0
        || a.posts == 0
        || a.cadres > max
        || a.posts > max
        || !(1980..=2150).contains(&year)
    {
        super::refuse(rotaplan::report::Refusal::Sizes);
        return Status::Problem;
    }
    let opts = rotaplan::generate::GenOptions {
        cadres: a.cadres,
        posts: a.posts,
        seed: a.seed,
        plan_date: a.plan_date,
        name: a.name,
    };
    let files = match a.years {
        Some(y) => rotaplan::generate::generate_programme(&opts, y),
        None => rotaplan::generate::generate(&opts),
    };
    // One generate at a time in a folder: two at once mixed their tables (two seeds in one
    // scenario, which then loaded as valid).
    let _lock = match super::lock_out_dir(&a.out) {
        Ok(l) => l,
        Err(s) => return s,
    };
    // Files of the same names not written by generate are the user's: a scenario folder's
    // tables were replaced by synthetic ones that then loaded as valid.
    let generated = |p: &std::path::Path| {
        std::fs::read_to_string(p).is_ok_and(|y| y.starts_with(rotaplan::generate::HEADER))
    };
    // A generate killed among its renames has removed scenario.yaml and left its new one as a
    // temporary (`.scenario.yaml.tmp-PID`): the folder is still generate's.
    let killed = std::fs::read_dir(&a.out).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".scenario.yaml.tmp-")
                && generated(&e.path())
        })
    });
    let yaml = a.out.join("scenario.yaml");
    let own = generated(&yaml) || (killed && std::fs::symlink_metadata(&yaml).is_err());
    if !own
        && let Some(theirs) = files
            .iter()
            .map(|f| a.out.join(&f.name))
            .find(|p| std::fs::symlink_metadata(p).is_ok())
    {
        super::refuse(rotaplan::report::Refusal::GenerateOverOwn(theirs));
        return Status::Problem;
    }
    // The temporaries a killed generate left (of processes no longer running).
    rotaplan::output::clean_leftovers(&a.out, false);
    // All the files or none: a half-written scenario (a new scenario.yaml beside an old
    // cadres.csv) would load as valid.
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|f| (f.name, f.contents.into_bytes()))
        .collect();
    if let Err(e) = rotaplan::output::write_files_together(&a.out, &files) {
        super::refuse(rotaplan::report::Refusal::CannotWriteCheck {
            path: a.out.clone(),
            error: e.to_string(),
        });
        return Status::Problem;
    }
    let lang = langs.plain();
    say(&format!(
        "{}\n",
        rotaplan::report::catalogue::fill(
            lang,
            rotaplan::report::catalogue::Msg::GenerateWrote,
            &[
                ("path", &a.out.join("scenario.yaml").display()),
                ("cadres", &a.cadres),
                ("posts", &a.posts),
                ("seed", &a.seed),
            ],
        )
    ));
    Status::Ok
}
