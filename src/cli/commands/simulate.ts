/**
 * `nusky simulate`: simulate an event sample by forward-folding fluxes through the IRFs,
 * optionally with injected signal, and write it (Parquet, FITS or CSV by extension).
 */
import type { Command } from 'commander';
import { InputError, SchemaError } from '../../errors.js';
import { emit } from '../output.js';
import { readFileMaybeGzip } from '../../io/file.js';
import { numArg } from './map-args.js';
import { Rng } from '../../stats/random.js';
import { loadDnnCascadeIrf, type Irf } from '../../irf/irf.js';
import { irfDataPath } from '../../irf/tables.js';
import { loadPsTracksIrf } from '../../irf/psTracks.js';
import { expectedEventsTemplate, pointSourceAcceptance } from '../../irf/expectation.js';
import { powerLawFromE2At100TeV, tabulatedSpectrum, type Spectrum } from '../../flux/powerLaw.js';
import { writeSample } from '../../events/io.js';
import { COMPONENTS } from '../../events/sample.js';
import { DEFAULT_CASCADE_MODEL, PS_TRACKS_MODEL, type CascadeBackgroundModel } from '../../sim/cascadeModel.js';
import { simulateSample } from '../../sim/simulate.js';
import type { Signal } from '../../sim/signal.js';
import { dnnCascadeUptime, psTracksUptime, type Uptime } from '../../sim/uptime.js';
import { writeSimulationReport } from '../../sim/report.js';
import { loadTemplate } from '../../templates/builtin.js';
import { allSkySpectrum, spatialPdf } from '../../templates/template.js';

const D2R = Math.PI / 180;

const num = (v: string, what: string): number => numArg(v, what)!;

/** ps:RA,DEC,FLUX,GAMMA (degrees; E²dN/dE at 100 TeV in TeV cm⁻² s⁻¹ per flavour). */
export function parsePsSignal(spec: string): Signal {
  const p = spec.split(',');
  if (p.length !== 4) throw new InputError(`--signal ps:${spec}: expected ps:RA,DEC,FLUX,GAMMA (degrees, TeV cm^-2 s^-1 at 100 TeV, index)`);
  const [ra, dec, flux, gamma] = p.map((x, i) => num(x, `--signal ps field ${['RA', 'DEC', 'FLUX', 'GAMMA'][i]}`));
  if (!(dec >= -90 && dec <= 90)) throw new InputError(`--signal ps: DEC must be in [-90, 90], found ${dec}`);
  return { kind: 'ps', ra: (((ra % 360) + 360) % 360) * D2R, dec: dec * D2R, spectrum: powerLawFromE2At100TeV(flux, gamma) };
}

/** Catalog CSV: header with ra, dec (deg), flux (E²dN/dE at 100 TeV, TeV cm⁻² s⁻¹), optional gamma (default 2). */
export function readCatalogSignals(file: string): Signal[] {
  const lines = readFileMaybeGzip(file).toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const head = (lines[0] ?? '').split(',').map((s) => s.trim().toLowerCase());
  const col = (names: string[]) => head.findIndex((h) => names.includes(h));
  const iRa = col(['ra', 'ra_deg']), iDec = col(['dec', 'dec_deg']), iF = col(['flux', 'e2flux', 'e2_flux']), iG = col(['gamma', 'index']);
  for (const [i, n] of [[iRa, 'ra'], [iDec, 'dec'], [iF, 'flux']] as const) {
    if (i < 0) throw new SchemaError(file, `column '${n}'`, 'a header with ra, dec [deg], flux [TeV cm^-2 s^-1 at 100 TeV], optional gamma', JSON.stringify(lines[0] ?? ''));
  }
  return lines.slice(1).map((l, k) => {
    const c = l.split(',');
    const g = iG >= 0 && c[iG]?.trim() ? c[iG] : '2';
    try {
      return parsePsSignal(`${c[iRa]},${c[iDec]},${c[iF]},${g}`);
    } catch (e) {
      throw new SchemaError(file, `row ${k + 2}`, 'ra, dec, flux, gamma numbers', (e as Error).message);
    }
  });
}

/** template:NAME|FILE; flux = E² at 100 TeV (pdf templates) or a multiple of the model flux (cubes). */
export function templateSignal(spec: string, flux: number | undefined, gamma: number | undefined): Signal {
  const t = loadTemplate(spec);
  const pdf = spatialPdf(t);
  let spectrum: Spectrum;
  if (t.kind === 'pdf') {
    const s = t.spectrum;
    spectrum = powerLawFromE2At100TeV(flux ?? s?.e2FluxAt100TeV ?? NaN, gamma ?? s?.index ?? 2.7);
    if (flux === undefined && !s) throw new InputError(`template ${spec}: no spectrum in the file; give --flux`);
  } else {
    const e = t.energies as Float64Array;
    const tab = allSkySpectrum(t, e);
    const f = flux ?? 1;
    spectrum = tabulatedSpectrum(e, tab.map((v) => v * f));
  }
  return { kind: 'template', pdf, spectrum };
}

export interface SimulateCliResult {
  sample: string;
  seed: number;
  out: string;
  events: number;
  byComponent: Record<string, number>;
  expectedSignal: number[];
  report?: string;
  milliseconds: number;
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('simulate an event sample (forward-folded atmospheric + astrophysical backgrounds, optional injected signal)')
    .option('--sample <name>', 'dnn-cascades-10yr | ps-tracks-10yr', 'dnn-cascades-10yr')
    .option('--signal <spec...>', 'template:pi0|kra5|kra50|FILE, or ps:RA,DEC,FLUX,GAMMA (deg; E²dN/dE at 100 TeV, TeV cm^-2 s^-1 per flavour); repeatable')
    .option('--flux <F>', 'template flux: all-sky per-flavour E²dN/dE at 100 TeV [TeV cm^-2 s^-1] (pdf templates; default: the template\'s own, 21.8e-12 for pi0) or a multiple of the model flux (KRA cubes; default 1)')
    .option('--gamma <g>', 'spectral index of a pdf template (default: the template\'s, 2.7 for pi0)')
    .option('--catalog <file>', 'CSV of point sources with a header: ra, dec [deg], flux [E²dN/dE at 100 TeV, TeV cm^-2 s^-1 per flavour], optional gamma (default 2)')
    .option('--no-background', 'signal only')
    .requiredOption('--seed <n>', 'random seed (integer)')
    .requiredOption('--out <file>', 'output events file (.parquet, .fits, .csv)')
    .option('--report <dir>', 'write comparisons with the release (CSV tables, PNG plots, summary.md)')
    .option('--json', 'print the result as JSON')
    .action((o: { sample: string; signal?: string[]; flux?: string; gamma?: string; catalog?: string; background: boolean; seed: string; out: string; report?: string; json?: boolean }) => {
      const t0 = performance.now();
      const seed = num(o.seed, '--seed');
      if (!Number.isInteger(seed)) throw new InputError(`--seed: expected an integer, found ${o.seed}`);
      let irf: Irf, uptime: Uptime, model: CascadeBackgroundModel | null;
      if (o.sample === 'dnn-cascades-10yr') {
        irf = loadDnnCascadeIrf();
        uptime = dnnCascadeUptime(irf.livetimeS);
        model = DEFAULT_CASCADE_MODEL;
      } else if (o.sample === 'ps-tracks-10yr') {
        irf = loadPsTracksIrf();
        uptime = psTracksUptime();
        // no self-veto, no muon model for tracks (documented limitation: southern-sky muons missing)
        model = PS_TRACKS_MODEL;
      } else throw new InputError(`--sample: expected dnn-cascades-10yr or ps-tracks-10yr, found ${o.sample}`);
      if (!o.background) model = null;
      const flux = o.flux === undefined ? undefined : num(o.flux, '--flux');
      const gamma = o.gamma === undefined ? undefined : num(o.gamma, '--gamma');
      const signals: Signal[] = [];
      for (const s of o.signal ?? []) {
        if (s.startsWith('template:')) signals.push(templateSignal(s.slice(9), flux, gamma));
        else if (s.startsWith('ps:')) signals.push(parsePsSignal(s.slice(3)));
        else throw new InputError(`--signal: expected template:NAME|FILE or ps:RA,DEC,FLUX,GAMMA, found ${JSON.stringify(s)}`);
      }
      if (o.catalog) signals.push(...readCatalogSignals(o.catalog));
      const expectedSignal = signals.map((s) => (s.kind === 'ps' ? pointSourceAcceptance(irf, s.spectrum, Math.sin(s.dec)) : expectedEventsTemplate(irf, s.pdf, s.spectrum)));
      const sample = simulateSample({ irf, uptime, rng: new Rng(seed), background: model, signals });
      writeSample(o.out, sample);
      const byComponent: Record<string, number> = {};
      for (const c of COMPONENTS) byComponent[c] = 0;
      for (let i = 0; i < sample.n; i++) byComponent[COMPONENTS[sample.component![i]]]++;
      const result: SimulateCliResult = { sample: o.sample, seed, out: o.out, events: sample.n, byComponent, expectedSignal, milliseconds: 0 };
      if (o.report) {
        if (o.sample !== 'dnn-cascades-10yr') throw new InputError('--report: release comparisons exist only for dnn-cascades-10yr');
        writeSimulationReport(o.report, sample, irfDataPath('dnnc/release'), irf);
        result.report = o.report;
      }
      result.milliseconds = Math.round(performance.now() - t0);
      emit(result, !!o.json, () => [
        `${o.sample}: ${sample.n} events (seed ${seed}) → ${o.out}`,
        ...Object.entries(byComponent).filter(([, v]) => v > 0).map(([k, v]) => `  ${k.padEnd(11)} ${v}`),
        ...expectedSignal.map((m, i) => `  signal ${i + 1}: expected ${m.toFixed(1)} events`),
        ...(o.report ? [`report: ${o.report}/summary.md`] : []),
      ].join('\n'));
    });
}
