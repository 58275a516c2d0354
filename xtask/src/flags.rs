//! Every `cargo xtask` command and option, declared once (`xflags`): this declaration is the
//! parser and the `--help` text. Each command is one module with a `run()`.

#![allow(unreachable_pub)]

xflags::xflags! {
    /// Project automation for saml-idp-kit: `cargo xtask <command> [options]`.
    cmd xtask {
        /// Install the pinned tools (rust target, trunk, wasm-bindgen-cli, wasm-opt, Chromium and
        /// ChromeDriver, Firefox ESR and geckodriver, WebKitWebDriver and Xvfb, xmlsec1 and
        /// xmllint, npm packages). Idempotent.
        cmd setup {}
        /// Build and serve the app with live reload at http://127.0.0.1:8080.
        cmd serve {}
        /// Build the single-file page: dist/index.html, a versioned copy, SHA256SUMS, _headers.
        cmd dist {}
        /// Everything CI runs (setup, fmt, clippy, native and wasm tests, dist, browser e2e);
        /// ends with `N passed, M failed`.
        cmd test {
            /// Comma-separated engines for the browser stages: chromium, firefox, webkit
            /// (default: all three, as CI runs).
            optional --browsers list: String
        }
        /// Timing and size figures of dist/index.html against WebCrypto and OpenSSL; prints a
        /// table and writes target/bench/latest.json.
        cmd bench {
            /// Runs of each timed measurement (default 30).
            optional --n runs: usize
            /// Runs of Generate on the no-WebCrypto path (default and at most: N).
            optional --fallback-n runs: usize
            /// Measure dist/index.html as it is, even if its sources are newer.
            optional --no-build
            /// Only the sizes: the page's gzip -9 size against its goal and the wasm's size
            /// table (per crate, largest functions, data); no browser, no timings.
            optional --size-only
        }
        /// Build dist in two fresh clones with two CARGO_HOMEs and check the pages are
        /// byte-identical (a few minutes; not part of `test`).
        cmd repro {}
        /// Run the cargo-fuzz targets of fuzz/Cargo.toml on nightly (not part of `test`).
        cmd fuzz {
            /// Seconds per target (default 60).
            optional --seconds seconds: u64
            /// Targets to run (default: every [[bin]] in fuzz/Cargo.toml).
            repeated targets: String
        }
        /// Check the repository rules (xtask/src/tidy.rs); also part of `test`.
        cmd tidy {}
    }
}

impl Xtask {
    /// The `--help` text, also printed when no command is given.
    pub const HELP: &'static str = Self::HELP_;
}
