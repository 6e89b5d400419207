import type { FieldReport } from '../study/field-study.js';
import { html } from './html-escape.js';
import { unitName } from './study-table.js';
import { histogram, type Bar } from './svg-histogram.js';
import { timePlot } from './svg-plot.js';
import { plural } from '../protocol/plural.js';

/** `icq2-dissect unknowns -T html`: one self-contained page (inline CSS and SVG, no script, no URL). */

export interface StudyPageMeta {
  /** The captures studied, as named on the command line (`-`: standard input). */
  files: readonly string[];
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em auto; max-width: 72em; padding: 0 1em; color: #222; }
code, svg text { font-family: ui-monospace, monospace; }
svg { max-width: 100%; height: auto; }
svg text { font-size: 11px; fill: #222; }
.bar { fill: #0072b2; }
.line { fill: none; stroke-width: 1.5; }
.dots { stroke-width: 5; stroke-linecap: round; }
.grid { stroke: #ddd; }
article { border-top: 1px solid #ccc; padding: .5em 0; }
.unit { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; }
dl { display: grid; grid-template-columns: max-content minmax(10em, 24em); gap: .1em 1em; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
figure { margin: 0; }
figcaption { font-weight: 600; }
.legend { list-style: none; padding: 0; margin: .3em 0; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .4em; }
`;

const DIRECTIONS: Readonly<Record<string, string>> = { 'client-to-server': 'client to server', 'server-to-client': 'server to client', 'peer-to-peer': 'peer to peer' };

/** The reports in their order, grouped by command (the page's sections). */
function byCommand(reports: readonly FieldReport[]): Map<string, FieldReport[]> {
  const groups = new Map<string, FieldReport[]>();
  for (const r of reports) {
    const group = groups.get(r.command);
    if (group) group.push(r);
    else groups.set(r.command, [r]);
  }
  return groups;
}

const heading = (r: FieldReport): string => `${unitName(r)}, ${DIRECTIONS[r.direction] ?? r.direction}`;

/** Its top values, and the rest as one bar. */
function bars(r: FieldReport): Bar[] {
  const top = r.values.map((v) => ({ label: v.hex, count: v.count }));
  const rest = r.count - top.reduce((sum, b) => sum + b.count, 0);
  return rest > 0 ? [...top, { label: `other (${r.distinct - top.length})`, count: rest }] : top;
}

function facts(r: FieldReport): string {
  const { pattern } = r;
  const rows: [string, string][] = [
    ['Place', `${r.command}, ${DIRECTIONS[r.direction] ?? r.direction} (${r.transport}), ${unitName(r)}`],
    ['Offset, length', `${r.offset}, ${plural(r.length, 'byte')}`],
    ['Samples', `${r.count}, ${r.distinct} distinct`],
    ['Pattern', `${pattern.kind}: ${pattern.detail}`],
    ['Support', `${pattern.support} for, ${pattern.against} against`],
    ['Document', r.expected !== null ? `expects ${[r.expected, ...(r.alsoExpected ?? [])].join(' or ')}; ${r.agreesWithDocument} of ${r.count} agree` : 'no fixed value'],
  ];
  return `<dl>${rows.map(([term, value]) => `<dt>${html(term)}</dt><dd>${html(value)}</dd>`).join('')}</dl>`;
}

function unit(r: FieldReport, id: string): string {
  const name = `${r.command} ${heading(r)}`;
  const plot = timePlot(
    r.series.map((s) => ({ label: s.software ? `${s.sender} (${s.software})` : s.sender, points: s.points })),
    `${name}: value over time per sender`,
  );
  return (
    `<article id="${id}"><h3>${html(heading(r))}</h3><div class="unit">${facts(r)}` +
    `<figure><figcaption>Values</figcaption>${histogram(bars(r), `${name}: count per value`)}</figure>` +
    (plot === '' ? '' : `<figure><figcaption>Value over time (little-endian), per sender</figcaption>${plot}</figure>`) +
    '</div></article>'
  );
}

export function studyHtml(reports: readonly FieldReport[], meta: StudyPageMeta): string {
  const groups = [...byCommand(reports)];
  const ids = new Map(reports.map((r, i) => [r, `u${i + 1}`]));
  const senders = new Set(reports.flatMap((r) => r.series.map((s) => s.sender)));
  const files = meta.files.map((f) => (f === '-' ? 'standard input' : f));
  const toc = groups.map(
    ([command, units], c) =>
      `<li><a href="#c${c + 1}">${html(command)}</a><ul>` +
      units.map((r) => `<li><a href="#${ids.get(r)}">${html(heading(r))}</a>: ${html(r.pattern.kind)}</li>`).join('') +
      '</ul></li>',
  );
  const sections = groups.map(
    ([command, units], c) => `<section id="c${c + 1}"><h2>${html(command)}</h2>${units.map((r) => unit(r, ids.get(r)!)).join('')}</section>`,
  );
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${html(`Unknown fields: ${files.join(', ')}`)}</title><style>${STYLE}</style></head><body>` +
    `<header><h1>Unknown fields</h1><p>Captures studied (${files.length}):</p><ul>${files.map((f) => `<li><code>${html(f)}</code></li>`).join('')}</ul>` +
    `<p>${reports.length} units in ${groups.length} commands, ${reports.reduce((sum, r) => sum + r.count, 0)} samples, ${senders.size} senders plotted.</p></header>` +
    `<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul>${toc.join('')}</ul></nav>` +
    `<main>${sections.join('')}</main></body></html>\n`
  );
}
