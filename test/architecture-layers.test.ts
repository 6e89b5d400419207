import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

/** The pipeline flows one way: a stage of src/ imports only the stages before it. */
const STAGES = ['capture', 'net', 'protocol', 'dissect', 'analysis', 'study', 'stats', 'format', 'cli'];

test('every import in src/ points to the same stage or an earlier one', () => {
  const root = new URL('../src/', import.meta.url);
  const backwards: string[] = [];
  for (const stage of readdirSync(root)) {
    assert.ok(STAGES.includes(stage), `src/${stage} is not a pipeline stage`);
    for (const file of readdirSync(new URL(`${stage}/`, root)).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(`${stage}/${file}`, root), 'utf8');
      for (const [, dependency] of source.matchAll(/from '\.\.\/(\w+)\//g)) {
        if (STAGES.indexOf(dependency!) > STAGES.indexOf(stage)) backwards.push(`src/${stage}/${file} imports ${dependency}`);
      }
    }
  }
  assert.deepEqual(backwards, []);
});
