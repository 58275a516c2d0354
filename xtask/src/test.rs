//! `cargo xtask test`: everything CI checks, in order, stopping at the first failure.
//!
//! Stages: setup, rustfmt, clippy (native and wasm32), native tests (including the tidy rules
//! in xtask/src/tidy.rs), wasm-bindgen tests in headless Chromium, Firefox and WebKit
//! (release), the release `dist`, the Playwright end-to-end suite against `dist/index.html`
//! over http and `file://` in Chromium, and the same Page flow in Firefox and WebKit through
//! W3C WebDriver (tests/e2e/webdriver/). The last line is `N passed, M failed` (one count per
//! stage), which CI looks for; the exit code is non-zero on any failure.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::util::{self, Project, Result, fail};
use crate::{dist, flags, setup};

/// What each browser engine needs and how its stages run (xtask/src/test/engines.rs).
mod engines;

use engines::Engine;

/// The wasm package (the xtask itself is native-only).
const APP_PACKAGE: &str = "saml-idp-kit";

/// Upper bounds for browser runs: a hung browser or driver must fail the run, not stall CI.
const WASM_TEST_LIMIT: Duration = Duration::from_secs(10 * 60);
const E2E_LIMIT: Duration = Duration::from_secs(10 * 60);

/// Parses `--browsers` values, e.g. `chromium,firefox,webkit`; none given means all three.
fn engines_from(list: Option<&str>) -> Result<Vec<&'static Engine>> {
    let Some(list) = list else {
        return Ok(engines::ALL.iter().collect());
    };
    let chosen = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| match engines::ALL.iter().find(|e| e.name == name) {
            Some(engine) => Ok(engine),
            None => fail(format!(
                "--browsers: unknown engine {name:?} (expected chromium, firefox or webkit)"
            )),
        })
        .collect::<Result<Vec<_>>>()?;
    if chosen.is_empty() {
        return fail("--browsers needs at least one engine, e.g. --browsers chromium,firefox");
    }
    // Stages run in the fixed engine order whatever order the list names them in.
    Ok(engines::ALL
        .iter()
        .filter(|e| chosen.iter().any(|c| c.name == e.name))
        .collect())
}

type Stage<'a> = (&'static str, Box<dyn Fn() -> Result + 'a>);

fn cargo_stage<'a>(
    project: &'a Project,
    name: &'static str,
    args: &'static [&'static str],
) -> Stage<'a> {
    (
        name,
        Box::new(move || util::run(project.cmd("cargo").args(args))),
    )
}

/// Runs every stage; prints a table and the summary line; returns the exit code.
pub fn run(project: &Project, options: &flags::Test) -> ExitCode {
    let engines = match engines_from(options.browsers.as_deref()) {
        Ok(engines) => engines,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stages: Vec<Stage> = vec![
        (
            "setup",
            Box::new(|| setup::run(project, setup::Scope::BuildAndTest)),
        ),
        cargo_stage(project, "rustfmt", &["fmt", "--all", "--check"]),
        cargo_stage(
            project,
            "clippy (native)",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        cargo_stage(
            project,
            "clippy (wasm32)",
            &[
                "clippy",
                "--package",
                APP_PACKAGE,
                "--target",
                "wasm32-unknown-unknown",
                "--lib",
                "--bins",
                "--tests",
                "--",
                "-D",
                "warnings",
            ],
        ),
        // The page's LZMA decoder is no_std on wasm32 (its own panic handler), so only its
        // library is checked there; a second, small stage (about a second).
        cargo_stage(
            project,
            "clippy (wasm32, LZMA decoder)",
            &[
                "clippy",
                "--package",
                "lzma-decoder",
                "--target",
                "wasm32-unknown-unknown",
                "--lib",
                "--",
                "-D",
                "warnings",
            ],
        ),
        cargo_stage(project, "native tests", &["test", "--workspace"]),
    ];
    for &engine in &engines {
        stages.push((
            engine.wasm_stage,
            Box::new(move || engines::wasm_tests(project, engine)),
        ));
    }
    stages.push(("dist", Box::new(|| dist::build(project))));
    for &engine in &engines {
        stages.push((
            engine.e2e_stage,
            Box::new(move || engines::e2e(project, engine)),
        ));
    }

    let started = Instant::now();
    let mut report = Vec::new();
    let mut failure = None;
    for (name, stage) in &stages {
        println!("\n===== test: {name} =====");
        let t = Instant::now();
        let result = stage();
        let took = t.elapsed();
        match result {
            Ok(()) => report.push((*name, "ok", took)),
            Err(e) => {
                report.push((*name, "FAILED", took));
                failure = Some((*name, e));
                break;
            }
        }
    }

    println!("\n===== summary ({:.0?}) =====", started.elapsed());
    for (name, status, took) in &report {
        println!("  {status:<6} {name:<34} {:>6.1}s", took.as_secs_f64());
    }
    let passed = report.iter().filter(|(_, s, _)| *s == "ok").count();
    match failure {
        None => {
            println!("{passed} passed, 0 failed");
            ExitCode::SUCCESS
        }
        Some((name, e)) => {
            let skipped = stages.len() - report.len();
            println!("error in stage `{name}`: {e}");
            if skipped > 0 {
                println!("({skipped} later stage(s) not run)");
            }
            println!("{passed} passed, 1 failed");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: Option<&str>) -> Option<Vec<&'static str>> {
        engines_from(list)
            .ok()
            .map(|engines| engines.iter().map(|e| e.name).collect())
    }

    #[test]
    fn parses_browser_lists() {
        assert_eq!(names(None), Some(vec!["chromium", "firefox", "webkit"]));
        assert_eq!(
            names(Some("webkit, chromium")),
            Some(vec!["chromium", "webkit"])
        );
        assert_eq!(names(Some("firefox")), Some(vec!["firefox"]));
        assert_eq!(names(Some("safari")), None);
        assert_eq!(names(Some(",")), None);
    }
}
