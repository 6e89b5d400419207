import assert from 'node:assert/strict';
import { evaluateFilter } from '../../src/analysis/filter-eval.js';
import { FilterError } from '../../src/analysis/filter-lex.js';
import { parseFilter } from '../../src/analysis/filter-parse.js';
import { filterSchemaOf } from '../../src/cli/filter-schema.js';
import { BUILTIN_REGISTRY } from '../../src/protocol/registry.js';
import type { DissectedPdu } from '../../src/dissect/pdu.js';

const SCHEMA = filterSchemaOf(BUILTIN_REGISTRY);

/** The frames of `pdus` a display filter (checked against the CLI's names and values) lets through. */
export function matchingFrames(pdus: readonly DissectedPdu[], expression: string): number[] {
  const filter = parseFilter(expression, SCHEMA);
  return pdus.filter((d) => evaluateFilter(filter, d.pdu)).map((d) => d.pdu.frame);
}

/** The error a display filter gives, as the CLI prints it after "filter: ". */
export function filterError(expression: string): string {
  try {
    parseFilter(expression, SCHEMA);
  } catch (error) {
    assert.ok(error instanceof FilterError);
    return error.line;
  }
  assert.fail(`no error for ${expression}`);
}
