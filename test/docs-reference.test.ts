import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { protocolReference } from '../scripts/reference/protocol-reference.js';
import { glossary } from '../src/cli/glossary.js';
import { ALL_COMMANDS, BUILTIN_REGISTRY } from '../src/protocol/registry.js';

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

test('the protocol reference names every name -G fields lists (so every name -Y and -e accept), and names none it does not', () => {
  const reference = readFileSync(new URL('../docs/protocol-reference.md', import.meta.url), 'utf8');
  const listed = new Set([...glossary(BUILTIN_REGISTRY)].map((line) => line.split('\t')).filter(([kind]) => kind !== 'P').map(([, name]) => name!));
  const missing = [...listed].filter((name) => !reference.includes(`\`${name}\``));
  assert.deepEqual(missing, []);
  const namesSection = reference.slice(reference.indexOf('\n## Names\n'));
  const inNames = [...namesSection.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
  assert.ok(inNames.length > 40);
  assert.deepEqual(inNames.filter((name) => !listed.has(name)), []);
});
