import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../../../test/helpers/cli.js';
import { registerScan } from './scan.js';
import { readTrials } from '../../trials/storage.js';

const dir = tempDir('scan-cli');
const base = ['scan', '--synthetic', '1500', '--nside', '4', '--workers', '1', '--json'];

describe('nusky scan --post-trials', () => {
  it('writes seeded background scans that a second run continues and merges into the post-trial p', async () => {
    const a = join(dir, 'a.parquet'), b = join(dir, 'b.parquet');
    const r1 = JSON.parse(await runCli(registerScan, [...base, '--post-trials', '3', '--post-out', a]));
    expect(existsSync(a)).toBe(true);
    expect(r1.postTrial.scans).toBe(3);
    expect(r1.postTrial.statistic).toBe('ts'); // no --bg-trials: ranked by TS
    const r2 = JSON.parse(await runCli(registerScan, [...base, '--post-trials', '2', '--post-start', '3', '--post-in', a, '--post-out', b]));
    expect(r2.postTrial.scans).toBe(5);
    const ta = await readTrials(a), tb = await readTrials(b);
    expect(Array.from(tb.data.trial)).toEqual([3, 4]);
    // the post-trial p counts the merged scans with max TS ≥ the observed
    const all = [...ta.data.north_ts, ...tb.data.north_ts];
    expect(r2.postTrial.north.p).toBeCloseTo(all.filter((x) => x >= r2.north.ts).length / 5, 12);
    // the same scans again would count twice
    await expect(runCli(registerScan, [...base, '--post-trials', '0', '--post-in', a, a])).rejects.toThrow(/repeats trials/);
  });

  it('ranks the background scans by smallest pre-trial p when --bg-trials gives pixel p-values, and flags unresolved p', async () => {
    const r = JSON.parse(await runCli(registerScan, [...base, '--bg-trials', '10', '--dec-step', '60', '--post-trials', '2']));
    expect(r.pValues).toBe(true);
    expect(r.postTrial.statistic).toBe('p');
    expect(r.postTrial.scans).toBe(2);
    for (const h of [r.north, r.south]) {
      expect(h.p).toBeGreaterThan(0);
      expect(typeof h.pExtrapolated).toBe('boolean');
      if (h.p < 0.1) expect(h.pExtrapolated).toBe(true); // 10 trials cannot resolve p < 0.1
    }
    expect(r.postTrial.north.sigma).toBeGreaterThanOrEqual(0);
  });
});
