/**
 * Issue 7 figures of the web application: the reader portal's first load (≤ 250 KB of JavaScript
 * gzipped) and how long a results page takes to show after the API's answer arrived (≤ 100 ms).
 * Runs the real server with the demo network and Debian's Chromium:
 *   npx tsx bench/web-render.ts [searches=40]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuilt, launchChromium, startPortal } from '../test/web/support/portal.js';
import { figure, median, root } from './support.js';

const searches = Number(process.argv[2] ?? 40);
const words = ['中国', '哲学', '北京', '历史', '文学', '经济', 'history', 'science', 'china', 'economics', 'women', 'poetry', 'zhongguo', 'hongloumeng', 'year:1985', 'library'];

await ensureWebBuilt();

// What the home page loads before it can run: the entry script and what index.html preloads.
const dist = path.join(root, 'web', 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const firstLoad = scripts.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length, 0);
figure('web-first-load-js-gzip', Math.round(firstLoad / 102.4) / 10, 'KB');

const portal = await startPortal();
const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto(`${portal.url}/search?q=${encodeURIComponent('图书馆')}`);
  await page.locator('.results-main[aria-busy="false"], .notice').first().waitFor();
  // In the page: when the results change, the time since the search's answer arrived, at the next frame.
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  await page.evaluate(`(() => {
    window.renderMs = [];
    let seen = 0;
    const latestAnswer = () => performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/v1/search?') && e.name.includes('facets=true'))
      .reduce((a, e) => Math.max(a, e.responseEnd), 0);
    new MutationObserver(() => {
      const answered = latestAnswer();
      if (answered <= seen || document.querySelector('.results-main[aria-busy="true"]')) return;
      seen = answered;
      requestAnimationFrame(() => window.renderMs.push(performance.now() - answered));
    }).observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
  })()`);
  const box = page.getByRole('combobox', { name: '检索联合目录' });
  for (let i = 0; i < searches; i++) {
    // Each search different: an answer from the cache would not wait for the network.
    const n = words.length;
    const q = i < n ? words[i]! : `${words[i % n]} ${words[(i + 1 + Math.floor(i / n)) % n]}`;
    const before = (await page.evaluate('window.renderMs.length')) as number;
    await box.fill(q);
    await box.press('Enter');
    await page.waitForFunction(`window.renderMs.length > ${before}`, undefined, { timeout: 10_000 }).catch(() => undefined);
  }
  const times = (await page.evaluate('window.renderMs')) as number[];
  const sorted = [...times].sort((a, b) => a - b);
  figure('web-results-render-after-answer-p50', Math.round(median(sorted) * 10) / 10, 'ms');
  figure('web-results-render-after-answer-p95', Math.round((sorted[Math.floor(sorted.length * 0.95)] ?? NaN) * 10) / 10, 'ms');
  figure('web-results-render-samples', sorted.length, 'searches');
} finally {
  await browser.close();
  await portal.stop();
}
