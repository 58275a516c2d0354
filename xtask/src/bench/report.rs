//! The bench report: statistics from the raw samples, the goals met or missed, and the JSON
//! written to target/bench/ (the text table is in `table.rs`).

use std::time::Duration;

use serde::{Serialize, Serializer};

use super::crates::WasmSizes;
use super::goals::{Goal, RATIO_MIN_RUNS, goal_at_most, long_task_goal, size_goal};
use super::measure::{OpensslTimes, Samples};
use super::post_key::post_key;
use super::stats::Stats;
use crate::util::{Context, Result};

/// 1 KB = 1000 bytes in the size goal and the table.
pub const KB: f64 = 1000.0;

/// Where and on what the figures were taken.
#[derive(Serialize)]
pub struct Environment {
    /// `2026-11-29T17:03:04Z`, when the run started.
    #[serde(skip)]
    pub timestamp: String,
    pub chromium: String,
    pub openssl: String,
    pub node: String,
    pub cpus: usize,
    #[serde(rename = "loadavg_1min_before")]
    pub load_before: Option<f64>,
    #[serde(rename = "loadavg_1min_after")]
    pub load_after: Option<f64>,
    pub git: String,
    #[serde(rename = "dist_index_html_sha256")]
    pub dist_sha256: String,
    /// How long each part of the run took (the table and JSON add the total).
    #[serde(skip)]
    pub phases: Vec<(&'static str, Duration)>,
}

/// One timed row of the table.
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub stats: Stats,
}

/// Bytes of one thing: raw, gzip -9, brotli.
#[derive(Serialize)]
pub struct Size {
    #[serde(skip)]
    pub key: &'static str,
    #[serde(skip)]
    pub label: &'static str,
    pub raw: f64,
    #[serde(rename = "gzip9")]
    pub gzip: f64,
    #[serde(rename = "brotli11")]
    pub brotli: f64,
}

/// Long tasks seen between the click and the fingerprint.
#[derive(Serialize)]
pub struct LongTasks {
    pub runs: usize,
    #[serde(rename = "runs_with_long_tasks")]
    pub runs_with_any: usize,
    #[serde(rename = "count")]
    pub total: usize,
    #[serde(rename = "longest_ms")]
    pub longest: f64,
    #[serde(rename = "durations_ms")]
    pub durations: Stats,
    /// The fallback path's longest task per run (a JSON field of its own).
    #[serde(skip)]
    pub fallback_longest: Stats,
}

pub struct Report {
    pub runs: usize,
    pub fallback_runs: usize,
    pub environment: Environment,
    pub rows: Vec<Row>,
    /// (key, label, ratio of medians).
    pub ratios: Vec<(&'static str, &'static str, f64)>,
    pub longtasks: LongTasks,
    pub sizes: Vec<Size>,
    pub wasm_share_raw: f64,
    pub wasm_share_gzip: f64,
    /// `gzip -9` (GNU gzip) or `zlib level 9` when gzip is not installed.
    pub gzip_tool: String,
    pub summaries: Vec<(&'static str, String)>,
    pub goals: Vec<Goal>,
    /// The wasm's size table.
    pub wasm: WasmSizes,
}

/// A JSON object whose keys keep the order given (serde_json's own map sorts them).
struct Ordered<'a, V>(Vec<(&'a str, V)>);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[derive(Serialize)]
struct Json<'a> {
    schema: u32,
    timestamp: &'a str,
    runs: usize,
    fallback_runs: usize,
    duration_s: f64,
    environment: &'a Environment,
    phases_s: Ordered<'a, f64>,
    timings_ms: Ordered<'a, &'a Stats>,
    ratios_of_medians: Ordered<'a, f64>,
    long_tasks_webcrypto_generate: &'a LongTasks,
    long_tasks_fallback_longest_per_run_ms: &'a Stats,
    sizes_bytes: Ordered<'a, &'a Size>,
    wasm_share: Ordered<'a, f64>,
    gzip_tool: &'a str,
    summaries: Ordered<'a, &'a str>,
    goals: &'a [Goal],
    wasm_size_table: &'a WasmSizes,
}

impl Report {
    pub fn new(
        runs: usize,
        fallback_runs: usize,
        environment: Environment,
        openssl: &OpensslTimes,
        browser: &Samples,
        wasm_sizes: WasmSizes,
    ) -> Result<Self> {
        let stats = |name: &str| browser.samples(name).map(|s| Stats::of(&s));
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
        let wasm = size("wasm", "  wasm (unpacked from the data block)", "wasm")?;
        let rest = size("rest", "  rest of the file (HTML, CSS, JS)", "rest")?;
        let wasm_share_raw = browser.value("wasm_base64_bytes")? / html.raw;
        let wasm_share_gzip = 1.0 - rest.gzip / html.gzip;

        let (post_key_rows, post_key_goals) = post_key(browser)?;
        let mut goals = vec![
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
            long_task_goal(&longtasks),
            goal_at_most(
                "startup_median",
                "Start-up median <= 150 ms from disk",
                startup.median,
                150.0,
                "ms",
            ),
            goal_at_most(
                "fallback_median",
                "Fallback Generate median <= 400 ms (built-in RSA, worker)",
                fallback.median,
                400.0,
                "ms",
            ),
            goal_at_most(
                "fallback_longest_task",
                "No long task over 50 ms during Generate (fallback path)",
                // 0 in a run without long tasks; every long task is at least 50 ms.
                longtasks.fallback_longest.max,
                50.0,
                "ms",
            ),
            size_goal(html.gzip),
        ];
        goals.extend(post_key_goals);
        if runs < RATIO_MIN_RUNS {
            for goal in goals
                .iter_mut()
                .filter(|g| g.key == "generate_vs_webcrypto")
            {
                goal.detail.push_str(&format!(
                    " [only {runs} runs; judge on >= {RATIO_MIN_RUNS}]"
                ));
            }
        }
        let ratios = vec![
            (
                "generate_over_raw_webcrypto",
                "Generate / raw generateKey (medians)",
                generate.median / raw.median,
            ),
            (
                "generate_over_openssl",
                "Generate / OpenSSL pair (medians)",
                generate.median / openssl_pair.median,
            ),
            (
                "fallback_over_openssl",
                "Fallback Generate / OpenSSL pair (medians)",
                fallback.median / openssl_pair.median,
            ),
        ];

        let row = |key, label, stats| Row { key, label, stats };
        let mut rows = vec![
            row(
                "generate_webcrypto",
                "Generate, WebCrypto path (click -> fingerprint)",
                generate,
            ),
            row(
                "raw_generatekey",
                "  raw crypto.subtle.generateKey, fresh pages",
                raw,
            ),
            row(
                "generate_webcrypto_app_reported",
                "  the page's own \"Done in\" figure",
                stats("generate_webcrypto_reported_ms")?,
            ),
            row(
                "generate_fallback",
                "Generate, fallback path (built-in RSA, no subtle)",
                fallback,
            ),
            row(
                "openssl_pair",
                "OpenSSL genrsa 2048 + req -x509 (processes)",
                openssl_pair,
            ),
            row(
                "openssl_genrsa",
                "  openssl genrsa 2048",
                Stats::of(&openssl.genrsa),
            ),
            row(
                "openssl_req",
                "  openssl req -new -x509 -sha256 -days 1095",
                Stats::of(&openssl.req),
            ),
            row(
                "startup",
                "Start-up: navigation -> interactive (in page)",
                startup,
            ),
            row(
                "startup_html_parsed",
                "  of which: HTML parsed (domInteractive)",
                stats("startup_parsed_ms")?,
            ),
            row(
                "startup_wasm_base64_decode",
                "  of which: wasm base64 decode",
                stats("startup_decode_ms")?,
            ),
            row(
                "startup_wasm_instantiate",
                "  of which: wasm unpack + compile + instantiate",
                stats("startup_instantiate_ms")?,
            ),
            row(
                "startup_instantiated_to_interactive",
                "  of which: instantiated -> interactive (render)",
                stats("startup_after_instantiate_ms")?,
            ),
            row(
                "empty_page_parsed",
                "  for scale: an empty page, to domInteractive",
                stats("empty_page_parsed_ms")?,
            ),
            row(
                "startup_seen_by_playwright",
                "  as seen by Playwright (goto -> detected)",
                stats("startup_seen_ms")?,
            ),
        ];

        // Beside the Generate rows (after the page's own "Done in" figure).
        let at = rows
            .iter()
            .position(|r| r.key == "generate_webcrypto_app_reported")
            .map_or(rows.len(), |i| i + 1);
        rows.splice(at..at, post_key_rows);

        Ok(Report {
            runs,
            fallback_runs,
            environment,
            rows,
            ratios,
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
            wasm: wasm_sizes,
        })
    }

    /// The report as pretty-printed JSON (every sample included), `took` being the whole run.
    pub fn json(&self, took: Duration) -> Result<String> {
        let env = &self.environment;
        let doc = Json {
            schema: 1,
            timestamp: &env.timestamp,
            runs: self.runs,
            fallback_runs: self.fallback_runs,
            duration_s: took.as_secs_f64(),
            environment: env,
            phases_s: Ordered(
                env.phases
                    .iter()
                    .map(|&(name, d)| (name, d.as_secs_f64()))
                    .collect(),
            ),
            timings_ms: Ordered(self.rows.iter().map(|r| (r.key, &r.stats)).collect()),
            ratios_of_medians: Ordered(self.ratios.iter().map(|&(k, _, v)| (k, v)).collect()),
            long_tasks_webcrypto_generate: &self.longtasks,
            long_tasks_fallback_longest_per_run_ms: &self.longtasks.fallback_longest,
            sizes_bytes: Ordered(self.sizes.iter().map(|s| (s.key, s)).collect()),
            wasm_share: Ordered(vec![
                ("raw", self.wasm_share_raw),
                ("gzip9", self.wasm_share_gzip),
            ]),
            gzip_tool: &self.gzip_tool,
            summaries: Ordered(
                self.summaries
                    .iter()
                    .map(|(k, v)| (*k, v.as_str()))
                    .collect(),
            ),
            goals: &self.goals,
            wasm_size_table: &self.wasm,
        };
        let mut text =
            serde_json::to_string_pretty(&doc).context(|| "writing the JSON report".to_string())?;
        text.push('\n');
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_and_ordered_maps_in_json() -> std::result::Result<(), serde_json::Error> {
        let goal = goal_at_most("gzip_size", "t", 400.0, 350.0, "KB");
        let json = serde_json::to_string(&goal)?;
        assert!(
            json.starts_with(r#"{"goal":"gzip_size","text":"t","status":"MISS","value":400.0"#)
        );
        let ordered = serde_json::to_string(&Ordered(vec![("z", 1), ("a", 2)]))?;
        assert_eq!(ordered, r#"{"z":1,"a":2}"#);
        Ok(())
    }
}
