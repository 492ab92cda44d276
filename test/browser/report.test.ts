// The report page in a real browser (headless Chromium through playwright-core): for the
// bundled examples and a generated 50-entity workspace it has one timeline per scenario
// and the graph, nothing overflows the page, and it makes no request at all (every
// request but the page itself is recorded and blocked, and so is any content-security-
// policy violation). Screenshots go to test-results/report/ (ignored by git).
//
// Chromium is required: without it this suite fails (CI installs it), it does not skip.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { BrowserContext, Page } from 'playwright-core';
import { checkSources } from '../../server/src/check';
import { collectFiles, readInput } from '../../server/src/cli/files';
import { renderReport } from '../../server/src/report';
import { generatedWorkspace } from '../fixtures/report/generate';
import { TODAY } from '../fixtures/analysis/helpers';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.DRSPEC_CHROMIUM || '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results', 'report');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCENARIOS = ['node-failure', 'zone-failure', 'region-failure', 'data-corruption'];

function examplesReport(): string {
  const sources = collectFiles([path.join(ROOT, 'examples')]).map(readInput);
  return renderReport(checkSources(sources, { today: TODAY }), { format: 'html', displayPath: (p) => path.relative(ROOT, p) });
}

function generatedReport(): string {
  return renderReport(checkSources([{ path: 'generated.drspec', text: generatedWorkspace(50) }], { today: TODAY }), { format: 'html' });
}

// Run in the page (as source text: the test is compiled without the DOM's types).
const RECORD_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

/** Elements wider than the page or drawn outside their SVG, and tables that need scrolling. */
const OVERFLOW_PROBLEMS = `(() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + (e.getAttribute('class') || '') + ' "' + (e.textContent || '').slice(0, 40) + '"';
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.right > width + 0.5) problems.push(describe(e) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + width);
    const svg = e.closest('svg');
    if (svg && svg !== e && !e.closest('defs') && !e.closest('title')) {
      const box = svg.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) problems.push(describe(e) + ' leaves its picture');
    }
  }
  for (const wrap of document.querySelectorAll('.table-wrap')) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) problems.push('a table needs scrolling: ' + wrap.scrollWidth + ' > ' + wrap.clientWidth);
  }
  return problems.slice(0, 10);
})()`;

/** No attribute or style that refers to anything outside the page (text may mention URLs). */
function assertNoReference(html: string): void {
  assert.doesNotMatch(html, /\b(?:href|src|srcset|action|poster|data|xlink:href)\s*=\s*"(?!#)/i, 'a reference outside the page');
  assert.doesNotMatch(html, /url\((?!#)|@import|<link|<iframe|<object|<embed/i, 'a resource outside the page');
}

interface Loaded {
  page: Page;
  /** Requests other than the page itself (all blocked). */
  requests: string[];
  /** Content-security-policy violations the page reported. */
  violations: string[];
}

describe('report in a browser (headless Chromium)', function () {
  this.timeout(90_000);
  let context: BrowserContext | undefined;
  let profile: string | undefined;

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium) or set DRSPEC_CHROMIUM; this test does not skip`);
    fs.mkdirSync(RESULTS, { recursive: true });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'drspec-chromium-'));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  async function load(name: string, html: string, options: { width?: number; dark?: boolean } = {}): Promise<Loaded> {
    const file = path.join(RESULTS, `${name}.html`);
    fs.writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await context!.newPage();
    await page.setViewportSize({ width: options.width ?? 1280, height: 900 });
    await page.emulateMedia({ colorScheme: options.dark ? 'dark' : 'light' });
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    await page.addInitScript(RECORD_VIOLATIONS);
    await page.goto(url, { waitUntil: 'load' });
    const violations = (await page.evaluate('window.__violations')) as string[];
    return { page, requests, violations };
  }

  async function checkPage(loaded: Loaded, name: string): Promise<void> {
    const { page } = loaded;
    const timelines = await page.$$eval('svg.timeline', (svgs) => svgs.map((s) => s.getAttribute('data-scenario')));
    assert.deepEqual(timelines, SCENARIOS, 'one timeline per scenario');
    assert.equal(await page.locator('svg.graph').count(), 1, 'the dependency graph');
    assert.ok((await page.locator('svg.graph g.node').count()) > 0, 'the graph has nodes');
    // Nothing wider than the page, and nothing drawn outside its SVG.
    const overflow = (await page.evaluate(OVERFLOW_PROBLEMS)) as string[];
    assert.deepEqual(overflow, [], `${name}: overflow`);
    assert.deepEqual(loaded.requests, [], `${name}: the page made requests`);
    assert.deepEqual(loaded.violations, [], `${name}: content security policy violations`);
    // The top of the page (summary and graph) and one timeline: full pages are slow to shoot.
    await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
    await page.locator('svg.timeline[data-scenario="region-failure"]').screenshot({ path: path.join(RESULTS, `${name}-timeline.png`) });
  }

  it('the examples: timelines, graph, no overflow, no request', async () => {
    const html = examplesReport();
    assertNoReference(html);
    const loaded = await load('examples', html);
    await checkPage(loaded, 'examples');
    await loaded.page.close();
  });

  it('a generated workspace of 50 entities, wide and narrow, light and dark', async () => {
    const html = generatedReport();
    assertNoReference(html);
    const wide = await load('generated-50', html);
    assert.equal(await wide.page.locator('svg.graph g.node').count(), 50);
    await checkPage(wide, 'generated-50');
    await wide.page.close();
    const narrow = await load('generated-50-narrow-dark', html, { width: 760, dark: true });
    await checkPage(narrow, 'generated-50-narrow-dark');
    await narrow.page.close();
  });
});
