//! The bench report as the text table printed at the end of a run.

use std::fmt::Write as _;
use std::time::Duration;

use super::measure::busy_note;
use super::report::Report;
use super::stats::Stats;

fn stats_line(t: &mut String, label: &str, s: &Stats) {
    let _ = writeln!(
        t,
        "{:<52} {:>4} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
        label, s.n, s.median, s.p95, s.min, s.max
    );
}

/// The table; `took` is the whole run.
pub fn table(report: &Report, took: Duration) -> String {
    let env = &report.environment;
    let mut t = String::new();
    let load = |l: Option<f64>| l.map_or("?".to_string(), |l| format!("{l:.2}"));
    let _ = writeln!(t, "SAML IdP Kit bench  {}  ({})", env.timestamp, env.git);
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
    for row in &report.rows {
        stats_line(&mut t, row.label, &row.stats);
    }
    let lt = &report.longtasks;
    let _ = writeln!(
        t,
        "Long tasks during Generate, WebCrypto path: {} in {} of {} runs, longest {:.0} ms",
        lt.total, lt.runs_with_any, lt.runs, lt.longest
    );
    stats_line(
        &mut t,
        "  duration of each long task, WebCrypto path",
        &lt.durations,
    );
    stats_line(
        &mut t,
        "  longest task per run, fallback path",
        &lt.fallback_longest,
    );
    let _ = writeln!(t);
    for (_, label, ratio) in &report.ratios {
        let _ = writeln!(t, "{label:<52} {ratio:>9.2}x");
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{:<52} {:>10} {:>10} {:>10}",
        "size (bytes)", "raw", "gzip -9", "brotli"
    );
    for size in &report.sizes {
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
        100.0 * report.wasm_share_raw,
        100.0 * report.wasm_share_gzip
    );
    let _ = writeln!(t);
    let _ = writeln!(t, "goals");
    for goal in &report.goals {
        let _ = writeln!(
            t,
            "  {:<4}  {:<58} {}",
            if goal.pass { "PASS" } else { "MISS" },
            goal.text,
            goal.detail
        );
    }
    let _ = writeln!(t);
    for (name, summary) in &report.summaries {
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
        report.runs, report.fallback_runs, report.gzip_tool,
    );
    let _ = write!(t, "took {:.0} s ({phases})", took.as_secs_f64());
    t
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(1_096_137.0), "1,096,137");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1000.0), "1,000");
    }
}
