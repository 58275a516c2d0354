//! The Firefox and WebKit stages of `cargo xtask test`:
//!
//! - wasm-bindgen-test through geckodriver (headless Firefox ESR) and through WebKitWebDriver
//!   (WebKitGTK's MiniBrowser under `xvfb-run -a`, in release mode: WebKit runs debug wasm
//!   builds of the crypto code unreliably, see FIELD-NOTES.md);
//! - the Page flow from `dist/index.html` over http and `file://` through the W3C WebDriver
//!   runner in tests/e2e/webdriver/ (Node, no dependencies beyond the e2e suite's helpers).
//!   Playwright cannot drive stock Firefox or WebKitGTK, so these two engines use WebDriver,
//!   in Node so they share the Chromium suite's static server and file checks.
//!
//! Compiling is not time-limited (it is slow on a busy machine, and never hangs); every run of
//! a browser is, since a WebKit session without a display hangs instead of failing.

use std::path::PathBuf;

use super::{APP_PACKAGE, Browser, E2E_LIMIT, WASM_TEST_LIMIT};
use crate::setup;
use crate::util::{self, Project, Result, fail};

/// What one engine needs: its apt packages, its driver binary, and the environment variable
/// wasm-bindgen-test-runner reads the driver from.
struct Engine {
    name: &'static str,
    packages: &'static [(&'static str, &'static str)],
    driver: &'static str,
    runner_var: &'static str,
    /// Whether the run needs a (virtual) X display.
    needs_display: bool,
    /// Whether wasm tests run in release mode.
    release: bool,
}

fn engine(browser: Browser) -> Result<Engine> {
    match browser {
        Browser::Firefox => Ok(Engine {
            name: "firefox",
            packages: &setup::FIREFOX_TOOLS,
            driver: "geckodriver",
            runner_var: "GECKODRIVER",
            needs_display: false,
            release: false,
        }),
        Browser::WebKit => Ok(Engine {
            name: "webkit",
            packages: &setup::WEBKIT_TOOLS,
            driver: "WebKitWebDriver",
            // The runner speaks to every non-Chrome, non-Gecko W3C driver as "safaridriver".
            runner_var: "SAFARIDRIVER",
            needs_display: true,
            release: true,
        }),
        Browser::Chromium => fail("the Chromium stages live in test.rs"),
    }
}

/// The engine's driver, or an error that says how to install it.
fn driver(project: &Project, engine: &Engine) -> Result<PathBuf> {
    setup::require_tools(project, engine.packages)?;
    project.which(engine.driver).map_or_else(
        || {
            fail(format!(
                "{} not found; run `cargo xtask setup`",
                engine.driver
            ))
        },
        Ok,
    )
}

/// wasm-bindgen-test in Firefox or WebKit (the same tests as the Chromium stage).
pub fn wasm_tests(project: &Project, browser: Browser) -> Result {
    let engine = engine(browser)?;
    let driver = driver(project, &engine)?;
    let cargo_test = |wrap: bool, extra: &[&str]| {
        let mut cmd = if wrap {
            // A virtual display for this run only; `-a` picks a free display number.
            let mut cmd = project.cmd("xvfb-run");
            cmd.arg("-a")
                .arg(project.which("cargo").unwrap_or_else(|| "cargo".into()));
            cmd
        } else {
            project.cmd("cargo")
        };
        cmd.args([
            "test",
            "--package",
            APP_PACKAGE,
            "--target",
            "wasm32-unknown-unknown",
        ]);
        if engine.release {
            cmd.arg("--release");
        }
        cmd.args(extra)
            // Exactly one driver variable: with several set the runner picks by its own order.
            .env_remove("CHROMEDRIVER")
            .env_remove("GECKODRIVER")
            .env_remove("SAFARIDRIVER")
            .env_remove("CHROMEDRIVER_REMOTE")
            .env_remove("GECKODRIVER_REMOTE")
            .env_remove("SAFARIDRIVER_REMOTE")
            .env(engine.runner_var, &driver)
            .env("MOZ_HEADLESS", "1")
            .env("MESA_SHADER_CACHE_DISABLE", "true")
            // Seconds per test binary; the default 20 s is tight for a first browser start.
            .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
        cmd
    };
    util::run(&mut cargo_test(false, &["--no-run"]))?;
    util::run_with_timeout(&mut cargo_test(engine.needs_display, &[]), WASM_TEST_LIMIT)
}

/// The Page flow through W3C WebDriver (tests/e2e/webdriver/flow.mjs) against `dist/`.
pub fn e2e(project: &Project, browser: Browser) -> Result {
    let engine = engine(browser)?;
    let driver = driver(project, &engine)?;
    let mut cmd = project.cmd("node");
    cmd.args(["--test", "--test-reporter=spec", "webdriver/flow.mjs"])
        .current_dir(project.path("tests/e2e"))
        .env("WEBDRIVER_ENGINE", engine.name)
        .env("SAML_IDP_KIT_DIST", project.path("dist"));
    match browser {
        Browser::Firefox => {
            cmd.env("GECKODRIVER", &driver);
            if let Some(firefox) = project.which("firefox-esr") {
                cmd.env("FIREFOX", firefox);
            }
        }
        _ => {
            // The runner starts the driver under `xvfb-run -a` itself.
            cmd.env("WEBKIT_WEBDRIVER", &driver);
        }
    }
    util::run_with_timeout(&mut cmd, E2E_LIMIT)
}
