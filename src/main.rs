fn main() {
    // A panic is an internal error: exit 2, as the exit-code contract says, not Rust's 101.
    let code = std::panic::catch_unwind(rotaplan_cli::run).unwrap_or(2);
    std::process::exit(code);
}

#[path = "cli.rs"]
mod rotaplan_cli;
