/**
 * Heavy check of the mollview pixel lookup against healpy at full size (not a unit test: ~10 s).
 * For a 1460×730 raster and NSIDE 128 (RING and NESTED), plain, rot=100° and equatorial→Galactic,
 * healpy (MollweideProj.xy2vec + Rotator + vec2pix) and projectPixels must pick the same pixel.
 * Run: npx tsx scripts/validate-report.ts   (needs /usr/bin/python3 with healpy)
 */
import { execFileSync } from 'node:child_process';
import { projectPixels } from '../src/report/project-pixels.js';

const iw = 1460;
const ih = 730;
const nside = 128;
const py = `
import sys, numpy as np, healpy as hp
iw, ih, nside = ${iw}, ${ih}, ${nside}
i, j = np.meshgrid(np.arange(iw), np.arange(ih))
xs = (2 * (i + 0.5) / iw - 1) * 2.0
ys = (1 - 2 * (j + 0.5) / ih) * 1.0
inside = xs ** 2 / 4 + ys ** 2 <= 1
for rot, coord, nest in [(None, None, False), ([100, 0, 0], None, True), (None, ["C", "G"], False), (None, ["C", "G"], True)]:
    vec = np.array(hp.projector.MollweideProj(rot=rot).xy2vec(xs[inside], ys[inside]))
    if coord: vec = np.array(hp.Rotator(coord=coord).I(vec))
    sys.stdout.buffer.write(hp.vec2pix(nside, vec[0], vec[1], vec[2], nest=nest).astype('<i4').tobytes())
`;
const buf = execFileSync('/usr/bin/python3', ['-c', py], { maxBuffer: 1 << 28 });
const ref = new Int32Array(buf.buffer, buf.byteOffset, buf.length / 4);
const views = [
  { name: 'plain RING', lon0: 0, frame: 'equatorial' as const, ordering: 'RING' as const },
  { name: 'rot=100° NESTED', lon0: (100 * Math.PI) / 180, frame: 'equatorial' as const, ordering: 'NESTED' as const },
  { name: 'C→G RING', lon0: 0, frame: 'galactic' as const, ordering: 'RING' as const },
  { name: 'C→G NESTED', lon0: 0, frame: 'galactic' as const, ordering: 'NESTED' as const },
];
let off = 0;
let bad = false;
for (const v of views) {
  const t0 = performance.now();
  const { pix } = projectPixels(nside, v.ordering, 'equatorial', { lon0: v.lon0, frame: v.frame }, iw, ih);
  const ms = performance.now() - t0;
  let diff = 0;
  for (let k = 0; k < pix.length; k++) if (pix[k] !== ref[off + k]) diff++;
  off += pix.length;
  console.log(`${v.name.padEnd(18)} ${pix.length} px, ${diff} differ (${((diff / pix.length) * 100).toFixed(4)} %), ${ms.toFixed(0)} ms`);
  if (diff > pix.length * 1e-4) bad = true;
}
if (off !== ref.length) throw new Error(`length mismatch: ${off} vs ${ref.length}`);
process.exit(bad ? 1 : 0);
