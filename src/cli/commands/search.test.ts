import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from './search.js';
import { runCli, tempDir } from '../../../test/helpers/cli.js';
import { writeSyntheticSample } from '../../../test/helpers/events.js';

const run = (args: string[]): Promise<string> => runCli(register, args);
const dir = tempDir('search');

function sampleFile(): string {
  return writeSyntheticSample(join(dir, 'events.parquet'), 4, { nBackground: 1500, signal: [{ ra: 258.36 * (Math.PI / 180), dec: -39.77 * (Math.PI / 180), n: 40, gamma: 2.5 }] });
}

describe('nusky search', () => {
  const events = sampleFile();

  it('ps --json finds the injected source and reports n_s, γ, TS and a flux in the paper units', async () => {
    const r = JSON.parse(await run(['search', 'ps', '--events', events, '--ra', '258.36', '--dec', '-39.77', '--json']));
    expect(r.search).toBe('ps');
    expect(r.nEvents).toBe(1540);
    expect(r.ns).toBeGreaterThan(5);
    expect(r.ts).toBeGreaterThan(0);
    expect(r.gamma).toBeGreaterThanOrEqual(1);
    expect(r.gamma).toBeLessThanOrEqual(4);
    expect(r.nsInterval68[0]).toBeLessThan(r.ns);
    expect(r.flux).toBeGreaterThan(0);
    expect(r.fluxUnit).toContain('TeV cm^-2 s^-1');
  });

  it('stack --catalog snr uses the 12 built-in sources', async () => {
    const r = JSON.parse(await run(['search', 'stack', '--events', events, '--catalog', 'snr', '--json']));
    expect(r.sources).toHaveLength(12);
    expect(r.sources[1].raDeg).toBeCloseTo(258.36, 10);
    expect(r.ts).toBeGreaterThanOrEqual(0);
  });

  it('template pi0 (resampled to nside 16) writes the per-event contributions and the TS map', async () => {
    const c = join(dir, 'contrib.csv');
    const m = join(dir, 'tsmap.csv');
    const r = JSON.parse(await run(['search', 'template', '--events', events, '--template', 'pi0', '--nside', '16', '--contributions', c, '--ts-map', m, '--json']));
    expect(r.template).toBe('pi0');
    expect(r.gamma).toBe(2.7);
    expect(r.ts).toBeGreaterThanOrEqual(0);
    const lines = readFileSync(c, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('event,sob_space,sob_space_ss,sob_energy');
    expect(lines).toHaveLength(1541);
    const map = readFileSync(m, 'utf8').trim().split('\n').map(Number);
    expect(map).toHaveLength(12 * 64 * 64);
    const sum = map.reduce((a, b) => a + b, 0) * ((4 * Math.PI) / map.length);
    expect(sum).toBeCloseTo(r.ts, 6);
  });

  it('rejects a bad declination naming the option', async () => {
    await expect(run(['search', 'ps', '--events', events, '--ra', '10', '--dec', '95'])).rejects.toThrow('--dec: expected a number in [-90, 90], found 95');
  });

  it('rejects an unknown sample', async () => {
    writeFileSync(join(dir, 'x.csv'), '');
    await expect(run(['search', 'ps', '--events', events, '--ra', '10', '--dec', '5', '--sample', 'tracks'])).rejects.toThrow('--sample: expected one of dnn-cascades-10yr, found tracks');
  });
});
