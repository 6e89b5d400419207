import { flatText } from '../net/flat-text.js';
import type { Endpoint } from '../net/payload.js';

/** An endpoint as the JSON's `src` and `dst` write it: "198.51.100.10:1026", "[2001:db8::1]:4000". */
export const endpointText = (e: Endpoint): string => flatText(e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);

/** The endpoint a `src` or `dst` text names (the inverse of endpointText). */
export function endpointOf(text: string): Endpoint {
  const colon = text.lastIndexOf(':');
  const ip = text.slice(0, colon);
  return { ip: ip.startsWith('[') ? ip.slice(1, -1) : ip, port: Number(text.slice(colon + 1)) };
}
