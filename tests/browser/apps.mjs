// Drives Debian's Chromium through the small apps of tests/it/apps_support.rs with the
// Datastar 1.0.1 client, and checks each whole interaction.
//
//   node tests/browser/apps.mjs BASE_URL
//
// BASE_URL is a running apps server (tests/it/apps_browser.rs starts one). Prints one
// line per app and a closing `N passed, N failed`; exits 1 on any failure.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"];
const STEP_MS = 5000;
// The bound, "within a second", with slack for a loaded two-core machine.
const STOP_BOUND_MS = 2000;

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitText(page, selector, expected, what) {
  try {
    await page.waitForFunction(([s, e]) => document.querySelector(s)?.textContent === e, [selector, expected], {
      timeout: STEP_MS,
    });
  } catch {
    const actual = await page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function waitGone(page, selector, what) {
  await page.waitForFunction((s) => !document.querySelector(s), selector, { timeout: STEP_MS }).catch(() => {
    throw new Error(`${what}: ${selector} is still there`);
  });
}

async function running(base) {
  return Number(await (await fetch(`${base}/running`)).text());
}

// Each state the bar and the title went through, kept in sessionStorage so that the list
// survives the redirect at the end (polling from here could miss a short-lived state).
function recordStates() {
  const seen = (key, value) => {
    const list = JSON.parse(sessionStorage.getItem(key) ?? "[]");
    if (list[list.length - 1] !== value) {
      list.push(value);
      sessionStorage.setItem(key, JSON.stringify(list));
    }
  };
  new MutationObserver(() => {
    const bar = document.querySelector("#bar");
    if (bar) seen("bar", bar.textContent);
    seen("title", document.title);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function progress(page, base) {
  await page.addInitScript(recordStates);
  await page.goto(`${base}/progress/`);
  await page.click("#start");
  await page.waitForURL(`${base}/progress/done`, { timeout: STEP_MS });
  await waitText(page, "#done", "Done!", "the page redirected to");
  const states = await page.evaluate(() => [sessionStorage.getItem("bar"), sessionStorage.getItem("title")]);
  const [bars, titles] = states.map((list) => JSON.parse(list ?? "[]"));
  const steps = bars.filter((t) => /^\d+%$/.test(t));
  assert(steps.length >= 3 && steps[steps.length - 1] === "100%", `the bar went ${bars.join(", ")}`);
  const titled = titles.filter((t) => /^Progress \d+%$/.test(t));
  assert(titled.length >= 3 && titled[titled.length - 1] === "Progress 100%", `the title went ${titles.join(", ")}`);
  return `bar ${steps.join(" ")}; title followed`;
}

async function contacts(page, base) {
  await page.goto(`${base}/contacts/`);
  await waitText(page, "#count", "3 contacts", "the count before");
  await page.getByRole("button", { name: "Delete Grace" }).click();
  await waitGone(page, "#contact_2", "after deleting Grace");
  await waitText(page, "#count", "2 contacts", "the count after one delete");
  await waitText(page, "#contact_1 td.hint", "next to go", "the hint by run-time selector");
  await page.getByRole("button", { name: "Delete Ada" }).click();
  await waitGone(page, "#contact_1", "after deleting Ada");
  await waitText(page, "#contact_3 td.hint", "next to go", "the hint moved");
  await waitText(page, "#count", "1 contacts", "the count after two deletes");
  return "2 rows deleted by id";
}

async function branches(page, base) {
  await page.goto(`${base}/branches/`);
  await page.click("#fragment");
  await waitText(page, "#note", "from a fragment", "the fragment arm");
  await page.click("#signals");
  await waitText(page, "#answer", "from signals", "the signals arm");
  await page.click("#redirect");
  await page.waitForURL(`${base}/branches/done`, { timeout: STEP_MS });
  await waitText(page, "#done", "Redirected", "the redirect arm");
  return "fragment, signals, redirect";
}

async function ticker(page, base) {
  await page.goto(`${base}/ticker/`);
  await page.waitForFunction(() => /^tick [3-9]|^tick \d\d/.test(document.querySelector("#tick")?.textContent ?? ""), null, {
    timeout: STEP_MS,
  });
  const [tick, title] = await page.evaluate(() => [document.querySelector("#tick").textContent, document.title]);
  const n = Number(tick.split(" ")[1]);
  const t = Number(title.split(" ")[1]);
  // Both events of a tick arrive in one write: the title is never behind the tick by more
  // than the tick that may have landed between the two reads.
  assert(/^Ticker \d+$/.test(title) && Math.abs(n - t) <= 1, `#tick shows ${tick} but the title is ${title}`);
  return `${tick}, title ${title}`;
}

// Run last on its own page: the loop must stop once the page is closed.
async function forever(page, base) {
  await page.goto(`${base}/forever/`);
  await page.waitForFunction(() => /^([2-9]|\d\d)%$/.test(document.querySelector("#bar")?.textContent ?? ""), null, {
    timeout: STEP_MS,
  });
  assert((await running(base)) === 1, "one loop runs while the page is open");
  await page.close();
  const closed = Date.now();
  let left = await running(base);
  while (left !== 0 && Date.now() - closed < STOP_BOUND_MS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    left = await running(base);
  }
  const ms = Date.now() - closed;
  assert(left === 0, `the loop still runs ${ms} ms after its page closed`);
  return `loop stopped ${ms} ms after the page closed`;
}

const APPS = [
  { name: "progress loop + redirect", check: progress },
  { name: "delete by run-time id", check: contacts },
  { name: "three reply shapes", check: branches },
  { name: "two events per tick", check: ticker },
  { name: "loop stops with its page", check: forever },
];

async function main() {
  const base = (process.argv[2] || "").replace(/\/$/, "");
  if (!base) throw new Error("usage: node apps.mjs BASE_URL");
  const profile = mkdtempSync(join(tmpdir(), "datastar-apps-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const app of APPS) {
      const page = await context.newPage();
      const problems = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      try {
        const detail = await app.check(page, base);
        assert(problems.length === 0, problems.join("; "));
        passed++;
        console.log(`ok   ${app.name} (${detail})`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${app.name}: ${error.message.split("\n")[0]}`);
      } finally {
        if (!page.isClosed()) await page.close();
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`apps: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed === APPS.length ? 0 : 1);
}

main().catch((error) => {
  console.error(`the apps' browser tests could not run: ${error.message}`);
  process.exit(2);
});
