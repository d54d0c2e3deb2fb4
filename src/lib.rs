//! rotaplan: plans cadre rotations (which cadre of the planning pool goes to which vacant post) as
//! an exact assignment optimisation under Regulation 65-QĐ/TW.
//!
//! Data flows one way: files → [`scenario`] → [`domain::Scenario`] → [`rules::candidates`] →
//! [`solve`] → [`plan::Plan`] → [`check`] → [`report`].

pub mod domain;
pub mod rules;
pub mod scenario;
pub mod scoring;
pub mod solve;
pub mod check;
pub mod plan;
pub mod generate;
