/**
 * `nusky healpix info|ang2pix|pix2ang|neighbours`: pixel arithmetic from the
 * shell. Degrees at the CLI (longitude/latitude, healpy's lonlat convention);
 * nside ≤ 2^24 uses numbers, larger nside the BigInt functions.
 */
import { Command } from 'commander';
import { InputError } from '../../errors.js';
import { emit } from '../output.js';
import {
  nside2npix, nside2pixarea, nside2resol, maxPixrad, isNsideOk, nRings, MAX_NUMBER_NSIDE,
  ang2pix, pix2ang, ang2pixBig, pix2angBig, getAllNeighbours,
} from '../../sky/healpix/index.js';

const DEG = Math.PI / 180;

function nsideOpt(v: string): number {
  const n = Number(v);
  if (!isNsideOk(n)) throw new InputError(`--nside: expected a power of 2 between 1 and 2^29, found ${v}`);
  return n;
}

function numOpt(v: string, flag: string): number {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new InputError(`${flag}: expected a number, found ${v}`);
  return x;
}

export function healpixInfo(nside: number) {
  return {
    nside, npix: nside2npix(nside), nRings: nRings(nside),
    pixelAreaSr: nside2pixarea(nside), pixelAreaDeg2: nside2pixarea(nside, true),
    resolutionArcmin: nside2resol(nside, true), maxPixradDeg: maxPixrad(nside, true),
  };
}

/** Pixel of (lon, lat) in degrees; a decimal string (exact for every nside). */
export function healpixAng2pix(nside: number, lon: number, lat: number, nest: boolean): string {
  if (!(lat >= -90 && lat <= 90)) throw new InputError(`--lat: expected degrees in [-90, 90], found ${lat}`);
  const theta = Math.PI / 2 - lat * DEG, phi = lon * DEG;
  return nside <= MAX_NUMBER_NSIDE ? String(ang2pix(nside, theta, phi, nest)) : ang2pixBig(nside, theta, phi, nest).toString();
}

/** [lon, lat] in degrees of a pixel centre. */
export function healpixPix2ang(nside: number, pix: string, nest: boolean): [number, number] {
  if (!/^\d+$/.test(pix)) throw new InputError(`--pix: expected a non-negative integer, found ${pix}`);
  const [theta, phi] = nside <= MAX_NUMBER_NSIDE ? pix2ang(nside, Number(pix), nest) : pix2angBig(nside, BigInt(pix), nest);
  return [phi / DEG, 90 - theta / DEG];
}

export function register(program: Command): void {
  const hp = program.command('healpix').description('HEALPix pixel arithmetic (degrees; RING unless --nest)');
  hp.command('info')
    .description('pixel count, area and resolution of an nside')
    .requiredOption('--nside <n>', 'HEALPix nside (power of 2 ≤ 2^29)')
    .option('--json', 'print JSON')
    .action((o: { nside: string; json?: boolean }) => {
      const r = healpixInfo(nsideOpt(o.nside));
      emit(r, !!o.json, () => Object.entries(r).map(([k, v]) => `${k.padEnd(18)} ${v}`).join('\n'));
    });
  hp.command('ang2pix')
    .description('pixel containing a direction')
    .requiredOption('--nside <n>', 'HEALPix nside')
    .requiredOption('--lon <deg>', 'longitude / right ascension, degrees')
    .requiredOption('--lat <deg>', 'latitude / declination, degrees')
    .option('--nest', 'NESTED ordering')
    .option('--json', 'print JSON')
    .action((o: { nside: string; lon: string; lat: string; nest?: boolean; json?: boolean }) => {
      const nside = nsideOpt(o.nside);
      const pix = healpixAng2pix(nside, numOpt(o.lon, '--lon'), numOpt(o.lat, '--lat'), !!o.nest);
      emit({ nside, ordering: o.nest ? 'NESTED' : 'RING', pix }, !!o.json, () => pix);
    });
  hp.command('pix2ang')
    .description('centre of a pixel')
    .requiredOption('--nside <n>', 'HEALPix nside')
    .requiredOption('--pix <index>', 'pixel index')
    .option('--nest', 'NESTED ordering')
    .option('--json', 'print JSON')
    .action((o: { nside: string; pix: string; nest?: boolean; json?: boolean }) => {
      const [lon, lat] = healpixPix2ang(nsideOpt(o.nside), o.pix, !!o.nest);
      emit({ lonDeg: lon, latDeg: lat }, !!o.json, () => `${lon} ${lat}`);
    });
  hp.command('neighbours')
    .description('the 8 neighbours SW, W, NW, N, NE, E, SE, S (-1 where none)')
    .requiredOption('--nside <n>', 'HEALPix nside (≤ 2^24)')
    .requiredOption('--pix <index>', 'pixel index')
    .option('--nest', 'NESTED ordering')
    .option('--json', 'print JSON')
    .action((o: { nside: string; pix: string; nest?: boolean; json?: boolean }) => {
      const nb = Array.from(getAllNeighbours(nsideOpt(o.nside), numOpt(o.pix, '--pix'), !!o.nest));
      emit({ neighbours: nb }, !!o.json, () => nb.join(' '));
    });
}
