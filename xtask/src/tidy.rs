//! Repository rules, checked by `cargo test` (so by the native-tests stage of `cargo xtask
//! test`) and by `cargo xtask tidy`, in the manner of rust-analyzer's tidy tests. Each rule
//! says what to do when it fails.

use crate::util::{self, Project, Result};

/// `cargo xtask tidy`: runs only the rules below (`cargo test --workspace`, a stage of `cargo
/// xtask test`, runs them with every other test).
pub fn run(project: &Project) -> Result {
    util::run(
        project
            .cmd("cargo")
            .args(["test", "--package", "xtask", "--", "tidy::"]),
    )
}

/// The rules for .github/: actions pinned by commit, actionlint clean.
#[cfg(test)]
mod workflows;

#[cfg(test)]
mod rules {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// Longest source file, in lines, unless it is on [`LONG_FILES`].
    const MAX_LINES: usize = 400;

    /// Source files allowed to reach [`MAX_LINES`], each with the reason. Shrinking a file under
    /// the limit means taking it off this list (the test says so).
    const LONG_FILES: &[(&str, &str)] = &[
        (
            "static/style.css",
            "the page's whole stylesheet, inlined as one <style>; splitting it needs a CSS build step",
        ),
        (
            "tests/it/setup/form.rs",
            "table-driven validation cases for every form field, one line each",
        ),
        (
            "tests/it/pki.rs",
            "key, certificate and subject tests; to split per src/pki module",
        ),
        (
            "tests/it/response.rs",
            "every signed-response fixture against python3-saml's verdict; to split by check line",
        ),
        (
            "tests/e2e/webdriver/client.mjs",
            "driver processes, downloads and bounded selenium-webdriver commands for two engines",
        ),
    ];

    /// Files outside the browser edge (src/browser.rs and its submodules in src/browser/) that
    /// still call `web_sys::` directly. Empty this list by moving the calls there.
    const WEB_SYS_ALLOWED: &[&str] = &[];

    /// Extensions of the files the line limit applies to.
    const SOURCE_EXTENSIONS: &[&str] = &["rs", "mjs", "js", "css", "html", "sh", "toml"];

    /// Folders of test data (byte-exact inputs and expected outputs), which no rule applies to.
    const DATA_FOLDERS: &[&str] = &["tests/fixtures/", "tests/golden/"];

    pub(super) fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
    }

    /// Every file git tracks or would track (ignored files excluded), as `/`-separated paths
    /// relative to the root, that still exists.
    pub(super) fn files() -> Vec<String> {
        let root = root();
        let output = Command::new("git")
            .args([
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ])
            .current_dir(&root)
            .output();
        let output = match output {
            Ok(output) if output.status.success() => output.stdout,
            other => panic!("tidy needs a git checkout: `git ls-files` failed: {other:?}"),
        };
        let mut files: Vec<String> = output
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|p| root.join(p).is_file())
            .collect();
        files.sort();
        files.dedup();
        files
    }

    /// The text of `rel`, or None for binary (non-UTF-8) files.
    pub(super) fn text(rel: &str) -> Option<String> {
        std::fs::read_to_string(root().join(rel)).ok()
    }

    fn is_data(rel: &str) -> bool {
        DATA_FOLDERS.iter().any(|folder| rel.starts_with(folder))
    }

    pub(super) fn extension(rel: &str) -> &str {
        Path::new(rel)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
    }

    /// What points outside the repository, as (line, what) pairs. The words are assembled so
    /// that this file does not match itself.
    fn outside_references(text: &str) -> Vec<(usize, String)> {
        let words = [
            format!("../{}", "shared"),
            format!("FIELD-{}", "NOTES"),
            format!("DESIGN{}", ".md"),
        ];
        let issue = format!("{} ", "issue");
        let mut found = Vec::new();
        for (i, line) in text.lines().enumerate() {
            for word in &words {
                if line.contains(word.as_str()) {
                    found.push((i + 1, word.clone()));
                }
            }
            let numbered = line.match_indices(&issue).any(|(at, _)| {
                line[at + issue.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            });
            if numbered {
                found.push((i + 1, format!("{issue}<number>")));
            }
        }
        found
    }

    #[test]
    fn no_reference_outside_the_repository() {
        let mut problems = Vec::new();
        for rel in files() {
            let Some(text) = text(&rel) else { continue };
            for (line, what) in outside_references(&text) {
                problems.push(format!("{rel}:{line}: {what}"));
            }
        }
        assert!(
            problems.is_empty(),
            "these lines point at something outside the repository (notes, design files or \
             issue numbers a clone does not have):\n  {}\nMove the fact into docs/ (e.g. \
             docs/toolchain.md) and point there, or say the thing itself.",
            problems.join("\n  ")
        );
    }

    /// src/browser.rs and its submodules: the only code that may touch web-sys.
    fn is_browser_edge(rel: &str) -> bool {
        rel == "src/browser.rs" || rel.starts_with("src/browser/")
    }

    #[test]
    fn web_sys_only_in_the_browser_edge() {
        let needle = format!("{}::", "web_sys");
        let users: Vec<String> = files()
            .into_iter()
            .filter(|rel| rel.starts_with("src/") && rel.ends_with(".rs"))
            .filter(|rel| text(rel).is_some_and(|t| t.contains(&needle)))
            .collect();
        let unexpected: Vec<&String> = users
            .iter()
            .filter(|rel| !is_browser_edge(rel) && !WEB_SYS_ALLOWED.contains(&rel.as_str()))
            .collect();
        assert!(
            unexpected.is_empty(),
            "{needle} used outside src/browser.rs (and src/browser/) in {unexpected:?}. That is \
             the only browser edge: add a function there and call it instead."
        );
        let stale: Vec<&&str> = WEB_SYS_ALLOWED
            .iter()
            .filter(|allowed| !users.iter().any(|u| u == *allowed))
            .collect();
        assert!(
            stale.is_empty(),
            "{stale:?} no longer use {needle}: remove them from WEB_SYS_ALLOWED in xtask/src/tidy.rs."
        );
    }

    /// One module-file style: `foo.rs` beside `foo/`, as rustc and rust-analyzer prefer, never
    /// `foo/mod.rs`, so a module's file is found by its name.
    #[test]
    fn no_mod_rs_files() {
        let found: Vec<String> = files()
            .into_iter()
            .filter(|rel| rel == "mod.rs" || rel.ends_with("/mod.rs"))
            .filter(|rel| !is_data(rel))
            .collect();
        assert!(
            found.is_empty(),
            "module files named mod.rs: {found:?}. Rename each to the folder's name beside the folder (src/x/mod.rs -> src/x.rs)."
        );
    }

    #[test]
    fn source_files_are_short() {
        let files = files();
        let mut too_long = Vec::new();
        let mut stale = Vec::new();
        for rel in &files {
            if is_data(rel) || !SOURCE_EXTENSIONS.contains(&extension(rel)) {
                continue;
            }
            let Some(text) = text(rel) else { continue };
            let lines = text.lines().count();
            let listed = LONG_FILES.iter().any(|(path, _)| path == rel);
            if lines >= MAX_LINES && !listed {
                too_long.push(format!("{rel} ({lines} lines)"));
            }
            if lines < MAX_LINES && listed {
                stale.push(format!("{rel} ({lines} lines)"));
            }
        }
        for (path, _) in LONG_FILES {
            if !files.iter().any(|f| f == path) {
                stale.push(format!("{path} (gone)"));
            }
        }
        assert!(
            too_long.is_empty(),
            "source files of {MAX_LINES} lines or more: {too_long:?}. Split them into modules, or, if \
             one really belongs together, add it to LONG_FILES in xtask/src/tidy.rs with the reason."
        );
        assert!(
            stale.is_empty(),
            "listed in LONG_FILES but under {MAX_LINES} lines or gone: {stale:?}. Remove them from \
             LONG_FILES in xtask/src/tidy.rs."
        );
        assert!(
            LONG_FILES
                .iter()
                .all(|(_, reason)| !reason.trim().is_empty()),
            "every LONG_FILES entry needs a reason"
        );
    }

    /// The subcommands declared in flags.rs (`cmd name {` lines inside `cmd xtask`).
    fn commands(flags: &str) -> Vec<String> {
        flags
            .lines()
            .map(str::trim)
            .filter_map(|line| line.strip_prefix("cmd "))
            .filter_map(|rest| rest.split_whitespace().next())
            .filter(|name| *name != "xtask")
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn readme_mentions_every_command() {
        let (Some(flags), Some(readme)) = (text("xtask/src/flags.rs"), text("README.md")) else {
            panic!("tidy reads xtask/src/flags.rs and README.md; one of them is missing");
        };
        let commands = commands(&flags);
        assert!(
            commands.len() >= 8,
            "found only {commands:?} in xtask/src/flags.rs"
        );
        let missing: Vec<&String> = commands
            .iter()
            .filter(|c| !readme.contains(&format!("cargo xtask {c}")))
            .collect();
        assert!(
            missing.is_empty(),
            "README.md never shows `cargo xtask <command>` for {missing:?}: say there what each does."
        );
    }

    #[test]
    fn the_rules_find_what_they_look_for() {
        let bad = format!(
            "see ../{}/x and {} 12\nfine issue tracker\n",
            "shared", "issue"
        );
        let found = outside_references(&bad);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, 1);
        assert!(outside_references("no such thing; an issue is fine").is_empty());
        assert!(is_browser_edge("src/browser.rs") && is_browser_edge("src/browser/worker.rs"));
        assert!(!is_browser_edge("src/app/app.rs") && !is_browser_edge("src/browser_x.rs"));
        assert_eq!(
            commands("cmd xtask {\n  cmd setup {}\n  /// x\n  cmd fuzz {\n"),
            ["setup", "fuzz"]
        );
    }
}
