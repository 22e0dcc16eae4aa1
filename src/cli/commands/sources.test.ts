import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register as registerSearch } from './search.js';
import { register } from './sources.js';
import { runCli, tempDir } from '../../../test/helpers/cli.js';
import { writeSyntheticSample } from '../../../test/helpers/events.js';

const run = (args: string[]): Promise<string> => runCli((p) => { registerSearch(p); register(p); }, args);
const dir = tempDir('sources');
const DEG = Math.PI / 180;

// a strong source at the first listed position, none at the others
function sampleFile(): string {
  return writeSyntheticSample(join(dir, 'events.parquet'), 8, { nBackground: 1500, signal: [{ ra: 120 * DEG, dec: 10 * DEG, n: 60, gamma: 2 }] });
}

describe('nusky search sources', () => {
  const events = sampleFile();
  const catalog = join(dir, 'list.csv');
  writeFileSync(catalog, 'name,ra_deg,dec_deg\nhot,120,10\ncold1,300,-40\ncold2,30,50\n');

  it('--json fits every source, finds the injected one hottest, and gives a post-trial p from correlated trials', async () => {
    const r = JSON.parse(await run(['search', 'sources', '--events', events, '--catalog', catalog, '--bg-trials', '30', '--dec-step', '30', '--trials', '20', '--workers', '0', '--json']));
    expect(r.sources).toHaveLength(3);
    expect(r.hottest.name).toBe('hot');
    expect(r.hottest.ts).toBeGreaterThan(r.sources[1].ts);
    expect(r.postTrial.trials).toBe(20);
    expect(r.postTrial.p).toBeGreaterThanOrEqual(r.hottest.pPre - 1e-12);
    expect(r.postTrial.p).toBeLessThanOrEqual(1);
  }, 60_000);

  it('rejects a bad trial count naming the option', async () => {
    await expect(run(['search', 'sources', '--events', events, '--catalog', catalog, '--bg-trials', '0'])).rejects.toThrow(/--bg-trials/);
  });
});
