//! What a plan finds besides its assignments, as data: why a post stays empty and what keeps each
//! eligible cadre off it, the structural check, the runner-ups, the requirements to relax. No
//! sentences here: report/ words them (report/findings.rs, report/explain.rs).

use super::Exclusions;
use crate::solve::{InfeasibleGroup, SolveStatus, Stuck};
use serde::Serialize;

/// Notes on an answer, in order. `report/` words them; in JSON they are one string joined by
/// "; ", or `null` when there is none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes(pub Vec<Note>);

impl Notes {
    pub fn one(n: Note) -> Notes {
        Notes(vec![n])
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One note on an answer, with its facts.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// The solver's own note.
    Solver(crate::solve::Note),
    /// The forced pair replaced the cadre's pin to `post`.
    PinReplaced { cadre: String, post: String },
    /// The forbidden pair was pinned; the pin was dropped.
    PinDropped { cadre: String, post: String },
    /// A re-solve ended with this status (not proven optimal).
    Ended(SolveStatus),
    /// A re-solve found no plan: the groups that cannot hold.
    Infeasible(Vec<InfeasibleGroup>),
    /// Runner-ups not computed: more than `threshold` candidate pairs.
    RunnerUpsNotComputed { threshold: usize },
    /// Runner-ups left out by the re-solve budget.
    RunnerUpsSkipped { skipped: usize, max_solves: usize },
}

/// What keeps one eligible cadre off an unfilled post.
#[derive(Debug, Clone, PartialEq)]
pub enum Holdback {
    /// Sits on another seat of this post.
    Here,
    /// Took another post, with the pair's score there (this post's score is the cadre's `score`).
    Elsewhere {
        post_id: String,
        score_there: Option<f64>,
        score_here: f64,
    },
    /// Pinned to another post by the scenario (S2).
    Pinned { post_id: String },
    /// Free, but their unit already loses the maximum number of cadres (S1).
    UnitAtCap { unit_id: String, leaving: u32 },
    /// Free, but a relative placed by the plan conflicts (H10).
    Relative {
        relative_id: String,
        post_id: String,
    },
    /// Free and movable.
    Free,
}

/// A move of an eligible cadre to another post, for the reasons of an unfilled post.
#[derive(Debug, Clone, PartialEq)]
pub struct MovedElsewhere {
    pub cadre_id: String,
    pub post_id: String,
    pub score_there: Option<f64>,
    pub score_here: f64,
    /// The post taken is a must-fill post: its empty seat would cost `weights.must_fill`, which
    /// is why a lower score there can be the better plan.
    pub must_fill_there: bool,
    /// The scenario pins the cadre there (S2): the plan had no choice.
    pub pinned_there: bool,
}

/// How many cadres (or moves) a reason names before "and N more".
pub const NAMED: usize = 5;

/// The first [`NAMED`] items of a list a reason names, and how many there are in all: a national
/// empty post has hundreds of eligible cadres, and only the first few are ever read.
#[derive(Debug, Clone, PartialEq)]
pub struct Named<T> {
    /// At most [`NAMED`], in the order of the list (best score first).
    pub first: Vec<T>,
    /// The length of the whole list.
    pub total: usize,
}

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named {
            first: Vec::new(),
            total: 0,
        }
    }
}

impl<T> Named<T> {
    /// Counts `item` and keeps it if fewer than [`NAMED`] are kept (`make` runs only then).
    pub fn push_with(&mut self, make: impl FnOnce() -> T) {
        if self.first.len() < NAMED {
            self.first.push(make());
        }
        self.total += 1;
    }
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
    pub fn len(&self) -> usize {
        self.total
    }
    /// How many are not named.
    pub fn more(&self) -> usize {
        self.total - self.first.len()
    }
}

/// Why a post stays empty, as data (the `kind` says which family); report/findings.rs words it,
/// and plan.json's `reason` is those words.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// No cadre holds a rank H6 allows on this post (`exclusions` has the counts).
    NoRankCompatible {
        post_rank: i32,
        exclusions: Exclusions,
    },
    /// The cadres of a compatible rank pass every rule, but the scenario forbids them.
    AllForbidden { exclusions: Exclusions },
    /// Rules cut every cadre of a compatible rank.
    CutByRules { exclusions: Exclusions },
    /// Every eligible cadre sits on this post already; no one else for the other seats.
    AllSeatedHere { here: usize },
    /// Every other eligible cadre took another post (best score first).
    UsedElsewhere { moves: Named<MovedElsewhere> },
    /// The free eligible cadres are kept off by side rules (S1, H10); the others took other posts.
    Blocked {
        /// Cadres whose unit already loses `cap` cadres (S1).
        capped: Named<String>,
        cap: u32,
        /// (cadre, relative, the relative's post) conflicts (H10).
        family: Named<(String, String, String)>,
        elsewhere: Named<MovedElsewhere>,
    },
    /// Moving a free cadre here would improve the plan, but the solve stopped before finding it.
    SolverStopped {
        cadre_id: String,
        gain: f64,
        status: SolveStatus,
    },
    /// Moving the best free cadre here would add `gain` to the weighted sum, but take an earlier
    /// lexicographic level (`objective:`) from `now` to `with`, below the `kept` its solve kept.
    LevelKept {
        cadre_id: String,
        gain: f64,
        drop: super::LevelDrop,
    },
    /// Moving any of the best free cadres here would break a hard structure target (S6).
    HardTargets {
        cadre_id: String,
        targets: Vec<crate::domain::TargetGroup>,
    },
    /// Moving the best free cadre here gains `gain` but costs `cost` in target shortfalls.
    TargetsCost {
        cadre_id: String,
        gain: f64,
        cost: f64,
    },
    /// Free eligible cadres, but no move here improves the plan.
    NotWorthAMove {
        free: usize,
        best: Option<(String, f64)>,
    },
    /// There is no plan (the requirements cannot all hold, or the solver `stopped`).
    NoPlan { stopped: bool, eligible: usize },
}

/// The structural check: what the candidate pairs alone make impossible, before any MIP.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Structure {
    /// Posts no cadre passes the hard rules for (after `forbids:`), in post order.
    pub posts_without_candidate: Vec<String>,
    /// Quota seats of the must-fill posts (criticality 5).
    pub must_fill_seats: u32,
    /// The most must-fill seats any plan can fill at once: a maximum matching of must-fill seats
    /// to their candidates, each cadre once, pinned cadres only on their pin. S1 and H10 are left
    /// out, so a plan may fill fewer.
    pub must_fill_fillable: u32,
    /// Groups of must-fill posts whose candidates are too few for their seats (connected through
    /// shared candidates). Together they leave `must_fill_seats − must_fill_fillable` seats empty.
    pub must_fill_blocks: Vec<MustFillBlock>,
}

/// Must-fill posts that share too few candidates: `seats` seats, `cadres` candidates between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MustFillBlock {
    pub posts: Vec<String>,
    pub seats: u32,
    pub cadres: Vec<String>,
    /// Seats of these posts that stay empty in every plan (seats − candidates).
    pub short: u32,
}

impl Structure {
    /// Nothing blocks: every post has a candidate and every must-fill seat can be filled.
    pub fn is_clear(&self) -> bool {
        self.posts_without_candidate.is_empty() && self.must_fill_fillable == self.must_fill_seats
    }
}

/// What choosing a cadre would cost, from an exact re-solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cost {
    /// Objective lost (plan − re-solved plan): positive means the plan is better as it is.
    /// `null` when the re-solve found no plan (see `status`).
    pub cost: Option<f64>,
    pub status: SolveStatus,
    /// Both solves proven optimal: the cost is exact.
    pub proven: bool,
    pub note: Notes,
}

/// A candidate of a post who did not get it, and what choosing them would cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunnerUp {
    pub cadre_id: String,
    pub cadre_name: String,
    /// Score of the pair.
    pub score: f64,
    /// The post the cadre has in the plan, if any.
    pub placed_on: Option<String>,
    /// The exact cost of forcing the pair into the plan; `null` when the budget ran out first.
    pub forced: Option<Cost>,
}

/// The runner-ups of one assigned post.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostRunnerUps {
    pub post_id: String,
    pub post_title: String,
    /// The cadres the plan puts on it.
    pub assigned: Vec<String>,
    pub candidates: Vec<RunnerUp>,
}

/// Runner-ups of every assigned post, within a budget.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunnerUps {
    /// Runner-ups asked per post.
    pub per_post: usize,
    /// Re-solves run, and the most allowed.
    pub solves: usize,
    pub max_solves: usize,
    /// Why some or all were not computed.
    pub note: Notes,
    pub posts: Vec<PostRunnerUps>,
}

/// A pin named in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PinRef {
    pub cadre_id: String,
    pub post_id: String,
    pub reason: Option<String>,
    /// The requirement groups it breaks when it is kept with the others.
    pub breaks: Vec<InfeasibleGroup>,
}

/// Which pins must give way for a plan to exist.
/// Its JSON form (plan.json's `relaxation`, with `summary` in words) is written by report/.
#[derive(Debug, Clone, PartialEq)]
pub struct Relaxation {
    /// The requirement groups all the pins break (the solver's pre-check).
    pub groups: Vec<InfeasibleGroup>,
    /// A minimal set of pins to drop: without them a plan exists, and keeping any one of them as
    /// well makes it impossible again. Never a pin marked `relaxable: false`.
    pub drop: Vec<PinRef>,
    /// Pins kept.
    pub kept: usize,
    /// Pins marked `relaxable: false`.
    pub fixed: usize,
    /// When the pins marked `relaxable: false` alone cannot hold: their conflicts (dropping other
    /// pins does not help; `drop` is empty).
    pub fixed_conflicts: Vec<InfeasibleGroup>,
    /// Hard must-fill posts (S5) that have to stay short, with the seats a plan can fill.
    pub must_fill: Vec<MustFillRef>,
    /// Hard structure targets (S6) that have to give way, with the share a plan reaches.
    pub targets: Vec<TargetRef>,
    /// `drop`, `must_fill` and `targets` together are proven to be a smallest set of groups to
    /// relax (then no group of it can be kept); otherwise a minimal set by a deletion filter.
    pub minimum: bool,
    /// With the pins of `drop` dropped, the re-solved plan's status and objective (when checked).
    pub status_after: Option<SolveStatus>,
    pub objective_after: Option<f64>,
    /// Which answer this is; with the fields above, all its summary in words needs.
    pub summary: RelaxCase,
}

/// What kind of answer a [`Relaxation`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum RelaxCase {
    /// The pins marked `relaxable: false` cannot hold together (`fixed_conflicts`).
    FixedPins,
    /// Drop the pins of `drop` (a deletion filter over the pins pre-check); `kept` are kept.
    DropPins,
    /// The requirement groups marked `relaxable: false` cannot hold together.
    FixedGroups { groups: Vec<GroupRef> },
    /// The solver could not tell within `time_limit_s` which groups must give way.
    Unknown { time_limit_s: f64, note: Stuck },
    /// Relax these groups (`minimum`: proven a smallest set).
    Groups { groups: Vec<GroupRef> },
}

/// A requirement group as people know it.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupRef {
    /// A pin (S2).
    Pin { cadre_id: String, post_id: String },
    /// A hard must-fill post (S5).
    MustFill { post_id: String, post_title: String },
    /// A hard structure target (S6) and its share.
    Target { target: String, share: f64 },
}

/// A hard must-fill post that has to stay short.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MustFillRef {
    pub post_id: String,
    pub post_title: String,
    pub unit_name: String,
    pub seats: u32,
    /// Seats filled in one plan found with the groups relaxed (not the most possible).
    pub filled: u32,
}

/// A hard structure target that has to give way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetRef {
    pub target: String,
    pub share: f64,
    /// Its share among the cadres moved in one plan found with the groups relaxed (not the most
    /// possible).
    pub reached: f64,
}

#[cfg(test)]
mod named_tests {
    use super::{NAMED, Named};

    #[test]
    fn named_keeps_the_first_few_in_order_and_counts_them_all() {
        let mut made = 0;
        let mut n: Named<usize> = Named::default();
        assert!(n.is_empty());
        for i in 0..12 {
            n.push_with(|| {
                made += 1;
                i
            });
        }
        assert_eq!(n.first, (0..NAMED).collect::<Vec<_>>());
        assert_eq!((n.len(), n.more()), (12, 12 - NAMED));
        // Only the kept ones are made (a national empty post has hundreds of moves).
        assert_eq!(made, NAMED);
    }
}
