// Shared helpers for the browser tests: launch Debian's Chromium through
// playwright-core, sign in, run axe-core, take screenshots, and collect
// errors the page throws.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, outDir } from '../lib/server.mjs';

export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launch({ width = 1280, height = 900 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'iop-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width, height },
    locale: 'en-US',
    timezoneId: 'America/Chicago',
  });
  context.setDefaultTimeout(10000);
  const page = context.pages()[0] || await context.newPage();
  const errors = watch(page);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Script errors and failed requests other than the expected 401s.
export function watch(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const t = m.text();
    // Chromium logs every 4xx answer to fetch(); the app expects some
    // (the first GET /me, wrong passwords, validation errors, duplicates).
    if (/Failed to load resource: the server responded with a status of (400|401|409|429)/.test(t)) return;
    errors.push(`console: ${t}`);
  });
  return errors;
}

export async function signIn(page, base, username, password = DEMO_PASSWORD) {
  await page.goto(base + '/app/');
  await page.locator('main h1').waitFor();
  if (await page.locator('#user-area').isVisible()) await signOut(page);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#user-area:not([hidden])').waitFor();
}

// The main menu's entries by name, without the open-task count on Tasks.
export async function navNames(page) {
  return page.locator('#nav-list a').evaluateAll((as) => as.map((a) => a.firstChild.textContent));
}

export async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

// Wait until the client list shows the answer for query q.
export async function searchDone(page, q) {
  await page.locator('.result-status', { hasText: `“${q}”` }).waitFor();
  await page.locator('.results:not([aria-busy])').waitFor();
}

export async function h1(page, name) {
  const loc = page.getByRole('heading', { level: 1, name });
  await loc.waitFor();
  return loc;
}

const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

// Run axe-core for WCAG 2.0/2.1 A and AA; returns the violations, printed.
export async function axe(page, label) {
  const has = await page.evaluate(() => typeof window.axe === 'object');
  if (!has) await page.evaluate(axeSource);
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  if (res.length) console.log(`axe violations on ${label}:\n` + JSON.stringify(res, null, 2));
  return res;
}

export async function assertNoAxeViolations(page, label) {
  const v = await axe(page, label);
  assert.deepEqual(v.map((x) => `${x.id}: ${x.help}`), [], `axe violations on ${label}`);
}

const shotDir = () => outDir('screenshots');

// Save a screenshot at the current width, named name-<width>.png: the
// whole page, or only the viewport while a modal dialog is open.
export async function shot(page, name) {
  await page.evaluate(() => document.fonts && document.fonts.ready);
  const w = page.viewportSize().width;
  const path = join(shotDir(), `${name}-${w}.png`);
  const modal = await page.locator('dialog[open]').count();
  await page.screenshot({ path, fullPage: !modal });
  return path;
}

// Screenshots at 1280 and 390 px wide; leaves the page at 1280.
// Also checks that nothing makes the page scroll sideways on a 360 px phone
// (wide tables scroll inside their own box).
export async function shotsBothWidths(page, name, { axeAtNarrow = false } = {}) {
  await shot(page, name);
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} is ${overflow}px too wide at 360px`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(50);
  await shot(page, name);
  if (axeAtNarrow) await assertNoAxeViolations(page, `${name} at 390px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

export async function activeName(page) {
  return page.evaluate(() => document.activeElement && (document.activeElement.getAttribute('name') || document.activeElement.id));
}
