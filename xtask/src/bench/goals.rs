//! The project's speed and size goals, each met (PASS) or missed (MISS) with its margin.

use serde::{Serialize, Serializer};

use super::report::LongTasks;
use super::stats::Stats;

/// A goal of the project, met or missed.
#[derive(Serialize)]
pub struct Goal {
    #[serde(rename = "goal")]
    pub key: &'static str,
    pub text: &'static str,
    #[serde(rename = "status", serialize_with = "pass_or_miss")]
    pub pass: bool,
    pub value: f64,
    pub limit: f64,
    pub detail: String,
}

fn pass_or_miss<S: Serializer>(pass: &bool, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(if *pass { "PASS" } else { "MISS" })
}

/// "No long task over 50 ms during Generate", with how many and how long when it misses.
pub fn long_task_goal(longtasks: &LongTasks) -> Goal {
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
    }
}

/// The page's size goal, from its gzip -9 size in bytes (the full run and `--size-only`).
pub fn size_goal(html_gzip_bytes: f64) -> Goal {
    goal_at_most(
        "gzip_size",
        "dist/index.html <= 350 KB gzip",
        html_gzip_bytes / super::report::KB,
        350.0,
        "KB",
    )
}

/// A `value <= limit` goal; the detail says the margin either way.
pub fn goal_at_most(
    key: &'static str,
    text: &'static str,
    value: f64,
    limit: f64,
    unit: &str,
) -> Goal {
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

/// Fewest interleaved runs the Generate-to-WebCrypto ratio is judged on (key generation time is
/// random: a prime search).
pub const RATIO_MIN_RUNS: usize = 30;

/// Post-key latency: from WebCrypto's `generateKey` resolving to the fingerprint in the DOM,
/// median within one frame's budget (16 ms) and p95 within 50 ms; and no long task (> 50 ms)
/// from the key's arrival until every section shows the new certificate.
pub fn post_key_goals(latency: &Stats, longest_task: &Stats) -> Vec<Goal> {
    let longest = longest_task.max;
    let over = longest_task.samples.iter().filter(|&&t| t > 50.0).count();
    vec![
        goal_at_most(
            "post_key_median",
            "Post-key median <= 16 ms (generateKey -> fingerprint)",
            latency.median,
            16.0,
            "ms",
        ),
        goal_at_most(
            "post_key_p95",
            "Post-key p95 <= 50 ms",
            latency.p95,
            50.0,
            "ms",
        ),
        Goal {
            key: "post_key_no_long_task",
            text: "No long task over 50 ms after the key (to all sections)",
            pass: longest_task.n > 0 && longest <= 50.0,
            value: longest,
            limit: 50.0,
            detail: if longest_task.n == 0 {
                "no runs measured".to_string()
            } else if longest <= 50.0 {
                format!("longest {longest:.0} ms in {} runs", longest_task.n)
            } else {
                format!(
                    "{over} of {} runs had one; longest {longest:.0} ms (over by {:.0} ms)",
                    longest_task.n,
                    longest - 50.0
                )
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn post_key_goals_judge_median_p95_and_long_tasks() {
        let fast = Stats::of(&[8.0, 9.0, 10.0, 12.0]);
        let none = Stats::of(&[0.0, 0.0, 0.0, 0.0]);
        assert!(post_key_goals(&fast, &none).iter().all(|g| g.pass));
        let slow = Stats::of(&[60.0, 64.0, 66.0, 70.0]);
        let long = Stats::of(&[0.0, 68.0, 0.0, 52.0]);
        let goals = post_key_goals(&slow, &long);
        assert!(goals.iter().all(|g| !g.pass));
        assert_eq!(
            goals[2].detail,
            "2 of 4 runs had one; longest 68 ms (over by 18 ms)"
        );
        assert!(
            !post_key_goals(&fast, &Stats::of(&[]))[2].pass,
            "no runs is no pass"
        );
    }
}
