import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSamples } from './samples/build-samples.js';

/** `npm run samples`: writes samples/ from the scripted session (byte for byte the same on every run). */
const dir = new URL('../samples/', import.meta.url).pathname;
for (const [name, bytes] of buildSamples()) {
  writeFileSync(join(dir, name), bytes);
  console.log(`${join('samples', name)}: ${bytes.length} bytes`);
}
