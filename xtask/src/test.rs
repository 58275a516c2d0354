//! `cargo xtask test`: everything CI checks, in order, stopping at the first failure.
//!
//! Stages: setup, rustfmt, clippy (native and wasm32), native tests, wasm-bindgen tests in
//! headless Chromium, Firefox and WebKit (release), the release `dist`, the Playwright
//! end-to-end suite against `dist/index.html` over http and `file://` in Chromium, and the
//! same Page flow in Firefox and WebKit through W3C WebDriver (tests/e2e/webdriver/). The
//! last line is `N passed, M failed` (one count per stage), which CI looks for; the exit code
//! is non-zero on any failure.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::util::{self, Project, Result, fail};
use crate::{dist, setup};

/// Firefox and WebKit stages (xtask/src/test/engines.rs).
mod engines;

/// The wasm package (the xtask itself is native-only).
const APP_PACKAGE: &str = "saml-idp-kit";

/// Upper bounds for browser runs: a hung browser or driver must fail the run, not stall CI.
const WASM_TEST_LIMIT: Duration = Duration::from_secs(10 * 60);
const E2E_LIMIT: Duration = Duration::from_secs(10 * 60);

/// Browser engines the suite can run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    /// Chromium via Playwright (e2e) and chromedriver (wasm-bindgen-test).
    Chromium,
    /// Firefox ESR via geckodriver (e2e and wasm-bindgen-test), headless.
    Firefox,
    /// WebKitGTK's MiniBrowser via WebKitWebDriver under Xvfb (e2e and wasm-bindgen-test).
    WebKit,
}

impl Browser {
    /// Every engine: the default, and what CI runs.
    pub const ALL: [Browser; 3] = [Browser::Chromium, Browser::Firefox, Browser::WebKit];

    /// Parses `--browsers` values, e.g. `chromium,firefox,webkit`.
    pub fn parse_list(list: &str) -> Result<Vec<Browser>> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|name| match name {
                "chromium" => Ok(Browser::Chromium),
                "firefox" => Ok(Browser::Firefox),
                "webkit" => Ok(Browser::WebKit),
                other => fail(format!(
                    "--browsers: unknown engine {other:?} (expected chromium, firefox or webkit)"
                )),
            })
            .collect()
    }
}

/// Options of `cargo xtask test`.
pub struct Options {
    /// Engines for the browser stages (default: all supported).
    pub browsers: Vec<Browser>,
}

type Stage<'a> = (&'static str, Box<dyn Fn() -> Result + 'a>);

/// Runs every stage; prints a table and the summary line; returns the exit code.
pub fn run(project: &Project, options: &Options) -> ExitCode {
    let chromium = options.browsers.contains(&Browser::Chromium);
    let firefox = options.browsers.contains(&Browser::Firefox);
    let webkit = options.browsers.contains(&Browser::WebKit);
    let mut stages: Vec<Stage> = vec![
        ("setup", Box::new(|| setup::run(project))),
        (
            "rustfmt",
            Box::new(|| cargo(project, &["fmt", "--all", "--check"])),
        ),
        (
            "clippy (native)",
            Box::new(|| {
                cargo(
                    project,
                    &[
                        "clippy",
                        "--workspace",
                        "--all-targets",
                        "--",
                        "-D",
                        "warnings",
                    ],
                )
            }),
        ),
        (
            "clippy (wasm32)",
            Box::new(|| {
                cargo(
                    project,
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
                )
            }),
        ),
        (
            "native tests",
            Box::new(|| cargo(project, &["test", "--workspace"])),
        ),
    ];
    if chromium {
        stages.push(("wasm tests (Chromium)", Box::new(|| wasm_tests(project))));
    }
    if firefox {
        stages.push((
            "wasm tests (Firefox)",
            Box::new(|| engines::wasm_tests(project, Browser::Firefox)),
        ));
    }
    if webkit {
        stages.push((
            "wasm tests (WebKit, release)",
            Box::new(|| engines::wasm_tests(project, Browser::WebKit)),
        ));
    }
    stages.push(("dist", Box::new(|| dist::build(project))));
    if chromium {
        stages.push(("e2e (Chromium, http + file://)", Box::new(|| e2e(project))));
    }
    if firefox {
        stages.push((
            "e2e (Firefox, http + file://)",
            Box::new(|| engines::e2e(project, Browser::Firefox)),
        ));
    }
    if webkit {
        stages.push((
            "e2e (WebKit, http + file://)",
            Box::new(|| engines::e2e(project, Browser::WebKit)),
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

fn cargo(project: &Project, args: &[&str]) -> Result {
    util::run(project.cmd("cargo").args(args))
}

/// wasm-bindgen-test in headless Chromium through chromedriver. Compiling happens first,
/// without a time limit; only the browser run is bounded.
fn wasm_tests(project: &Project) -> Result {
    setup::require_system_tools(project)?;
    let Some(chromedriver) = project.which("chromedriver") else {
        return fail("chromedriver not found");
    };
    let cargo_test = |extra: &[&str]| {
        let mut cmd = project.cmd("cargo");
        cmd.args([
            "test",
            "--package",
            APP_PACKAGE,
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(extra)
        // An explicit driver: with GECKODRIVER set (or geckodriver first on PATH) the runner
        // would pick Firefox instead.
        .env("CHROMEDRIVER", &chromedriver)
        .env_remove("GECKODRIVER")
        .env_remove("SAFARIDRIVER")
        // Seconds per test binary; the default 20 s is tight for a first headless start.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
        cmd
    };
    util::run(&mut cargo_test(&["--no-run"]))?;
    util::run_with_timeout(&mut cargo_test(&[]), WASM_TEST_LIMIT)
}

/// The Playwright suite (node's built-in test runner) against `dist/`.
fn e2e(project: &Project) -> Result {
    setup::require_system_tools(project)?;
    let Some(chromium) = project.which("chromium") else {
        return fail("chromium not found");
    };
    util::run_with_timeout(
        project
            .cmd("node")
            // Each test sets its own timeout; `--test-timeout` would also cap whole files.
            .args(["--test", "--test-reporter=spec"])
            .current_dir(project.path("tests/e2e"))
            .env("CHROMIUM", chromium)
            .env("SAML_IDP_KIT_DIST", project.path("dist")),
        E2E_LIMIT,
    )
}
