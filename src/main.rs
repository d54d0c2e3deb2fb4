use good_lp::{variables, variable, default_solver, SolverModel, Solution};
fn main() {
    variables!{ vars: 0 <= a <= 1; };
    let s = vars.maximise(a).using(good_lp::highs).solve().unwrap();
    println!("{}", s.value(a));
}
