// The result pages (QCA, index, mapping, texts), the co-occurrence of problems and the map with the
// synthetic outlines, in a real browser; the tile background only on the server started with --tiles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.env.E2E_BASE;
const tiled = process.env.E2E_TILED_BASE;
const password = process.env.E2E_PASSWORD;
const shots = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "out");
let browser;
let profile;

before(async () => {
  assert.ok(base && tiled && password, "run through e2e/run.sh");
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
  });
});

after(async () => {
  if (browser) await browser.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

async function signIn(server, name, viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: "en-US" });
  const page = await context.newPage();
  // Every request the page makes, to check that nothing leaves the machine.
  page.requests = [];
  page.on("request", (r) => page.requests.push(r.url()));
  await page.goto(`${server}/login`);
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server}/`);
  return { context, page };
}

test("QCA, index and mapping pages from the navigation", async () => {
  const { context, page } = await signIn(base, "viewer");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "QCA" }).click();
  assert.equal(await page.locator("h1").innerText(), "QCA");
  assert.match(await page.locator("table caption").first().innerText(), /Configurations observed in the cases \(\d+ observed/);
  assert.match(await page.locator("h3").first().innerText(), /^M1: .*→ INITIATIVE$/);
  assert.ok((await page.locator("figure svg rect").count()) > 0, "the coverage chart");
  await page.screenshot({ path: path.join(shots, "qca.png"), fullPage: true });

  await nav.getByRole("link", { name: "Index" }).click();
  assert.equal(await page.locator("h1").innerText(), "Index");
  const first = page.locator("table").first().locator("tbody tr").first();
  assert.match(await first.innerText(), /^1\s+t03\s+Liteinsk \(synthetic\)/);
  await page.screenshot({ path: path.join(shots, "index.png"), fullPage: true });

  await nav.getByRole("link", { name: "Mapping" }).click();
  assert.equal(await page.locator("h1").innerText(), "Mapping");
  assert.equal(await page.getByRole("heading", { name: "Location quotients" }).count(), 1);
  assert.equal(await page.locator("figure svg g title").count(), 16, "4 territories × 4 sectors");
  assert.match(await page.locator("figure svg g title").first().textContent(), /^t01 × design: \d\.\d\d$/);

  await nav.getByRole("link", { name: "Problems" }).click();
  assert.equal(await page.getByRole("heading", { name: "Problems mentioned together" }).count(), 1);
  await page.getByText("The same numbers as a table").click();
  assert.ok(await page.getByRole("table", { name: "Problems mentioned together" }).isVisible());
  await page.screenshot({ path: path.join(shots, "problems-cooccurrence.png"), fullPage: true });
  assert.deepEqual(page.requests.filter((u) => !u.startsWith(base)), [], "nothing fetched from elsewhere");
  await context.close();
});

test("the Texts page by keyboard from the navigation, on a phone, in both languages", async () => {
  const { context, page } = await signIn(base, "viewer", { width: 375, height: 740 });
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Texts" });
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(`${base}/texts`);
  assert.equal(await page.locator("h1").innerText(), "Texts");
  assert.equal(await page.locator(".figure .value").nth(1).innerText(), "8", "the 8 demo documents");
  assert.equal(await page.locator(".figure .value").nth(3).innerText(), "by year");
  const categories = page.getByRole("region", { name: "Mentions of each dictionary category and the documents mentioning it" });
  assert.ok((await categories.locator("tbody tr").count()) > 0);
  assert.equal(await categories.getAttribute("tabindex"), "0", "a wide table scrolls by keyboard");
  assert.equal(await page.getByRole("columnheader", { name: "2021" }).count(), 1, "a column per year");
  assert.ok((await page.locator("figure svg rect").count()) > 0, "the charts");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
  await page.screenshot({ path: path.join(shots, "texts-phone.png"), fullPage: true });
  await page.getByRole("link", { name: "Русский" }).click();
  assert.equal(await page.locator("h1").innerText(), "Тексты");
  assert.equal(await page.locator(".figure .value").nth(3).innerText(), "по годам");
  await page.screenshot({ path: path.join(shots, "texts-phone-ru.png"), fullPage: true });
  assert.deepEqual(page.requests.filter((u) => !u.startsWith(base)), [], "nothing fetched from elsewhere");
  await context.close();
});

test("the map draws the outlines offline, and fits a phone", async () => {
  const { context, page } = await signIn(base, "viewer", { width: 375, height: 740 });
  await page.goto(`${base}/map`);
  assert.equal(await page.locator("h1").innerText(), "Map");
  assert.equal(await page.locator("svg path.outline").count(), 4);
  assert.equal(await page.locator("svg circle.territory").count(), 4);
  assert.ok((await page.locator("svg circle.cluster").count()) >= 14);
  assert.equal(await page.locator("svg image").count(), 0, "no tiles without --tiles");
  assert.match(await page.locator("svg path.outline").first().locator("title").textContent(), /\(synthetic\)$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
  assert.equal(await page.getByRole("table", { name: "Territories on the map" }).count(), 1);
  await page.getByRole("link", { name: "Русский" }).click();
  assert.equal(await page.locator("h1").innerText(), "Карта");
  assert.match(await page.locator("svg path.outline").first().locator("title").textContent(), /\(синтетический\)$/);
  await page.screenshot({ path: path.join(shots, "map-phone-ru.png"), fullPage: true });
  assert.deepEqual(page.requests.filter((u) => !u.startsWith(base)), [], "nothing fetched from elsewhere");
  await context.close();
});

test("with --tiles, tiles are laid under the same map", async () => {
  const { context, page } = await signIn(tiled, "viewer");
  const tiles = [];
  page.on("response", (r) => { if (/\/\d+\/\d+\/\d+\.png$/.test(r.url())) tiles.push(r.status()); });
  await page.goto(`${tiled}/map`);
  await page.waitForLoadState("networkidle");
  const images = page.locator("svg g.tiles image");
  assert.ok((await images.count()) >= 2, "tiles cover the map");
  assert.ok(tiles.length >= 2 && tiles.every((s) => s === 200), `tiles loaded: ${tiles}`);
  // The tile under Ferrograd (57.1° N, 61.2° E) at the map's zoom holds the city's point.
  const z = Number(await page.locator("svg[data-tiles]").getAttribute("data-z"));
  const n = 2 ** z;
  const tx = Math.floor(((61.2 + 180) / 360) * n);
  const lat = (57.1 * Math.PI) / 180;
  const ty = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
  const tile = page.locator(`svg g.tiles image[href$="/${z}/${tx}/${ty}.png"]`);
  assert.equal(await tile.count(), 1);
  const box = await tile.boundingBox();
  const city = await page.locator("svg circle.territory").nth(0).boundingBox();
  const cx = city.x + city.width / 2;
  const cy = city.y + city.height / 2;
  assert.ok(cx >= box.x && cx <= box.x + box.width && cy >= box.y && cy <= box.y + box.height,
    `Ferrograd at ${cx},${cy} lies outside its tile ${JSON.stringify(box)}`);
  assert.match(await page.locator("figure.map figcaption").innerText(), /Test tiles \(synthetic\)/);
  assert.equal(await page.locator("svg path.outline").count(), 4);
  await page.screenshot({ path: path.join(shots, "map-tiles.png"), fullPage: true });
  await context.close();
});
