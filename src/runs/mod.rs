//! Many scenarios: [`parallel`] solves them on a rayon pool (`rotaplan run`), [`nightly`] keeps a
//! dated run folder that never loses work (`rotaplan batch`), [`manifest`] is that folder's record,
//! with typed statuses.

pub mod manifest;
pub mod nightly;
pub mod parallel;
