import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPsTracksIrf, seasonLivetimeS } from './psTracks.js';
import { aeffAt, loadPsAeff } from './effectiveArea.js';
import { irfDataPath } from './tables.js';
import { pointSourceAcceptance } from './expectation.js';
import { powerLawFromE2At100TeV } from '../flux/powerLaw.js';
import { Rng } from '../stats/random.js';
import { readIc40Events } from '../events/ic40.js';
import { PS_TRACKS_MODEL } from '../sim/cascadeModel.js';
import { simulateSample } from '../sim/simulate.js';
import { psTracksUptime } from '../sim/uptime.js';
import { tempDir } from '../../test/helpers/tmp.js';

describe('10-year point-source track IRF', () => {
  it('reads the season livetimes of the release good-run lists (README: IC40 376.360 d, IC86_VII 410.636 d)', () => {
    expect(seasonLivetimeS('IC40') / 86400).toBeCloseTo(376.36, 2);
    expect(seasonLivetimeS('IC86_VII') / 86400).toBeCloseTo(410.636, 2);
  });

  it('accepts the official "# "-prefixed header as well as the short header of the copy', () => {
    const f = irfDataPath('ps10yr/irfs/IC86_II_effectiveArea.csv');
    const dir = tempDir('aeff');
    const lines = readFileSync(f, 'utf8').split('\n');
    lines[0] = '# log10(E_nu/GeV)_min log10(E_nu/GeV)_max Dec_nu_min[deg] Dec_nu_max[deg] A_Eff[cm^2]';
    writeFileSync(join(dir, 'a.csv'), lines.join('\n'));
    const a = loadPsAeff(f), b = loadPsAeff(join(dir, 'a.csv'));
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
    expect(a.values.length).toBe(2000);
  });

  it('combines the seasons livetime-weighted and gives a north-sky E^-2 acceptance above the south one', () => {
    const irf = loadPsTracksIrf();
    expect(irf.livetimeS / 86400).toBeGreaterThan(3500);
    const ic86 = loadPsAeff(irfDataPath('ps10yr/irfs/IC86_II_effectiveArea.csv'));
    // at 10 TeV, δ = +20° the average area is within the seasons' range (IC40 smaller than IC86)
    const v = aeffAt(irf.aeff, 1e4, Math.sin(0.35));
    expect(v).toBeLessThanOrEqual(aeffAt(ic86, 1e4, Math.sin(0.35)) * 1.0001);
    const s = powerLawFromE2At100TeV(1e-12, 2);
    expect(pointSourceAcceptance(irf, s, 0.3)).toBeGreaterThan(pointSourceAcceptance(irf, s, -0.6));
  });
});

const ic40 = fileURLToPath(new URL('../../../shared/data/icecube_10yr_ps_2008_2018/events/IC40_exp.csv', import.meta.url));
describe.skipIf(!existsSync(ic40))('ps-tracks background vs the real IC40 events (needs ../shared/data; skipped when absent)', () => {
  it('reproduces the 11,884 IC40 events at δ > 5.7° within 5 % (a calibration check: convNorm was tuned on them)', () => {
    const data = readIc40Events(ic40);
    let nData = 0;
    for (let i = 0; i < data.n; i++) if (data.dec[i] > 0.1) nData++;
    const base = loadPsTracksIrf();
    const irf = { ...base, aeff: loadPsAeff(irfDataPath('ps10yr/irfs/IC40_effectiveArea.csv')), livetimeS: seasonLivetimeS('IC40') };
    const s = simulateSample({ irf, uptime: psTracksUptime(), rng: new Rng(1), background: PS_TRACKS_MODEL });
    let nSim = 0;
    for (let i = 0; i < s.n; i++) if (s.dec[i] > 0.1) nSim++;
    expect(Math.abs(nSim / nData - 1)).toBeLessThan(0.05);
  });
});
