import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI } from './support/cli.js';
import { clientCapture } from './support/client-captures.js';

/**
 * The progress line as a person sees it, under a pseudo-terminal (util-linux `script`): stderr is the
 * terminal; stdout is /dev/null, a file, a pipe or the terminal itself. The capture comes through a pipe
 * that pauses for a second after its first 200 KB, so every run lasts long enough to draw the line.
 */

const scriptMissing = spawnSync('script', ['--version']).error !== undefined;
const skip = scriptMissing ? 'script (util-linux) is not installed: terminal checks skipped' : false;

const LINE = /frame \d+( \(\d+% of the file\))?, \d+ PDUs, \d+ frames\/s/;
const ERASE = '\r\x1b[K';
const node = [process.execPath, ...CLI].map((word) => `'${word}'`).join(' ');

let dir = '';
let capture = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-progress-'));
  capture = join(dir, 'big.pcap');
  const steps = Array.from({ length: 2500 }, (_, i) => [
    { fromClient: true, command: 'KEEP_ALIVE', values: { SEQ_NUM: i + 1, UIN: 1001 } },
    { fromClient: false, command: 'ACK', values: { SEQ_NUM: i + 1 } },
  ]).flat();
  await writeFile(capture, clientCapture({ ip: '198.51.100.10', port: 1026 }, steps));
});

after(() => rm(dir, { recursive: true, force: true }));

/** A shell command line reading the capture slowly from stdin (`-`), `args` the CLI's, `rest` what follows it. */
const slowly = (args: string, rest: string, pause = 1) => `{ dd bs=100000 count=2 status=none; sleep ${pause}; cat; } < '${capture}' | ${node} ${args} - ${rest}`;

/** What the terminal received while `command` ran under `script` (stderr, and stdout unless redirected). */
async function onTerminal(command: string, typed?: { after: RegExp; text: string }): Promise<{ seen: string; code: number | null }> {
  const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, NO_COLOR: '1' } });
  let seen = '';
  child.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (typed) {
    for (let waited = 0; !typed.after.test(seen) && waited < 30_000; waited += 50) await sleep(50);
    child.stdin.write(typed.text);
  }
  const code = await exited;
  return { seen, code };
}

/** What the terminal received (the exit code aside). */
const screen = async (command: string): Promise<string> => (await onTerminal(command)).seen;

/** The line was drawn, and the last thing on the terminal from it is its erasure. */
function drawnAndErased(seen: string): void {
  assert.match(seen, LINE);
  const last = seen.lastIndexOf('frames/s');
  assert.equal(seen.slice(last + 'frames/s'.length).startsWith(ERASE), true, JSON.stringify(seen.slice(last - 40)));
}

test('stdout to /dev/null or a regular file: the line is drawn on the terminal, erased at exit, and never in the file', { skip }, async () => {
  drawnAndErased(await screen(slowly('', '> /dev/null')));
  const out = join(dir, 'list.txt');
  drawnAndErased(await screen(slowly('-T fields -e frame', `> '${out}'`)));
  const list = await readFile(out, 'utf8');
  assert.equal(list.split('\n').length, 5001);
  assert.doesNotMatch(list, /\x1b|frames\/s/);
});

test('stdout through a pipe (a pager) or on the terminal: no line; --progress forces it, --no-progress keeps it off', { skip }, async () => {
  assert.doesNotMatch(await screen(slowly('', '| cat > /dev/null')), /frames\/s|\x1b\[K/);
  const onScreen = await screen(slowly('-T fields -e frame', ''));
  assert.match(onScreen, /^5000\r?$/m);
  assert.doesNotMatch(onScreen, /frames\/s/);
  drawnAndErased(await screen(slowly('--progress', '| cat > /dev/null')));
  assert.doesNotMatch(await screen(slowly('--no-progress', '> /dev/null')), /frames\/s/);
});

test('JSON, flows and unknowns show it on the same terms', { skip }, async () => {
  // JSON spools its input (the analysis reads it twice): a reader slow to take the output makes the run long.
  drawnAndErased(await screen(`${node} --progress -T json '${capture}' | { sleep 1; cat > /dev/null; }`));
  drawnAndErased(await screen(slowly('flows', '> /dev/null')));
  assert.doesNotMatch(await screen(slowly('flows', '| cat')), /frames\/s/);
  drawnAndErased(await screen(slowly('unknowns', `-o '${join(dir, 'study.json')}' -T json`)));
});

test('Ctrl-C erases the line, and the program dies of SIGINT (the shell gives up its list too: 130)', { skip }, async () => {
  // The capture from a named pipe fed from outside the terminal's process group, as a file still being written.
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  // The reader dies of the Ctrl-C: writing to it then fails, as it should.
  const writer = createWriteStream(fifo).on('error', () => {});
  const bytes = await readFile(capture);
  // A part, a pause long enough for the line to be drawn on the next, then more; the pipe stays open.
  writer.write(bytes.subarray(0, 200_000));
  const more = setTimeout(() => writer.write(bytes.subarray(200_000, 300_000)), 1000);
  try {
    const { seen, code } = await onTerminal(`${node} '${fifo}' > /dev/null; echo "not stopped"`, { after: LINE, text: '\x03' });
    // The terminal echoes the ^C where the cursor is, at the end of the line.
    drawnAndErased(seen.replace('^C', ''));
    assert.doesNotMatch(seen, /not stopped/);
    assert.equal(code, 130);
  } finally {
    clearTimeout(more);
    writer.destroy();
  }
});
