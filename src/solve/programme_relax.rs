//! A programme whose pins and hard requirements cannot all hold (`ProgrammeNote::HardCannotHold`):
//! which of them give way, by a deletion filter over feasibility models (the programme's model of
//! `programme::build` with its objective dropped and the rows of some groups left out), the
//! programme's counterpart of `explain::relax_pins`.
//!
//! Drop every relaxable group; if the rest holds, take each group back in order (pins in file
//! order, then must-fill posts, share targets, key-head cadres, the period share) and keep it if
//! the groups kept still hold together. What stays dropped is a minimal set: keeping any one of
//! them as well makes a programme impossible again. Every solve shares one budget, the scenario's
//! `solver.time_limit_s`; a group whose re-solve runs out of it stays dropped (the set still lets a
//! programme exist, but may not be minimal).

use super::backend::{Failure, RunOptions, backend};
use super::model::RowKey;
use super::programme::ProgrammeRow;
use crate::domain::{CadreIx, PostIx, Scenario};
use crate::programme::{Columns, Timeline};
use good_lp::Expression;
use serde::Serialize;
use std::time::{Duration, Instant};

/// A group of the programme's hard requirements: rows that give way together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// A pin (index of `pins:`), S2.
    Pin(usize),
    /// A must-fill post: its deadline rows, S5.
    MustFill(PostIx),
    /// A share target (0 women, 1 young, 2 minority), S6.
    Share(u8),
    /// A key-head cadre's months, S6.
    KeyHead(CadreIx),
    /// At most `max_period_share` of the moves in each period, S6.
    PeriodShare,
}

impl Group {
    /// The group a row of the programme's model belongs to (`None`: a rule, never relaxed).
    pub fn of(row: &ProgrammeRow) -> Option<Group> {
        match *row {
            ProgrammeRow::Pin(k) => Some(Group::Pin(k as usize)),
            ProgrammeRow::MustFill(p) | ProgrammeRow::MustFillOpened(p, _) => {
                Some(Group::MustFill(p))
            }
            ProgrammeRow::Share(k) => Some(Group::Share(k)),
            ProgrammeRow::KeyHead(c) => Some(Group::KeyHead(c)),
            ProgrammeRow::PeriodShare(_) => Some(Group::PeriodShare),
            _ => None,
        }
    }

    /// Whether the group is a constraint (not a penalised slack).
    fn hard(self, sc: &Scenario) -> bool {
        match self {
            Group::Pin(_) => true,
            Group::MustFill(_) => sc.requirements.must_fill.hard,
            Group::Share(k) => sc.target_hard(k as usize),
            Group::KeyHead(_) | Group::PeriodShare => sc.requirements.targets.hard,
        }
    }

    /// Whether the scenario lets the group give way (`relaxable: false` never does).
    fn relaxable(self, sc: &Scenario) -> bool {
        match self {
            Group::Pin(k) => sc.pins[k].relaxable,
            Group::MustFill(_) => sc.requirements.must_fill.relaxable,
            Group::Share(_) | Group::KeyHead(_) | Group::PeriodShare => {
                sc.requirements.targets.relaxable
            }
        }
    }

    /// The group as people know it.
    fn named(self, sc: &Scenario) -> GroupRef {
        let prog = sc.programme.as_ref();
        let targets = prog.and_then(|p| p.requirements.targets);
        match self {
            Group::Pin(k) => GroupRef::Pin {
                cadre_id: sc.cadre(sc.pins[k].cadre).id.clone(),
                post_id: sc.post(sc.pins[k].post).id.clone(),
                year: prog.and_then(|p| p.requirements.pin_year(k)),
            },
            Group::MustFill(p) => GroupRef::MustFill {
                post_id: sc.post(p).id.clone(),
                post_title: sc.post(p).title.clone(),
            },
            Group::Share(k) => GroupRef::Share {
                target: super::model::TARGET_NAMES[k as usize].to_string(),
                share: targets.map_or(0.0, |t| {
                    crate::programme::targets::share_targets(&t)[k as usize]
                }),
            },
            Group::KeyHead(c) => GroupRef::KeyHead {
                cadre_id: sc.cadre(c).id.clone(),
                months: targets.map_or(0, |t| t.key_head_months),
            },
            Group::PeriodShare => GroupRef::PeriodShare {
                share: targets.map_or(1.0, |t| t.max_period_share),
            },
        }
    }
}

/// A group of a programme's hard requirements as people know it (programme.json's
/// `relaxation.groups`; `report::programme` words it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupRef {
    Pin {
        cadre_id: String,
        post_id: String,
        /// The pin's `period:` (a year), if any.
        year: Option<i32>,
    },
    MustFill {
        post_id: String,
        post_title: String,
    },
    Share {
        target: String,
        share: f64,
    },
    KeyHead {
        cadre_id: String,
        months: u32,
    },
    PeriodShare {
        share: f64,
    },
}

/// What kind of answer a [`ProgrammeRelaxation`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelaxKind {
    /// Relax `groups`: without them a programme exists.
    Relax,
    /// The groups marked `relaxable: false` (`groups`) cannot hold together whatever gives way.
    Fixed,
    /// Within the time limit it could not be told which groups must give way.
    Unknown,
}

/// Which pins and hard requirements of a programme give way for a programme to exist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeRelaxation {
    pub kind: RelaxKind,
    /// `Relax`: the groups to relax; `Fixed`: the groups marked `relaxable: false`.
    pub groups: Vec<GroupRef>,
    /// `Relax`: keeping any one of `groups` as well makes a programme impossible again (each was
    /// tried); `false` when a re-solve ran out of the time limit.
    pub minimal: bool,
    /// The hard groups of the programme's model, and those marked `relaxable: false`.
    pub hard: usize,
    pub fixed: usize,
    /// Feasibility solves run, and the time limit they shared (seconds).
    pub solves: usize,
    pub time_limit_s: f64,
}

/// What one feasibility solve said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Yes,
    No,
    Unknown,
}

/// Which pins and hard requirements to relax so that a programme over `cols` exists; `None` when
/// the model has no hard group or no column (nothing a relaxation could change).
pub fn relax(sc: &Scenario, tl: &Timeline, cols: &Columns) -> Option<ProgrammeRelaxation> {
    let started = Instant::now();
    let limit = sc.solver.time_limit_s;
    let model = super::programme::build(sc, tl, cols);
    if model.x.is_empty() {
        return None;
    }
    let mut groups: Vec<Group> = model
        .rows
        .iter()
        .filter_map(|(k, _)| match k {
            RowKey::Programme(r) => Group::of(r),
            _ => None,
        })
        .filter(|g| g.hard(sc))
        .collect();
    drop(model);
    groups.sort_unstable();
    groups.dedup();
    if groups.is_empty() {
        return None;
    }
    let (free, fixed): (Vec<Group>, Vec<Group>) = groups.iter().partition(|g| g.relaxable(sc));
    let solves = std::cell::Cell::new(0usize);
    let holds = |dropped: &[Group]| -> Holds {
        let left = limit - started.elapsed().as_secs_f64();
        if left <= 0.0 {
            return Holds::Unknown;
        }
        solves.set(solves.get() + 1);
        let mut m = super::programme::build(sc, tl, cols);
        m.rows.retain(|(k, _)| match k {
            RowKey::Programme(r) => Group::of(r).is_none_or(|g| dropped.binary_search(&g).is_err()),
            _ => true,
        });
        // Feasibility only: any programme will do.
        m.objective = Expression::default();
        m.constant = 0.0;
        let o = RunOptions {
            time_limit_s: left,
            relative_gap: sc.solver.relative_gap,
            threads: sc.solver.threads,
            deadline: Duration::from_secs_f64(left + super::deadline_grace(left)),
        };
        match backend().solve(m, None, &o) {
            Ok(raw) if raw.status.has_plan() => Holds::Yes,
            Err(Failure::Infeasible) => Holds::No,
            _ => Holds::Unknown,
        }
    };
    let answer = |kind, groups: &[Group], minimal| {
        Some(ProgrammeRelaxation {
            kind,
            groups: groups.iter().map(|g| g.named(sc)).collect(),
            minimal,
            hard: free.len() + fixed.len(),
            fixed: fixed.len(),
            solves: solves.get(),
            time_limit_s: limit,
        })
    };
    match holds(&free) {
        Holds::Yes => {}
        Holds::No => return answer(RelaxKind::Fixed, &fixed, true),
        Holds::Unknown => return answer(RelaxKind::Unknown, &[], false),
    }
    // The deletion filter: `dropped` (sorted) always lets a programme exist.
    let mut dropped = free.clone();
    let mut minimal = true;
    for &g in &free {
        let without: Vec<Group> = dropped.iter().copied().filter(|&h| h != g).collect();
        match holds(&without) {
            Holds::Yes => dropped = without,
            Holds::No => {}
            Holds::Unknown => minimal = false,
        }
    }
    answer(RelaxKind::Relax, &dropped, minimal)
}
