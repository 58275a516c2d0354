//! `cargo xtask <command>`: the project's automation, in Rust so it needs nothing beyond
//! cargo to start. One module per command; `util` has what they share.
//!
//! - `setup`: install the pinned tools (idempotent)
//! - `serve`: build and serve at http://127.0.0.1:8080 with live reload
//! - `dist`:  build the single-file release page into `dist/`
//! - `test`:  everything CI runs; ends with `N passed, M failed`
//! - `bench`: generation, start-up and size figures against WebCrypto and OpenSSL
//! - `fuzz`:  bounded cargo-fuzz runs of the import parsers (not part of `test`)

mod bench;
mod dist;
mod fuzz;
mod repro;
mod serve;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

use util::{Project, Result, fail};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup                      install the pinned tools (rust target, trunk, wasm-bindgen-cli,
                             wasm-opt, Chromium + ChromeDriver, Firefox ESR + geckodriver,
                             WebKitWebDriver + Xvfb, Playwright packages)
  serve                      build and serve the app with live reload at http://127.0.0.1:8080
  dist                       build the single-file page: dist/index.html (+ versioned copy,
                             SHA256SUMS, _headers)
  test [--browsers LIST]     fmt, clippy, native + wasm tests, dist, browser e2e tests;
                             LIST is comma-separated engines: chromium, firefox,
                             webkit (default: all three, as CI runs)
  bench                      timing and size figures (see the README, Benchmark)
  repro                      build dist in two fresh clones with two CARGO_HOMEs and check
                             the pages are byte-identical (a few minutes; not part of `test`)
  fuzz [--seconds N] [TARGET ...]
                             run the cargo-fuzz targets (key, certificate, metadata) for N
                             seconds each (default 60) on nightly; not part of `test`";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[String]) -> Result<ExitCode> {
    let Some((command, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(ExitCode::FAILURE);
    };
    let project = Project::locate()?;
    let no_options = |rest: &[String]| match rest.first() {
        Some(extra) => fail(format!("unexpected argument {extra:?}\n\n{USAGE}")),
        None => Ok(()),
    };
    match command.as_str() {
        "setup" => no_options(rest).and_then(|()| setup::run(&project)),
        "serve" => no_options(rest).and_then(|()| serve::run(&project)),
        "dist" => no_options(rest).and_then(|()| dist::run(&project)),
        "bench" => bench::run(&project, rest),
        "repro" => no_options(rest).and_then(|()| repro::run(&project)),
        "fuzz" => fuzz::Options::parse(rest).and_then(|options| fuzz::run_fuzz(&project, &options)),
        "test" => return Ok(test::run(&project, &test_options(rest)?)),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => fail(format!("unknown command {other:?}\n\n{USAGE}")),
    }
    .map(|()| ExitCode::SUCCESS)
}

fn test_options(args: &[String]) -> Result<test::Options> {
    let mut browsers = test::Browser::ALL.to_vec();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let list = match arg.as_str() {
            "--browsers" => match args.next() {
                Some(list) => list.as_str(),
                None => return fail("--browsers needs a value, e.g. --browsers chromium,firefox"),
            },
            other => match other.strip_prefix("--browsers=") {
                Some(list) => list,
                None => return fail(format!("unexpected argument {other:?}\n\n{USAGE}")),
            },
        };
        browsers = test::Browser::parse_list(list)?;
        if browsers.is_empty() {
            return fail("--browsers needs at least one engine");
        }
    }
    Ok(test::Options { browsers })
}
