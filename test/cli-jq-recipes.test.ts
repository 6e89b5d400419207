import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HELP_EPILOGUE } from '../src/cli/help.js';

/**
 * The jq recipes of --help, the README and docs/usage.md, taken from the texts themselves and run as a
 * user pastes them into bash (an `icq2-dissect` function, `capture.pcap` the sample session), with jq.
 */

const hasJq = spawnSync('jq', ['--version']).status === 0;
const SAMPLE = resolve('samples/session.pcap');
const RUN = resolve('src/cli/run.ts');
const TSX = import.meta.resolve('tsx');

interface Recipe {
  /** What it does, as the text says it (lower case, no trailing colon). */
  title: string;
  command: string;
}

const titleOf = (text: string) => text.trim().replace(/^#\s*/, '').replace(/[:.]$/, '').toLowerCase();

/** --help: a title line indented by 2 ending in ':', the command under it indented by 4 or more. */
function helpRecipes(help: string): Recipe[] {
  const section = help.slice(help.indexOf('jq recipes')).split('\n\n')[0]!.split('\n').slice(1);
  const recipes: Recipe[] = [];
  for (const line of section) {
    if (/^ {2}\S.*:$/.test(line)) recipes.push({ title: titleOf(line), command: '' });
    else recipes.at(-1)!.command += (recipes.at(-1)!.command ? '\n' : '') + line.slice(4);
  }
  return recipes;
}

/** Markdown: the "jq recipes" section's code blocks; a title is a `# comment` in a block or the paragraph before it. */
function markdownRecipes(markdown: string): Recipe[] {
  const start = markdown.search(/^#+ jq recipes$/m);
  const nextHeading = new RegExp(`^#{1,${markdown.slice(start).indexOf(' ')}} `);
  const recipes: Recipe[] = [];
  let title = '';
  let fenced = false;
  for (const line of markdown.slice(start).split('\n').slice(1)) {
    if (!fenced && nextHeading.test(line)) break;
    if (line.startsWith('```')) fenced = !fenced;
    else if (!fenced && line.endsWith(':')) title = titleOf(line);
    else if (fenced && line.startsWith('# ')) title = titleOf(line);
    else if (fenced && line.trim() === '') title = '';
    else if (fenced && title !== '') {
      recipes.push({ title, command: line });
      title = '';
    } else if (fenced) recipes.at(-1)!.command += `\n${line}`;
  }
  return recipes;
}

const TEXTS = {
  '--help': helpRecipes(HELP_EPILOGUE),
  'README.md': markdownRecipes(await readFile('README.md', 'utf8')),
  'docs/usage.md': markdownRecipes(await readFile('docs/usage.md', 'utf8')),
};

const json = (out: string) => JSON.parse(out) as unknown;

/** What each recipe prints on the sample session. */
const EXPECTED: Record<string, (out: string) => void> = {
  'messages of one user': (out) =>
    assert.equal(
      out,
      [
        '{"time":"1998-07-09T16:00:13.513500Z","to":1003,"text":"See you tomorrow at 10?"}',
        '{"time":"1998-07-09T16:00:18.513500Z","to":1003,"text":"See you tomorrow at 10?"}',
        '{"time":"1998-07-09T16:00:18.514000Z","to":1002,"text":"Protocol notes | http://example.org/icq-v2.txt"}',
        '',
      ].join('\n'),
    ),
  'all login x1 values': (out) => assert.equal(out, '72000400\n72000400\n'),
  'a count of commands': (out) => {
    const counts = json(out) as Record<string, number>;
    assert.deepEqual([counts.ACK, counts.KEEP_ALIVE, counts.SEND_MESSAGE, counts.CHANNEL_MESSAGE, Object.keys(counts).length], [37, 4, 3, 4, 26]);
  },
  'time between keep_alives of one client (seconds)': (out) => assert.deepEqual(json(out), [120.001]),
  'the same from time.delta (seconds since the previous displayed pdu)': (out) => assert.equal(out, '[84,0]\n[88,120.001]\n'),
  'pdus after a minute or more of silence': (out) => assert.deepEqual(json(out), [84, 88]),
};

let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-recipes-'));
  await symlink(SAMPLE, join(dir, 'capture.pcap'));
});

after(() => rm(dir, { recursive: true, force: true }));

/** The recipe as pasted into bash, in a directory where capture.pcap is the sample. */
function pasted(command: string): string {
  const script = `set -o pipefail\nicq2-dissect() { "${process.execPath}" --import "${TSX}" "${RUN}" "$@"; }\n${command}\n`;
  const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command}\n${result.stderr}`);
  return result.stdout;
}

test('--help, the README and docs/usage.md give the same recipes, each a command that pastes into bash', () => {
  const help = TEXTS['--help'];
  assert.deepEqual(help.map((r) => r.title), Object.keys(EXPECTED));
  assert.deepEqual(TEXTS['README.md'], help);
  assert.deepEqual(TEXTS['docs/usage.md'], help);
  for (const { command } of help) {
    assert.match(command, /^icq2-dissect .*capture\.pcap/);
    assert.deepEqual(command.split('\n').filter((line) => line.trimStart().startsWith('|')), [], 'no line starts with |');
  }
});

for (const { title, command } of TEXTS['--help']) {
  test(`jq recipe: ${title}`, { skip: !hasJq && 'jq is not installed' }, () => {
    const expected = EXPECTED[title];
    assert.ok(expected, `no expected output for the recipe "${title}"`);
    expected(pasted(command));
  });
}
