import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { runFlows, type FlowsArgs } from '../src/cli/flows-command.js';

/** docs/flows.md shows the tool's own output: each `<!-- flows ARGS -->` block must match a fresh run. */

function toArgs(words: string[]): FlowsArgs {
  const value = (flag: string): string | undefined => {
    const index = words.indexOf(flag);
    return index < 0 ? undefined : words[index + 1];
  };
  const session = value('--session');
  return {
    files: [words[0]!],
    json: value('-T') === 'json',
    ladder: words.includes('--ladder'),
    mermaid: value('-T') === 'mermaid',
    ...(session === undefined ? {} : { session: Number(session) }),
    wide: words.includes('--wide'),
    charset: 'windows-1252',
    udpPorts: [4000],
  };
}

test('every flows example in docs/flows.md is what the tool prints now', async () => {
  const doc = await readFile('docs/flows.md', 'utf8');
  const blocks = [...doc.matchAll(/<!-- flows (.+?) -->\n```\w+\n([\s\S]*?)\n```/g)];
  assert.equal(blocks.length, 4);
  for (const [, command, shown] of blocks) {
    let printed = '';
    const stdout = new Writable({
      write(chunk, _encoding, done) {
        printed += String(chunk);
        done();
      },
    });
    const code = await runFlows(toArgs(command!.split(' ')), { stdout, stderr: new Writable({ write: (_c, _e, done) => done() }) });
    assert.equal(code, 0);
    assert.equal(shown, printed.trimEnd(), `docs/flows.md is stale: re-run icq2-dissect flows ${command}`);
  }
});
