//! `cargo xtask serve`: a debug build served by Trunk with live reload.

use crate::setup;
use crate::util::{self, Project, Result, toml_raw};

/// Runs setup (Trunk included: only this command uses it), then `trunk serve` until interrupted.
pub fn run(project: &Project) -> Result {
    setup::run(project, setup::Scope::Everything)?;
    // Trunk.toml `[serve]` holds the address and port; we read them only to print the URL.
    let trunk_toml = project.read("Trunk.toml")?;
    let address = toml_raw(&trunk_toml, "serve", "addresses")
        .and_then(|list| {
            list.trim_matches(['[', ']'])
                .split(',')
                .next()
                .map(|first| first.trim().trim_matches('"').to_string())
        })
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "127.0.0.1".to_string());
    let port = toml_raw(&trunk_toml, "serve", "port").unwrap_or_else(|| "8080".to_string());
    println!("serve: http://{address}:{port}/ (live reload; Ctrl-C stops)");
    // `--offline`: never download tools and skip Trunk's online version check.
    util::run(project.cmd("trunk").args(["serve", "--offline"]))
}
