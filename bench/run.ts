/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (each exports `run()`),
 * printing medians and, where a reference (healpy …) is installed, its time in
 * the same run and the ratio.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
console.log(`nusky bench — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, node ${process.version}`);
for (const f of readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort()) {
  console.log(`\n## ${f.replace('.bench.ts', '')}`);
  const mod = (await import(join(here, f))) as { run: () => Promise<void> | void };
  await mod.run();
}
