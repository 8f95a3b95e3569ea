// The web application in a real browser: sign in, import a file (and see a bad one's error report),
// classify, open the report, edit a strategy measure; keyboard, language switch and phone width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.env.E2E_BASE;
const data = process.env.E2E_DATA;
const password = process.env.E2E_PASSWORD;
const shots = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "out");
let browser;
let profile;

before(async () => {
  assert.ok(base && data && password, "run through e2e/run.sh");
  fs.mkdirSync(shots, { recursive: true });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "creacity-chromium-"));
  process.env.TMPDIR = profile;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    // playwright-core gives every launch a fresh, empty user-data-dir of its own (and refuses the
    // flag); the profile below is only used as its temporary directory root.
  });
});

after(async () => {
  if (browser) await browser.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

async function signIn(name, viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: "en-US" });
  const page = await context.newPage();
  await page.goto(`${base}/strategy`);
  assert.match(page.url(), /\/login\?next=\/strategy/);
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/strategy`);
  return { context, page };
}

test("a wrong password is refused and a right one signs in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("User name").fill("analyst");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  assert.match(await page.getByRole("alert").innerText(), /Wrong name or password/);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  assert.equal(await page.locator("h1").innerText(), "Overview");
  assert.equal(await page.locator("figure svg").count() >= 2, true, "map and charts are drawn");
  await page.screenshot({ path: path.join(shots, "overview.png"), fullPage: true });
  await context.close();
});

test("import a file, then a bad one with its error report", async () => {
  const { context, page } = await signIn("analyst");
  await page.goto(`${base}/data`);
  await page.getByLabel("What the file holds").selectOption("clusters");
  await page.getByLabel("File", { exact: true }).setInputFiles(path.join(data, "clusters.csv"));
  await page.getByRole("button", { name: "Import" }).click();
  const ok = await page.getByRole("status").first().innerText();
  assert.match(ok, /Imported: clusters\.csv — 0 new, 14 replaced/);
  const bad = fs.readFileSync(path.join(data, "clusters.csv"), "utf8").replace(",private_entrepreneur,", ",somebody,");
  await page.getByLabel("What the file holds").selectOption("clusters");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Import" }).click();
  const alert = await page.getByRole("alert").innerText();
  assert.match(alert, /nothing was imported/);
  assert.match(alert, /row \d+, column "initiator"/);
  await page.screenshot({ path: path.join(shots, "import-error.png"), fullPage: true });
  await context.close();
});

test("classify, then open the report", async () => {
  const { context, page } = await signIn("analyst");
  await page.goto(`${base}/data`);
  await page.getByLabel("Analysis").selectOption("classify");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForURL(/\/typology/);
  assert.equal(await page.locator("h1").innerText(), "Typology");
  assert.ok((await page.locator("figure svg circle").count()) > 0, "clusters on the plane");
  await page.goto(`${base}/data`);
  await page.getByRole("link", { name: "Report (printable)" }).click();
  await page.waitForURL(/\/report/);
  assert.ok((await page.locator("svg").count()) > 0, "the report has its charts");
  assert.match(await page.content(), /Synthetic|synthetic/);
  await context.close();
});

test("edit a strategy measure and a KPI", async () => {
  const { context, page } = await signIn("analyst");
  const select = page.locator("form[action='/strategy/measure'] select").first();
  const id = await select.getAttribute("id");
  await select.selectOption("in_progress");
  await page.locator("form[action='/strategy/measure']").first().getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/saved=1/);
  assert.match(await page.getByRole("status").first().innerText(), /Saved/);
  assert.equal(await page.locator(`#${id}`).inputValue(), "in_progress");
  const current = page.locator("input[name=current]").first();
  await current.fill("42");
  const formId = await current.getAttribute("form");
  await page.locator(`form[id="${formId}"] button`).click();
  await page.waitForURL(/saved=1/);
  assert.equal(await page.locator("input[name=current]").first().inputValue(), "42");
  await page.screenshot({ path: path.join(shots, "strategy.png"), fullPage: true });
  await context.close();
});

test("a stale form is refused with a clear conflict message", async () => {
  const a = await signIn("analyst");
  const b = await signIn("admin");
  const formA = a.page.locator("form[action='/strategy/measure']").nth(1);
  const formB = b.page.locator("form[action='/strategy/measure']").nth(1);
  await formB.locator("select").selectOption("adopted");
  await formB.getByRole("button", { name: "Save" }).click();
  await b.page.waitForURL(/saved=1/);
  await formA.locator("select").selectOption("dropped");
  await formA.getByRole("button", { name: "Save" }).click();
  assert.match(await a.page.getByRole("alert").innerText(), /changed by someone else/);
  await a.context.close();
  await b.context.close();
});

test("viewers see no edit forms", async () => {
  const { context, page } = await signIn("viewer");
  assert.equal(await page.locator("form[action='/strategy/measure']").count(), 0);
  await page.goto(`${base}/data`);
  assert.equal(await page.locator("form.upload").count(), 0);
  await context.close();
});

test("keyboard, language switch and a phone-sized screen", async () => {
  const { context, page } = await signIn("analyst", { width: 375, height: 740 });
  await page.goto(`${base}/`);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  await page.getByRole("link", { name: "Русский" }).click();
  assert.equal(await page.locator("h1").innerText(), "Обзор");
  await page.goto(`${base}/clusters`);
  assert.equal(await page.locator("h1").innerText(), "Кластеры", "the choice is remembered");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
  // Every visible form control has a label.
  await page.locator("table a").first().click();
  const unlabeled = await page.evaluate(() =>
    [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label"))
      .map((el) => el.name));
  assert.deepEqual(unlabeled, []);
  await page.screenshot({ path: path.join(shots, "phone-card-ru.png"), fullPage: true });
  await context.close();
});
