import { describe, expect, it } from 'vitest';
import { Rng } from '../../stats/random.js';
import { LaneRng } from '../../stats/laneRng.js';
import { RA_STEP } from '../../likelihood/scramble.js';
import { buildTemplateSpatial, TemplateEventPdf } from '../../likelihood/templatePdf.js';
import { directSmoothing } from '../../likelihood/directSmoothing.js';
import { useTemplateWasm } from '../../likelihood/templateLookup.js';
import type { TemplateSearch } from '../../likelihood/templateSearch.js';
import { loadKernel } from '../kernelLoader.js';
import { TemplateRaLanes } from './templateRaLanes.js';

const DEG = Math.PI / 180;
const laneState = (g: LaneRng, j: number) => ({ s0: g.state[j], s1: g.state[j + 4], s2: g.state[j + 8], s3: g.state[j + 12], spareNormal: NaN });

describe('template RA scramble from four xoshiro128** lanes', () => {
  it('LaneRng.fillUint32Scaled: entry k is lane (k mod 4)’s next 32-bit output × scale (an Rng in that lane’s state), last round’s extras dropped, state after as the Rng’s', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 7, 1001]) {
      const g = new LaneRng();
      g.seedFrom(Rng.forStream(8, n));
      const refs = [0, 1, 2, 3].map((j) => { const r = new Rng(0); r.setState(laneState(g, j)); return r; });
      const out = g.fillUint32Scaled(new Float64Array(n + 1).fill(-1), n, RA_STEP);
      for (let k = 0; k < n; k++) expect(out[k]).toBe(refs[k & 3].nextUint32() * RA_STEP);
      expect(out[n]).toBe(-1);
      // every lane stepped ⌈n/4⌉ times
      for (let j = 0; j < 4; j++) for (let e = Math.floor((n - j + 3) / 4); e < Math.ceil(n / 4); e++) refs[j].nextUint32();
      for (let j = 0; j < 4; j++) expect(refs[j].getState()).toMatchObject(laneState(g, j));
    }
  });

  it('the WebAssembly draws (on the template lookup’s memory) equal LaneRng.fillUint32Scaled bit for bit for every tail length, write nothing past n and leave the same lane state', () => {
    const sigmas = Float64Array.from([3, 8, 20].map((d) => d * DEG));
    const map = { nside: 4, ordering: 'RING' as const, frame: 'equatorial' as const, data: Float64Array.from({ length: 192 }, (_, p) => 1 + (p % 7)) };
    const spatial = buildTemplateSpatial(map, () => 1, sigmas, directSmoothing, 1);
    const n = 3001;
    const rng = new Rng(3);
    const sigma = Float64Array.from({ length: n }, () => (2 + 20 * rng.uniform()) * DEG).sort();
    const dec = Float64Array.from({ length: n }, () => Math.asin(2 * rng.uniform() - 1));
    const pdf = new TemplateEventPdf(spatial, dec, sigma);
    const lk = pdf.lookup(new Float64Array(n), new Float64Array(n).fill(1), 3);
    expect(lk).not.toBeNull();
    const w = new TemplateRaLanes(lk);
    expect(w.wasm).toBe(true);
    for (const [k, m] of [0, 1, 2, 3, 4, 5, 6, 7, 8, 1000, 2997, 2998, 2999, 3000, 3001].entries()) {
      lk!.ra.fill(-1);
      const t1 = Rng.forStream(9, k), t2 = Rng.forStream(9, k);
      w.scramble(t1, lk!.ra, m);
      const js = new LaneRng();
      js.seedFrom(t2);
      const want = js.fillUint32Scaled(new Float64Array(m), m, RA_STEP);
      expect(Array.from(lk!.ra.subarray(0, m))).toEqual(Array.from(want));
      if (m < n) expect(lk!.ra[m]).toBe(-1);
      expect(Array.from(w.lanes.state)).toEqual(Array.from(js.state));
      // the trial's Rng advanced by the 16 seed draws only
      expect(t1.nextUint32()).toBe(t2.nextUint32());
    }
  });

  it('template kernel: RAs and S of every trial are the same bit for bit with and without WebAssembly (NUSKY_TEMPLATE_WASM=0), TS and n_s within the n_s fit’s 1e-9', async () => {
    const config = { synthetic: { nBackground: 3000, seed: 4 }, templates: ['galactic-band', 'galactic-band'], nside: 4, smoother: 'direct', reservoir: 2000 };
    const kw = await loadKernel({ module: 'template', config });
    useTemplateWasm(false);
    // another maxInjected: another kernel-cache key, same trials
    const kj = await loadKernel({ module: 'template', config: { ...config, maxInjected: 4999 } }).finally(() => useTemplateWasm(true));
    const sw = (kw as unknown as { searches: TemplateSearch[] }).searches[0], sj = (kj as unknown as { searches: TemplateSearch[] }).searches[0];
    expect(sw.lookup).not.toBeNull();
    expect(sj.lookup).toBeNull();
    const a = new Float64Array(4), b = new Float64Array(4);
    let positive = 0;
    for (let t = 0; t < 12; t++) {
      for (const nInj of [0, 60]) {
        kw.run(Rng.forStream(21, t), nInj, a);
        kj.run(Rng.forStream(21, t), nInj, b);
        expect(Array.from(sw.ra)).toEqual(Array.from(sj.ra));
        expect(Array.from(sw.s)).toEqual(Array.from(sj.s));
        for (let c = 0; c < 4; c++) expect(Math.abs(a[c] - b[c])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b[c])));
        if (a[0] > 0) positive++;
      }
    }
    expect(positive).toBeGreaterThan(8);
  });

  it("template kernel with raDraws 'rng' scrambles with the trial's Rng stream itself (the draws before the lanes), and the default draws differ from it", async () => {
    const config = { synthetic: { nBackground: 3000, seed: 4 }, templates: ['galactic-band'], nside: 4, smoother: 'direct', reservoir: 2000 };
    const kr = await loadKernel({ module: 'template', config: { ...config, raDraws: 'rng' } });
    const kl = await loadKernel({ module: 'template', config });
    const sr = (kr as unknown as { searches: TemplateSearch[] }).searches[0], sl = (kl as unknown as { searches: TemplateSearch[] }).searches[0];
    const out = new Float64Array(2);
    kr.run(Rng.forStream(4, 2), 0, out);
    kl.run(Rng.forStream(4, 2), 0, out);
    const want = Rng.forStream(4, 2).fillUint32Scaled(new Float64Array(sr.n), sr.n, RA_STEP);
    expect(Array.from(sr.ra)).toEqual(Array.from(want));
    const js = new LaneRng();
    js.seedFrom(Rng.forStream(4, 2));
    expect(Array.from(sl.ra)).toEqual(Array.from(js.fillUint32Scaled(new Float64Array(sl.n), sl.n, RA_STEP)));
    expect(Array.from(sl.ra)).not.toEqual(Array.from(want));
    await expect(loadKernel({ module: 'template', config: { ...config, raDraws: 'xoshiro' } })).rejects.toThrow(/raDraws/);
  });
});
