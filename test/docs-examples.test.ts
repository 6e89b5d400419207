import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HELP_EPILOGUE } from '../src/cli/help.js';

/**
 * Every command example of --help, the README and docs/usage.md, taken from the texts and run in bash as
 * a user pastes it (`capture.pcap` is the sample session): it must succeed and print something, and where
 * the text shows what it prints (`$ command` then its output), print exactly that. The jq recipes are
 * test/cli-jq-recipes.test.ts's; live capture (-i) is test/cli-live.test.ts's.
 */

const SAMPLE = resolve('samples/session.pcap');
const RUN = resolve('src/cli/run.ts');
const TSX = import.meta.resolve('tsx');
const has = (tool: string) => spawnSync(tool, ['--version']).status === 0;

interface Example {
  where: string;
  command: string;
  /** The output the text shows under a `$ command`, when it shows one. */
  shown?: string;
}

/** Synopsis lines (`[options]`, `FILE|-`), recipes (jq; a line ending in a pipe goes on in one) and live capture are no example to run here. */
const runnable = (command: string) => !/\[options\]|\bFILE\b|\| *jq|\|$|(^| )-i /.test(command) && !command.startsWith('icq2-dissect:');

/** The file an example writes its output to (`> FILE`, `-w FILE`, `-o FILE`; not `-w -`), outside its quoted arguments. */
function writtenFile(command: string): string | undefined {
  const bare = command.replace(/'[^']*'|"[^"]*"/g, "''");
  return bare.match(/(?:>|-w|-o) +([^\s-]\S*)/)?.[1];
}

/** --help's Examples: one command per line, indented by 2, its description after two spaces or more. */
function helpExamples(help: string): Example[] {
  const section = help.slice(help.indexOf('Examples:')).split('\n\n')[0]!.split('\n').slice(1);
  return section.map((line) => ({ where: '--help', command: line.trim().split(/ {2,}/)[0]! })).filter((e) => runnable(e.command));
}

/** Markdown code blocks: a line that runs icq2-dissect (a `#` comment after it dropped); after `$ `, the lines up to the next `$ ` or the block's end are its output. */
function markdownExamples(where: string, markdown: string): Example[] {
  const examples: Example[] = [];
  let fenced = false;
  let shown: Example | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      fenced = !fenced;
      shown = undefined;
      continue;
    }
    if (!fenced) continue;
    const dollar = line.startsWith('$ ');
    const command = (dollar ? line.slice(2) : line).replace(/\s+# .*$/, '').trim();
    if (command.startsWith('icq2-dissect ') || command.startsWith('gunzip ')) {
      shown = undefined;
      if (!runnable(command)) continue;
      const example: Example = { where, command, ...(dollar ? { shown: '' } : {}) };
      examples.push(example);
      if (dollar) shown = example;
    } else if (shown) shown.shown += `${line}\n`;
  }
  return examples;
}

const EXAMPLES = [
  ...helpExamples(HELP_EPILOGUE),
  ...markdownExamples('README.md', await readFile('README.md', 'utf8')),
  ...markdownExamples('docs/usage.md', await readFile('docs/usage.md', 'utf8')),
];

/** The output as the text shows it, where a line `...` stands for the lines it leaves out. */
function shownPattern(shown: string): RegExp {
  const lines = shown.replace(/\n+$/, '').split('\n');
  const escape = (line: string) => line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${lines.map((line) => (line === '...' ? '(?:.*\\n)*?' : `${escape(line)}\\n`)).join('')}$`);
}

let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-examples-'));
  await symlink(SAMPLE, join(dir, 'capture.pcap'));
  // --help's example of several captures.
  await symlink(SAMPLE, join(dir, 'mon.pcap'));
  await symlink(resolve('samples/session.pcapng'), join(dir, 'tue.pcapng'));
  await writeFile(join(dir, 'capture.pcap.gz'), gzipSync(await readFile(SAMPLE)));
  for (const name of ['samples', 'test', 'docs']) await symlink(resolve(name), join(dir, name));
});

after(() => rm(dir, { recursive: true, force: true }));

test('the texts give examples to run', () => {
  const count = (where: string) => EXAMPLES.filter((e) => e.where === where).length;
  assert.ok(count('--help') >= 10, `--help: ${count('--help')}`);
  assert.ok(count('docs/usage.md') >= 10, `docs/usage.md: ${count('docs/usage.md')}`);
  assert.ok(EXAMPLES.some((e) => e.shown !== undefined));
});

for (const example of EXAMPLES) {
  const needs = ['tshark', 'dumpcap'].find((tool) => example.command.includes(tool));
  const skip = needs !== undefined && !has(needs) && `${needs} is not installed`;
  test(`${example.where}: ${example.command}`, { skip }, async () => {
    const script = `set -o pipefail\nicq2-dissect() { "${process.execPath}" --import "${TSX}" "${RUN}" "$@"; }\n${example.command}\n`;
    const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' } });
    if (example.shown !== undefined) {
      assert.match(result.stdout + result.stderr, shownPattern(example.shown));
      return;
    }
    assert.equal(result.status, 0, result.stderr);
    const written = writtenFile(example.command);
    const output = written === undefined ? result.stdout : await readFile(join(dir, written), 'latin1');
    assert.notEqual(output.trim(), '', 'prints something');
  });
}
