import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { protocolReference } from '../scripts/reference/protocol-reference.js';
import { ALL_COMMANDS } from '../src/protocol/registry.js';

test('docs/protocol-reference.md is what `npm run docs` writes from the tables', () => {
  const committed = readFileSync(new URL('../docs/protocol-reference.md', import.meta.url), 'utf8');
  assert.equal(committed, protocolReference());
});

test('the reference has a section for every command of every direction', () => {
  const reference = protocolReference();
  for (const table of ALL_COMMANDS) {
    assert.ok(reference.includes(`### ${table.name} (0x${table.code.toString(16).padStart(4, '0')})`), `${table.direction} ${table.name}`);
  }
});
