//! `cargo xtask <command>`: the project's automation, in Rust so it needs nothing beyond
//! cargo to start. Every command and option is declared once in `flags.rs` (`cargo xtask
//! --help` prints them); each command is one module with a `run()`; `util` has what they share.
//! Facts about the tools and browsers the commands rely on are in docs/toolchain.md.

mod bench;
mod dist;
mod flags;
mod fuzz;
mod repro;
mod serve;
mod setup;
mod test;
mod tidy;
mod util;
mod wasm;

use std::process::ExitCode;

use flags::XtaskCmd;
use util::Project;

fn main() -> ExitCode {
    if std::env::args_os().len() < 2 {
        println!("{}", flags::Xtask::HELP);
        return ExitCode::FAILURE;
    }
    let flags = flags::Xtask::from_env_or_exit();
    let project = match Project::locate() {
        Ok(project) => project,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match flags.subcommand {
        XtaskCmd::Setup(_) => setup::run(&project, setup::Scope::Everything),
        XtaskCmd::Serve(_) => serve::run(&project),
        XtaskCmd::Dist(_) => dist::run(&project),
        XtaskCmd::Test(options) => return test::run(&project, &options),
        XtaskCmd::Bench(options) => bench::run(&project, &options),
        XtaskCmd::Repro(_) => repro::run(&project),
        XtaskCmd::Fuzz(options) => fuzz::run(&project, &options),
        XtaskCmd::Tidy(_) => tidy::run(&project),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
