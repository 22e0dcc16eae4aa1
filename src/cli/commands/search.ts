/**
 * `nusky search template | stack | ps`: unbinned signal-subtracted likelihood searches on an
 * event sample (physics.md §2): fit n_s (and γ for sources), TS, 68 % interval, flux.
 */
import { writeFileAtomic } from '../../io/file.js';
import type { Command } from 'commander';
import { loadCatalog } from '../../catalogs/catalog.js';
import { InputError } from '../../errors.js';
import { readSample } from '../../events/io.js';
import { loadDnnCascadeIrf } from '../../irf/irf.js';
import type { Irf } from '../../irf/irf.js';
import { buildSourceAnalysis, buildTemplateAnalysis, datasetFromSample } from '../../likelihood/analysis.js';
import { tsContributionMap } from '../../likelihood/contributions.js';
import type { Dataset } from '../../likelihood/dataset.js';
import type { Source } from '../../likelihood/sourceSearch.js';
import { loadTemplate } from '../../templates/builtin.js';
import { VERSION } from '../../version.js';
import { emit } from '../output.js';

const DEG = Math.PI / 180;
const SAMPLES = ['dnn-cascades-10yr'] as const;

function irfFor(sample: string): Irf {
  if (sample === 'dnn-cascades-10yr') return loadDnnCascadeIrf();
  throw new InputError(`--sample: expected one of ${SAMPLES.join(', ')}, found ${sample}`);
}

function num(v: string | undefined, opt: string, lo = -Infinity, hi = Infinity): number {
  const x = Number(v);
  if (v === undefined || !Number.isFinite(x) || x < lo || x > hi) throw new InputError(`${opt}: expected a number in [${lo}, ${hi}], found ${v}`);
  return x;
}

/** Write text to a temp file, then rename (atomic on one filesystem). */
function writeAtomic(file: string, text: string): void {
  writeFileAtomic(file, new TextEncoder().encode(text), { overwrite: true, gzip: false });
}

async function loadDataset(events: string, sample: string): Promise<{ ds: Dataset; irf: Irf }> {
  if (!events) throw new InputError('--events: expected an event file (parquet, fits or csv)');
  const irf = irfFor(sample);
  const s = await readSample(events);
  return { ds: datasetFromSample(s, { sample }), irf };
}

interface CommonOpts {
  events: string;
  sample: string;
  json?: boolean;
}

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--events <file>', 'event sample (parquet, fits or csv; columns ra, dec, angErr in rad, logE)')
    .option('--sample <name>', `instrument response: ${SAMPLES.join(' | ')}`, 'dnn-cascades-10yr')
    .option('--json', 'print the result as JSON');
}

function fmt(x: number, d = 3): string {
  return Math.abs(x) > 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5) ? x.toExponential(d) : x.toFixed(d);
}

export function register(program: Command): void {
  const search = program.command('search').description('likelihood searches: template, stacking, point source');

  common(search.command('template').description('Galactic-plane template search (n_s fitted, spectrum fixed)'))
    .requiredOption('--template <name|file>', 'pi0 | kra5 | kra50 or a template file')
    .option('--nside <n>', 'resample the template to this nside before smoothing')
    .option('--contributions <file.csv>', 'write per-event S/B (space, space scrambled, energy) like the release')
    .option('--ts-map <file.csv>', 'write the per-pixel TS contribution (TS/sr, nside 64, equatorial, one value per line)')
    .action(async (o: CommonOpts & { template: string; nside?: string; contributions?: string; tsMap?: string }) => {
      const t0 = performance.now();
      const { ds, irf } = await loadDataset(o.events, o.sample);
      const t = loadTemplate(o.template);
      const a = buildTemplateAnalysis(ds, irf, t, { nside: o.nside ? num(o.nside, '--nside', 1, 8192) : undefined });
      const tBuild = performance.now() - t0;
      const f = { ...a.search.fit() };
      const [lo, hi] = a.search.nsInterval(f);
      if (o.contributions) {
        const c = a.search.contributions();
        const rows = ['event,sob_space,sob_space_ss,sob_energy'];
        for (let i = 0; i < ds.n; i++) rows.push(`${ds.order[i]},${c.sobSpace[i]},${c.sobSpaceSS[i]},${c.sobEnergy[i]}`);
        writeAtomic(o.contributions, rows.join('\n') + '\n');
      }
      if (o.tsMap) {
        const m = tsContributionMap(a.search.ra, ds.events.dec, a.search.x, f.ns, ds.n, 64);
        writeAtomic(o.tsMap, Array.from(m.data, (v) => String(v)).join('\n') + '\n');
      }
      const result = {
        search: 'template',
        template: t.name,
        sample: o.sample,
        events: o.events,
        nEvents: ds.n,
        ns: f.ns,
        ts: f.ts,
        nsInterval68: [lo, hi],
        gamma: a.gamma,
        flux: a.nsToFlux(f.ns),
        fluxInterval68: [a.nsToFlux(lo), a.nsToFlux(hi)],
        fluxUnit: a.fluxUnit,
        buildSeconds: tBuild / 1000,
        version: VERSION,
      };
      emit(result, !!o.json, () =>
        [
          `template ${t.name} on ${ds.n} events (${o.sample})`,
          `  n_s = ${fmt(f.ns, 1)}  [${fmt(lo, 1)}, ${fmt(hi, 1)}] (68 %)   TS = ${fmt(f.ts)}`,
          `  flux = ${fmt(result.flux)} [${fmt(result.fluxInterval68[0])}, ${fmt(result.fluxInterval68[1])}] ${a.fluxUnit}`,
          `  (n_s not bias-corrected; p-values need background trials: nusky trials)`,
        ].join('\n'),
      );
    });

  const sourceAction = (kind: 'stack' | 'ps') => async (o: CommonOpts & { catalog?: string; ra?: string; dec?: string; extension?: string }) => {
    const { ds, irf } = await loadDataset(o.events, o.sample);
    let sources: Source[];
    let label: string;
    if (kind === 'stack') {
      const c = loadCatalog(o.catalog as string);
      sources = c.sources.map((s) => ({ ra: s.raDeg * DEG, dec: s.decDeg * DEG, weight: s.weight, name: s.name }));
      label = `catalog ${c.name} (${sources.length} sources)`;
    } else {
      const ext = o.extension === undefined ? 0 : num(o.extension, '--extension', 0, 180);
      sources = [{ ra: num(o.ra, '--ra', 0, 360) * DEG, dec: num(o.dec, '--dec', -90, 90) * DEG, extension: ext * DEG }];
      label = `point source at (${o.ra}°, ${o.dec}°)${ext > 0 ? ` extension ${ext}°` : ''}`;
    }
    const a = buildSourceAnalysis(ds, irf, sources);
    const f = { ...a.search.fit() };
    const [lo, hi] = a.search.nsInterval(f);
    const result = {
      search: kind,
      target: label,
      sources: sources.map((s) => ({ name: s.name, raDeg: s.ra / DEG, decDeg: s.dec / DEG, extensionDeg: (s.extension ?? 0) / DEG, weight: s.weight ?? 1 })),
      sample: o.sample,
      events: o.events,
      nEvents: ds.n,
      ns: f.ns,
      gamma: f.gamma,
      ts: f.ts,
      nsInterval68: [lo, hi],
      flux: a.nsToFlux(f.ns, f.gamma),
      fluxInterval68: [a.nsToFlux(lo, f.gamma), a.nsToFlux(hi, f.gamma)],
      fluxUnit: a.fluxUnit,
      version: VERSION,
    };
    emit(result, !!o.json, () =>
      [
        `${label} on ${ds.n} events (${o.sample})`,
        `  n_s = ${fmt(f.ns, 1)}  [${fmt(lo, 1)}, ${fmt(hi, 1)}] (68 %, profiled over γ)   γ = ${fmt(f.gamma, 2)}   TS = ${fmt(f.ts)}`,
        `  flux = ${fmt(result.flux)} ${a.fluxUnit} (at γ̂)`,
      ].join('\n'),
    );
  };

  common(search.command('stack').description('stacking search (n_s and γ ∈ [1, 4] fitted)'))
    .requiredOption('--catalog <snr|pwn|unid|sourcelist|file.csv>', 'built-in catalog of the paper or a CSV with ra_deg, dec_deg [, weight, name]')
    .action(sourceAction('stack'));

  common(search.command('ps').description('point-source search (n_s and γ ∈ [1, 4] fitted)'))
    .requiredOption('--ra <deg>', 'right ascension (degrees)')
    .requiredOption('--dec <deg>', 'declination (degrees)')
    .option('--extension <deg>', 'Gaussian source extension σ (degrees), added in quadrature', '0')
    .action(sourceAction('ps'));
}
