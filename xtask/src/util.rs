//! Helpers shared by the commands: the error type, the project paths, finding and running
//! programs (with time limits), and reading the few pinned versions from the repository.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

mod timeout;
pub use timeout::run_with_timeout;

/// A failure with a message meant for the person at the terminal.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// An error with `msg`.
    pub fn from_msg(msg: impl Into<String>) -> Self {
        Error(msg.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Result with [`Error`]; every command returns `Result<()>`.
pub type Result<T = ()> = std::result::Result<T, Error>;

/// Returns an [`Error`] with `msg`.
pub fn fail<T>(msg: impl Into<String>) -> Result<T> {
    Err(Error(msg.into()))
}

/// Adds what we were doing to a lower-level error (io, utf-8, ...).
pub trait Context<T> {
    /// Prefixes the error with `what()`.
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error(format!("{}: {e}", what())))
    }
}

/// Where things are, and the PATH every child process gets.
pub struct Project {
    /// The repository root (the workspace with `Cargo.toml`, `index.html`, `Trunk.toml`).
    pub root: PathBuf,
    /// `$CARGO_HOME` (default `~/.cargo`); `cargo install` puts trunk and wasm-bindgen in its `bin`.
    pub cargo_home: PathBuf,
    /// PATH for children: the npm build tools and `$CARGO_HOME/bin` first, so the pinned
    /// wasm-opt wins over an old distribution binaryen and the pinned trunk over any other.
    path: OsString,
}

impl Project {
    /// Locates the repository from where this xtask was compiled (it lives in `<root>/xtask`).
    pub fn locate() -> Result<Self> {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let Some(root) = manifest_dir.parent() else {
            return fail("xtask must live in a subfolder of the repository");
        };
        let cargo_home = match std::env::var_os("CARGO_HOME") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => match std::env::var_os("HOME") {
                Some(home) => Path::new(&home).join(".cargo"),
                None => return fail("neither CARGO_HOME nor HOME is set"),
            },
        };
        let mut dirs = vec![
            root.join("tools").join("node_modules").join(".bin"),
            cargo_home.join("bin"),
        ];
        if let Some(old) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&old));
        }
        let path = std::env::join_paths(dirs).context(|| "building PATH".to_string())?;
        Ok(Project {
            root: root.to_path_buf(),
            cargo_home,
            path,
        })
    }

    /// `<root>/<rel>`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads `<root>/<rel>` as UTF-8.
    pub fn read(&self, rel: &str) -> Result<String> {
        std::fs::read_to_string(self.path(rel)).context(|| format!("reading {rel}"))
    }

    /// Finds `program` on the child PATH (None when it is not installed).
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        std::env::split_paths(&self.path)
            .map(|dir| dir.join(program))
            .find(|candidate| is_executable(candidate))
    }

    /// A command for `program` (resolved on the child PATH) run in the repository root.
    ///
    /// We resolve the program ourselves because `Command` searches the parent's PATH, not
    /// the one we hand to the child.
    pub fn cmd(&self, program: &str) -> Command {
        let resolved = self
            .which(program)
            .map(PathBuf::into_os_string)
            .unwrap_or_else(|| OsString::from(program));
        let mut cmd = Command::new(resolved);
        cmd.current_dir(&self.root).env("PATH", &self.path);
        cmd
    }

    /// First line of `program <args>` output (stdout, else stderr), or None when it cannot run.
    pub fn version_line(&self, program: &str, args: &[&str]) -> Option<String> {
        let output = self
            .cmd(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let text = if output.stdout.is_empty() {
            output.stderr
        } else {
            output.stdout
        };
        String::from_utf8_lossy(&text)
            .lines()
            .next()
            .map(|line| line.trim().to_string())
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// `program arg arg ...` for logs.
pub fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or_else(|| cmd.get_program());
    std::iter::once(program)
        .chain(cmd.get_args())
        .map(OsStr::to_string_lossy)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `cmd` to completion, echoing it first; a non-zero exit is an error.
pub fn run(cmd: &mut Command) -> Result {
    let line = describe(cmd);
    println!("$ {line}");
    let status = cmd
        .status()
        .context(|| format!("could not start `{line}`"))?;
    check_status(&line, status)
}

/// Runs `cmd` and returns its stdout; a non-zero exit is an error that shows stderr.
pub fn capture(cmd: &mut Command) -> Result<String> {
    let line = describe(cmd);
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .context(|| format!("could not start `{line}`"))?;
    if !output.status.success() {
        return fail(format!(
            "`{line}` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    String::from_utf8(output.stdout).context(|| format!("`{line}` printed non-UTF-8 output"))
}

pub(crate) fn check_status(line: &str, status: ExitStatus) -> Result {
    if status.success() {
        Ok(())
    } else {
        fail(format!("`{line}` failed ({status})"))
    }
}

/// The string value of `key = "value"` in `[section]` of a simple TOML file (`""` is the
/// top level). Enough for Trunk.toml and Cargo.toml, which we only read a few keys from;
/// a full TOML parser would be the one sizeable dependency of this crate.
pub fn toml_string(text: &str, section: &str, key: &str) -> Option<String> {
    toml_raw(text, section, key)?
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_string)
}

/// The unparsed value of `key = ...` in `[section]` (single-line values only).
pub fn toml_raw(text: &str, section: &str, key: &str) -> Option<String> {
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            current = header.trim_end_matches(']').trim().to_string();
            continue;
        }
        if current != section {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() == key {
            let v = v.trim();
            return Some(
                v.split_once(" #")
                    .map_or(v, |(value, _)| value)
                    .trim()
                    .to_string(),
            );
        }
    }
    None
}

/// The version of `crate_name` in Cargo.lock; an error when it is absent or locked twice
/// (two wasm-bindgen versions could not both match one CLI).
pub fn locked_version(lock: &str, crate_name: &str) -> Result<String> {
    let wanted = format!("name = \"{crate_name}\"");
    let mut versions = Vec::new();
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == wanted
            && let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
        {
            versions.push(version.to_string());
        }
    }
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => fail(format!("Cargo.lock has no `{crate_name}` package")),
        many => fail(format!(
            "Cargo.lock has several `{crate_name}` versions ({}); unify them",
            many.join(", ")
        )),
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_strings_by_section() {
        let text = "trunk-version = \"=0.21.14\"\n[build]\ndist = \"x\" # comment\n[tools]\nwasm_bindgen = \"0.2.130\"\n";
        assert_eq!(
            toml_string(text, "", "trunk-version").as_deref(),
            Some("=0.21.14")
        );
        assert_eq!(toml_string(text, "build", "dist").as_deref(), Some("x"));
        assert_eq!(
            toml_string(text, "tools", "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(toml_string(text, "tools", "dist"), None);
        let serve = "[serve]\naddresses = [\"127.0.0.1\"]\nport = 8080\n";
        assert_eq!(toml_raw(serve, "serve", "port").as_deref(), Some("8080"));
        assert_eq!(
            toml_raw(serve, "serve", "addresses").as_deref(),
            Some("[\"127.0.0.1\"]")
        );
    }

    #[test]
    fn reads_locked_versions() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n[[package]]\nname = \"wasm-bindgen-test\"\nversion = \"0.3.80\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").ok().as_deref(),
            Some("0.2.130")
        );
        assert!(locked_version(lock, "trunk").is_err());
        let twice = format!("{lock}[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(locked_version(&twice, "wasm-bindgen").is_err());
    }

    #[test]
    fn hashes_like_sha256sum() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
