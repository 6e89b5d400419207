import assert from 'node:assert/strict';
import { evaluateFilter } from '../../src/analysis/filter-eval.js';
import { FilterError } from '../../src/analysis/filter-lex.js';
import { parseFilter } from '../../src/analysis/filter-parse.js';
import { isKnownFieldName } from '../../src/cli/field-names.js';
import type { DissectedPdu } from '../../src/dissect/pdu.js';

/** The frames of `pdus` a display filter (checked against the CLI's names) lets through. */
export function matchingFrames(pdus: readonly DissectedPdu[], expression: string): number[] {
  const filter = parseFilter(expression, isKnownFieldName);
  return pdus.filter((d) => evaluateFilter(filter, d.pdu)).map((d) => d.pdu.frame);
}

/** The error a display filter gives, as the CLI prints it after "filter: ". */
export function filterError(expression: string): string {
  try {
    parseFilter(expression, isKnownFieldName);
  } catch (error) {
    assert.ok(error instanceof FilterError);
    return `${error.message} at position ${error.position}`;
  }
  assert.fail(`no error for ${expression}`);
}
