import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernel } from '../kernelLoader.js';
import { Rng } from '../../stats/random.js';
import { REF_CASES } from './refCases.js';

// outputs of the kernels before the speed passes (scripts/fixtures/trials-kernel-ref.ts): template cases from
// commit deb3ec2, regenerated 2026-11-27 at 0761c98 when the template scramble began to draw its RAs from the
// four-lane generator (scripts/fixtures/trials-kernel-ref-template.ts; other random numbers, same likelihood;
// `raDraws: 'rng'` keeps the old draws); ps RA-only cases (ps-bg-raonly, ps-sig-raonly, ps-list-raonly) from the PointFitter implementation (2a21336);
// ps cases with the declination jitter (ps-bg, ps-sig, ps-list-sig) regenerated 2026-11-26 when the background
// PDF became rebuilt from the jittered events and their energy bins follow the new sin δ (a physics change;
// before it, the fast path had matched the PointFitter outputs to 3e-9), and again when jittered scrambles
// began to draw from the four-lane generator (src/stats/laneRng.ts: other random numbers, same likelihood)
const ref = JSON.parse(readFileSync(new URL('../../../test/fixtures/trials/kernel-ref.json', import.meta.url), 'utf8')) as Record<string, number[][]>;

describe('trial kernel fast paths', () => {
  for (const c of REF_CASES) {
    it(`${c.name}: TS and n_s of 20 trials equal the pre-speed-pass implementation within the n_s fit tolerance (1e-8 relative)`, async () => {
      const k = await loadKernel({ module: c.module, config: c.config });
      const row = new Float64Array(k.columns.length);
      let nonzero = 0;
      for (let i = 0; i < 20; i++) {
        k.run(Rng.forStream(c.stream, i), c.nInj, row);
        const want = ref[c.name][i];
        for (let j = 0; j < row.length; j++) expect(Math.abs(row[j] - want[j])).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(want[j])));
        if (row[0] > 0) nonzero++;
      }
      expect(nonzero).toBeGreaterThan(3);
    });
  }
});
