//! `cargo xtask bench`: timing and size figures for the built page, in one run.
//!
//! 1. Builds `dist/` first (as `cargo xtask dist` does, setup included) when any of its inputs
//!    is newer than `dist/index.html`; otherwise runs setup only if a tool it needs is missing.
//! 2. Times `openssl genrsa 2048` + `openssl req -new -x509 -sha256 -days 1095` as whole
//!    processes, N times (here, with `Instant`).
//! 3. Runs `tests/e2e/bench/bench.mjs` (Playwright, system Chromium) on `file://…/dist/index.html`:
//!    start-up, Generate through the UI on the WebCrypto path next to raw `generateKey` on
//!    fresh pages of its own at the same point, post-key latency (`generateKey` resolved ->
//!    fingerprint in the DOM), long tasks, Generate on the fallback path (`crypto.subtle`
//!    removed), and the sizes (gzip -9 and brotli from Node's zlib). It writes raw samples as
//!    JSON; this module turns them into statistics.
//! 4. Prints one table with the project's goals as PASS/MISS and writes the same figures as
//!    JSON to `target/bench/bench-<UTC timestamp>.json` and `target/bench/latest.json`.
//! 5. Prints the wasm's size table (per crate, largest functions, data) from the optimised
//!    module with names that dist keeps; `--size-only` prints just that and the page's gzip
//!    size against its goal, without a browser.
//!
//! `measure` takes the figures, `stats` summarises samples, `goals` judges them, `post_key`
//! makes the post-key rows, `report` gathers everything and writes the JSON, `table` the text,
//! `crates` the size table.

mod crates;
mod goals;
mod measure;
mod post_key;
mod report;
mod stats;
mod table;

use std::path::Path;
use std::time::Instant;

use crate::flags;
use crate::util::{self, Context, Project, Result, fail, hex, sha256};

/// Default number of runs of each timed thing.
const DEFAULT_RUNS: usize = 30;

/// Where the reports go, relative to the repository root.
const OUT_DIR: &str = "target/bench";

/// What to measure, from the command line.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub runs: usize,
    pub fallback_runs: usize,
    pub build: bool,
    pub size_only: bool,
}

impl Options {
    fn from_flags(flags: &flags::Bench) -> Result<Self> {
        let runs = flags.n.unwrap_or(DEFAULT_RUNS);
        if runs == 0 {
            return fail("--n: expected a whole number of at least 1");
        }
        Ok(Options {
            runs,
            // The fallback never runs more often than the rest.
            fallback_runs: flags.fallback_n.unwrap_or(runs).min(runs),
            build: !flags.no_build,
            size_only: flags.size_only,
        })
    }
}

/// Runs the benchmark.
pub fn run(project: &Project, flags: &flags::Bench) -> Result {
    let options = Options::from_flags(flags)?;
    let started = Instant::now();
    let timestamp = utc_now(project)?;
    measure::ensure_dist(project, options.build)?;
    if options.size_only {
        return size_only(project);
    }
    measure::ensure_tools(project)?;
    let mut phases = vec![("setup and dist", started.elapsed())];
    let load_before = measure::load_average();
    let dist_html = project.path("dist/index.html");
    let page = std::fs::read(&dist_html).context(|| format!("reading {}", dist_html.display()))?;

    let out_dir = project.path(OUT_DIR);
    std::fs::create_dir_all(&out_dir).context(|| format!("creating {}", out_dir.display()))?;

    println!(
        "\nbench: timing OpenSSL (genrsa 2048 + req -x509), {} runs",
        options.runs
    );
    if let Some(note) = measure::busy_note(measure::load_average()) {
        println!("bench: WARNING: {note}");
    }
    let t = Instant::now();
    let openssl = measure::time_openssl(project, &out_dir, options.runs)?;
    phases.push(("OpenSSL", t.elapsed()));

    println!(
        "\nbench: timing the page in headless Chromium: {} rounds (fallback in {})",
        options.runs, options.fallback_runs
    );
    let t = Instant::now();
    let browser = measure::run_browser(project, &out_dir, &options)?;
    phases.push(("browser", t.elapsed()));

    let environment = report::Environment {
        timestamp: timestamp.clone(),
        chromium: browser.text("chromium")?.to_string(),
        // `OpenSSL 3.0.19 27 Jan 2026 (Library: …)` → `OpenSSL 3.0.19`
        openssl: project
            .version_line("openssl", &["version"])
            .unwrap_or_default()
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" "),
        node: project
            .version_line("node", &["--version"])
            .unwrap_or_default(),
        cpus: std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_before,
        load_after: measure::load_average(),
        git: util::capture(project.cmd("git").args([
            "describe",
            "--always",
            "--dirty",
            "--abbrev=12",
        ]))
        .map(|s| s.trim().to_string())
        .unwrap_or_default(),
        dist_sha256: hex(&sha256(&page)),
        phases,
    };
    let report = report::Report::new(
        options.runs,
        options.fallback_runs,
        environment,
        &openssl,
        &browser,
        crates::measure(project)?,
    )?;
    let took = started.elapsed();

    println!("\n{}", crates::table(&report.wasm));
    println!("{}", table::table(&report, took));
    let json = report.json(took)?;
    let file = out_dir.join(format!("bench-{}.json", compact(&timestamp)));
    write(&file, &json)?;
    write(&out_dir.join("latest.json"), &json)?;
    println!(
        "bench: wrote {} and {OUT_DIR}/latest.json ({:.0} s in all)",
        file.strip_prefix(&project.root).unwrap_or(&file).display(),
        took.as_secs_f64()
    );
    Ok(())
}

/// `--size-only`: the page's gzip size against its goal and the wasm's size table.
fn size_only(project: &Project) -> Result {
    let dist_html = project.path("dist/index.html");
    let page = std::fs::read(&dist_html).context(|| format!("reading {}", dist_html.display()))?;
    let gzip = crates::gzip9(project, &page)?;
    let goal = goals::size_goal(gzip as f64);
    println!("\n{}", crates::table(&crates::measure(project)?));
    println!(
        "dist/index.html: {} bytes, gzip -9 {gzip} bytes\n  {:<4}  {:<58} {}",
        page.len(),
        if goal.pass { "PASS" } else { "MISS" },
        goal.text,
        goal.detail
    );
    Ok(())
}

/// The current UTC time as `2026-11-29T17:03:04Z`, from `date` (the project's one calendar
/// algorithm lives in the app, src/text/date.rs; the xtask does not copy it).
fn utc_now(project: &Project) -> Result<String> {
    let stamp = util::capture(project.cmd("date").args(["-u", "+%Y-%m-%dT%H:%M:%SZ"]))?;
    Ok(stamp.trim().to_string())
}

/// `2026-11-29T17:03:04Z` → `20261129T170304Z`, for file names.
fn compact(iso: &str) -> String {
    iso.chars().filter(|&c| c != '-' && c != ':').collect()
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_from_flags() -> Result {
        let flags = |n, fallback_n, no_build| flags::Bench {
            n,
            fallback_n,
            no_build,
            size_only: false,
        };
        assert_eq!(
            Options::from_flags(&flags(None, None, false))?,
            Options {
                runs: 30,
                fallback_runs: 30,
                build: true,
                size_only: false
            }
        );
        assert_eq!(
            Options::from_flags(&flags(Some(5), Some(2), true))?,
            Options {
                runs: 5,
                fallback_runs: 2,
                build: false,
                size_only: false
            }
        );
        // The fallback never runs more often than the rest.
        assert_eq!(
            Options::from_flags(&flags(Some(3), Some(9), false))?.fallback_runs,
            3
        );
        assert!(Options::from_flags(&flags(Some(0), None, false)).is_err());
        Ok(())
    }

    #[test]
    fn file_name_stamps() {
        assert_eq!(compact("2026-11-30T00:53:20Z"), "20261130T005320Z");
    }
}
