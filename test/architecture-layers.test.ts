import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

/** The pipeline flows one way: a stage of src/ imports only the stages before it. */
const STAGES = ['capture', 'net', 'protocol', 'dissect', 'analysis', 'study', 'stats', 'format', 'cli'];

/**
 * Writers make captures (the samples' builders, -w): beside the pipeline, not in it. They read the first
 * stages' records and headers; of the readers, only the command line uses them.
 */
const WRITERS = 'writers';
const WRITERS_IMPORT: readonly string[] = ['capture', 'net', 'protocol'];
const WRITERS_IMPORTED_BY: readonly string[] = ['cli'];

function allowed(stage: string, dependency: string): boolean {
  if (dependency === stage) return true;
  if (stage === WRITERS) return WRITERS_IMPORT.includes(dependency);
  if (dependency === WRITERS) return WRITERS_IMPORTED_BY.includes(stage);
  return STAGES.indexOf(dependency) <= STAGES.indexOf(stage);
}

test('every import in src/ points to the same stage or an earlier one; writers stay beside the readers', () => {
  const root = new URL('../src/', import.meta.url);
  const backwards: string[] = [];
  for (const stage of readdirSync(root)) {
    assert.ok(STAGES.includes(stage) || stage === WRITERS, `src/${stage} is not a pipeline stage`);
    for (const file of readdirSync(new URL(`${stage}/`, root)).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(`${stage}/${file}`, root), 'utf8');
      for (const [, dependency] of source.matchAll(/from '\.\.\/(\w+)\//g)) {
        if (!STAGES.includes(dependency!) && dependency !== WRITERS) backwards.push(`src/${stage}/${file} imports ${dependency}, no stage`);
        else if (!allowed(stage, dependency!)) backwards.push(`src/${stage}/${file} imports ${dependency}`);
      }
    }
  }
  assert.deepEqual(backwards, []);
});
