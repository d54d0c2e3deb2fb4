//! Programmes: the shipped province programme planned and checked, the checker on hand-made bad
//! programmes, and the MIP against a brute force on tiny programmes.

use crate::common::root;
use rotaplan::domain::Scenario;
use rotaplan::programme::{Move, MoveKind};

fn shipped() -> Scenario {
    rotaplan::scenario::load(&root().join("scenarios/programme/programme.yaml")).unwrap()
}

#[test]
fn debug_shipped() {
    let sc = shipped();
    let done = rotaplan::plan_programme(&sc).unwrap();
    for m in &done.plan.moves {
        let p = sc.post(m.post);
        if ["VT05", "VT12"].contains(&p.id.as_str()) {
            eprintln!("{:?} {} {}", m, sc.cadre(m.cadre).id, p.id);
        }
    }
    for v in &done.violations {
        eprintln!("{v}");
    }
    let _ = (Move { cadre: 0, post: 0, kind: MoveKind::Rotation, period: 0 },);
}
