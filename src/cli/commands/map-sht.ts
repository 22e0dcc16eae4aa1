/**
 * `nusky map smooth | rotate | cl`: spherical-harmonic operations on HEALPix map files, attached to the
 * `map` command group of map.ts. Degrees at the CLI, radians in src/sky/sht.
 */
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { loadMaps, isNpyFile } from '../../io/any-map.js';
import { writeMap } from '../../io/healpix-map-write.js';
import { writeNpy } from '../../io/npy.js';
import { reorder } from '../../sky/healpix/index.js';
import { anafast, rotateMapAlm, smoothing } from '../../sky/sht/index.js';
import type { SkyMap } from '../../sky/types.js';
import { emit } from '../output.js';
import { mapCommand } from './map.js';
import { degArg, frameArg, intArg } from './map-args.js';

const DEG = Math.PI / 180;

interface InOpts { inFrame?: string; inNest?: boolean }

/** First map of the file, in RING order (the transforms need RING). */
function loadRing(input: string, o: InOpts): { map: SkyMap; assumed: string[] } {
  const loaded = loadMaps(input, { frame: frameArg(o.inFrame, '--in-frame'), nest: o.inNest, field: [0] });
  let map = loaded.maps[0]!;
  if (map.ordering === 'NESTED') map = { ...map, ordering: 'RING', data: reorder(map.data, { n2r: true }) };
  return { map, assumed: loaded.assumed };
}

function save(output: string, map: SkyMap, overwrite: boolean): void {
  if (isNpyFile(output)) writeNpy(output, map.data, { overwrite });
  else writeMap(output, map, { overwrite });
}

interface SmoothOpts extends InOpts { sigmaDeg?: string; fwhmDeg?: string; lmax?: string; iter?: string; overwrite?: boolean; json?: boolean }

function smooth(input: string, output: string, o: SmoothOpts): void {
  const sigmaDeg = degArg(o.sigmaDeg, '--sigma-deg'), fwhmDeg = degArg(o.fwhmDeg, '--fwhm-deg');
  if ((sigmaDeg === undefined) === (fwhmDeg === undefined)) throw new InputError('map smooth: give exactly one of --sigma-deg or --fwhm-deg');
  const { map, assumed } = loadRing(input, o);
  const lmax = intArg(o.lmax, '--lmax', 0) ?? 3 * map.nside - 1;
  const iter = intArg(o.iter, '--iter', 0) ?? 3;
  const t0 = performance.now();
  const data = smoothing(map.data, { ...(sigmaDeg !== undefined ? { sigma: sigmaDeg * DEG } : { fwhm: fwhmDeg! * DEG }), lmax, iter });
  const ms = performance.now() - t0;
  save(output, { ...map, data }, o.overwrite ?? false);
  const result = { input, output, nside: map.nside, frame: map.frame, sigmaDeg: sigmaDeg ?? null, fwhmDeg: fwhmDeg ?? null, lmax, iter, ms, assumed };
  emit(result, o.json ?? false, () => `wrote ${output}: nside ${map.nside} RING, smoothed with ${sigmaDeg !== undefined ? `σ = ${sigmaDeg}°` : `FWHM = ${fwhmDeg}°`}, lmax ${lmax}, iter ${iter} (${ms.toFixed(0)} ms)`);
}

interface RotateOpts extends InOpts { to?: string; lmax?: string; iter?: string; overwrite?: boolean; json?: boolean }

function rotate(input: string, output: string, o: RotateOpts): void {
  const to = frameArg(o.to, '--to');
  if (!to) throw new InputError('map rotate: --to galactic|equatorial is required');
  const { map, assumed } = loadRing(input, o);
  const lmax = intArg(o.lmax, '--lmax', 0) ?? 3 * map.nside - 1;
  const iter = intArg(o.iter, '--iter', 0) ?? 3;
  const out = rotateMapAlm(map, to, { lmax, iter });
  save(output, out, o.overwrite ?? false);
  const result = { input, output, nside: map.nside, from: map.frame, to, lmax, iter, assumed };
  emit(result, o.json ?? false, () => `wrote ${output}: nside ${map.nside} RING, ${map.frame} → ${to} through a_lm (lmax ${lmax}, iter ${iter})`);
}

interface ClOpts extends InOpts { lmax?: string; iter?: string; json?: boolean }

function cl(input: string, o: ClOpts): void {
  const { map, assumed } = loadRing(input, o);
  const lmax = intArg(o.lmax, '--lmax', 0) ?? 3 * map.nside - 1;
  const iter = intArg(o.iter, '--iter', 0) ?? 3;
  const c = anafast(map.data, { lmax, iter });
  const result = { input, nside: map.nside, lmax, iter, cl: Array.from(c), assumed };
  emit(result, o.json ?? false, () => ['# l C_l', ...Array.from(c, (v, l) => `${l} ${v}`)].join('\n'));
}

export function register(program: Command): void {
  const map = mapCommand(program);
  // Options every subcommand shares: how to read the input, and the harmonic band limit.
  const inputOpts = (c: Command) => c
    .option('--in-frame <frame>', 'input frame when the file does not say (.npy default: equatorial)')
    .option('--in-nest', 'the input .npy is NESTED (default RING)')
    .option('--lmax <l>', 'maximum multipole (default 3·nside−1)')
    .option('--iter <n>', 'Jacobi iterations of map2alm (default 3)');
  inputOpts(map
    .command('smooth')
    .description('Gaussian smoothing in harmonic space, like healpy.smoothing (iter 3, lmax 3·nside−1); UNSEEN pixels count as 0 and stay UNSEEN')
    .argument('<in>', 'input .fits, .fits.gz or .npy (first column)')
    .argument('<out>', 'output .fits, .fits.gz or .npy (RING)')
    .option('--sigma-deg <deg>', 'Gaussian σ in degrees (give exactly one of --sigma-deg, --fwhm-deg)')
    .option('--fwhm-deg <deg>', 'Gaussian FWHM in degrees (σ = FWHM/√(8 ln 2))')
    .option('--overwrite', 'replace OUT if it exists')
    .option('--json', 'print JSON'))
    .action((input: string, output: string, o: SmoothOpts) => smooth(input, output, o));
  inputOpts(map
    .command('rotate')
    .description('re-express a map in Galactic or equatorial (ICRS) coordinates by rotating its a_lm (band-limited to lmax; UNSEEN counts as 0)')
    .argument('<in>', 'input .fits, .fits.gz or .npy (first column)')
    .argument('<out>', 'output .fits, .fits.gz or .npy (RING)')
    .option('--to <frame>', 'output frame: galactic|equatorial (required)')
    .option('--overwrite', 'replace OUT if it exists')
    .option('--json', 'print JSON'))
    .action((input: string, output: string, o: RotateOpts) => rotate(input, output, o));
  inputOpts(map
    .command('cl')
    .description('angular power spectrum C_l of a map, like healpy.anafast')
    .argument('<in>', 'input .fits, .fits.gz or .npy (first column)')
    .option('--json', 'print JSON'))
    .action((input: string, o: ClOpts) => cl(input, o));
}
