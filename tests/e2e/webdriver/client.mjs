// A small W3C WebDriver client (node's built-in fetch, no dependencies) and the launchers for
// the two engines Playwright cannot drive here: Firefox ESR through geckodriver (headless) and
// WebKitGTK's MiniBrowser through WebKitWebDriver (always under `xvfb-run -a`). See docs/toolchain.md, "Firefox and WebKit".
//
// Every driver runs in its own process group with its own temporary HOME (so profiles, caches
// and downloads land in a folder we own and read), and every HTTP call to it has a time limit:
// a WebKit session without a display never answers, and a hung call must fail a test, not
// stall it. `cargo xtask test` also bounds the whole run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The W3C element reference key. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Longest one WebDriver command may take (ms); navigation and clicks are well below. */
export const COMMAND_TIMEOUT = 30_000;
/** Longest a new session may take (first Firefox start on a busy 2-core machine: ~10 s). */
export const SESSION_TIMEOUT = 90_000;
/** Longest a driver may take to answer /status after it was started. */
const DRIVER_START_TIMEOUT = 30_000;

/** An error answered by the driver (`error` is the W3C error code, e.g. `no such alert`). */
export class WebDriverError extends Error {
  /** @param {string} error @param {string} message @param {string} command */
  constructor(error, message, command) {
    super(`${command}: ${error}: ${message}`);
    this.error = error;
  }
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

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

  let created;
  try {
    created = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: engine.capabilities(home, downloads) } }, SESSION_TIMEOUT);
  } catch (error) {
    return fail(error);
  }
  const session = new Session(base, created.sessionId, created.capabilities, engineName, downloads, async () => {
    await stop();
    await rm(home, { recursive: true, force: true });
  }, () => output.join(''));
  await session.setTimeouts({ script: COMMAND_TIMEOUT, pageLoad: COMMAND_TIMEOUT, implicit: 0 });
  return session;
}

/**
 * One WebDriver command. Returns the `value` of the answer; a W3C error throws WebDriverError.
 * @param {string} base @param {string} method @param {string} route @param {unknown} [body] @param {number} [timeout]
 */
async function call(base, method, route, body, timeout = COMMAND_TIMEOUT) {
  const what = `${method} ${route.replace(/\/session\/[^/]+/, '/session/…')}`;
  let response;
  try {
    response = await fetch(`${base}${route}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (error) {
    const e = /** @type {Error} */ (error);
    const reason = e.name === 'TimeoutError' ? `no answer within ${timeout} ms` : e.message;
    throw new Error(`${what}: ${reason}`);
  }
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${what}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  const value = parsed?.value;
  if (!response.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
    throw new WebDriverError(value?.error ?? `HTTP ${response.status}`, value?.message ?? text.slice(0, 300), what);
  }
  return value;
}

/** A WebDriver session: the commands the tests use. */
export class Session {
  /**
   * @param {string} base @param {string} id @param {Record<string, any>} capabilities
   * @param {string} engine @param {string} downloads @param {() => Promise<void>} cleanup
   * @param {() => string} driverOutput
   */
  constructor(base, id, capabilities, engine, downloads, cleanup, driverOutput) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
    this.engine = engine;
    /** The folder the browser saves downloads in (empty at the start). */
    this.downloads = downloads;
    this.cleanup = cleanup;
    this.driverOutput = driverOutput;
  }

  /** `browserName browserVersion`, for diagnostics. */
  get browser() {
    return `${this.capabilities.browserName} ${this.capabilities.browserVersion}`;
  }

  /** @param {string} method @param {string} route @param {unknown} [body] @param {number} [timeout] */
  cmd(method, route, body, timeout) {
    return call(this.base, method, `/session/${this.id}${route}`, body, timeout);
  }

  /** @param {Record<string, number>} timeouts */
  setTimeouts(timeouts) {
    return this.cmd('POST', '/timeouts', timeouts);
  }

  /** @param {string} url */
  navigate(url) {
    return this.cmd('POST', '/url', { url });
  }

  url() {
    return this.cmd('GET', '/url');
  }

  /**
   * Runs `script` (a function body; `arguments` holds `args`) in the page; returns its value.
   * @param {string} script @param {unknown[]} [args]
   */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /**
   * The first element matching `selector`, or null.
   * @param {string} selector
   */
  async find(selector) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: selector });
    return found.length ? new Element(this, found[0][ELEMENT], selector) : null;
  }

  /**
   * Waits for an element matching `selector` (and, with `visible`, displayed).
   * @param {string} selector @param {{ timeout?: number, visible?: boolean }} [options]
   */
  async waitFor(selector, { timeout = 20_000, visible = true } = {}) {
    const element = await this.until(async () => {
      const e = await this.find(selector);
      if (!e) return null;
      if (visible && !(await e.displayed())) return null;
      return e;
    }, `no ${visible ? 'visible ' : ''}${selector}`, { timeout });
    return element;
  }

  /**
   * Polls `check` until it returns something truthy (returned) or `timeout` passes.
   * @template T @param {() => Promise<T>} check @param {string} message
   * @param {{ timeout?: number, interval?: number }} [options]
   * @returns {Promise<NonNullable<T>>}
   */
  async until(check, message, { timeout = 20_000, interval = 100 } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      last = await check();
      if (last) return /** @type {NonNullable<T>} */ (last);
      if (Date.now() > end) throw new Error(`${message} (after ${timeout} ms; last: ${JSON.stringify(last)})`);
      await sleep(interval);
    }
  }

  /** The text of the open dialog, or null when there is none. */
  async alertText() {
    try {
      return await this.cmd('GET', '/alert/text');
    } catch (error) {
      if (error instanceof WebDriverError && error.error === 'no such alert') return null;
      throw error;
    }
  }

  dismissAlert() {
    return this.cmd('POST', '/alert/dismiss', {});
  }

  acceptAlert() {
    return this.cmd('POST', '/alert/accept', {});
  }

  /** Ends the session (bounded: a stuck browser is killed with its driver), stops the driver. */
  async quit() {
    try {
      await call(this.base, 'DELETE', `/session/${this.id}`, undefined, 15_000);
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
    await this.until(async () => {
      const entries = await readdir(this.downloads);
      const partial = entries.filter((e) => e !== name);
      const stray = partial.filter((e) => !e.startsWith(name) && !e.startsWith('.'));
      if (stray.length) throw new Error(`expected ${name} to be downloaded, found ${stray.join(', ')}`);
      if (!entries.includes(name) || partial.length) return false;
      const { size } = await stat(path.join(this.downloads, name));
      steady = size > 0 && size === lastSize ? steady + 1 : 0;
      lastSize = size;
      return steady >= 2;
    }, `${name} was not saved in ${this.downloads}`, { timeout, interval: 100 });
    const target = path.join(dir, name);
    await rename(path.join(this.downloads, name), target);
    return target;
  }
}

/** An element reference. */
export class Element {
  /** @param {Session} session @param {string} id @param {string} selector */
  constructor(session, id, selector) {
    this.session = session;
    this.id = id;
    this.selector = selector;
    this.ref = { [ELEMENT]: id };
  }

  /** @param {string} method @param {string} route @param {unknown} [body] */
  cmd(method, route, body) {
    return this.session.cmd(method, `/element/${this.id}${route}`, body);
  }

  /** A WebDriver (trusted, user-like) click: scrolls into view, checks it is not covered. */
  click() {
    return this.cmd('POST', '/click', {});
  }

  clear() {
    return this.cmd('POST', '/clear', {});
  }

  /** Types `text` with key events. @param {string} text */
  type(text) {
    return this.cmd('POST', '/value', { text });
  }

  /** @returns {Promise<string>} */
  text() {
    return this.cmd('GET', '/text');
  }

  /** @param {string} name @returns {Promise<string | null>} */
  attribute(name) {
    return this.cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }

  /** @param {string} name */
  property(name) {
    return this.cmd('GET', `/property/${encodeURIComponent(name)}`);
  }

  /** @returns {Promise<boolean>} */
  enabled() {
    return this.cmd('GET', '/enabled');
  }

  /** Visible to the user (the W3C "element displayed" algorithm, via the driver's atom). */
  async displayed() {
    try {
      return await this.cmd('GET', '/displayed');
    } catch (error) {
      if (error instanceof WebDriverError && error.error === 'stale element reference') return false;
      throw error;
    }
  }
}
