import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTrials } from './runner.js';
import { mergeTrials, readTrials, writeTrials } from './storage.js';
import { FileFormatError, InputError } from '../errors.js';

const toy = { module: 'toy', config: { nEvents: 300 } };
const dir = mkdtempSync(join(tmpdir(), 'nusky-trials-'));

describe('trial storage', () => {
  it('round-trips a table through Parquet with its provenance', async () => {
    const t = await runTrials({ kernel: toy, seed: 9, count: 50, meanInjected: 3 }, { workers: 0 });
    const f = join(dir, 'a.parquet');
    writeTrials(f, t);
    const r = await readTrials(f);
    expect(r.columns).toEqual(t.columns);
    for (const c of t.columns) expect(Array.from(r.data[c])).toEqual(Array.from(t.data[c]));
    expect(r.provenance).toEqual(t.provenance);
  });

  it('merges disjoint runs of the same analysis into the same sample as one run', async () => {
    const whole = await runTrials({ kernel: toy, seed: 4, count: 40 }, { workers: 0 });
    const a = await runTrials({ kernel: toy, seed: 4, count: 25 }, { workers: 0 });
    const b = await runTrials({ kernel: toy, seed: 4, start: 25, count: 15 }, { workers: 0 });
    writeTrials(join(dir, 'b1.parquet'), a);
    writeTrials(join(dir, 'b2.parquet'), b);
    const m = mergeTrials([await readTrials(join(dir, 'b1.parquet')), await readTrials(join(dir, 'b2.parquet'))]);
    expect(m.n).toBe(40);
    expect(Array.from(m.data.ts)).toEqual(Array.from(whole.data.ts));
    expect(m.provenance.map((p) => [p.start, p.count])).toEqual([[0, 25], [25, 15]]);
  });

  it('refuses to merge different configurations or repeated trials', async () => {
    const a = await runTrials({ kernel: toy, seed: 4, count: 5 }, { workers: 0 });
    const other = await runTrials({ kernel: { module: 'toy', config: { nEvents: 301 } }, seed: 5, count: 5 }, { workers: 0 });
    expect(() => mergeTrials([a, other])).toThrow(/config hash/);
    expect(() => mergeTrials([a, a])).toThrow(InputError);
    const sig = await runTrials({ kernel: toy, seed: 6, count: 5, meanInjected: 2 }, { workers: 0 });
    expect(() => mergeTrials([a, sig])).toThrow(/injected/);
  });

  it('rejects a file that is not a nusky trial file with a typed error', async () => {
    const f = join(dir, 'junk.parquet');
    writeFileSync(f, 'not parquet at all');
    await expect(readTrials(f)).rejects.toBeInstanceOf(FileFormatError);
  });
});
