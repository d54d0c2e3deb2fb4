//! The one integration-test binary: the real CLI, the scenario loader's error codes, and the
//! solver against a brute-force oracle.

mod build_tools;
mod cli;
mod committee;
mod common;
mod diagnostics_lang;
mod explain;
mod export;
mod faults;
mod fuzz;
mod golden;
mod hostile;
mod layers;
mod lexicographic;
mod logging;
mod nightly;
mod office_data;
mod oracle;
mod pages;
mod polish;
mod programme;
mod programme_pricing;
mod programme_targets;
mod rules_settled;
mod scenario_errors;
mod slurm;
mod walk_programme;
mod walkthrough;
mod whatif;
