//! Post-key latency on the WebCrypto path: from `generateKey` resolving to the fingerprint in
//! the DOM, with the next frame, every section shown and the longest task after the key; as
//! table rows beside Generate and as goals (`goals::post_key_goals`).

use super::goals::{Goal, post_key_goals};
use super::measure::Samples;
use super::report::Row;
use super::stats::Stats;
use crate::util::Result;

/// The post-key rows (beside the Generate rows) and goals.
pub fn post_key(browser: &Samples) -> Result<(Vec<Row>, Vec<Goal>)> {
    let stats = |name: &str| browser.samples(name).map(|s| Stats::of(&s));
    let latency = stats("post_key_ms")?;
    let longest_task = stats("post_key_longtask_longest_ms")?;
    let goals = post_key_goals(&latency, &longest_task);
    let rows = vec![
        Row {
            key: "post_key",
            label: "Post-key: generateKey resolved -> fingerprint in DOM",
            stats: latency,
        },
        Row {
            key: "post_key_next_frame",
            label: "  then to the next animation frame (information)",
            stats: stats("post_key_frame_ms")?,
        },
        Row {
            key: "post_key_all_sections",
            label: "  generateKey resolved -> every section shown",
            stats: stats("post_key_settled_ms")?,
        },
        Row {
            key: "post_key_longest_task",
            label: "  longest task per run after the key",
            stats: longest_task,
        },
    ];
    Ok((rows, goals))
}
