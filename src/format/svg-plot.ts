import { utcDateTimeOf } from '../dissect/time.js';
import { html } from './html-escape.js';
import { at, svg, text } from './svg.js';

export interface PlotSeries {
  /** The legend's words for it: the sender, and its software when known. */
  label: string;
  points: readonly (readonly [time: number, value: number])[];
}

const WIDTH = 480;
const HEIGHT = 200;
const LEFT = 80;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 30;
/** Distinct for up to eight senders (Okabe–Ito, readable for most colour vision); then they repeat. */
const COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
const colorOf = (i: number): string => COLORS[i % COLORS.length]!;

/** The range of some numbers, widened where it is one point so the scale still divides. */
function range(values: readonly number[], pad: number): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? [low - pad, high + pad] : [low, high];
}

const utc = (seconds: number): string => utcDateTimeOf(Math.floor(seconds)).replace('T', ' ');

/**
 * Each sender's value over time: a line through its points and a dot on each (zero-length strokes with round
 * caps, so thousands of points stay one short path); y the value, x the seconds from the first point. The
 * SVG is followed by its legend, as an HTML list.
 */
export function timePlot(series: readonly PlotSeries[], label: string): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return '';
  const times = all.map((p) => p[0]);
  const [t0, t1] = range(times, 0.5);
  const [v0, v1] = range(all.map((p) => p[1]), 1);
  const x = (t: number) => LEFT + ((t - t0) / (t1 - t0)) * (WIDTH - LEFT - RIGHT);
  const y = (v: number) => HEIGHT - BOTTOM - ((v - v0) / (v1 - v0)) * (HEIGHT - TOP - BOTTOM);
  const ticks = [v0, (v0 + v1) / 2, v1].map((v) => `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at(y(v))}" y2="${at(y(v))}"/>${text(LEFT - 4, y(v) + 4, Math.round(v), 'end')}`);
  const first = Math.min(...times);
  const axis = text(LEFT, HEIGHT - 8, utc(first)) + text(WIDTH - RIGHT, HEIGHT - 8, `+${(Math.max(...times) - first).toFixed(3)} s`, 'end');
  const lines = series.map((s, i) => {
    const color = colorOf(i);
    const vertices = s.points.map(([t, v]) => `${at(x(t))},${at(y(v))}`);
    return (
      `<g><title>${html(s.label)}</title>` +
      `<polyline class="line" stroke="${color}" points="${vertices.join(' ')}"/>` +
      `<path class="dots" stroke="${color}" d="${vertices.map((v) => `M${v}h0`).join('')}"/></g>`
    );
  });
  const legend = series.map((s, i) => `<li><span class="swatch" style="background:${colorOf(i)}"></span>${html(s.label)} (${s.points.length})</li>`);
  return svg(WIDTH, HEIGHT, label, ticks.join('') + axis + lines.join('')) + `<ul class="legend">${legend.join('')}</ul>`;
}
