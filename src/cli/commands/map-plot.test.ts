import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImage } from '@napi-rs/canvas';
import { writeNpy } from '../../io/npy.js';
import { register } from './map-plot.js';
import { runCli, tempDir } from '../../../test/helpers/cli.js';

const FIX = new URL('../../../test/fixtures/io/', import.meta.url).pathname;
const tmp = tempDir('cli-plot');
const run = (...args: string[]): Promise<string> => runCli(register, args);

describe('nusky map plot', () => {
  const npy = join(tmp, 'ramp.npy');
  writeNpy(npy, new Float64Array(12 * 16 * 16).map((_, i) => 1 + i));

  it('writes a PNG of the requested width from a .npy, in the requested frame, and reports it as JSON', async () => {
    const out = join(tmp, 'ramp.png');
    const r = JSON.parse(await run('map', 'plot', npy, out, '--frame', 'galactic', '--log', '--title', 'Ramp', '--unit', 'counts', '--width', '640', '--json'));
    expect(r).toMatchObject({ format: 'png', width: 640, nside: 16, mapFrame: 'equatorial', displayFrame: 'galactic', scale: 'log', vmin: 1, vmax: 3072 });
    const img = await loadImage(readFileSync(out));
    expect([img.width, img.height]).toEqual([640, r.height]);
  });

  it('writes SVG for a .svg name, with the title and unit as text', async () => {
    const out = join(tmp, 'ramp.svg');
    await run('map', 'plot', npy, out, '--title', 'Ramp map', '--unit', 'counts', '--cmap', 'magma', '--min', '0', '--max', '100');
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('>Ramp map</text>');
    expect(svg).toContain('>counts</text>');
  });

  it('plots a FITS map (column by index) in its own frame', async () => {
    const out = join(tmp, 'fits.png');
    const r = JSON.parse(await run('map', 'plot', join(FIX, 'ring_f64.fits'), out, '--field', '0', '--json'));
    expect(r).toMatchObject({ nside: 4, mapFrame: 'galactic', displayFrame: 'galactic', scale: 'linear' });
  });

  it('rejects bad options with typed errors naming the option', async () => {
    await expect(run('map', 'plot', npy, join(tmp, 'x.jpg'))).rejects.toThrow(/x\.jpg: output file: expected a \.png or \.svg extension, found "\.jpg"/);
    await expect(run('map', 'plot', npy, join(tmp, 'x.png'), '--cmap', 'jet')).rejects.toThrow(/colour map: expected one of/);
    await expect(run('map', 'plot', npy, join(tmp, 'x.png'), '--min', 'abc')).rejects.toThrow(/--min: expected a number, found "abc"/);
    await expect(run('map', 'plot', npy, join(tmp, 'x.png'), '--frame', 'ecliptic')).rejects.toThrow(/--frame: expected equatorial or galactic, found ecliptic/);
    await expect(run('map', 'plot', npy, join(tmp, 'x.png'), '--min', '5', '--max', '1')).rejects.toThrow(/expected min ≤ max, found min 5, max 1/);
  });
});
