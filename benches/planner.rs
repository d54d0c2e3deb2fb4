//! Criterion benches on generated instances: candidate generation (its time, and the bytes the
//! pairs hold, printed), model build and solve at province (240×80), region (2,000×700) and
//! national (8,000×2,700) size, and the province under four departure caps (`what_if/province`:
//! the what-if batch's unit of work). The national solve takes
//! several seconds per run (and 2.6 M candidate pairs of memory), so it only runs with
//! ROTAPLAN_BENCH_NATIONAL=1.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rotaplan::domain::Scenario;
use rotaplan::generate::{GenOptions, generate};
use rotaplan::rules::{RuleContext, candidates};
use std::time::Duration;

const SIZES: [(&str, usize, usize); 3] = [
    ("province", 240, 80),
    ("region", 2_000, 700),
    ("national", 8_000, 2_700),
];

fn scenario(cadres: usize, posts: usize) -> (tempfile::TempDir, Scenario) {
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = GenOptions {
        cadres,
        posts,
        seed: 7,
        plan_date: "2027-01-01".parse().unwrap(),
        name: None,
    };
    for f in generate(&opts) {
        std::fs::write(dir.path().join(&f.name), f.contents).expect("write generated file");
    }
    let sc = rotaplan::scenario::load(&dir.path().join("scenario.yaml"))
        .expect("generated scenario is valid");
    (dir, sc)
}

fn benches(c: &mut Criterion) {
    let national = std::env::var_os("ROTAPLAN_BENCH_NATIONAL").is_some();
    for (name, cadres, posts) in SIZES {
        let (_dir, sc) = scenario(cadres, posts);
        let ctx = RuleContext::new(&sc);
        let cands = candidates::generate(&ctx);
        // Memory is not timed by criterion: the bytes the pairs hold, printed beside the bench.
        eprintln!(
            "candidates/{name}: {} pairs, {:.1} MB held, {:.1} bytes a pair",
            cands.len(),
            cands.bytes_held() as f64 / 1e6,
            cands.bytes_held() as f64 / cands.len().max(1) as f64
        );

        let mut g = c.benchmark_group(format!("candidates/{name}"));
        g.sample_size(10).measurement_time(Duration::from_secs(5));
        g.bench_function(
            BenchmarkId::from_parameter(format!("{cadres}x{posts}")),
            |b| b.iter(|| candidates::generate(&ctx).len()),
        );
        g.finish();

        if name != "national" {
            let all: Vec<usize> = (0..cands.len()).collect();
            let mut g = c.benchmark_group(format!("model_build/{name}"));
            g.sample_size(10).measurement_time(Duration::from_secs(5));
            g.bench_function(BenchmarkId::from_parameter(cands.len()), |b| {
                b.iter(|| {
                    rotaplan::solve::model::build(&ctx, &cands, &[], &all, true)
                        .rows
                        .len()
                })
            });
            g.finish();
        }

        if name == "province" {
            // The what-if batch's unit of work (issue 15: 64 variants in ≤ 4 s): the province
            // under four departure caps, each solved by the LP and the tie-break over its optimal
            // face (no MIP when that is integral).
            let variants: Vec<Scenario> = (1..=4)
                .map(|k| {
                    let mut v = sc.clone();
                    v.max_departures_per_unit = k;
                    v
                })
                .collect();
            let mut g = c.benchmark_group("what_if/province");
            g.sample_size(10).measurement_time(Duration::from_secs(5));
            g.bench_function("departure_caps_1_to_4", |b| {
                b.iter(|| {
                    variants
                        .iter()
                        .map(|v| {
                            let ctx = RuleContext::new(v);
                            let cands = candidates::generate(&ctx);
                            rotaplan::solve::solve(&ctx, &cands)
                                .objective
                                .unwrap_or(0.0)
                        })
                        .sum::<f64>()
                })
            });
            g.finish();
        }

        if name != "national" || national {
            let mut g = c.benchmark_group(format!("solve/{name}"));
            g.sample_size(10)
                .measurement_time(Duration::from_secs(if name == "province" { 5 } else { 60 }));
            g.bench_function(
                BenchmarkId::from_parameter(format!("{cadres}x{posts}")),
                |b| b.iter(|| rotaplan::solve::solve(&ctx, &cands).objective),
            );
            g.finish();
        }
    }
}

criterion_group!(planner, benches);
criterion_main!(planner);
