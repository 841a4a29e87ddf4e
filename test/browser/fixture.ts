// The browser tests' world: the web UI built (when web/dist is missing or older than web/'s
// sources), a temporary SQLite store with the seeds and one hostile article (seed.ts), the HTTP
// server on a free port, and headless Chromium (the system's /usr/bin/chromium, driven by
// playwright-core; nothing is downloaded).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildServer } from '../../src/http/index.js';
import type { Store } from '../../src/store/types.js';
import { seedStore } from './seed.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB = path.join(ROOT, 'web');
export const DIST = path.join(WEB, 'dist');
export const SHOTS = path.join(ROOT, 'test-output/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Build web/dist with vite's JS API unless it is newer than every source file under web/. */
export async function ensureBuilt(): Promise<void> {
  const index = path.join(DIST, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(WEB)) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
}

export interface World {
  url: string;
  store: Store;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  await ensureBuilt();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-browser-'));
  const store = await seedStore(path.join(tmp, 'store.db'));
  const app = await buildServer({ store, webDir: DIST, logger: false, rateLimit: 0 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  return {
    url: address,
    store,
    browser,
    async close() {
      await browser.close().catch(() => {});
      await app.close();
      await store.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A fresh page at 1280×800 that records page errors and failed requests to other hosts. */
export async function openPage(w: World, lang: 'ar' | 'en' = 'ar'): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const context = await w.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript((l) => localStorage.setItem('marsad.lang', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(w.url) && !r.url().startsWith('data:')) external.push(r.url());
  });
  return { page, errors, external };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
