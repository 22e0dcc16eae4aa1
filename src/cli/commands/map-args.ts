/**
 * Option parsers shared by the map, map plot/smooth/rotate/cl and template commands. Each returns
 * undefined when the option is absent and throws an InputError naming the flag, what was expected
 * and what was found.
 */
import { InputError } from '../../errors.js';
import type { Frame } from '../../sky/types.js';

/** equatorial (also icrs, C) or galactic (also G), any case. */
export function frameArg(v: string | undefined, flag: string): Frame | undefined {
  if (v === undefined) return undefined;
  const f = v.toLowerCase();
  if (f === 'equatorial' || f === 'icrs' || f === 'c') return 'equatorial';
  if (f === 'galactic' || f === 'g') return 'galactic';
  throw new InputError(`${flag}: expected equatorial or galactic, found ${v}`);
}

/** Any finite number. */
export function numArg(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new InputError(`${flag}: expected a number, found "${v}"`);
  return n;
}

/** A decimal integer ≥ min (no sign, exponent or fraction). */
export function intArg(v: string | undefined, flag: string, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || n < min) throw new InputError(`${flag}: expected an integer ≥ ${min}, found "${v}"`);
  return n;
}

/** An angle ≥ 0 in degrees. */
export function degArg(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InputError(`${flag}: expected an angle ≥ 0 in degrees, found "${v}"`);
  return n;
}

/** A HEALPix nside: a power of two from 1 to max (2^29, the largest nside HEALPix supports, by default). */
export function nsideArg(v: string | undefined, flag: string, max = 2 ** 29): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !(n >= 1 && n <= max && Math.log2(n) % 1 === 0)) {
    throw new InputError(`${flag}: expected a power of 2 from 1 to ${max}, found "${v}"`);
  }
  return n;
}
