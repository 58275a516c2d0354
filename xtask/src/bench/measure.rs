//! The measuring half of `cargo xtask bench`: making sure `dist/` is current, timing OpenSSL
//! as processes, and running the browser script (tests/e2e/bench/bench.mjs), which reports
//! its raw samples as JSON.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use serde::Deserialize;

use super::Options;
use crate::util::{self, Context, Project, Result, fail};
use crate::{dist, setup};

/// The browser half, relative to the repository root.
const BENCH_SCRIPT: &str = "tests/e2e/bench/bench.mjs";

/// Files and folders `dist/index.html` is built from: when one is newer, the page is rebuilt.
const DIST_INPUTS: [&str; 11] = [
    "src",
    "build.rs",
    ".cargo",
    "static",
    "index.html",
    "Cargo.toml",
    "Cargo.lock",
    "tools/package-lock.json",
    "rust-toolchain.toml",
    "xtask/src/dist.rs",
    "xtask/src/dist",
];

/// The subject of the OpenSSL certificate: the one JumpCloud's guide uses.
const OPENSSL_SUBJECT: &str = "/CN=JumpCloud SAML IdP";

/// Builds `dist/` unless `dist/index.html` is newer than everything it is made from.
pub fn ensure_dist(project: &Project, build: bool) -> Result {
    let page = project.path("dist/index.html");
    let built = page.metadata().and_then(|m| m.modified()).ok();
    if !build {
        return match built {
            Some(_) => {
                println!("bench: --no-build: using dist/index.html as it is");
                Ok(())
            }
            None => fail("--no-build, but there is no dist/index.html; run `cargo xtask dist`"),
        };
    }
    let newest = DIST_INPUTS
        .iter()
        .filter_map(|rel| newest_mtime(&project.path(rel)))
        .max();
    match (built, newest) {
        (Some(built), Some(newest)) if built >= newest => {
            println!("bench: dist/index.html is newer than its sources; not rebuilding");
            Ok(())
        }
        _ => {
            println!("bench: building dist/ (missing or older than its sources)");
            dist::run(project)
        }
    }
}

/// Runs setup only when something the bench itself uses is missing: setup also installs what
/// the bench never needs (other browser engines), which has no place in a timing run.
pub fn ensure_tools(project: &Project) -> Result {
    let playwright = project.path("tests/e2e/node_modules/playwright-core/package.json");
    let missing: Vec<&str> = ["node", "chromium", "openssl"]
        .into_iter()
        .filter(|tool| project.which(tool).is_none())
        .chain((!playwright.is_file()).then_some("playwright-core"))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("bench: {} missing; running setup", missing.join(", "));
    setup::run(project, setup::Scope::BuildAndTest)
}

/// The newest modification time of `path` or anything below it.
fn newest_mtime(path: &Path) -> Option<SystemTime> {
    let meta = path.metadata().ok()?;
    let own = meta.modified().ok();
    if !meta.is_dir() {
        return own;
    }
    let below = std::fs::read_dir(path)
        .ok()?
        .flatten()
        .filter_map(|entry| newest_mtime(&entry.path()))
        .max();
    own.max(below)
}

/// Per-run times of the OpenSSL pair and of each half, in milliseconds.
pub struct OpensslTimes {
    pub pair: Vec<f64>,
    pub genrsa: Vec<f64>,
    pub req: Vec<f64>,
}

/// Times `openssl genrsa 2048` then `openssl req -new -x509 …` with that key, `runs` times.
pub fn time_openssl(project: &Project, out_dir: &Path, runs: usize) -> Result<OpensslTimes> {
    let work = out_dir.join("openssl");
    std::fs::create_dir_all(&work).context(|| format!("creating {}", work.display()))?;
    let key = work.join("samlidp.key");
    let cert = work.join("samlidp.crt");
    let mut genrsa = project.cmd("openssl");
    genrsa
        .args(["genrsa", "-out"])
        .arg(&key)
        .arg("2048")
        .current_dir(&work);
    let mut req = project.cmd("openssl");
    req.args(["req", "-new", "-x509", "-sha256", "-days", "1095", "-key"])
        .arg(&key)
        .args(["-subj", OPENSSL_SUBJECT, "-out"])
        .arg(&cert)
        .current_dir(&work);
    println!("$ {}", util::describe(&genrsa));
    println!("$ {}", util::describe(&req));

    let mut times = OpensslTimes {
        pair: Vec::with_capacity(runs),
        genrsa: Vec::with_capacity(runs),
        req: Vec::with_capacity(runs),
    };
    for _ in 0..runs {
        let t0 = Instant::now();
        run_quietly(&mut genrsa)?;
        let t1 = Instant::now();
        run_quietly(&mut req)?;
        let t2 = Instant::now();
        times.genrsa.push(ms(t1 - t0));
        times.req.push(ms(t2 - t1));
        times.pair.push(ms(t2 - t0));
    }
    // Keep nothing secret lying around: these are throwaway keys, but keys all the same.
    std::fs::remove_dir_all(&work).context(|| format!("removing {}", work.display()))?;
    Ok(times)
}

fn run_quietly(cmd: &mut Command) -> Result {
    let status = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context(|| format!("could not start `{}`", util::describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        fail(format!("`{}` failed ({status})", util::describe(cmd)))
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// What bench.mjs measured: `{"samples": {name: [ms, …]}, "values": {name: n},
/// "texts": {name: "…"}}`. A sample that could not be taken is `null` (NaN here).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Samples {
    samples: HashMap<String, Vec<Option<f64>>>,
    values: HashMap<String, f64>,
    texts: HashMap<String, String>,
}

impl Samples {
    /// Parses the script's JSON output.
    pub fn parse(json: &str) -> Result<Self> {
        serde_json::from_str(json).context(|| "reading bench.mjs's JSON".to_string())
    }

    /// The samples called `name` (missing ones as NaN).
    pub fn samples(&self, name: &str) -> Result<Vec<f64>> {
        match self.samples.get(name) {
            Some(values) => Ok(values.iter().map(|v| v.unwrap_or(f64::NAN)).collect()),
            None => fail(format!("bench.mjs did not report {name}")),
        }
    }

    /// The single number called `name`.
    pub fn value(&self, name: &str) -> Result<f64> {
        match self.values.get(name) {
            Some(value) => Ok(*value),
            None => fail(format!("bench.mjs did not report {name}")),
        }
    }

    /// The text called `name`.
    pub fn text(&self, name: &str) -> Result<&str> {
        match self.texts.get(name) {
            Some(text) => Ok(text),
            None => fail(format!("bench.mjs did not report {name}")),
        }
    }
}

/// Runs the Node script and reads what it measured.
pub fn run_browser(project: &Project, out_dir: &Path, options: &Options) -> Result<Samples> {
    let Some(chromium) = project.which("chromium") else {
        return fail("chromium not found");
    };
    let samples_file = out_dir.join("browser-samples.json");
    let _ = std::fs::remove_file(&samples_file);
    // Generous: a hung browser must end the run, a slow machine must not.
    let limit = Duration::from_secs(180 + 10 * (options.runs + options.fallback_runs) as u64);
    util::run_with_timeout(
        project
            .cmd("node")
            .arg(project.path(BENCH_SCRIPT))
            .arg("--runs")
            .arg(options.runs.to_string())
            .arg("--fallback-runs")
            .arg(options.fallback_runs.to_string())
            .arg("--out")
            .arg(&samples_file)
            .current_dir(project.path("tests/e2e"))
            .env("CHROMIUM", chromium)
            .env("SAML_IDP_KIT_DIST", project.path("dist")),
        limit,
    )?;
    let text = std::fs::read_to_string(&samples_file)
        .context(|| format!("reading {}", samples_file.display()))?;
    let samples = Samples::parse(&text)?;
    std::fs::remove_file(&samples_file)
        .context(|| format!("removing {}", samples_file.display()))?;
    Ok(samples)
}

/// A warning when the one-minute load average is above half the CPUs: other work on the
/// machine inflates every timing and makes it noisy.
pub fn busy_note(load: Option<f64>) -> Option<String> {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = load?;
    (load > cpus as f64 / 2.0).then(|| {
        format!(
            "the machine is busy (load {load:.1} on {cpus} CPUs): timings are inflated and noisy"
        )
    })
}

/// The `/proc/loadavg` one-minute figure.
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_scripts_json() -> Result {
        let json = r#"{"samples": {"a_ms": [1.5, null, 2.5]}, "values": {"html_bytes": 42},
                       "texts": {"chromium": "156.0 x"}}"#;
        let s = Samples::parse(json)?;
        let a = s.samples("a_ms")?;
        assert_eq!((a[0], a[2], a[1].is_nan()), (1.5, 2.5, true));
        assert_eq!(s.value("html_bytes")?, 42.0);
        assert_eq!(s.text("chromium")?, "156.0 x");
        assert!(s.samples("missing").is_err());
        assert!(
            Samples::parse(r#"{"samples": {"x": [1, "y"]}, "values": {}, "texts": {}}"#).is_err()
        );
        assert!(Samples::parse("samples\tx\t1\n").is_err());
        Ok(())
    }
}
