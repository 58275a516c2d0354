//! `cargo xtask fuzz [--seconds N] [TARGET ...]`: runs the cargo-fuzz targets in `fuzz/`
//! (every `[[bin]]` of fuzz/Cargo.toml) one after another, each for a bounded time, and prints
//! how many inputs each ran and whether any crashed or hung.
//!
//! Needs the nightly toolchain (rustup's `nightly`, which libFuzzer's sanitizer build requires);
//! installs cargo-fuzz with `cargo install --locked` when it is missing. Not part of
//! `cargo xtask test`: a fuzz run is open-ended by nature.
//!
//! Each corpus (`fuzz/corpus/<target>/`, ignored by git) is seeded from `tests/fixtures` and
//! `tests/golden` so the fuzzer starts from real keys, certificates and metadata. Crashes and
//! hangs land in `fuzz/artifacts/<target>/`; the libFuzzer log of the last run of each target
//! is `fuzz/artifacts/<target>/last-run.log`.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::flags;
use crate::util::{self, Context, Project, Result, fail, run_with_timeout};

/// Default seconds per target.
pub const DEFAULT_SECONDS: u64 = 60;
/// One input running longer than this counts as a hang (libFuzzer `-timeout`).
const HANG_SECONDS: u64 = 10;
/// Longest generated input. The largest seed (a 4096-bit PKCS#8 key) is 3.3 kB.
const MAX_LEN: usize = 16_384;

/// The fuzz targets: the `name`s of the `[[bin]]` tables in `fuzz/Cargo.toml`, in file order.
fn targets(fuzz_manifest: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_bin = false;
    for line in fuzz_manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
            continue;
        }
        if in_bin
            && let Some((key, value)) = line.split_once('=')
            && key.trim() == "name"
        {
            targets.push(value.trim().trim_matches('"').to_string());
        }
    }
    targets
}

/// The targets asked for (all by default), each checked against `fuzz/Cargo.toml`.
fn chosen_targets(known: &[String], asked: &[String]) -> Result<Vec<String>> {
    if known.is_empty() {
        return fail("fuzz/Cargo.toml declares no [[bin]] targets");
    }
    if let Some(unknown) = asked.iter().find(|t| !known.contains(t)) {
        return fail(format!(
            "unknown fuzz target {unknown:?}; fuzz/Cargo.toml has {}",
            known.join(", ")
        ));
    }
    Ok(if asked.is_empty() {
        known.to_vec()
    } else {
        asked.to_vec()
    })
}

/// One target's outcome.
struct Outcome {
    target: String,
    runs: Option<u64>,
    seconds: Option<u64>,
    failure: Option<String>,
}

/// Builds the targets, then runs each for `--seconds`.
pub fn run(project: &Project, options: &flags::Fuzz) -> Result {
    let seconds = options.seconds.unwrap_or(DEFAULT_SECONDS);
    if seconds == 0 {
        return fail("--seconds needs a positive number");
    }
    let known = targets(&project.read("fuzz/Cargo.toml")?);
    let chosen = chosen_targets(&known, &options.targets)?;
    ensure_nightly(project)?;
    ensure_cargo_fuzz(project)?;
    util::run(project.cmd("cargo").args([
        "+nightly",
        "fuzz",
        "build",
        "--fuzz-dir",
        "fuzz",
        "-O",
    ]))?;
    let mut outcomes = Vec::new();
    for target in &chosen {
        seed_corpus(project, target)?;
        outcomes.push(run_target(project, target, seconds)?);
    }
    println!("\nfuzz summary ({seconds}s per target):");
    for outcome in &outcomes {
        let runs = outcome
            .runs
            .map_or_else(|| "?".to_string(), |n| n.to_string());
        let seconds = outcome
            .seconds
            .map_or_else(|| "?".to_string(), |n| n.to_string());
        match &outcome.failure {
            None => println!(
                "  {:<12} {runs} executions in {seconds}s, no crash, no hang",
                outcome.target
            ),
            Some(why) => println!(
                "  {:<12} FAILED after {runs} executions: {why}",
                outcome.target
            ),
        }
    }
    let failed = outcomes.iter().filter(|o| o.failure.is_some()).count();
    if failed > 0 {
        return fail(format!(
            "{failed} fuzz target(s) found a crash or hang; reproduce with \
             `cargo +nightly fuzz run --fuzz-dir fuzz <target> fuzz/artifacts/<target>/<file>`"
        ));
    }
    Ok(())
}

fn ensure_nightly(project: &Project) -> Result {
    let listed = project
        .cmd("rustup")
        .args(["toolchain", "list"])
        .stdin(Stdio::null())
        .output()
        .context(|| "running `rustup toolchain list`".to_string())?;
    let text = String::from_utf8_lossy(&listed.stdout);
    if text.lines().any(|line| line.starts_with("nightly")) {
        Ok(())
    } else {
        fail("cargo-fuzz needs the nightly toolchain: rustup toolchain install nightly")
    }
}

fn ensure_cargo_fuzz(project: &Project) -> Result {
    if project.which("cargo-fuzz").is_some() {
        return Ok(());
    }
    println!("cargo-fuzz is not installed; installing it from crates.io");
    util::run(
        project
            .cmd("cargo")
            .args(["install", "cargo-fuzz", "--locked"]),
    )
}

/// Which fixture files seed which target.
fn seeds_for(target: &str, file_name: &str) -> bool {
    let extension = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    match target {
        "key" | "certificate" => matches!(extension, "key" | "pub" | "crt"),
        // XML targets (metadata, and any SAML document parser added later) start from XML.
        _ => extension == "xml",
    }
}

/// Copies matching files from `tests/fixtures` and `tests/golden` into the target's corpus
/// (once: existing seeds are left alone, and so is everything the fuzzer added).
fn seed_corpus(project: &Project, target: &str) -> Result {
    let corpus = project.path(&format!("fuzz/corpus/{target}"));
    fs::create_dir_all(&corpus).context(|| format!("creating {}", corpus.display()))?;
    for folder in ["tests/fixtures", "tests/golden"] {
        let dir = project.path(folder);
        let entries = fs::read_dir(&dir).context(|| format!("listing {}", dir.display()))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !seeds_for(target, &name) {
                continue;
            }
            let seed = corpus.join(format!("seed-{name}"));
            if !seed.exists() {
                fs::copy(entry.path(), &seed)
                    .context(|| format!("copying {} into the corpus", entry.path().display()))?;
            }
        }
    }
    Ok(())
}

fn run_target(project: &Project, target: &str, seconds: u64) -> Result<Outcome> {
    let artifacts = project.path(&format!("fuzz/artifacts/{target}"));
    fs::create_dir_all(&artifacts).context(|| format!("creating {}", artifacts.display()))?;
    let log_path = artifacts.join("last-run.log");
    let log = fs::File::create(&log_path).context(|| format!("creating {}", log_path.display()))?;
    let mut cmd = project.cmd("cargo");
    cmd.args([
        "+nightly",
        "fuzz",
        "run",
        "--fuzz-dir",
        "fuzz",
        "-O",
        target,
        "--",
    ])
    .arg(format!("-max_total_time={seconds}"))
    .arg(format!("-timeout={HANG_SECONDS}"))
    .arg(format!("-max_len={MAX_LEN}"))
    .arg("-print_final_stats=1")
    .stdin(Stdio::null())
    .stderr(Stdio::from(log));
    println!(
        "fuzzing {target} for {seconds}s (libFuzzer log: {})",
        log_path.display()
    );
    // Generous margin for start-up and a final slow input; a run past it is itself a hang.
    let limit = Duration::from_secs(seconds + 120 + HANG_SECONDS);
    let result = run_with_timeout(&mut cmd, limit);
    let text = fs::read_to_string(&log_path).unwrap_or_default();
    let (runs, run_seconds) = parse_done(&text);
    let failure = result.err().map(|error| {
        let reason = text
            .lines()
            .find(|line| {
                line.contains("ERROR: libFuzzer")
                    || line.contains("==ERROR:")
                    || line.contains("panicked at")
            })
            .unwrap_or("see the log")
            .trim()
            .to_string();
        format!("{error}; {reason}")
    });
    Ok(Outcome {
        target: target.to_string(),
        runs: runs.or_else(|| stat(&text, "stat::number_of_executed_units:")),
        seconds: run_seconds,
        failure,
    })
}

/// libFuzzer's last line: `Done 123456 runs in 61 second(s)`.
fn parse_done(log: &str) -> (Option<u64>, Option<u64>) {
    for line in log.lines().rev() {
        if let Some(rest) = line.trim().strip_prefix("Done ") {
            let mut words = rest.split_whitespace();
            let runs = words.next().and_then(|n| n.parse().ok());
            let seconds = words.nth(2).and_then(|n| n.parse().ok());
            return (runs, seconds);
        }
    }
    (None, None)
}

/// A `-print_final_stats=1` value, e.g. `stat::number_of_executed_units: 123456`.
fn stat(log: &str, key: &str) -> Option<u64> {
    log.lines()
        .rev()
        .find_map(|line| line.trim().strip_prefix(key))
        .and_then(|value| value.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzers_final_lines() {
        let log = "#1048576 pulse  cov: 900 ft: 2000 corp: 100/10Kb exec/s: 17000\n\
                   stat::number_of_executed_units: 1050000\n\
                   Done 1050000 runs in 61 second(s)\n";
        assert_eq!(parse_done(log), (Some(1_050_000), Some(61)));
        assert_eq!(
            stat(log, "stat::number_of_executed_units:"),
            Some(1_050_000)
        );
        assert_eq!(parse_done("crash"), (None, None));
    }

    #[test]
    fn finds_targets_in_the_fuzz_manifest() {
        let manifest = "[package]\nname = \"saml-idp-kit-fuzz\"\n[dependencies]\nname = \"x\"\n\
                        [[bin]]\nname = \"key\"\npath = \"k.rs\"\n[[bin]]\nname = \"response\"\n";
        let found = targets(manifest);
        assert_eq!(found, ["key", "response"]);
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(chosen_targets(&found, &[]).ok(), Some(found.clone()));
        assert_eq!(
            chosen_targets(&found, &strings(&["response"])).ok(),
            Some(strings(&["response"]))
        );
        assert!(chosen_targets(&found, &strings(&["nope"])).is_err());
        assert!(chosen_targets(&[], &[]).is_err());
    }

    #[test]
    fn the_repositorys_fuzz_targets_are_found() {
        let manifest = include_str!("../../fuzz/Cargo.toml");
        let found = targets(manifest);
        for target in ["key", "certificate", "metadata"] {
            assert!(found.iter().any(|t| t == target), "{target} in {found:?}");
        }
    }

    #[test]
    fn seeds_match_their_targets() {
        assert!(seeds_for("key", "rsa2048.key"));
        assert!(seeds_for("certificate", "openssl-guide.crt"));
        assert!(seeds_for("metadata", "jumpcloud-idp-metadata.xml"));
        assert!(!seeds_for("metadata", "rsa2048.key"));
        assert!(!seeds_for("key", "idp-metadata.xml"));
        assert!(seeds_for("response", "idp-metadata.xml"));
    }
}
