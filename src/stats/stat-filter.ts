import type { Pdu } from '../dissect/pdu.js';
import { evaluateFilter } from '../analysis/filter-eval.js';
import type { FilterNode } from '../analysis/filter-parse.js';
import { mentionsAnalysis } from '../analysis/filter-values.js';

/** A statistic's own display filter (the -Y language), with its text for the result. */
export interface StatFilter {
  text: string;
  node: FilterNode;
}

export function passes(filter: StatFilter | undefined, pdu: Pdu): boolean {
  return filter === undefined || evaluateFilter(filter.node, pdu);
}

/** The result's `filter` key: absent without a filter. */
export function filterKey(filter: StatFilter | undefined): { filter?: string } {
  return filter === undefined ? {} : { filter: filter.text };
}

/** A filter that names `analysis.*` or `client.*` needs the sequence analysis to run. */
export function filterNeedsAnalysis(filter: StatFilter | undefined): boolean {
  return filter !== undefined && mentionsAnalysis(filter.text);
}
