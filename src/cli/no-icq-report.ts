import type { IcqTraffic } from '../net/icq-traffic.js';
import { plural } from '../protocol/plural.js';
import { reportLine } from './report-line.js';

/** Ports named in the report. */
const SHOWN_PORTS = 5;

/**
 * A capture that held no ICQ prints no PDUs, as tshark prints an empty list; this line on stderr says
 * why and which --port to try: `no ICQ v2 traffic in 15 frames; UDP ports seen most: 4001 (12 frames),
 * 53 (3); try --port 4001`. Nothing when there was ICQ. `what` names the capture where several are told apart.
 */
export function reportNoIcq(stderr: NodeJS.WritableStream, traffic: IcqTraffic, what?: string): void {
  if (traffic.stats.icqPayloads > 0) return;
  const frames = traffic.stats.frames;
  const ports = traffic.otherUdp.top(SHOWN_PORTS).map((c, i) => `${c.port} (${c.frames}${i === 0 ? (c.frames === 1 ? ' frame' : ' frames') : ''})`);
  const seen = ports.length > 0 ? `; UDP ports seen most: ${ports.join(', ')}` : frames > 0 ? ' (no UDP)' : '';
  const port = traffic.otherUdp.likelyIcqPort();
  const hint = port === undefined ? '' : `; try --port ${port}`;
  reportLine(stderr, `no ICQ v2 traffic in ${plural(frames, 'frame')}${seen}${hint}`, what);
}
