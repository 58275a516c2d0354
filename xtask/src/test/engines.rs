//! The browser stages of `cargo xtask test`, one [`Engine`] per browser:
//!
//! - wasm-bindgen-test through chromedriver (headless Chromium), geckodriver (headless Firefox
//!   ESR) and WebKitWebDriver (WebKitGTK's MiniBrowser under `xvfb-run -a`, in release mode:
//!   WebKit runs debug wasm builds of the crypto code unreliably, see docs/toolchain.md);
//! - the end-to-end tests against `dist/index.html` over http and `file://`: the Playwright
//!   suite in Chromium, and the Page flow through the W3C WebDriver runner in
//!   tests/e2e/webdriver/ for Firefox and WebKit. Playwright cannot drive stock Firefox or
//!   WebKitGTK (docs/toolchain.md), so these two engines use WebDriver, in Node so they share
//!   the Chromium suite's static server and file checks.
//!
//! Compiling is not time-limited (it is slow on a busy machine, and never hangs); every run of
//! a browser is, since a WebKit session without a display hangs instead of failing.

use std::path::PathBuf;

use super::{APP_PACKAGE, E2E_LIMIT, WASM_TEST_LIMIT};
use crate::setup;
use crate::util::{self, Project, Result, fail};

/// How the end-to-end tests drive an engine.
pub enum E2e {
    /// The whole Playwright suite (`node --test` in tests/e2e), given the browser binary in
    /// the `CHROMIUM` variable.
    Playwright,
    /// tests/e2e/webdriver/flow.mjs, given the driver in `driver_var` and, when installed,
    /// the browser binary in `browser.1`.
    WebDriver {
        driver_var: &'static str,
        browser: Option<(&'static str, &'static str)>,
    },
}

/// What one engine needs (apt packages, driver) and how its stages run.
pub struct Engine {
    /// The `--browsers` name, also `WEBDRIVER_ENGINE` for the WebDriver runner.
    pub name: &'static str,
    /// Stage names in the summary table.
    pub wasm_stage: &'static str,
    pub e2e_stage: &'static str,
    /// (binary, Debian package) pairs the stages need.
    packages: &'static [(&'static str, &'static str)],
    /// The W3C WebDriver server for wasm-bindgen-test-runner.
    driver: &'static str,
    /// The variable wasm-bindgen-test-runner reads the driver path from.
    runner_var: &'static str,
    /// Whether the wasm test run needs a (virtual) X display.
    needs_display: bool,
    /// Whether wasm tests run in release mode.
    release: bool,
    e2e: E2e,
}

/// Every engine, in the order the stages run; the default of `--browsers`.
pub const ALL: [Engine; 3] = [
    Engine {
        name: "chromium",
        wasm_stage: "wasm tests (Chromium)",
        e2e_stage: "e2e (Chromium, http + file://)",
        packages: &setup::CHROMIUM_TOOLS,
        driver: "chromedriver",
        runner_var: "CHROMEDRIVER",
        needs_display: false,
        release: false,
        e2e: E2e::Playwright,
    },
    Engine {
        name: "firefox",
        wasm_stage: "wasm tests (Firefox)",
        e2e_stage: "e2e (Firefox, http + file://)",
        packages: &setup::FIREFOX_TOOLS,
        driver: "geckodriver",
        runner_var: "GECKODRIVER",
        needs_display: false,
        release: false,
        e2e: E2e::WebDriver {
            driver_var: "GECKODRIVER",
            browser: Some(("firefox-esr", "FIREFOX")),
        },
    },
    Engine {
        name: "webkit",
        wasm_stage: "wasm tests (WebKit, release)",
        e2e_stage: "e2e (WebKit, http + file://)",
        packages: &setup::WEBKIT_TOOLS,
        driver: "WebKitWebDriver",
        // The runner speaks to every non-Chrome, non-Gecko W3C driver as "safaridriver".
        runner_var: "SAFARIDRIVER",
        needs_display: true,
        release: true,
        // The runner starts the driver under `xvfb-run -a` itself.
        e2e: E2e::WebDriver {
            driver_var: "WEBKIT_WEBDRIVER",
            browser: None,
        },
    },
];

/// Fails unless the engine's packages are installed; says how to install them.
fn require(project: &Project, engine: &Engine) -> Result {
    setup::require_tools(project, engine.packages)
}

/// `program` on the child PATH, or an error that says how to install it.
fn find(project: &Project, program: &str) -> Result<PathBuf> {
    project.which(program).map_or_else(
        || fail(format!("{program} not found; run `cargo xtask setup`")),
        Ok,
    )
}

/// wasm-bindgen-test in one engine (the same tests in each).
pub fn wasm_tests(project: &Project, engine: &Engine) -> Result {
    require(project, engine)?;
    let driver = find(project, engine.driver)?;
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
            // Exactly one driver variable: with several set the runner picks by its own order
            // (GECKODRIVER wins over CHROMEDRIVER, and geckodriver on PATH over nothing).
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

/// The end-to-end tests in one engine against `dist/`.
pub fn e2e(project: &Project, engine: &Engine) -> Result {
    require(project, engine)?;
    let mut cmd = project.cmd("node");
    cmd.current_dir(project.path("tests/e2e"));
    match engine.e2e {
        E2e::Playwright => {
            let chromium = find(project, "chromium")?;
            // Each test sets its own timeout; `--test-timeout` would also cap whole files.
            cmd.args(["--test", "--test-reporter=spec"])
                .env("CHROMIUM", chromium);
        }
        E2e::WebDriver {
            driver_var,
            browser,
        } => {
            let driver = find(project, engine.driver)?;
            cmd.args(["--test", "--test-reporter=spec", "webdriver/flow.mjs"])
                .env("WEBDRIVER_ENGINE", engine.name);
            cmd.env(driver_var, &driver);
            if let Some((binary, var)) = browser
                && let Some(path) = project.which(binary)
            {
                cmd.env(var, path);
            }
        }
    }
    cmd.env("SAML_IDP_KIT_DIST", project.path("dist"));
    util::run_with_timeout(&mut cmd, E2E_LIMIT)
}
