import { html } from './html-escape.js';
import { at, svg, text } from './svg.js';

export interface Bar {
  label: string;
  count: number;
}

const WIDTH = 420;
const ROW = 20;
const LABEL = 130;
/** Room right of the longest bar for its count. */
const COUNT = 50;
/** Longer labels (a long byte run's value) are cut: the bar's tooltip has them whole. */
const LABEL_CHARS = 16;

const cut = (label: string): string => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

/** Horizontal bars, one per value, longest for the most frequent, each with its count. */
export function histogram(bars: readonly Bar[], label: string): string {
  const most = Math.max(1, ...bars.map((b) => b.count));
  const room = WIDTH - LABEL - COUNT;
  const rows = bars.map((bar, i) => {
    const y = i * ROW;
    const length = Math.max(1, (bar.count / most) * room);
    return (
      `<g><title>${html(`${bar.label}: ${bar.count}`)}</title>` +
      text(LABEL - 6, y + 14, cut(bar.label), 'end') +
      `<rect class="bar" x="${LABEL}" y="${y + 3}" width="${at(length)}" height="${ROW - 6}"/>` +
      text(LABEL + length + 4, y + 14, bar.count) +
      '</g>'
    );
  });
  return svg(WIDTH, Math.max(1, bars.length) * ROW, label, rows.join(''));
}
