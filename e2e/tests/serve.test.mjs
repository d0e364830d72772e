// End-to-end: `newsgraph serve` on a loopback port, driven in Debian's
// headless chromium through playwright-core. Screenshots go to
// e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const shots = join(here, '..', 'screenshots');
const BIN = process.env.NEWSGRAPH_BIN || join(root, 'target', 'debug', 'newsgraph');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const article = (name) => readFileSync(join(root, 'examples', 'articles', name), 'utf8');

let server, base, context, profile;
const problems = [];

// The server runs over a fresh SQLite store, as `newsgraph serve --db` does.
function startServer(db) {
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, ['serve', '--addr', '127.0.0.1:0', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + err)), 20000);
    p.stderr.on('data', (d) => {
      err += d;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) { clearTimeout(timer); resolve([p, m[1]]); }
    });
    p.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${err}`)); });
  });
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'newsgraph-e2e-'));
  [server, base] = await startServer(join(profile, 'e2e.db'));
  context = await chromium.launchPersistentContext(join(profile, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1320, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function newPage() {
  problems.length = 0;
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  await page.goto(base + '/');
  return page;
}

async function analyse(page, text, { title, published, store } = {}) {
  await page.click('#tab-read');
  await page.fill('#in-text', text);
  await page.fill('#in-title', title || '');
  await page.fill('#in-published', published || '');
  await page.setChecked('#in-store', !!store);
  await page.click('#btn-extract');
  await page.waitForFunction(() => /actors, \d+ quotes/.test(document.getElementById('status').textContent));
}

test('an article is read with quotes, speakers and events highlighted', async () => {
  const page = await newPage();
  await analyse(page, article('wire_report.txt'), { title: 'Black Sea grain talks', published: '2025-08-19' });

  // Quotes are highlighted in their speaker's colour, and the legend names the speakers.
  const quotes = await page.locator('#doc .q').count();
  assert.ok(quotes > 0, 'quote spans are highlighted');
  const coloured = await page.$$eval('#doc .q', (xs) => xs.filter((x) => x.style.getPropertyValue('--c')).length);
  assert.ok(coloured > 0, 'quotes carry their speaker colour');
  const legend = await page.$$eval('#legend li', (xs) => xs.map((x) => x.textContent));
  assert.ok(legend.length > 0, 'speakers are listed');

  // Hovering a quote shows speaker, cue and addressee.
  const first = page.locator('#doc .q[tabindex="0"]').first();
  await first.hover();
  await page.waitForSelector('#tip:not([hidden])');
  const tip = await page.textContent('#tip');
  assert.match(tip, /Speaker/);
  assert.match(tip, /Cue/);
  assert.match(tip, /Addressee/);
  assert.ok(legend.some((name) => tip.includes(name)), `tooltip names a speaker: ${tip}`);
  await page.screenshot({ path: join(shots, '1-read-quote.png'), fullPage: true });

  // Keyboard: tabbing onto a quote shows the same tooltip.
  await page.mouse.move(0, 0);
  await first.focus();
  await page.waitForSelector('#tip:not([hidden])');

  // Clicking an event highlights its trigger (and its participants).
  const button = page.locator('#events button').first();
  assert.ok(await button.count() > 0, 'events are listed');
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  const eventId = await button.getAttribute('data-event');
  const hl = await page.$$eval('#doc .hl', (xs) => xs.map((x) => [x.dataset.events, x.textContent]));
  assert.ok(hl.length > 0, 'the trigger is highlighted');
  assert.ok(hl.every(([evs]) => evs.split(' ').includes(eventId)));
  const triggerText = hl.map(([, t]) => t).join('');
  assert.ok((await button.textContent()).includes(triggerText.trim().split(/\s+/)[0]), 'the highlight is the trigger');
  assert.ok(await page.locator('#doc .hl-actor').count() > 0, 'participants are highlighted');
  // The picture for the README: the reader with an event selected and a quote's tooltip.
  await page.evaluate(() => document.getElementById('result').scrollIntoView({ block: 'start' }));
  await page.locator('#doc .q[tabindex="0"]').nth(1).hover();
  await page.waitForSelector('#tip:not([hidden])');
  await page.screenshot({ path: join(shots, '2-read-event.png'), fullPage: false });
  // Enter on the pressed button releases it.
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#doc .hl').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the corpus views: timeline, network, positions, quotes, articles', async () => {
  const page = await newPage();
  await analyse(page, article('wire_report.txt'), { title: 'Black Sea grain talks', published: '2025-08-19', store: true });
  await analyse(page, article('live_blog.txt'), { title: 'Live: summit day', published: '2025-08-20', store: true });
  await analyse(page, article('press_release.txt'), { title: 'Ministry statement', published: '2025-08-21', store: true });

  await page.click('#tab-timeline');
  await page.waitForSelector('#timeline .item');
  const items = await page.locator('#timeline .item').count();
  assert.ok(items > 0, 'the timeline lists events');
  assert.ok(await page.locator('#timeline mark').count() > 0, 'each event shows its trigger in its sentence');
  await page.screenshot({ path: join(shots, '3-timeline.png'), fullPage: true });
  // Filters: a type with no events empties the list; bad input never reaches the page as an error.
  const firstType = await page.locator('#timeline .item .badge').first().textContent();
  await page.selectOption('#tl-type', firstType);
  await page.click('#timeline-form button[type=submit]');
  await page.waitForFunction(() => /\d+ events/.test(document.getElementById('status').textContent));
  const types = await page.$$eval('#timeline .item .badge:first-child', (xs) => xs.map((x) => x.textContent));
  assert.ok(types.length > 0 && types.every((t) => t === firstType), `filtered by ${firstType}: ${types}`);

  await page.click('#tab-network');
  await page.waitForFunction(() => /\d+ actors, \d+ links/.test(document.getElementById('status').textContent));
  const inked = await page.$eval('#graph', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(inked > 500, 'the network is drawn');
  assert.ok(await page.locator('#graph-list button').count() > 0, 'links are listed for keyboard and screen readers');
  // Hovering a node names it.
  const box = await page.locator('#graph').boundingBox();
  const spot = await page.evaluate(() => {
    // A node position in page pixels, from the drawn canvas: the first opaque coloured pixel.
    const c = document.getElementById('graph');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 255 && Math.abs(d[i] - d[i + 1]) > 60) {
        const p = i / 4;
        return [(p % c.width) / c.width, Math.floor(p / c.width) / c.height];
      }
    }
    return null;
  });
  assert.ok(spot, 'a node is visible');
  await page.mouse.move(box.x + spot[0] * box.width + 2, box.y + spot[1] * box.height + 3);
  await page.waitForSelector('#graph-tip:not([hidden])');
  assert.match(await page.textContent('#graph-tip'), /mentions|events/);
  await page.screenshot({ path: join(shots, '4-network.png'), fullPage: true });

  await page.click('#tab-positions');
  await page.waitForFunction(() => /\d+ stances/.test(document.getElementById('status').textContent));
  await page.screenshot({ path: join(shots, '5-positions.png'), fullPage: true });

  await page.click('#tab-quotes');
  await page.waitForSelector('#quote-results blockquote');
  assert.ok(await page.locator('#quote-results .sentence mark').count() > 0, 'quotes show their source sentence');
  const link = page.locator('#quote-results a[href^="#article="]').first();
  await page.screenshot({ path: join(shots, '6-quotes.png'), fullPage: false });
  await link.click();
  await page.waitForSelector('#view-read:not([hidden]) #doc .q');

  await page.click('#tab-articles');
  await page.waitForSelector('#articles h3');
  assert.equal(await page.locator('#articles h3').count(), 3);

  // Keyboard: arrows move between tabs.
  await page.focus('#tab-articles');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('#view-quotes:not([hidden])');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an article containing <script> is rendered as text', async () => {
  const page = await newPage();
  const evil = 'Minister Anna Berg said: "<script>window.__pwned = 1</script> will not pass <img src=x onerror="window.__pwned = 2">." ' +
    'Russia accused Ukraine of attacking a refinery on Monday.';
  await analyse(page, evil, { title: '<b>not bold</b>', store: true });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
  assert.equal(await page.locator('#doc script, #doc img, #doc-title b').count(), 0, 'no element was created from the text');
  assert.ok((await page.textContent('#doc')).includes('<script>window.__pwned = 1</script>'), 'the tag shows as text');
  assert.equal(await page.textContent('#doc-title'), '<b>not bold</b>');
  // The same through the corpus views.
  await page.click('#tab-quotes');
  await page.fill('#qs-q', 'pwned');
  await page.click('#quotes-form button[type=submit]');
  await page.waitForSelector('#quote-results blockquote');
  assert.equal(await page.locator('#quote-results script, #quote-results img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: join(shots, '7-script-as-text.png') });

  // An uploaded HTML page: read as HTML, its scripts dropped, its text shown.
  await page.click('#tab-read');
  await page.setInputFiles('#in-file', {
    name: 'page.html', mimeType: 'text/html',
    buffer: Buffer.from('<html><head><script>window.__pwned = 3</script></head><body><h1>Talks</h1>' +
      '<p>Minister Anna Berg said: &ldquo;We will not move.&rdquo;</p></body></html>'),
  });
  // Reading the file is asynchronous: wait until the page says it is loaded.
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Loaded page.html'));
  assert.equal(await page.inputValue('#in-format'), 'html');
  await page.click('#btn-extract');
  await page.waitForFunction(() => /actors, \d+ quotes/.test(document.getElementById('status').textContent)
    && document.getElementById('doc').textContent.startsWith('Talks'));
  const shown = await page.textContent('#doc');
  assert.ok(shown.includes('\u201cWe will not move.\u201d') && !shown.includes('__pwned'), shown);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});
