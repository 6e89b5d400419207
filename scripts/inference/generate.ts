import { SessionScript, UdpClient } from '../samples/session-script.js';
import { ethernetRecords } from '../samples/build-samples.js';
import { writeMixFile } from '../bench/mixes.js';
import { prng } from '../../test/support/prng.js';
import type { CommandTable } from '../../src/protocol/types.js';
import { RECIPES, type Party, type RecipeContext } from './recipes.js';

/**
 * A capture of at least PDUS PDUs of one command: CLIENTS clients of one server, each in its own UDP session
 * with its sequence numbers and ACKs, taking turns at random over a few hours, values from RECIPES.
 */

export const PDUS = 240;
const CLIENTS = 12;
const SERVER = { ip: '192.0.2.1', port: 4000 };
const START = 900_000_000; // 1998-07-09 16:00:00 UTC
const WORDS = ['hello', 'icq', 'see', 'you', 'at', 'ten', 'tomorrow', 'meeting', 'the', 'capture', 'bob', 'carol', 'göteborg', 'protocol', 'x', 'fields', 'sailing', 'since', '1997'];

export function writeGeneratedCapture(table: CommandTable, path: string, seed = 11): void {
  const recipe = RECIPES[table.name];
  if (!recipe) throw new Error(`no recipe for ${table.name}`);
  const random = prng(seed);
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)]!;
  const text = (min: number, max: number): string => {
    const length = min + Math.floor(random() * (max - min + 1));
    let out = '';
    while (out.length < length) out += (out ? ' ' : '') + pick(WORDS);
    return out.slice(0, length).trimEnd();
  };
  const script = new SessionScript(START, 6);
  const parties: Party[] = Array.from({ length: CLIENTS }, (_, i) => ({ ip: `198.51.100.${10 + i}`, port: 1025 + i, uin: 100_000 + 37 * i, listen: 2000 + i }));
  const clients = parties.map((p) => new UdpClient(script, { ip: p.ip, port: p.port }, SERVER, p.uin));
  const counts = parties.map(() => 0);
  for (let turn = 0; turn < PDUS; turn++) {
    script.clock.advance(1000 + random() * 60_000);
    const i = Math.floor(random() * CLIENTS);
    const others = parties.filter((_, j) => j !== i);
    const now = new Date(script.clock.now(0).seconds * 1000);
    const date = { YEAR: now.getUTCFullYear(), MONTH: now.getUTCMonth() + 1, DAY: now.getUTCDate(), HOUR: now.getUTCHours(), MINUTE: now.getUTCMinutes() };
    const context: RecipeContext = { me: parties[i]!, other: pick(others), n: ++counts[i]!, pick, text, date };
    const client = clients[i]!;
    if (recipe.request) {
      const { command, values } = recipe.request(context);
      client.send(command, values);
    }
    if (table.direction === 'client-to-server') client.send(table.name, recipe.values(context));
    else client.receive(table.name, recipe.values(context));
  }
  writeMixFile(path, ethernetRecords(script));
}
