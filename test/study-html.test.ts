import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FieldReport } from '../src/study/field-study.js';
import { studyHtml } from '../src/format/study-html.js';
import { cli } from './support/cli.js';

/** `unknowns -T html`: the page for the bundled captures, its escaping, no external reference, and Chromium renders it without an error. */

const CAPTURES = ['samples/session.pcap', 'test/data/micq-0.2.5-session.pcap'];

async function page(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'study-html-'));
  try {
    const file = join(dir, 'study.html');
    const written = await cli(['unknowns', '-T', 'html', '-o', file, ...CAPTURES]);
    assert.deepEqual([written.code, written.stdout, written.stderr], [0, '', '']);
    const printed = await cli(['unknowns', '-T', 'html', ...CAPTURES]);
    assert.equal(printed.stdout, readFileSync(file, 'utf8'), '-o writes what stdout would show');
    return printed.stdout;
  } finally {
    rmSync(dir, { recursive: true });
  }
}

/** The <article> of one unit: the one whose histogram is labelled with its name. */
function article(html: string, name: string): string {
  const found = html.split('<article').find((a) => a.includes(`aria-label="${name}: count per value"`));
  assert.ok(found, `no article for ${name}`);
  return found;
}

/** Every reference a page could load from elsewhere. */
const EXTERNAL = [/https?:\/\//i, /\bsrc\s*=/i, /@import/i, /url\(/i, /href="(?!#)/i];

test('the page of the two captures: per unit a histogram and a plot per sender, headings and contents', async () => {
  const html = await page();
  assert.match(html, /^<!DOCTYPE html>/);
  for (const file of CAPTURES) assert.ok(html.includes(`<li><code>${file}</code></li>`), file);
  assert.match(html, /<nav aria-labelledby="contents">/);
  assert.match(html, /<h2>CHANNEL_MESSAGE<\/h2>/);
  const x4 = article(html, 'CHANNEL_MESSAGE X4, peer to peer');
  assert.equal(x4.match(/<rect class="bar"/g)?.length, 4, 'four values, one bar each');
  assert.match(x4, /aria-label="CHANNEL_MESSAGE X4, peer to peer: value over time per sender"/);
  const dots = x4.match(/<path class="dots" stroke="[^"]+" d="([^"]+)"/);
  assert.equal(dots?.[1]?.match(/h0/g)?.length, 4, 'four points of one sender');
  assert.match(x4, /<li><span class="swatch"[^>]*><\/span>1001 \(licq 0\.71\) \(4\)<\/li>/);
  assert.match(x4, /<dd>counter: \+1 per step/);
  assert.match(x4, /<dd>3 for, 0 against<\/dd>/);
  assert.match(x4, /<dd>62, 4 bytes<\/dd>/);
  assert.match(article(html, 'LOGIN X1, client to server'), /<dd>expects 78000000; 0 of 3 agree<\/dd>/);
  for (const pattern of EXTERNAL) assert.doesNotMatch(html, pattern);
});

const HOSTILE = '<script>alert("x")</script>';

function hostileReport(): FieldReport {
  return {
    command: 'LOGIN',
    direction: 'client-to-server',
    transport: 'udp',
    field: 'X1',
    offset: 23,
    length: 4,
    count: 3,
    distinct: 1,
    values: [{ hex: '3c733e00', count: 3, text: '<s>' }],
    expected: null,
    agreesWithDocument: null,
    pattern: { kind: 'string', detail: HOSTILE, support: 3, against: 0 },
    senders: [],
    series: [{ sender: `"><img onerror=alert(1)>`, software: HOSTILE, points: [[900000000, 1], [900000001, 2], [900000002, 3]] }],
  };
}

test('text from the wire is escaped everywhere on the page', () => {
  const html = studyHtml([hostileReport()], { files: ['<b>.pcap'] });
  assert.doesNotMatch(html, /<script|<img|<b>/);
  assert.ok(html.includes('string: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  assert.ok(html.includes('&quot;&gt;&lt;img onerror=alert(1)&gt; (&lt;script&gt;'));
  assert.ok(html.includes('<code>&lt;b&gt;.pcap</code>'));
});

/** Chromium, when installed: `--version` answers. */
const chromium = spawnSync('chromium', ['--version'], { encoding: 'utf8' });

/**
 * The page loaded in headless Chromium with a probe script: the title says `ok` after the load when no script
 * error was thrown (window.onerror); the page itself has no script, so any console line Chromium logs (an SVG
 * attribute it cannot parse, say) is a fault too.
 */
test('headless Chromium renders the page without an error', async (t) => {
  if (chromium.error || chromium.status !== 0) return t.skip(`chromium not installed: ${chromium.error?.message ?? chromium.stderr}`);
  const probe = `<script>let errors = 0; onerror = () => { errors++; }; addEventListener('load', () => { document.title = errors ? 'errors: ' + errors : 'ok'; });</script>`;
  const dir = mkdtempSync(join(tmpdir(), 'study-chromium-'));
  try {
    const file = join(dir, 'study.html');
    writeFileSync(file, (await page()).replace('</head>', `${probe}</head>`));
    const run = spawnSync(
      'chromium',
      ['--headless', '--disable-gpu', '--no-sandbox', `--user-data-dir=${join(dir, 'profile')}`, '--enable-logging=stderr', '--v=0', '--dump-dom', `file://${file}`],
      { encoding: 'utf8', timeout: 90_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /<title>ok<\/title>/);
    assert.deepEqual(run.stderr.split('\n').filter((line) => /CONSOLE|Uncaught/.test(line)), []);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
