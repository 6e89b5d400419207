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
  /** Loaded layouts (--layouts) that were tried and did not read the body exactly, each with why. */
  misfits?: { layout: LayoutVariant; reason: string }[];
}

/** Why a layout's walk did not read the body exactly: its first error, or where it stopped. */
function misfitReason(result: LayoutResult, limit: number): string {
  const error = result.notes.find((n) => n.severity === 'error');
  if (error) return error.message;
  return `its fields end at byte ${result.end} of ${limit}`;
}

/**
 * Walks each layout of a command over the body and keeps the first that applies (its `when` holds) and
 * reads cleanly to the end; failing that, the first built-in one that applies, with its errors (tables
 * always have one; a table made only of loaded layouts falls back to its first). Loaded layouts come first
 * in a table and are kept only when they read cleanly: a misfit is reported, never shown in their stead.
 */
export function chooseLayout(table: CommandTable, ctx: WalkContext, start: number): LayoutResult {
  const limit = ctx.bytes.length;
  let fallback: LayoutResult | undefined;
  let first: LayoutResult | undefined;
  let loadedFirst: LayoutResult | undefined;
  let misfits: LayoutResult['misfits'];
  const only = table.layouts.length === 1;
  for (const layout of table.layouts) {
    // A trial walks on a copy of the values so a rejected layout leaves none behind; with one layout nothing is rejected.
    const trial: WalkContext = { ...ctx, values: only ? ctx.values : new Map(ctx.values), notes: [] };
    const walked = walkFields(layout.fields, trial, start, limit);
    const result: LayoutResult = { layout, ...walked, notes: trial.notes, values: trial.values };
    if (layout.loaded) loadedFirst ??= result;
    else first ??= result;
    if (layout.when && !layout.when.values.includes(trial.values.get(layout.when.field) as number)) continue;
    const clean = walked.ok && walked.end === limit && !trial.notes.some((n) => n.severity === 'error');
    if (clean) return misfits ? { ...result, misfits } : result;
    if (layout.loaded) (misfits ??= []).push({ layout, reason: misfitReason(result, limit) });
    else fallback ??= result;
  }
  const chosen = (fallback ?? first ?? loadedFirst)!;
  return misfits ? { ...chosen, misfits } : chosen;
}
