import type { CommandTable, LayoutVariant } from '../protocol/types.js';
import type { Field, Note } from './pdu.js';
import { walkFields, type Value, type WalkContext } from './walk.js';

export interface LayoutResult {
  layout: LayoutVariant;
  fields: Field[];
  end: number;
  ok: boolean;
  notes: Note[];
  values: Map<string, Value>;
}

/**
 * Walks each layout of a command over the body and keeps the first that applies (its `when` holds) and
 * reads cleanly to the end; failing that, the first that applies, with its errors (tables always have one).
 */
export function chooseLayout(table: CommandTable, ctx: WalkContext, start: number): LayoutResult {
  const limit = ctx.bytes.length;
  let fallback: LayoutResult | undefined;
  let first: LayoutResult | undefined;
  const only = table.layouts.length === 1;
  for (const layout of table.layouts) {
    // A trial walks on a copy of the values so a rejected layout leaves none behind; with one layout nothing is rejected.
    const trial: WalkContext = { ...ctx, values: only ? ctx.values : new Map(ctx.values), notes: [] };
    const walked = walkFields(layout.fields, trial, start, limit);
    const result: LayoutResult = { layout, ...walked, notes: trial.notes, values: trial.values };
    first ??= result;
    if (layout.when && !layout.when.values.includes(trial.values.get(layout.when.field) as number)) continue;
    const clean = walked.ok && walked.end === limit && !trial.notes.some((n) => n.severity === 'error');
    if (clean) return result;
    fallback ??= result;
  }
  return (fallback ?? first)!;
}
