/** mollview timings: projection + colouring, PNG encoding; healpy.mollview (Agg, savefig) for reference. */
import { mollviewScene, projectPixels } from '../src/report/mollweide.js';
import { renderPng } from '../src/report/render-png.js';
import { medianMs, PY_TIMER, pythonMs, row } from './util.js';

export function run(): void {
  const nside = 128;
  const data = new Float64Array(12 * nside * nside).map((_, i) => 1 + (i % 977));
  const map = { nside, ordering: 'RING' as const, frame: 'equatorial' as const, data };
  row('projectPixels 1460×730, eq→gal, nside 128', medianMs(() => projectPixels(nside, 'RING', 'equatorial', { lon0: 0, frame: 'galactic' }, 1460, 730), 5, 1), null);
  const scene = mollviewScene(map, { frame: 'galactic', log: true, title: 't' }).scene;
  row('mollviewScene 1600 px (log, galactic)', medianMs(() => mollviewScene(map, { frame: 'galactic', log: true, title: 't' }), 5, 1), null);
  row('renderPng of that scene', medianMs(() => renderPng(scene), 5, 1), null);
  const py = pythonMs(`${PY_TIMER}
import numpy as np, healpy as hp, matplotlib, io
matplotlib.use('Agg')
import matplotlib.pyplot as plt
m = 1.0 + (np.arange(12*128*128) % 977)
def f():
    hp.mollview(m, coord=['C','G'], norm='log', title='t', xsize=1600); hp.graticule()
    b = io.BytesIO(); plt.savefig(b, format='png', dpi=100); plt.close('all')
print(median_ms(f, reps=3, warmup=1))`);
  row('mollview end to end (scene + PNG)', medianMs(() => renderPng(mollviewScene(map, { frame: 'galactic', log: true, title: 't' }).scene), 3, 1), py, 'healpy mollview+graticule+savefig');
}
