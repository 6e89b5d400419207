/** An IcqTraffic that records every note the network layer makes, for tests to compare. */
import { IcqTraffic, type IcqTrafficOptions } from '../../src/net/icq-traffic.js';

export type NotedTraffic = IcqTraffic & { notes: { frame: number; message: string }[] };

export function notedTraffic(opts: Omit<IcqTrafficOptions, 'onNote'> = {}): NotedTraffic {
  const notes: { frame: number; message: string }[] = [];
  const traffic = new IcqTraffic({ ...opts, onNote: (frame, note) => notes.push({ frame, message: note.message }) });
  return Object.assign(traffic, { notes });
}
