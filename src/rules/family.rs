//! H10 across the plan: a cadre in a sensitive post of a unit whose head or deputy is a relative
//! placed by the same plan. Shared by the model (conflict rows), the greedy plan and the checker.
//! Plans built incrementally use `Placement`, which also tracks seats (H7) and departures (S1).

use super::is_sensitive;
use crate::domain::{CadreIx, PostIx, Scenario};

/// How a placement can take part in an H10 conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilySide {
    Sensitive,
    Leader,
    Neither,
}

/// Whether a post plays `want`'s part in H10 (a head or deputy post can also be sensitive).
pub fn has_side(sc: &Scenario, p: PostIx, want: FamilySide) -> bool {
    let post = sc.post(p);
    match want {
        FamilySide::Sensitive => is_sensitive(sc, post),
        FamilySide::Leader => post.role.is_leader(),
        FamilySide::Neither => !is_sensitive(sc, post) && !post.role.is_leader(),
    }
}

/// Two placements conflict when they are in the same unit, one sensitive and the other a leader,
/// and the cadres are relatives.
pub fn conflicts(sc: &Scenario, a: (CadreIx, PostIx), b: (CadreIx, PostIx)) -> bool {
    let (pa, pb) = (sc.post(a.1), sc.post(b.1));
    if pa.unit != pb.unit || !sc.cadre(a.0).relatives.contains(&b.0) {
        return false;
    }
    (has_side(sc, a.1, FamilySide::Sensitive) && has_side(sc, b.1, FamilySide::Leader))
        || (has_side(sc, a.1, FamilySide::Leader) && has_side(sc, b.1, FamilySide::Sensitive))
}

/// Incremental state of a plan being built: who is placed where, seats and departures used.
pub struct Placement {
    placed: Vec<Option<PostIx>>,
    filled: Vec<u32>,
    departures: Vec<u32>,
}

impl Placement {
    pub fn new(sc: &Scenario) -> Self {
        Placement {
            placed: vec![None; sc.cadres.len()],
            filled: vec![0; sc.posts.len()],
            departures: vec![0; sc.units.len()],
        }
    }

    /// Whether the cadre can take the post now. `forced` (a pin) skips the quota and cap checks:
    /// pins that break them are reported before solving.
    pub fn can_place(&self, sc: &Scenario, c: CadreIx, p: PostIx, forced: bool) -> bool {
        if self.placed[c as usize].is_some() {
            return false;
        }
        if !forced {
            if self.filled[p as usize] >= sc.post(p).seats {
                return false;
            }
            if let Some(u) = sc.cadre(c).current_unit
                && self.departures[u as usize] >= sc.max_departures_per_unit
            {
                return false;
            }
        }
        !sc.cadre(c)
            .relatives
            .iter()
            .any(|&r| self.placed[r as usize].is_some_and(|q| conflicts(sc, (c, p), (r, q))))
    }

    pub fn place(&mut self, sc: &Scenario, c: CadreIx, p: PostIx) {
        self.placed[c as usize] = Some(p);
        self.filled[p as usize] += 1;
        if let Some(u) = sc.cadre(c).current_unit {
            self.departures[u as usize] += 1;
        }
    }
}
