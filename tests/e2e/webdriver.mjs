// A tiny W3C WebDriver client: just what the end-to-end tests need, on top of
// Node's built-in fetch. No npm packages.
//
// Note: the WebDriver screenshot command hangs with WebKitWebDriver under
// Xvfb, so it is deliberately absent; harness.mjs photographs the X display.

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

/** An error the remote end reported, with its W3C error code. */
export class WebDriverError extends Error {
  constructor(method, path, status, error, message) {
    super(`WebDriver ${method} ${path} -> ${status} ${error}: ${message}`);
    this.name = "WebDriverError";
    this.status = status;
    this.error = error;
  }
}

async function request(base, method, path, body, timeoutMs = 30_000) {
  let res;
  try {
    res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const why = e?.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : e?.cause?.message ?? e.message;
    throw new Error(`WebDriver ${method} ${path} failed: ${why}`);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new Error(`WebDriver ${method} ${path} -> ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  const value = json.value;
  if (!res.ok || (value && typeof value === "object" && typeof value.error === "string")) {
    throw new WebDriverError(method, path, res.status, value?.error ?? "unknown error", value?.message ?? text.slice(0, 300));
  }
  return value;
}

/**
 * Polls `fn` until it returns a truthy value, which is returned. Errors thrown
 * by `fn` count as "not yet". On timeout, throws an error that starts with
 * `message` and ends with the last thing `fn` said.
 */
export async function waitUntil(fn, { timeout = 15_000, interval = 200, message = "condition not met" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = `last result: ${JSON.stringify(v)}`;
    } catch (e) {
      last = `last error: ${e.message}`;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${message} (waited ${timeout} ms; ${last})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** An XPath string literal for any text, quotes included. */
export function xpathLiteral(s) {
  if (!s.includes('"')) return `"${s}"`;
  if (!s.includes("'")) return `'${s}'`;
  return `concat(${s
    .split('"')
    .map((part) => `"${part}"`)
    .join(`, '"', `)})`;
}

export class Element {
  constructor(session, id, description) {
    this.session = session;
    this.id = id;
    this.description = description;
  }
  #cmd(method, suffix, body) {
    return this.session.cmd(method, `/element/${this.id}${suffix}`, body);
  }
  click() { return this.#cmd("POST", "/click", {}); }
  clear() { return this.#cmd("POST", "/clear", {}); }
  /** Types `text` (WebDriver key codes such as "\uE007" for Enter work too). */
  sendKeys(text) { return this.#cmd("POST", "/value", { text: String(text) }); }
  text() { return this.#cmd("GET", "/text"); }
  property(name) { return this.#cmd("GET", `/property/${encodeURIComponent(name)}`); }
  attribute(name) { return this.#cmd("GET", `/attribute/${encodeURIComponent(name)}`); }
  displayed() { return this.#cmd("GET", "/displayed"); }
  enabled() { return this.#cmd("GET", "/enabled"); }
  tagName() { return this.#cmd("GET", "/name"); }
  async find(css) {
    const v = await this.#cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this.session, v[ELEMENT_KEY], `${this.description} ${css}`);
  }
  toJSON() { return { [ELEMENT_KEY]: this.id }; }
  toString() { return this.description; }
}

export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  /**
   * Opens a session. With tauri-driver this starts the app; the call returns
   * before the page has loaded, so look for elements with the wait* helpers.
   */
  static async create(base, capabilities, { timeout = 60_000 } = {}) {
    const v = await request(base, "POST", "/session", { capabilities }, timeout);
    return new Session(base, v.sessionId, v.capabilities);
  }

  cmd(method, path, body, timeout) {
    return request(this.base, method, `/session/${this.id}${path}`, body, timeout);
  }

  /** Ends the session; with tauri-driver this closes the app. */
  async delete() {
    await this.cmd("DELETE", "", undefined, 20_000);
  }

  async #find(using, value) {
    const v = await this.cmd("POST", "/element", { using, value });
    return new Element(this, v[ELEMENT_KEY], `${using} ${value}`);
  }
  async #findAll(using, value) {
    const vs = await this.cmd("POST", "/elements", { using, value });
    return vs.map((v, i) => new Element(this, v[ELEMENT_KEY], `${using} ${value} [${i}]`));
  }
  findCss(css) { return this.#find("css selector", css); }
  findXpath(xpath) { return this.#find("xpath", xpath); }
  findAllCss(css) { return this.#findAll("css selector", css); }
  findAllXpath(xpath) { return this.#findAll("xpath", xpath); }

  /** Runs `script` (a function body; use `arguments[i]`) in the page. */
  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }
  /**
   * Runs `script` in the page and waits for it to call its last argument,
   * `arguments[arguments.length - 1]`, with the result.
   */
  executeAsync(script, args = [], timeout = 30_000) {
    return this.cmd("POST", "/execute/async", { script, args }, timeout);
  }
  source() { return this.cmd("GET", "/source"); }
  title() { return this.cmd("GET", "/title"); }
  url() { return this.cmd("GET", "/url"); }
  windowRect() { return this.cmd("GET", "/window/rect"); }
  /** Moves or resizes the window ({x, y, width, height}, any of them). */
  setWindowRect(rect) { return this.cmd("POST", "/window/rect", rect); }

  /** The first element matching a CSS selector, waiting for it to appear. */
  waitCss(css, { timeout = 15_000, visible = true } = {}) {
    return this.waitFor(() => this.findAllCss(css), { timeout, visible, what: `an element matching CSS ${css}` });
  }
  /** The first element matching an XPath expression, waiting for it to appear. */
  waitXpath(xpath, { timeout = 15_000, visible = true, what } = {}) {
    return this.waitFor(() => this.findAllXpath(xpath), { timeout, visible, what: what ?? `an element matching XPath ${xpath}` });
  }
  async waitFor(findAll, { timeout, visible, what }) {
    return waitUntil(
      async () => {
        for (const el of await findAll()) {
          if (!visible || (await el.displayed())) return el;
        }
        return null;
      },
      { timeout, message: `timed out waiting for ${visible ? "a visible " : ""}${what}` },
    );
  }
}
