// Starting the two engines Playwright cannot drive here, Firefox ESR through geckodriver
// (headless) and WebKitGTK's MiniBrowser through WebKitWebDriver (always under `xvfb-run -a`),
// and a small Session over the maintained `selenium-webdriver` client for the commands the
// flow uses. The engine facts it relies on (capabilities, where each engine saves downloads,
// the display WebKit needs) are stated below where they are used
// (measured facts: docs/toolchain.md, "Firefox and WebKit").
//
// This file owns the driver processes: every driver runs in its own process group with its own
// temporary HOME (so profiles, caches and downloads land in a folder we own and read) and is
// killed with its group when the session ends or the process exits. selenium-webdriver is used
// ONLY through `new Builder().usingServer(url)` against the driver started here, never through
// its Selenium Manager (which would download a driver; SE_MANAGER_PATH is pointed at a
// non-program so a stray call fails at once instead of going online).
//
// Time limits: selenium-webdriver's HTTP calls have none of their own, and a WebKit session
// without a display never answers, so every command goes through `bounded()` (COMMAND_TIMEOUT,
// SESSION_TIMEOUT for a new session): a hung driver fails the test instead of stalling it.
// `cargo xtask test` also bounds the whole run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { Builder, By, error as webdriverErrors } from 'selenium-webdriver';

import { eventually, sleep } from '../lib/wait.mjs';

// A stray Selenium Manager call must fail here, not download a driver.
process.env.SE_MANAGER_PATH = '/nonexistent/selenium-manager-is-not-used';

/** Longest one WebDriver command may take (ms); navigation and clicks are well below. */
export const COMMAND_TIMEOUT = 30_000;
/** Longest a new session may take (first Firefox start on a busy 2-core machine: ~10 s). */
export const SESSION_TIMEOUT = 90_000;
/** Longest a driver may take to answer /status after it was started. */
const DRIVER_START_TIMEOUT = 30_000;

/**
 * Settles like `promise`, or rejects when `ms` pass first, naming `what`. The command may still
 * be pending in the driver; the session is then quit and the driver killed by the caller.
 * @template T @param {string} what @param {Promise<T>} promise @param {number} [ms]
 * @returns {Promise<T>}
 */
export function bounded(what, promise, ms = COMMAND_TIMEOUT) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, limit])).finally(() => clearTimeout(timer));
}

/** Where an engine's files are, overridable for other distributions. */
function findWebKitMiniBrowser() {
  if (process.env.WEBKIT_MINIBROWSER) return process.env.WEBKIT_MINIBROWSER;
  const arches = ['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf', 'i386-linux-gnu'];
  for (const arch of arches) {
    const candidate = `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`;
    if (existsSync(candidate)) return candidate;
  }
  return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}

/**
 * The engines: how to start each driver and which capabilities open a session.
 * `home` is the session's temporary HOME; `downloads` the folder downloads must land in.
 * @type {Record<string, {
 *   label: string,
 *   driver: () => string,
 *   args: (port: number, home: string) => string[],
 *   needsDisplay: boolean,
 *   capabilities: (home: string, downloads: string) => Record<string, unknown>,
 * }>}
 */
export const ENGINES = {
  firefox: {
    label: 'Firefox',
    driver: () => process.env.GECKODRIVER || 'geckodriver',
    args: (port, home) => ['--host', '127.0.0.1', '--port', String(port), '--profile-root', home],
    needsDisplay: false,
    capabilities: (_home, downloads) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX || '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: {
          // Save every download, without asking, into our folder.
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.alwaysOpenPanel': false,
          'browser.download.panel.shown': true,
          'browser.download.start_downloads_in_tmp_dir': false,
          // Keep Firefox itself quiet on the network (the page is checked separately).
          'app.update.disabledForTesting': true,
          'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.reportingpolicy.firstRun': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
        },
      },
      // Leave dialogs open for the test to read and answer through the alert endpoints.
      unhandledPromptBehavior: 'ignore',
    }),
  },
  webkit: {
    label: 'WebKit',
    driver: () => process.env.WEBKIT_WEBDRIVER || 'WebKitWebDriver',
    args: (port) => [`--host=127.0.0.1`, `--port=${port}`],
    needsDisplay: true,
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: findWebKitMiniBrowser(),
        args: ['--automation'],
      },
      unhandledPromptBehavior: 'ignore',
    }),
  },
};

/** A free TCP port on 127.0.0.1 (closed again before the driver binds it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Process groups of drivers still running, killed on exit whatever happens. */
const liveGroups = new Set();
process.on('exit', () => {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts the engine's driver with a fresh HOME and opens a session. Close it with
 * `session.quit()` (which also stops the driver and removes the HOME).
 * @param {keyof typeof ENGINES} engineName
 */
export async function launch(engineName) {
  const engine = ENGINES[engineName];
  if (!engine) throw new Error(`unknown engine ${engineName} (expected ${Object.keys(ENGINES).join(' or ')})`);
  const home = await mkdtemp(path.join(os.tmpdir(), `saml-idp-kit-${engineName}-`));
  const downloads = path.join(home, 'Downloads');
  const config = path.join(home, '.config');
  await mkdir(downloads, { recursive: true });
  await mkdir(config, { recursive: true });
  // WebKitGTK saves downloads in the XDG download folder.
  await writeFile(path.join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: config,
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    TMPDIR: home,
    MOZ_HEADLESS: '1',
    MESA_SHADER_CACHE_DISABLE: 'true',
    // No accessibility bus, no dconf writes: fewer things to hang on without a desktop.
    NO_AT_BRIDGE: '1',
    GSETTINGS_BACKEND: 'memory',
  };

  const port = await freePort();
  let command = engine.driver();
  let args = engine.args(port, home);
  if (engine.needsDisplay) {
    // A virtual X display for this driver only (also on a desktop: MiniBrowser has no headless
    // mode, and a stale or absent DISPLAY makes new-session hang); `-a` picks a free number.
    args = ['-a', command, ...args]; // Debian's default screen: 1280x1024x24, no TCP
    command = 'xvfb-run';
  }
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  /** Driver output, shown when something fails. */
  const output = [];
  const keep = (/** @type {Buffer} */ chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, 100);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', (error) => output.push(`cannot start ${command}: ${error.message}\n`));
  if (child.pid) liveGroups.add(child.pid);

  const stop = async () => {
    if (!child.pid || !liveGroups.has(child.pid)) return;
    liveGroups.delete(child.pid);
    for (const [signal, wait] of /** @type {const} */ ([['SIGTERM', 3000], ['SIGKILL', 3000]])) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        break; // the group is gone
      }
      if (await Promise.race([exited.then(() => true), sleep(wait).then(() => false)])) break;
    }
    // Stragglers of the group (MiniBrowser's web processes, Xvfb) get the final word too.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  const fail = async (/** @type {unknown} */ error) => {
    await stop();
    await rm(home, { recursive: true, force: true });
    const log = output.join('').trim().split('\n').slice(-30).join('\n');
    throw new Error(`${engine.label}: ${error instanceof Error ? error.message : error}\n--- driver output ---\n${log}`);
  };

  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    const status = await fetch(`${base}/status`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json())
      .catch(() => null);
    if (status?.value) break;
    const gone = await Promise.race([exited, sleep(0).then(() => null)]);
    if (gone) return fail(`${command} exited (${JSON.stringify(gone)}) before answering`);
    if (Date.now() - started > DRIVER_START_TIMEOUT) return fail(`${command} did not answer /status within ${DRIVER_START_TIMEOUT} ms`);
    await sleep(100);
  }

  try {
    const driver = await bounded(
      'new session',
      new Builder()
        .usingServer(base)
        .disableEnvironmentOverrides()
        .withCapabilities(engine.capabilities(home, downloads))
        .build(),
      SESSION_TIMEOUT,
    );
    const capabilities = await bounded('session capabilities', driver.getCapabilities());
    const session = new Session(driver, capabilities, downloads, async () => {
      await stop();
      await rm(home, { recursive: true, force: true });
    });
    await session.setTimeouts({ script: COMMAND_TIMEOUT, pageLoad: COMMAND_TIMEOUT, implicit: 0 });
    return session;
  } catch (error) {
    return fail(error);
  }
}

/** A WebDriver session: the commands the flow uses, each one time-limited. */
export class Session {
  /**
   * @param {import('selenium-webdriver').WebDriver} driver
   * @param {import('selenium-webdriver').Capabilities} capabilities
   * @param {string} downloads @param {() => Promise<void>} cleanup
   */
  constructor(driver, capabilities, downloads, cleanup) {
    this.driver = driver;
    this.capabilities = capabilities;
    /** The folder the browser saves downloads in (empty at the start). */
    this.downloads = downloads;
    this.cleanup = cleanup;
  }

  /** `browserName browserVersion`, for diagnostics. */
  get browser() {
    return `${this.capabilities.getBrowserName()} ${this.capabilities.getBrowserVersion()}`;
  }

  /** @param {{ script?: number, pageLoad?: number, implicit?: number }} timeouts */
  setTimeouts(timeouts) {
    return bounded('set timeouts', this.driver.manage().setTimeouts(timeouts));
  }

  /** @param {string} url */
  navigate(url) {
    return bounded(`navigate to ${url}`, this.driver.get(url));
  }

  /** @returns {Promise<string>} */
  url() {
    return bounded('current URL', this.driver.getCurrentUrl());
  }

  /**
   * Runs `script` (a function body; `arguments` holds `args`, Elements passed as such) in the
   * page; returns its value.
   * @param {string} script @param {unknown[]} [args]
   * @returns {Promise<any>}
   */
  execute(script, args = []) {
    const wire = args.map((a) => (a instanceof Element ? a.web : a));
    return bounded('execute script', this.driver.executeScript(script, ...wire));
  }

  /**
   * The first element matching `selector`, or null.
   * @param {string} selector
   */
  async find(selector) {
    const found = await bounded(`find ${selector}`, this.driver.findElements(By.css(selector)));
    return found.length ? new Element(found[0], selector) : null;
  }

  /**
   * Waits for an element matching `selector` (and, with `visible`, displayed).
   * @param {string} selector @param {{ timeout?: number, visible?: boolean }} [options]
   */
  waitFor(selector, { timeout = 20_000, visible = true } = {}) {
    return this.until(async () => {
      const e = await this.find(selector);
      if (!e) return null;
      if (visible && !(await e.displayed())) return null;
      return e;
    }, `no ${visible ? 'visible ' : ''}${selector}`, { timeout });
  }

  /**
   * Polls `check` until it returns something truthy (returned) or `timeout` passes.
   * @template T @param {() => Promise<T>} check @param {string} message
   * @param {{ timeout?: number, interval?: number }} [options]
   */
  until(check, message, { timeout = 20_000, interval = 100 } = {}) {
    return eventually(check, message, { timeout, interval });
  }

  /** The text of the open dialog, or null when there is none. @returns {Promise<string | null>} */
  async alertText() {
    try {
      return await bounded('alert text', this.driver.switchTo().alert().then((a) => a.getText()));
    } catch (error) {
      if (error instanceof webdriverErrors.NoSuchAlertError) return null;
      throw error;
    }
  }

  dismissAlert() {
    return bounded('dismiss alert', this.driver.switchTo().alert().then((a) => a.dismiss()));
  }

  acceptAlert() {
    return bounded('accept alert', this.driver.switchTo().alert().then((a) => a.accept()));
  }

  /** Ends the session (bounded: a stuck browser is killed with its driver), stops the driver. */
  async quit() {
    try {
      await bounded('quit', this.driver.quit(), 15_000);
    } catch {
      // The driver is killed next either way.
    }
    await this.cleanup();
  }

  /**
   * Waits until exactly the file `name` has been saved in the downloads folder (complete: no
   * partial file beside it and its size steady) and moves it to `dir`. Fails when a file with
   * another name appears. Returns the moved file's path.
   * @param {string} name @param {string} dir @param {number} [timeout]
   */
  async takeDownload(name, dir, timeout = 15_000) {
    let lastSize = -1;
    let steady = 0;
    const saved = this.until(async () => {
      const entries = await readdir(this.downloads);
      const partial = entries.filter((e) => e !== name);
      // Still being written: Firefox saves into `<random>.<ext>.part` before renaming it,
      // other engines into `<name>.<suffix>` or a hidden file.
      const inProgress = (/** @type {string} */ e) => e.startsWith(name) || e.startsWith('.') || e.endsWith('.part');
      const stray = partial.filter((e) => !inProgress(e));
      if (stray.length) throw new Error(`expected ${name} to be downloaded, found ${stray.join(', ')}`);
      if (!entries.includes(name) || partial.length) return false;
      const { size } = await stat(path.join(this.downloads, name));
      steady = size > 0 && size === lastSize ? steady + 1 : 0;
      lastSize = size;
      return steady >= 2;
    }, `${name} was not saved in ${this.downloads}`, { timeout, interval: 100 });
    try {
      await saved;
    } catch (error) {
      throw new Error(`${/** @type {Error} */ (error).message}\n${await this.downloadState()}`, { cause: error });
    }
    const target = path.join(dir, name);
    await rename(path.join(this.downloads, name), target);
    return target;
  }

  /**
   * Clicks `button`, which must make the page save the file `name`, and takes the saved file
   * into `dir` (see takeDownload); returns its path.
   *
   * The page's part is held strictly: its click on an `<a download="name">` is recorded in the
   * page, and when no file arrives the test fails unless that click happened. The engine's part
   * gets one second chance: a WebKit run in CI once saw no file at all within 15 s of a click,
   * and 28 runs here never did again (docs/toolchain.md). So when the page did start the
   * download and the folder stayed empty, `onEngineDrop` is told (the flow logs it as a
   * diagnostic) and the button is clicked again, once.
   * @param {Element} button @param {string} name @param {string} dir
   * @param {(message: string) => void} onEngineDrop
   */
  async saveByClick(button, name, dir, onEngineDrop) {
    const before = await this.execute(`if (!window.__downloadsStarted) {
      window.__downloadsStarted = [];
      document.addEventListener('click', (e) => {
        const a = e.target instanceof Element ? e.target.closest('a[download]') : null;
        if (a) window.__downloadsStarted.push(a.download);
      }, true);
    }
    return window.__downloadsStarted.length;`);
    await button.click();
    try {
      return await this.takeDownload(name, dir);
    } catch (error) {
      const started = await this.execute('return window.__downloadsStarted.slice(arguments[0])', [before])
        .catch(() => null);
      const empty = (await readdir(this.downloads).catch(() => ['?'])).length === 0;
      const message = /** @type {Error} */ (error).message;
      if (!Array.isArray(started) || !started.includes(name)) {
        throw new Error(`the page did not start a download of ${name} (started: ${JSON.stringify(started)})\n${message}`, { cause: error });
      }
      if (!empty) throw error;
      onEngineDrop(`${this.browser} saved nothing for the download of ${name} the page started; clicking again`);
      await button.click();
      return this.takeDownload(name, dir);
    }
  }

  /**
   * What a failed download leaves to go on: the downloads folder (names and sizes) and what the
   * page shows (its alert and status texts, errors it raised, the focused element).
   * @returns {Promise<string>}
   */
  async downloadState() {
    const entries = await readdir(this.downloads).catch((e) => [`(unreadable: ${e.message})`]);
    const sizes = await Promise.all(
      entries.map((e) => stat(path.join(this.downloads, e)).then((s) => `${e} (${s.size} B)`, () => e)),
    );
    const page = await this.execute(
      `const texts = (selector) => [...document.querySelectorAll(selector)]
         .map((e) => e.textContent.trim()).filter(Boolean);
       const active = document.activeElement;
       return JSON.stringify({
         alerts: texts('[role=alert], [role=status]'),
         errors: window.__e2e ? window.__e2e.errors.concat(window.__e2e.console) : null,
         focused: active ? active.outerHTML.slice(0, 200) : null,
       });`,
    ).catch((/** @type {Error} */ e) => `(page unreadable: ${e.message})`);
    return `downloads folder: ${sizes.length ? sizes.join(', ') : '(empty)'}\npage: ${page}`;
  }
}

/** An element found by a CSS selector; every command time-limited. */
export class Element {
  /** @param {import('selenium-webdriver').WebElement} web @param {string} selector */
  constructor(web, selector) {
    this.web = web;
    this.selector = selector;
  }

  /** @template T @param {string} what @param {Promise<T>} promise */
  bounded(what, promise) {
    return bounded(`${what} ${this.selector}`, promise);
  }

  /** A WebDriver (trusted, user-like) click: scrolls into view, checks it is not covered. */
  click() {
    return this.bounded('click', this.web.click());
  }

  clear() {
    return this.bounded('clear', this.web.clear());
  }

  /** Types `text` with key events. @param {string} text */
  type(text) {
    return this.bounded('type into', this.web.sendKeys(text));
  }

  /** @returns {Promise<string>} */
  text() {
    return this.bounded('text of', this.web.getText());
  }

  /** @param {string} name @returns {Promise<string | null>} */
  attribute(name) {
    return this.bounded(`attribute ${name} of`, this.web.getAttribute(name));
  }

  /** @param {string} name */
  property(name) {
    return this.bounded(`property ${name} of`, this.web.getProperty(name));
  }

  /** @returns {Promise<boolean>} */
  enabled() {
    return this.bounded('enabled', this.web.isEnabled());
  }

  /** Visible to the user (the W3C "element displayed" algorithm). */
  async displayed() {
    try {
      return await this.bounded('displayed', this.web.isDisplayed());
    } catch (error) {
      if (error instanceof webdriverErrors.StaleElementReferenceError) return false;
      throw error;
    }
  }
}
