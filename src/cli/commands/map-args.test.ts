import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { degArg, frameArg, intArg, nsideArg, numArg } from './map-args.js';

describe('CLI option parsers for map inputs', () => {
  it('return undefined for an absent option', () => {
    for (const f of [frameArg, numArg, intArg, degArg, nsideArg]) expect(f(undefined, '--x')).toBeUndefined();
  });

  it('accept the healpy/astropy frame spellings in any case', () => {
    expect(['equatorial', 'ICRS', 'c', 'C'].map((v) => frameArg(v, '--frame'))).toEqual(Array(4).fill('equatorial'));
    expect(['Galactic', 'g', 'G'].map((v) => frameArg(v, '--frame'))).toEqual(Array(3).fill('galactic'));
  });

  it('parse valid numbers, integers, angles and nsides', () => {
    expect(numArg('-1.5e-3', '--min')).toBe(-1.5e-3);
    expect(intArg('7', '--lmax')).toBe(7);
    expect(degArg('0.5', '--sigma-deg')).toBe(0.5);
    expect(nsideArg('64', '--nside')).toBe(64);
    expect(nsideArg('1', '--nside')).toBe(1);
  });

  it('reject bad values with an InputError naming the flag, what was expected and what was found', () => {
    expect(() => frameArg('ecliptic', '--frame')).toThrow(InputError);
    expect(() => frameArg('ecliptic', '--frame')).toThrow('--frame: expected equatorial or galactic, found ecliptic');
    expect(() => numArg('', '--min')).toThrow('--min: expected a number, found ""');
    expect(() => numArg('Infinity', '--min')).toThrow('--min: expected a number, found "Infinity"');
    expect(() => intArg('2.5', '--lmax')).toThrow('--lmax: expected an integer ≥ 0, found "2.5"');
    expect(() => intArg('', '--lmax')).toThrow(InputError);
    expect(() => intArg('0', '--bins', 1)).toThrow('--bins: expected an integer ≥ 1, found "0"');
    expect(() => degArg('-1', '--sigma-deg')).toThrow('--sigma-deg: expected an angle ≥ 0 in degrees, found "-1"');
    expect(() => nsideArg('3', '--nside')).toThrow('--nside: expected a power of 2 from 1 to 536870912, found "3"');
    expect(() => nsideArg('1024', '--nside', 512)).toThrow('--nside: expected a power of 2 from 1 to 512, found "1024"');
    expect(() => nsideArg('0', '--nside')).toThrow(InputError);
  });
});
