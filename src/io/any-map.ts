/** Load a HEALPix map from .fits, .fits.gz or .npy, stating what was assumed (for the CLI and plotting). */
import { FitsError, InputError } from '../errors.js';
import type { Frame, Ordering, SkyMap } from '../sky/types.js';
import { isNsideOk, nside2npix } from '../sky/healpix/index.js';
import { readNpy } from './npy.js';
import { readMaps } from './healpix-map.js';

export interface LoadMapOptions {
  /** Frame of the file when it does not say (always for .npy). Default for .npy: equatorial (the GP-2023 π0 release). */
  frame?: Frame;
  /** The .npy array is NESTED (default RING, healpy's default). Ignored for FITS, which states ORDERING. */
  nest?: boolean;
  /** Columns (FITS) or rows (2-D .npy) to read; default all. */
  field?: (number | string)[];
}

export interface LoadedMaps {
  maps: SkyMap[];
  format: 'fits' | 'npy';
  /** Human-readable list of what was assumed rather than read from the file. */
  assumed: string[];
}

export function isNpyFile(file: string): boolean {
  return /\.npy(\.gz)?$/i.test(file);
}

/** Read maps in the file's own ordering. */
export function loadMaps(file: string, opts: LoadMapOptions = {}): LoadedMaps {
  if (!isNpyFile(file)) {
    const assumed: string[] = [];
    let maps: SkyMap[];
    try {
      maps = readMaps(file, { nest: null, field: opts.field ?? null });
    } catch (e) {
      if (!(e instanceof FitsError && /COORDSYS: .*no such keyword/.test(e.message) && opts.frame)) throw e;
      maps = readMaps(file, { nest: null, field: opts.field ?? null, frame: opts.frame });
      assumed.push(`frame ${opts.frame} (no COORDSYS in file)`);
    }
    return { maps, format: 'fits', assumed };
  }
  const a = readNpy(file);
  const npix = a.shape[a.shape.length - 1]!;
  const rows = a.shape.length === 1 ? 1 : a.shape.length === 2 ? a.shape[0]! : NaN;
  const nside = Math.round(Math.sqrt(npix / 12));
  if (!Number.isFinite(rows) || !isNsideOk(nside) || nside2npix(nside) !== npix) {
    throw new InputError(`${file}: expected a HEALPix map (shape (npix,) or (nmaps, npix) with npix = 12·nside²), found shape (${a.shape.join(', ')})`);
  }
  const frame = opts.frame ?? 'equatorial';
  const ordering: Ordering = opts.nest ? 'NESTED' : 'RING';
  const assumed = [`ordering ${ordering}${opts.nest === undefined ? ' (default for .npy)' : ''}`, `frame ${frame}${opts.frame ? '' : ' (default for .npy: the GP-2023 π0 template is equatorial)'}`];
  const idx = (opts.field ?? Array.from({ length: rows }, (_, i) => i)).map((f) => {
    if (typeof f !== 'number' || f < 0 || f >= rows) throw new InputError(`${file}: field ${f}: expected a row index below ${rows}`);
    return f;
  });
  const maps = idx.map((r): SkyMap => {
    const data = new Float64Array(npix);
    for (let i = 0; i < npix; i++) data[i] = Number(a.data[r * npix + i]!);
    return { nside, ordering, frame, data, name: rows === 1 ? 'MAP' : `MAP_${r}` };
  });
  return { maps, format: 'npy', assumed };
}
