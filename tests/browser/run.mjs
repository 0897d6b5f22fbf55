// Drives Debian's Chromium through the demo's four example pages, each with the real
// Datastar client it loads, and checks the whole interaction.
//
//   node tests/browser/run.mjs BASE_URL [--clients SEED,V1] [--screenshot PATH] [--only NAME[,NAME…]]
//
// BASE_URL is a running demo (tests/it/browser.rs starts one with the fetched clients);
// --clients names the versions it serves the seed and the 1.0 pages, for the report.
// Prints one line per page and a closing `N passed, N failed`; exits 1 on any failure.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const STEP_MS = 5000;
const XSS = "<img src=x onerror=alert(1)>";
// Mirrors demo/src/multiline.rs: lines that start with the 0.x clients' key words.
const MULTILINE = [
  "merge prepend",
  "selector #main",
  "fragment <b>not bold</b> & not an entity: &amp;",
  "",
  "  indented, after a blank line",
  "data: event: datastar-fragment",
  "settle 0",
  "last line",
].join("\n");

// `generation` indexes --clients.
const PAGES = [
  { path: "/node/", generation: 0, client: "/datastar.js", check: nodePage },
  { path: "/python/", generation: 0, client: "/datastar.js", check: pythonPage },
  { path: "/v1/node/", generation: 1, client: "/datastar-v1.js", check: nodePage },
  { path: "/v1/python/", generation: 1, client: "/datastar-v1.js", check: pythonPage },
];

// The 0.21.4 pages: run when `--only` names them (tests/it/browser.rs has a test of its own
// for them, with the 0.21.4 client at /datastar-021.js).
const PAGES_021 = [
  { name: "/v021/node/ with 0.21.4", path: "/v021/node/", client: "/datastar-021.js", check: nodePage },
  { name: "/v021/python/ with 0.21.4", path: "/v021/python/", client: "/datastar-021.js", check: pythonPage },
];

function parseArgs(argv) {
  const options = { base: null, screenshot: null, only: null, clients: ["0.x client", "1.0 client"] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--screenshot") options.screenshot = argv[++i];
    else if (arg === "--clients") options.clients = argv[++i].split(",");
    else if (arg === "--only") options.only = argv[++i].split(",");
    else if (!options.base) options.base = arg.replace(/\/$/, "");
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!options.base) throw new Error("usage: node run.mjs BASE_URL [--clients SEED,V1] [--screenshot PATH] [--only NAME,…]");
  if (options.clients.length !== 2) throw new Error("--clients takes two versions: SEED,V1");
  return options;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  assert(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// Waits until `selector`'s textContent equals `expected`, then reports what it was.
async function waitText(page, selector, expected, what) {
  try {
    await page.waitForFunction(
      ([s, e]) => document.querySelector(s)?.textContent === e,
      [selector, expected],
      { timeout: STEP_MS },
    );
  } catch {
    const actual = await page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
    assertEqual(actual, expected, what);
  }
}

// The feed must show a 16-hex-digit value and change at least twice in 3.5 s.
async function checkFeed(page) {
  const hex = /^[0-9a-f]{16}$/;
  await page
    .waitForFunction((re) => new RegExp(re).test(document.querySelector("#feed")?.textContent ?? ""), hex.source, {
      timeout: STEP_MS,
    })
    .catch(() => {});
  const seen = [await page.textContent("#feed")];
  assert(hex.test(seen[0]), `#feed shows no 16-hex-digit value: ${JSON.stringify(seen[0])}`);
  const until = Date.now() + 3500;
  while (Date.now() < until) {
    await page.waitForTimeout(100);
    const value = await page.textContent("#feed");
    assert(hex.test(value), `#feed shows ${JSON.stringify(value)}`);
    if (value !== seen[seen.length - 1]) seen.push(value);
  }
  assert(seen.length >= 3, `#feed changed ${seen.length - 1} time(s) in 3.5 s: ${seen.join(", ")}`);
  return seen.length - 1;
}

async function typeInto(page, text) {
  const input = page.locator("#main input[type=text]");
  await input.fill("");
  await input.pressSequentially(text);
}

async function nodePage(page, prefix) {
  await waitText(page, "h2", "Node/Express + Datastar Example", "heading");
  const changes = await checkFeed(page);

  const hello = page.getByText("Hello From Datastar!");
  assert(!(await hello.isVisible()), "'Hello From Datastar!' is visible before the toggle");
  await page.getByRole("button", { name: "Toggle", exact: true }).click();
  await hello.waitFor({ state: "visible", timeout: STEP_MS });
  await page.getByRole("button", { name: "Toggle", exact: true }).click();
  await hello.waitFor({ state: "hidden", timeout: STEP_MS });

  await typeInto(page, "hello");
  await page.getByRole("button", { name: "Send State" }).click();
  await waitText(page, "#output", "Your input: hello, is 5 long.", "#output after Send State");

  await page.getByRole("button", { name: "Get Backend State" }).click();
  await waitText(page, "#output2", 'Backend State: {"input":"hello"}.', "#output2 after Get Backend State");
  await waitText(page, "#main > :first-child", "Check this out!", "first child of #main");
  assertEqual(await page.evaluate(() => document.querySelector("#main").firstElementChild.id), "output3", "#main's first element");

  await typeInto(page, XSS);
  await page.getByRole("button", { name: "Send State" }).click();
  await waitText(page, "#output", `Your input: ${XSS}, is ${XSS.length} long.`, "#output with markup typed");
  await page.getByRole("button", { name: "Get Backend State" }).click();
  await waitText(page, "#output2", `Backend State: ${JSON.stringify({ input: XSS })}.`, "#output2 with markup typed");
  assertEqual(await page.locator("#output img, #output2 img").count(), 0, "images made from the input");
  assertEqual(await page.locator("#main > div#output3").count(), 2, "#output3 notes after two gets");

  await page.getByRole("button", { name: "Get Multi-line Fragment" }).click();
  await waitText(page, "pre#multiline", MULTILINE, "the multi-line <pre>");

  return {
    requests: { [`${prefix}put`]: 2, [`${prefix}get`]: 2, [`${prefix}feed`]: 1, [`${prefix}multiline`]: 1 },
    detail: `feed changed ${changes}x`,
  };
}

async function pythonPage(page, prefix) {
  await waitText(page, "h2", "Python/Starlette + Datastar Example", "heading");
  const changes = await checkFeed(page);

  await typeInto(page, "hello");
  await page.getByRole("button", { name: "Send State Roundtrip" }).click();
  await waitText(page, "#output", "Your input: hello, is 5 long.", "#output after the round trip");

  await page.getByRole("button", { name: "Target HTML Element" }).click();
  await page.waitForFunction(() => document.querySelector("#target b"), null, { timeout: STEP_MS }).catch(() => {});
  const target = await page.textContent("#target");
  assert(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(target), `#target shows ${JSON.stringify(target)}`);
  assertEqual(await page.locator("#target > b").count(), 1, "<b> in #target");

  const feed = page.locator("#feed");
  assert(await feed.isVisible(), "the feed is hidden before the toggle");
  await page.getByRole("button", { name: "Toggle Feed" }).click();
  await feed.waitFor({ state: "hidden", timeout: STEP_MS });
  await page.getByRole("button", { name: "Toggle Feed" }).click();
  await feed.waitFor({ state: "visible", timeout: STEP_MS });

  await typeInto(page, XSS);
  await page.getByRole("button", { name: "Send State Roundtrip" }).click();
  await waitText(page, "#output", `Your input: ${XSS}, is ${XSS.length} long.`, "#output with markup typed");
  assertEqual(await page.locator("#output img").count(), 0, "images made from the input");

  return {
    requests: { [`${prefix}get`]: 2, [`${prefix}target`]: 1, [`${prefix}feed`]: 1 },
    detail: `feed changed ${changes}x`,
  };
}

async function runPage(context, base, spec, screenshot) {
  const page = await context.newPage();
  const problems = [];
  const requests = new Map();
  let clientStatus = null;
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog fired: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
  });
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === spec.client) clientStatus = response.status();
  });
  try {
    await page.goto(base + spec.path);
    const src = await page.getAttribute("script[type=module]", "src");
    assertEqual(src, spec.client, "the page's client");
    const outcome = await spec.check(page, spec.path);
    assertEqual(clientStatus, 200, `status of ${spec.client}`);
    // A rejected reply makes the 0.x clients send the request again: count every send.
    await page.waitForTimeout(1200);
    for (const [path, expected] of Object.entries(outcome.requests)) {
      assertEqual(requests.get(path) ?? 0, expected, `requests to ${path}`);
    }
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    assert(problems.length === 0, problems.join("; "));
    return outcome.detail;
  } finally {
    await page.close();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const known = options.only ? [...PAGES, ...PAGES_021] : PAGES;
  const pages = known.filter((p) => !options.only || options.only.some((o) => p.path.includes(o)));
  const profile = mkdtempSync(join(tmpdir(), "datastar-demo-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 900, height: 640 },
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const spec of pages) {
      const screenshot = spec === pages[0] ? options.screenshot : null;
      const name = spec.name ?? `${spec.path} with ${options.clients[spec.generation]}`;
      try {
        const detail = await runPage(context, options.base, spec, screenshot);
        passed++;
        console.log(`ok   ${name} (${detail})`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${name}: ${error.message.split("\n")[0]}`);
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`browser tests could not run: ${error.message}`);
  process.exit(2);
});
