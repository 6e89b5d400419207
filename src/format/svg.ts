import { html } from './html-escape.js';

/** What the charts of src/format/svg-*.ts share: the frame of an inline SVG and its coordinates. */

/** A coordinate with one decimal: enough on screen, and a short page. */
export const at = (n: number): string => String(Math.round(n * 10) / 10);

/** An inline SVG `width` × `height` (inline in HTML it needs no namespace, so the page names no URL); `label` names it for screen readers. */
export function svg(width: number, height: number, label: string, body: string): string {
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${html(label)}"><title>${html(label)}</title>${body}</svg>`;
}

/** Text at (x, y); `anchor` start, middle or end. */
export const text = (x: number, y: number, content: string | number, anchor = 'start'): string =>
  `<text x="${at(x)}" y="${at(y)}" text-anchor="${anchor}">${html(content)}</text>`;
