//! `cargo xtask bench`: timing and size figures for the built page (issue 7), in one run.
//!
//! 1. Builds `dist/` first (as `cargo xtask dist` does, setup included) when any of its inputs
//!    is newer than `dist/index.html`; otherwise runs setup only if a tool it needs is missing.
//! 2. Times `openssl genrsa 2048` + `openssl req -new -x509 -sha256 -days 1095` as whole
//!    processes, N times (here, with `Instant`).
//! 3. Runs `tests/e2e/bench/bench.mjs` (Playwright, system Chromium) on `file://…/dist/index.html`:
//!    start-up, Generate through the UI on the WebCrypto path next to raw `generateKey` on the
//!    same page, long tasks, Generate on the fallback path (`crypto.subtle` removed), and the
//!    sizes (gzip -9 and brotli from Node's zlib). It writes raw samples; this module turns
//!    them into statistics.
//! 4. Prints one table with the issue's goals as PASS/MISS and writes the same figures as JSON
//!    to `target/bench/bench-<UTC timestamp>.json` and `target/bench/latest.json`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::util::{self, Context, Project, Result, fail, hex, sha256};
use crate::{dist, setup};

/// Default number of runs of each timed thing.
const DEFAULT_RUNS: usize = 30;

/// Where the reports go, relative to the repository root.
const OUT_DIR: &str = "target/bench";

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
    "Trunk.toml",
    "rust-toolchain.toml",
    "xtask/src/dist.rs",
    "xtask/src/dist",
];

/// The subject of the OpenSSL certificate: the one JumpCloud's guide uses.
const OPENSSL_SUBJECT: &str = "/CN=JumpCloud SAML IdP";

/// 1 KB = 1000 bytes in the size goal and the table.
const KB: f64 = 1000.0;

const HELP: &str = "usage: cargo xtask bench [--n N] [--fallback-n M] [--no-build]

  --n N, --runs N                runs of each timed measurement (default 30)
  --fallback-n M, --fallback-runs M
                                 runs of Generate on the no-WebCrypto path (default and
                                 at most: N)
  --no-build                     use dist/index.html as it is, even if its sources are newer

Builds dist/ when its sources are newer, then times the page in headless Chromium from
file:// and OpenSSL as processes; prints a table and writes target/bench/latest.json.";

/// Options of `cargo xtask bench`.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    runs: usize,
    fallback_runs: usize,
    build: bool,
}

/// Parses the arguments after `bench`; `None` means `--help` was asked for.
fn parse_options(args: &[String]) -> Result<Option<Options>> {
    let mut runs = DEFAULT_RUNS;
    let mut fallback_runs = None;
    let mut build = true;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = |min: usize| -> Result<usize> {
            let Some(text) = inline.clone().or_else(|| args.next().cloned()) else {
                return fail(format!("{name} needs a number, e.g. {name} 30"));
            };
            match text.parse::<usize>() {
                Ok(n) if n >= min => Ok(n),
                _ => fail(format!(
                    "{name}: expected a whole number of at least {min}, got {text:?}"
                )),
            }
        };
        match name {
            "--n" | "--runs" => runs = value(1)?,
            "--fallback-n" | "--fallback-runs" => fallback_runs = Some(value(0)?),
            "--no-build" if inline.is_none() => build = false,
            "--help" | "-h" => return Ok(None),
            other => return fail(format!("unexpected argument {other:?}\n\n{HELP}")),
        }
    }
    Ok(Some(Options {
        runs,
        fallback_runs: fallback_runs.unwrap_or(runs).min(runs),
        build,
    }))
}

/// Runs the benchmark with the arguments after `bench`.
pub fn run(project: &Project, args: &[String]) -> Result {
    let Some(options) = parse_options(args)? else {
        println!("{HELP}");
        return Ok(());
    };
    let started = Instant::now();
    ensure_dist(project, options.build)?;
    ensure_tools(project)?;
    let mut phases = vec![("setup and dist", started.elapsed())];
    let load_before = load_average();
    let dist_html = project.path("dist/index.html");
    let page = std::fs::read(&dist_html).context(|| format!("reading {}", dist_html.display()))?;

    let out_dir = project.path(OUT_DIR);
    std::fs::create_dir_all(&out_dir).context(|| format!("creating {}", out_dir.display()))?;

    println!(
        "\nbench: timing OpenSSL (genrsa 2048 + req -x509), {} runs",
        options.runs
    );
    warn_if_busy(load_average());
    let t = Instant::now();
    let openssl = time_openssl(project, &out_dir, options.runs)?;
    phases.push(("OpenSSL", t.elapsed()));

    println!(
        "\nbench: timing the page in headless Chromium: {} rounds (fallback in {})",
        options.runs, options.fallback_runs
    );
    let t = Instant::now();
    let browser = run_browser(project, &out_dir, &options)?;
    phases.push(("browser", t.elapsed()));

    let environment = Environment {
        timestamp: SystemTime::now(),
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
        load_after: load_average(),
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
    let report = Report::new(&options, environment, &openssl, &browser)?;
    let took = started.elapsed();

    println!("\n{}", report.table(took));
    let json = report.json(took);
    let stamp = utc_stamp(report.environment.timestamp);
    let file = out_dir.join(format!("bench-{}.json", stamp.compact));
    write(&file, &json)?;
    write(&out_dir.join("latest.json"), &json)?;
    println!(
        "bench: wrote {} and {OUT_DIR}/latest.json ({:.0} s in all)",
        file.strip_prefix(&project.root).unwrap_or(&file).display(),
        took.as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Building and measuring

/// Builds `dist/` unless `dist/index.html` is newer than everything it is made from.
fn ensure_dist(project: &Project, build: bool) -> Result {
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
fn ensure_tools(project: &Project) -> Result {
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
    setup::run(project)
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
struct OpensslTimes {
    pair: Vec<f64>,
    genrsa: Vec<f64>,
    req: Vec<f64>,
}

/// Times `openssl genrsa 2048` then `openssl req -new -x509 …` with that key, `runs` times.
fn time_openssl(project: &Project, out_dir: &Path, runs: usize) -> Result<OpensslTimes> {
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

/// Runs the Node script and reads what it measured.
fn run_browser(project: &Project, out_dir: &Path, options: &Options) -> Result<Samples> {
    let Some(chromium) = project.which("chromium") else {
        return fail("chromium not found");
    };
    let samples_file = out_dir.join("browser-samples.txt");
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

/// Says so when other work is running: the figures are then inflated and noisy.
fn warn_if_busy(load: Option<f64>) {
    if let Some(note) = busy_note(load) {
        println!("bench: WARNING: {note}");
    }
}

/// A warning when the one-minute load average is above half the CPUs.
fn busy_note(load: Option<f64>) -> Option<String> {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = load?;
    (load > cpus as f64 / 2.0).then(|| {
        format!(
            "the machine is busy (load {load:.1} on {cpus} CPUs): timings are inflated and noisy"
        )
    })
}

/// The `/proc/loadavg` one-minute figure: other work on the machine skews every timing.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).context(|| format!("writing {}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// What bench.mjs wrote

/// `samples\tname\tv v v`, `value\tname\tn` and `text\tname\ts` lines.
struct Samples {
    samples: HashMap<String, Vec<f64>>,
    values: HashMap<String, f64>,
    texts: HashMap<String, String>,
}

impl Samples {
    fn parse(text: &str) -> Result<Self> {
        let mut out = Samples {
            samples: HashMap::new(),
            values: HashMap::new(),
            texts: HashMap::new(),
        };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let mut parts = line.splitn(3, '\t');
            let (Some(kind), Some(name), Some(rest)) = (parts.next(), parts.next(), parts.next())
            else {
                return fail(format!("bench.mjs wrote an odd line: {line:?}"));
            };
            let number = |s: &str| {
                s.parse::<f64>()
                    .context(|| format!("bench.mjs: {name}: not a number: {s:?}"))
            };
            match kind {
                "samples" => {
                    let values = rest
                        .split_whitespace()
                        .map(number)
                        .collect::<Result<Vec<_>>>()?;
                    out.samples.insert(name.to_string(), values);
                }
                "value" => {
                    out.values.insert(name.to_string(), number(rest.trim())?);
                }
                "text" => {
                    out.texts.insert(name.to_string(), rest.to_string());
                }
                other => return fail(format!("bench.mjs wrote an unknown kind {other:?}")),
            }
        }
        Ok(out)
    }

    fn samples(&self, name: &str) -> Result<&[f64]> {
        match self.samples.get(name) {
            Some(values) => Ok(values),
            None => fail(format!("bench.mjs did not report {name}")),
        }
    }

    fn value(&self, name: &str) -> Result<f64> {
        match self.values.get(name) {
            Some(value) => Ok(*value),
            None => fail(format!("bench.mjs did not report {name}")),
        }
    }

    fn text(&self, name: &str) -> Result<&str> {
        match self.texts.get(name) {
            Some(text) => Ok(text),
            None => fail(format!("bench.mjs did not report {name}")),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Statistics

/// Summary of one set of samples (milliseconds unless said otherwise).
#[derive(Debug, Clone, PartialEq)]
struct Stats {
    samples: Vec<f64>,
    n: usize,
    median: f64,
    p95: f64,
    min: f64,
    max: f64,
}

impl Stats {
    /// Median (mean of the middle two for an even count) and nearest-rank p95.
    /// NaN samples are dropped; an empty set gives NaN everywhere.
    fn of(samples: &[f64]) -> Self {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| !v.is_nan()).collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let at = |i: usize| sorted.get(i).copied().unwrap_or(f64::NAN);
        let median = if n % 2 == 1 {
            at(n / 2)
        } else if n == 0 {
            f64::NAN
        } else {
            (at(n / 2 - 1) + at(n / 2)) / 2.0
        };
        // Nearest rank: the smallest value with at least 95% of the samples at or below it.
        let rank = (0.95 * n as f64).ceil() as usize;
        Stats {
            samples: samples.to_vec(),
            n,
            median,
            p95: at(rank.max(1) - 1),
            min: at(0),
            max: at(n.wrapping_sub(1)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The report

struct Environment {
    timestamp: SystemTime,
    chromium: String,
    openssl: String,
    node: String,
    cpus: usize,
    load_before: Option<f64>,
    load_after: Option<f64>,
    git: String,
    dist_sha256: String,
    /// How long each part of the run took (the table and JSON add the total).
    phases: Vec<(&'static str, Duration)>,
}

/// One timed row of the table.
struct Row {
    key: &'static str,
    label: &'static str,
    stats: Stats,
}

/// Bytes of one thing: raw, gzip -9, brotli.
struct Size {
    key: &'static str,
    label: &'static str,
    raw: f64,
    gzip: f64,
    brotli: f64,
}

/// A goal from the issue, met or missed.
struct Goal {
    key: &'static str,
    text: &'static str,
    pass: bool,
    value: f64,
    limit: f64,
    detail: String,
}

struct Report {
    options_runs: usize,
    fallback_runs: usize,
    environment: Environment,
    rows: Vec<Row>,
    ratios: Vec<(&'static str, &'static str, f64)>,
    longtasks: LongTasks,
    sizes: Vec<Size>,
    wasm_share_raw: f64,
    wasm_share_gzip: f64,
    /// `gzip -9` (GNU gzip) or `zlib level 9` when gzip is not installed.
    gzip_tool: String,
    summaries: Vec<(&'static str, String)>,
    goals: Vec<Goal>,
}

/// Long tasks seen between the click and the fingerprint on the WebCrypto path.
struct LongTasks {
    runs: usize,
    runs_with_any: usize,
    total: usize,
    longest: f64,
    durations: Stats,
    fallback_longest: Stats,
}

impl Report {
    fn new(
        options: &Options,
        environment: Environment,
        openssl: &OpensslTimes,
        browser: &Samples,
    ) -> Result<Self> {
        let stats = |name: &str| browser.samples(name).map(Stats::of);
        let generate = stats("generate_webcrypto_ms")?;
        let raw = stats("raw_generatekey_ms")?;
        let fallback = stats("generate_fallback_ms")?;
        let startup = stats("startup_ms")?;
        let openssl_pair = Stats::of(&openssl.pair);

        let counts = browser.samples("longtask_count")?;
        let longest_per_run = browser.samples("longtask_longest_ms")?;
        let longtasks = LongTasks {
            runs: counts.len(),
            runs_with_any: counts.iter().filter(|&&c| c > 0.0).count(),
            total: counts.iter().sum::<f64>() as usize,
            longest: longest_per_run.iter().copied().fold(0.0, f64::max),
            durations: stats("longtask_ms")?,
            fallback_longest: stats("fallback_longtask_longest_ms")?,
        };

        let size = |key, label, prefix: &str| -> Result<Size> {
            Ok(Size {
                key,
                label,
                raw: browser.value(&format!("{prefix}_bytes"))?,
                gzip: browser.value(&format!("{prefix}_gzip_bytes"))?,
                brotli: browser.value(&format!("{prefix}_brotli_bytes"))?,
            })
        };
        let html = size("html", "dist/index.html", "html")?;
        let wasm = size("wasm", "  wasm (decoded from the base64)", "wasm")?;
        let rest = size("rest", "  rest of the file (HTML, CSS, JS)", "rest")?;
        let wasm_share_raw = browser.value("wasm_base64_bytes")? / html.raw;
        let wasm_share_gzip = 1.0 - rest.gzip / html.gzip;

        let ratio_raw = generate.median / raw.median;
        let ratio_openssl = generate.median / openssl_pair.median;
        let goals = vec![
            goal_at_most(
                "generate_vs_webcrypto",
                "Generate median <= 1.5 x raw WebCrypto generateKey median",
                generate.median,
                1.5 * raw.median,
                "ms",
            ),
            goal_at_most(
                "generate_vs_openssl",
                "Generate median <= 0.5 x OpenSSL genrsa+req median",
                generate.median,
                0.5 * openssl_pair.median,
                "ms",
            ),
            Goal {
                key: "no_long_task_over_50ms",
                text: "No long task over 50 ms during Generate (WebCrypto path)",
                pass: longtasks.total == 0,
                value: longtasks.longest,
                limit: 50.0,
                detail: if longtasks.total == 0 {
                    format!("none in {} runs", longtasks.runs)
                } else {
                    format!(
                        "{} task(s) in {} of {} runs; longest {:.0} ms (over by {:.0} ms), median task {:.0} ms",
                        longtasks.total,
                        longtasks.runs_with_any,
                        longtasks.runs,
                        longtasks.longest,
                        longtasks.longest - 50.0,
                        longtasks.durations.median
                    )
                },
            },
            goal_at_most(
                "startup_median",
                "Start-up median <= 150 ms from disk",
                startup.median,
                150.0,
                "ms",
            ),
            goal_at_most(
                "gzip_size",
                "dist/index.html <= 350 KB gzip",
                html.gzip / KB,
                350.0,
                "KB",
            ),
        ];

        let rows = vec![
            Row {
                key: "generate_webcrypto",
                label: "Generate, WebCrypto path (click -> fingerprint)",
                stats: generate,
            },
            Row {
                key: "raw_generatekey",
                label: "  raw crypto.subtle.generateKey, same pages",
                stats: raw,
            },
            Row {
                key: "generate_webcrypto_app_reported",
                label: "  the page's own \"Done in\" figure",
                stats: stats("generate_webcrypto_reported_ms")?,
            },
            Row {
                key: "generate_fallback",
                label: "Generate, fallback path (built-in RSA, no subtle)",
                stats: fallback,
            },
            Row {
                key: "openssl_pair",
                label: "OpenSSL genrsa 2048 + req -x509 (processes)",
                stats: openssl_pair,
            },
            Row {
                key: "openssl_genrsa",
                label: "  openssl genrsa 2048",
                stats: Stats::of(&openssl.genrsa),
            },
            Row {
                key: "openssl_req",
                label: "  openssl req -new -x509 -sha256 -days 1095",
                stats: Stats::of(&openssl.req),
            },
            Row {
                key: "startup",
                label: "Start-up: navigation -> interactive (in page)",
                stats: startup,
            },
            Row {
                key: "startup_html_parsed",
                label: "  of which: HTML parsed (domInteractive)",
                stats: stats("startup_parsed_ms")?,
            },
            Row {
                key: "startup_wasm_base64_decode",
                label: "  of which: wasm base64 decode",
                stats: stats("startup_decode_ms")?,
            },
            Row {
                key: "startup_wasm_instantiate",
                label: "  of which: wasm compile + instantiate",
                stats: stats("startup_instantiate_ms")?,
            },
            Row {
                key: "startup_instantiated_to_interactive",
                label: "  of which: instantiated -> interactive (render)",
                stats: stats("startup_after_instantiate_ms")?,
            },
            Row {
                key: "empty_page_parsed",
                label: "  for scale: an empty page, to domInteractive",
                stats: stats("empty_page_parsed_ms")?,
            },
            Row {
                key: "startup_seen_by_playwright",
                label: "  as seen by Playwright (goto -> detected)",
                stats: stats("startup_seen_ms")?,
            },
        ];

        Ok(Report {
            options_runs: options.runs,
            fallback_runs: options.fallback_runs,
            environment,
            rows,
            ratios: vec![
                (
                    "generate_over_raw_webcrypto",
                    "Generate / raw generateKey (medians)",
                    ratio_raw,
                ),
                (
                    "generate_over_openssl",
                    "Generate / OpenSSL pair (medians)",
                    ratio_openssl,
                ),
                (
                    "fallback_over_openssl",
                    "Fallback Generate / OpenSSL pair (medians)",
                    Stats::of(browser.samples("generate_fallback_ms")?).median
                        / Stats::of(&openssl.pair).median,
                ),
            ],
            longtasks,
            sizes: vec![html, wasm, rest],
            wasm_share_raw,
            wasm_share_gzip,
            gzip_tool: browser.text("gzip_tool")?.to_string(),
            summaries: vec![
                ("webcrypto", browser.text("webcrypto_summary")?.to_string()),
                ("fallback", browser.text("fallback_summary")?.to_string()),
            ],
            goals,
        })
    }

    fn table(&self, took: Duration) -> String {
        let env = &self.environment;
        let mut t = String::new();
        let load = |l: Option<f64>| l.map_or("?".to_string(), |l| format!("{l:.2}"));
        let _ = writeln!(
            t,
            "SAML IdP Kit bench  {}  ({})",
            utc_stamp(env.timestamp).iso,
            env.git
        );
        let _ = writeln!(
            t,
            "Chromium {} headless, file://dist/index.html; {}; node {}; {} CPUs; load {} -> {}",
            env.chromium,
            env.openssl,
            env.node,
            env.cpus,
            load(env.load_before),
            load(env.load_after)
        );
        let peak_load = env
            .load_before
            .into_iter()
            .chain(env.load_after)
            .reduce(f64::max);
        if let Some(note) = busy_note(peak_load) {
            let _ = writeln!(t, "WARNING: {note}");
        }
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "{:<52} {:>4} {:>9} {:>9} {:>9} {:>9}",
            "timings (ms)", "runs", "median", "p95", "min", "max"
        );
        for row in &self.rows {
            let s = &row.stats;
            let _ = writeln!(
                t,
                "{:<52} {:>4} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
                row.label, s.n, s.median, s.p95, s.min, s.max
            );
        }
        let lt = &self.longtasks;
        let _ = writeln!(
            t,
            "Long tasks during Generate, WebCrypto path: {} in {} of {} runs, longest {:.0} ms",
            lt.total, lt.runs_with_any, lt.runs, lt.longest
        );
        for (label, s) in [
            (
                "  duration of each long task, WebCrypto path",
                &lt.durations,
            ),
            (
                "  longest task per run, fallback path",
                &lt.fallback_longest,
            ),
        ] {
            let _ = writeln!(
                t,
                "{:<52} {:>4} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
                label, s.n, s.median, s.p95, s.min, s.max
            );
        }
        let _ = writeln!(t);
        for (_, label, ratio) in &self.ratios {
            let _ = writeln!(t, "{label:<52} {ratio:>9.2}x");
        }
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "{:<52} {:>10} {:>10} {:>10}",
            "size (bytes)", "raw", "gzip -9", "brotli"
        );
        for size in &self.sizes {
            let _ = writeln!(
                t,
                "{:<52} {:>10} {:>10} {:>10}",
                size.label,
                thousands(size.raw),
                thousands(size.gzip),
                thousands(size.brotli)
            );
        }
        let _ = writeln!(
            t,
            "{:<52} {:>9.1}% {:>9.1}%",
            "  wasm's share of dist/index.html",
            100.0 * self.wasm_share_raw,
            100.0 * self.wasm_share_gzip
        );
        let _ = writeln!(t);
        let _ = writeln!(t, "goals");
        for goal in &self.goals {
            let _ = writeln!(
                t,
                "  {:<4}  {:<58} {}",
                if goal.pass { "PASS" } else { "MISS" },
                goal.text,
                goal.detail
            );
        }
        let _ = writeln!(t);
        for (name, summary) in &self.summaries {
            let _ = writeln!(t, "summary on the {name} path: {summary}");
        }
        let phases = env
            .phases
            .iter()
            .map(|(name, d)| format!("{name} {:.0} s", d.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            t,
            "runs: {} (fallback {}); p95 is nearest-rank; gzip by {}, brotli quality 11 by Node's zlib; 1 KB = 1000 bytes",
            self.options_runs, self.fallback_runs, self.gzip_tool,
        );
        let _ = write!(t, "took {:.0} s ({phases})", took.as_secs_f64());
        t
    }

    fn json(&self, took: Duration) -> String {
        let env = &self.environment;
        let stats = |s: &Stats| {
            Json::Obj(vec![
                ("n", Json::Num(s.n as f64)),
                ("median", Json::Num(s.median)),
                ("p95", Json::Num(s.p95)),
                ("min", Json::Num(s.min)),
                ("max", Json::Num(s.max)),
                (
                    "samples",
                    Json::Arr(s.samples.iter().map(|&v| Json::Num(v)).collect()),
                ),
            ])
        };
        let opt = |v: Option<f64>| v.map_or(Json::Null, Json::Num);
        let lt = &self.longtasks;
        let doc = Json::Obj(vec![
            ("schema", Json::Num(1.0)),
            ("timestamp", Json::Str(utc_stamp(env.timestamp).iso)),
            ("runs", Json::Num(self.options_runs as f64)),
            ("fallback_runs", Json::Num(self.fallback_runs as f64)),
            ("duration_s", Json::Num(took.as_secs_f64())),
            (
                "environment",
                Json::Obj(vec![
                    ("chromium", Json::Str(env.chromium.clone())),
                    ("openssl", Json::Str(env.openssl.clone())),
                    ("node", Json::Str(env.node.clone())),
                    ("cpus", Json::Num(env.cpus as f64)),
                    ("loadavg_1min_before", opt(env.load_before)),
                    ("loadavg_1min_after", opt(env.load_after)),
                    ("git", Json::Str(env.git.clone())),
                    ("dist_index_html_sha256", Json::Str(env.dist_sha256.clone())),
                ]),
            ),
            (
                "phases_s",
                Json::Obj(
                    env.phases
                        .iter()
                        .map(|&(name, d)| (name, Json::Num(d.as_secs_f64())))
                        .collect(),
                ),
            ),
            (
                "timings_ms",
                Json::Obj(
                    self.rows
                        .iter()
                        .map(|row| (row.key, stats(&row.stats)))
                        .collect(),
                ),
            ),
            (
                "ratios_of_medians",
                Json::Obj(
                    self.ratios
                        .iter()
                        .map(|&(key, _, v)| (key, Json::Num(v)))
                        .collect(),
                ),
            ),
            (
                "long_tasks_webcrypto_generate",
                Json::Obj(vec![
                    ("runs", Json::Num(lt.runs as f64)),
                    ("runs_with_long_tasks", Json::Num(lt.runs_with_any as f64)),
                    ("count", Json::Num(lt.total as f64)),
                    ("longest_ms", Json::Num(lt.longest)),
                    ("durations_ms", stats(&lt.durations)),
                ]),
            ),
            (
                "long_tasks_fallback_longest_per_run_ms",
                stats(&lt.fallback_longest),
            ),
            (
                "sizes_bytes",
                Json::Obj(
                    self.sizes
                        .iter()
                        .map(|s| {
                            (
                                s.key,
                                Json::Obj(vec![
                                    ("raw", Json::Num(s.raw)),
                                    ("gzip9", Json::Num(s.gzip)),
                                    ("brotli11", Json::Num(s.brotli)),
                                ]),
                            )
                        })
                        .collect(),
                ),
            ),
            (
                "wasm_share",
                Json::Obj(vec![
                    ("raw", Json::Num(self.wasm_share_raw)),
                    ("gzip9", Json::Num(self.wasm_share_gzip)),
                ]),
            ),
            ("gzip_tool", Json::Str(self.gzip_tool.clone())),
            (
                "summaries",
                Json::Obj(
                    self.summaries
                        .iter()
                        .map(|(k, v)| (*k, Json::Str(v.clone())))
                        .collect(),
                ),
            ),
            (
                "goals",
                Json::Arr(
                    self.goals
                        .iter()
                        .map(|g| {
                            Json::Obj(vec![
                                ("goal", Json::Str(g.key.to_string())),
                                ("text", Json::Str(g.text.to_string())),
                                (
                                    "status",
                                    Json::Str(if g.pass { "PASS" } else { "MISS" }.to_string()),
                                ),
                                ("value", Json::Num(g.value)),
                                ("limit", Json::Num(g.limit)),
                                ("detail", Json::Str(g.detail.clone())),
                            ])
                        })
                        .collect(),
                ),
            ),
        ]);
        let mut out = String::new();
        doc.write(&mut out, 0);
        out.push('\n');
        out
    }
}

/// A `value <= limit` goal; the detail says the margin either way.
fn goal_at_most(key: &'static str, text: &'static str, value: f64, limit: f64, unit: &str) -> Goal {
    let pass = value <= limit;
    let detail = if pass {
        format!(
            "{value:.1} {unit} <= {limit:.1} {unit} (margin {:.1} {unit}, {:.0}%)",
            limit - value,
            100.0 * (limit - value) / limit
        )
    } else {
        format!(
            "{value:.1} {unit} > {limit:.1} {unit} (over by {:.1} {unit}, {:.0}%)",
            value - limit,
            100.0 * (value - limit) / limit
        )
    };
    Goal {
        key,
        text,
        pass,
        value,
        limit,
        detail,
    }
}

/// `1096137` → `1,096,137`.
fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Time stamps and JSON (the xtask has no date or JSON crate; these are all it needs)

struct Stamp {
    /// `2026-11-29T17:03:04Z`
    iso: String,
    /// `20261129T170304Z`, for file names.
    compact: String,
}

fn utc_stamp(time: SystemTime) -> Stamp {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    Stamp {
        iso: format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z"),
        compact: format!("{y:04}{m:02}{d:02}T{hh:02}{mm:02}{ss:02}Z"),
    }
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

enum Json {
    Null,
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(&'static str, Json)>),
}

impl Json {
    /// Pretty-prints with two-space indents; numbers arrays stay on one line.
    fn write(&self, out: &mut String, indent: usize) {
        let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
        match self {
            Json::Null => out.push_str("null"),
            Json::Num(v) if !v.is_finite() => out.push_str("null"),
            Json::Num(v) if v.fract() == 0.0 && v.abs() < 1e15 => {
                let _ = write!(out, "{v:.0}");
            }
            Json::Num(v) => {
                let text = format!("{v:.4}");
                out.push_str(text.trim_end_matches('0'));
            }
            Json::Str(s) => json_string(out, s),
            Json::Arr(items) if items.iter().all(|i| matches!(i, Json::Num(_))) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out, indent);
                }
                out.push(']');
            }
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i > 0 { ",\n" } else { "\n" });
                    pad(out, indent + 2);
                    item.write(out, indent + 2);
                }
                if !items.is_empty() {
                    out.push('\n');
                    pad(out, indent);
                }
                out.push(']');
            }
            Json::Obj(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    out.push_str(if i > 0 { ",\n" } else { "\n" });
                    pad(out, indent + 2);
                    json_string(out, key);
                    out.push_str(": ");
                    value.write(out, indent + 2);
                }
                if !fields.is_empty() {
                    out.push('\n');
                    pad(out, indent);
                }
                out.push('}');
            }
        }
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() -> Result {
        let default = parse_options(&[])?;
        assert_eq!(
            default,
            Some(Options {
                runs: 30,
                fallback_runs: 30,
                build: true
            })
        );
        let set = parse_options(&args(&["--n", "5", "--fallback-runs=2", "--no-build"]))?;
        assert_eq!(
            set,
            Some(Options {
                runs: 5,
                fallback_runs: 2,
                build: false
            })
        );
        // The fallback never runs more often than the rest; --runs is an alias of --n.
        let capped = parse_options(&args(&["--runs=3", "--fallback-n", "9"]))?;
        assert_eq!(capped.map(|o| o.fallback_runs), Some(3));
        assert_eq!(parse_options(&args(&["--help"]))?, None);
        assert!(parse_options(&args(&["--n", "0"])).is_err());
        assert!(parse_options(&args(&["--n"])).is_err());
        assert!(parse_options(&args(&["--n", "x"])).is_err());
        assert!(parse_options(&args(&["--fast"])).is_err());
        Ok(())
    }

    #[test]
    fn statistics() {
        let s = Stats::of(&[5.0, 1.0, 3.0, 2.0, 4.0]);
        assert_eq!(
            (s.n, s.median, s.min, s.max, s.p95),
            (5, 3.0, 1.0, 5.0, 5.0)
        );
        let even = Stats::of(&[4.0, 1.0, 3.0, 2.0]);
        assert_eq!(even.median, 2.5);
        let twenty: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(Stats::of(&twenty).p95, 19.0);
        let with_nan = Stats::of(&[f64::NAN, 2.0]);
        assert_eq!((with_nan.n, with_nan.median), (1, 2.0));
        let empty = Stats::of(&[]);
        assert!(empty.median.is_nan() && empty.p95.is_nan() && empty.max.is_nan());
    }

    #[test]
    fn reads_samples() -> Result {
        let text = "samples\ta_ms\t1.5 2.5\nvalue\thtml_bytes\t42\ntext\tchromium\t156.0 x\n";
        let s = Samples::parse(text)?;
        assert_eq!(s.samples("a_ms")?, &[1.5, 2.5]);
        assert_eq!(s.value("html_bytes")?, 42.0);
        assert_eq!(s.text("chromium")?, "156.0 x");
        assert!(s.samples("missing").is_err());
        assert!(Samples::parse("samples\tx\t1 y\n").is_err());
        assert!(Samples::parse("nonsense\n").is_err());
        Ok(())
    }

    #[test]
    fn goals_state_their_margin() {
        let pass = goal_at_most("k", "t", 120.0, 150.0, "ms");
        assert!(pass.pass);
        assert_eq!(pass.detail, "120.0 ms <= 150.0 ms (margin 30.0 ms, 20%)");
        let miss = goal_at_most("k", "t", 461.3, 350.0, "KB");
        assert!(!miss.pass);
        assert_eq!(miss.detail, "461.3 KB > 350.0 KB (over by 111.3 KB, 32%)");
    }

    #[test]
    fn formats_dates_and_numbers() {
        let t = UNIX_EPOCH + Duration::from_secs(1_796_000_000);
        let stamp = utc_stamp(t);
        assert_eq!(stamp.iso, "2026-11-30T00:53:20Z");
        assert_eq!(stamp.compact, "20261130T005320Z");
        assert_eq!(utc_stamp(UNIX_EPOCH).iso, "1970-01-01T00:00:00Z");
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(thousands(1_096_137.0), "1,096,137");
        assert_eq!(thousands(999.0), "999");
    }

    #[test]
    fn writes_json() {
        let doc = Json::Obj(vec![
            ("a", Json::Num(1.0)),
            ("b", Json::Num(2.25)),
            ("c", Json::Arr(vec![Json::Num(0.5), Json::Num(f64::NAN)])),
            ("d", Json::Str("q\"\\\n\u{1}".to_string())),
            ("e", Json::Arr(vec![Json::Obj(vec![("f", Json::Null)])])),
        ]);
        let mut out = String::new();
        doc.write(&mut out, 0);
        assert_eq!(
            out,
            "{\n  \"a\": 1,\n  \"b\": 2.25,\n  \"c\": [0.5, null],\n  \"d\": \"q\\\"\\\\\\n\\u0001\",\n  \"e\": [\n    {\n      \"f\": null\n    }\n  ]\n}"
        );
    }
}
