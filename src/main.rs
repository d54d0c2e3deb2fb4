fn main() {
    std::process::exit(rotaplan_cli::run());
}

#[path = "cli.rs"]
mod rotaplan_cli;
