// The web UI in a real browser (headless Chromium via playwright-core) over the real server and a
// store holding the five seed articles and one hostile article (fixture.ts, seed.ts). Screenshots
// of every view go to test-output/screenshots/.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CHROMIUM, openPage, shot, startWorld, type World } from './fixture.js';
import { HOSTILE_ID } from './seed.js';

let w: World;
// Debian's chromium (apt-get install chromium); without it these tests are skipped, loudly
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`test/browser: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH); browser tests skipped`);

beforeAll(async () => {
  if (HAVE_CHROMIUM) w = await startWorld();
}, 240_000);
afterAll(async () => {
  await w?.close();
});

async function go(page: Page, route: string) {
  await page.goto(`${w.url}/#/${route}`);
}

describe.skipIf(!HAVE_CHROMIUM)('web UI', () => {
  it('the timeline lists the seed story from 2014 to 2026, events drawn on the axis', async () => {
    const { page, errors, external } = await openPage(w, 'en');
    await go(page, 'timeline');
    const rows = page.getByTestId('timeline-event');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(20);
    const list = await page.getByTestId('timeline-list').innerText();
    // readable without Arabic: English event lines
    expect(list).toContain('Global Coalition against Daesh will withdraw forces');
    expect(list).toMatch(/2014/);
    expect(list).toMatch(/2026/);
    // markers on the axis, planned ones drawn differently from realized ones
    expect(await page.locator('.axis-svg g.mark.ev').count()).toBeGreaterThanOrEqual(20);
    expect(await page.locator('.axis-svg g.mark.status-planned').count()).toBeGreaterThan(0);
    const fill = (status: string) => page.locator(`.axis-svg g.mark.status-${status} > circle`).last().getAttribute('fill');
    expect(await fill('planned')).toBe('#fff');
    expect(await fill('realized')).not.toBe('#fff');
    // a type filter keeps only that type
    await page.locator('.legend-item[data-type="RETREAT"]').click();
    await expect.poll(async () => new Set(await page.locator('.axis-svg g.mark.ev').evaluateAll((l) => l.map((e) => e.getAttribute('data-type')))).size).toBe(1);
    expect(page.url()).toContain('types=RETREAT');
    // zoom in with the button: fewer year ticks' span, still rendered
    const before = await page.locator('.axis-svg text.tick').allInnerTexts();
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    await expect.poll(async () => (await page.locator('.axis-svg text.tick').allInnerTexts()).join()).not.toBe(before.join());
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('clicking an event shows its sources; a source opens its article with the evidence highlighted', async () => {
    const { page, errors } = await openPage(w, 'en');
    await go(page, 'timeline');
    const row = page.getByTestId('timeline-event').filter({ hasText: /(Iraq and United States|United States and Iraq) reached an agreement/ }).first();
    await row.click();
    // the timeline entry is lean; the detail fetches the whole story (every report, why merged)
    const detail = page.locator('[data-testid=event-detail][data-complete=true]');
    await detail.waitFor();
    expect(await detail.locator('.sources > li').count()).toBeGreaterThanOrEqual(2);
    expect(await detail.locator('.sources > li').count()).toBeGreaterThanOrEqual(Number(await detail.locator('h3 .count').innerText()));
    expect(await detail.locator('.sources .why').count()).toBeGreaterThanOrEqual(1);
    // why merged, in words: the type's name and the parties' names, not the matcher's keys
    const why = (await detail.locator('.sources .why').allInnerTexts()).join('\n');
    expect(why).toContain('same type (Agree)');
    expect(why).toMatch(/participants: .*(Iraq|United States)/);
    expect(why).not.toMatch(/same type AGREE|united-states|\busa\b/);
    expect(await detail.locator('blockquote mark.hit').count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'timeline-event-en');
    const link = detail.getByTestId('open-article').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^#\/article\/[^?]+\?ev=\d+$/);
    await link.click();
    const focus = page.locator('.article-body .sent.focus');
    await focus.waitFor();
    const trigger = focus.locator('.mk.k-EVENT.focus-span');
    expect(await trigger.count()).toBeGreaterThanOrEqual(1);
    expect(await trigger.first().getAttribute('data-label')).toBe('AGREE');
    await expect.poll(() => focus.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    })).toBe(true);
    // entity, time and figure marks are there, with labels, and hover shows the linked record
    expect(await page.locator('.article-body .mk.k-ORG').count()).toBeGreaterThan(0);
    expect(await page.locator('.article-body .mk.k-TIMEX').count()).toBeGreaterThan(0);
    const nato = page.locator('.article-body .mk.k-ORG', { hasText: 'الناتو' }).first();
    await nato.hover();
    const tip = page.getByTestId('tooltip');
    await tip.waitFor();
    expect(await tip.innerText()).toContain('nato');
    await shot(page, 'article-en');
    expect(errors).toEqual([]);
  });

  it('search for «الاتفاقات» finds the agreement', async () => {
    const { page, errors } = await openPage(w, 'ar');
    await go(page, 'search');
    await page.getByTestId('search-input').fill('الاتفاقات');
    await page.getByTestId('search-input').press('Enter');
    const hits = page.getByTestId('search-hit');
    await hits.first().waitFor();
    const events = page.locator('.hit-group[data-kind="event"] [data-testid="search-hit"]');
    const texts = await events.allInnerTexts();
    expect(texts.some((t) => t.includes('اتفقت واشنطن وبغداد'))).toBe(true);
    // …and a hit is the AGREE event itself
    const hrefs = await events.locator('a').evaluateAll((l) => l.map((a) => a.getAttribute('href') ?? ''));
    const types = await Promise.all(
      hrefs.map(async (h) => {
        const m = /^#\/article\/([^?]+)\?ev=(\d+)$/.exec(h);
        if (!m) return null;
        const a = await (await fetch(`${w.url}/api/articles/${m[1]}`)).json();
        return a.analysis.events[Number(m[2])].type;
      }),
    );
    expect(types).toContain('AGREE');
    expect(await page.locator('.hit-group mark.hit').count()).toBeGreaterThan(0);
    await shot(page, 'search-ar');
    // a hit opens the article at that event
    await events.filter({ hasText: 'اتفقت واشنطن وبغداد' }).first().locator('a').first().click();
    await page.locator('.article-body .sent.focus').waitFor();
    expect(await page.locator('.article-body .sent.focus').innerText()).toContain('اتفقت');
    // an event hit carries its type and status, and opens its story event on the timeline
    await page.goBack();
    const agreeHit = events.filter({ hasText: 'اتفقت واشنطن وبغداد' }).first();
    await agreeHit.waitFor();
    const chip = agreeHit.getByTestId('hit-story');
    expect(await chip.locator('.type-chip').getAttribute('title')).toBe('AGREE');
    await chip.click();
    const detail = page.locator('[data-testid=event-detail][data-complete=true]');
    await detail.waitFor();
    expect(await detail.locator('.type-chip').first().getAttribute('title')).toBe('AGREE');
    expect(await detail.locator('.sources > li').count()).toBeGreaterThanOrEqual(2);
    // …and in Arabic, why merged is Arabic
    const whyAr = (await detail.locator('.sources .why').allInnerTexts()).join('\n');
    expect(whyAr).toContain('النوع نفسه (اتفاق)');
    expect(whyAr).not.toContain('same type');
    expect(errors).toEqual([]);
  });

  it('the language toggle flips dir and lang and keeps the page', async () => {
    const { page } = await openPage(w, 'ar');
    await go(page, 'timeline?types=RETREAT');
    await page.getByTestId('timeline-event').first().click();
    await page.getByTestId('event-detail').waitFor();
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
    await shot(page, 'timeline-event-ar');
    const url = page.url();
    const navAr = await page.locator('.nav a[data-nav="timeline"]').innerText();
    await page.getByTestId('lang-toggle').click();
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['ltr', 'en']);
    expect(page.url()).toBe(url);
    await page.getByTestId('event-detail').waitFor();
    expect(await page.locator('.nav a[data-nav="timeline"]').innerText()).toBe('Timeline');
    expect(navAr).toBe('الخط الزمني');
    // English names and lines for the same event
    expect(await page.getByTestId('event-detail').innerText()).toMatch(/Global Coalition|United States|NATO|Iraq/);
    await page.getByTestId('lang-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(page.url()).toBe(url);
  });

  it('in Arabic, a Latin article id (an article without a title) reads left to right, not reordered', async () => {
    const { page } = await openPage(w, 'ar');
    // «001_c409ea6c0fbed91a» in a right-to-left line without isolation shows as «c409ea6c0fbed91a_001»
    const order = (sel: string) =>
      page.locator(sel).first().evaluate((el) => {
        const node = [...el.querySelectorAll('*'), el].flatMap((n) => [...n.childNodes]).find((n) => n.nodeType === 3 && n.textContent!.includes('001_c409'))!;
        const x = (from: number, to: number) => {
          const r = document.createRange();
          r.setStart(node, node.textContent!.indexOf('001_c409') + from);
          r.setEnd(node, node.textContent!.indexOf('001_c409') + to);
          return r.getBoundingClientRect().left;
        };
        return x(0, 3) < x(4, 8) ? 'ltr' : 'reordered';
      });
    await go(page, 'entity/nato');
    await page.locator('.articles a[href*="001_c409"]').first().waitFor();
    expect(await order('.articles a[href*="001_c409"]')).toBe('ltr');
    await go(page, 'article/001_c409ea6c0fbed91a'); // the crumbs' <code> (styles.css isolates it)
    await page.locator('.crumbs code').first().waitFor();
    expect(await order('.crumbs')).toBe('ltr');
    await page.context().close();
  });

  it('a hostile article shows its markup as text and runs none of it', async () => {
    const { page, errors } = await openPage(w, 'ar');
    await page.goto(`${w.url}/#/timeline`);
    await go(page, `article/${HOSTILE_ID}`);
    const body = page.getByTestId('article-body');
    await body.waitFor();
    const text = await body.innerText();
    expect(text).toContain('<script>window.__pwned=1</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.getByTestId('article-title').innerText()).toContain('<script>window.__pwned=2</script>');
    expect(await page.locator('.article-body script, .article-body img, .article-head script, .article-head b').count()).toBe(0);
    // search and entity views show the same text; none of it runs
    await go(page, `search?q=${encodeURIComponent('رسالة وصلت')}`);
    await page.getByTestId('search-hit').first().waitFor();
    await go(page, `article/${HOSTILE_ID}`);
    await body.waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await shot(page, 'article-hostile-ar');
    expect(errors).toEqual([]);
  });

  it('screenshots of every view, in both languages', async () => {
    const views: [string, string, string][] = [
      ['timeline', 'timeline', '.axis-svg g.mark'],
      ['entity', 'entity/global-coalition-against-daesh', '.entity-head h1'],
      ['map', 'map', '.map-svg .places circle'],
      ['conflicts', 'conflicts', '[data-testid="claim"]'],
      ['deadlines', 'deadlines?date=2025-06-01', '[data-testid="deadline"]'],
      ['search', `search?q=${encodeURIComponent('الاتفاقات')}`, '[data-testid="search-hit"]'],
      ['article', 'article/001_c409ea6c0fbed91a?ev=7', '.article-body .sent.focus'],
    ];
    for (const lang of ['en', 'ar'] as const) {
      const { page, errors, external } = await openPage(w, lang);
      for (const [name, route, ready] of views) {
        await go(page, route);
        await page.locator(ready).first().waitFor();
        await page.waitForTimeout(150);
        await shot(page, `${name}-${lang}`);
      }
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      await page.context().close();
    }
    // the map draws countries and Iraq's governorates, and one circle per place
    const { page } = await openPage(w, 'en');
    await go(page, 'map');
    await page.locator('.map-svg .places circle').first().waitFor();
    expect(await page.locator('.map-svg path.country').count()).toBeGreaterThan(150);
    expect(await page.locator('.map-svg path.gov').count()).toBe(18);
    // deadlines as of mid 2025: the Erbil/2026 plans are due
    await go(page, 'deadlines?date=2025-06-01');
    await page.getByTestId('deadline').first().waitFor();
    expect(await page.locator('[data-testid="deadline"][data-status="due"]').count()).toBeGreaterThan(0);
    // conflicts: the US troop figures side by side, with a chart
    await go(page, 'conflicts');
    const us = page.getByTestId('claim').filter({ hasText: 'United States' }).first();
    await us.waitFor();
    expect(await us.locator('table.figures tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await us.locator('.fig-chart circle').count()).toBeGreaterThanOrEqual(3);
  });
});
