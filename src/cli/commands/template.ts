/**
 * `nusky template make | info | plot`: build Galactic-plane templates with the line-of-sight model,
 * describe a template (built-in pi0 | kra5 | kra50 or a file), and draw it.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { emit } from '../output.js';
import { frameArg, intArg, nsideArg } from './map-args.js';
import { integrateModel } from '../../templates/los/integrate.js';
import { PI0_MODEL, kraModel, resolveModel, type LosModel } from '../../templates/los/model.js';
import { loadTemplate } from '../../templates/builtin.js';
import { writeTemplateFits } from '../../templates/io.js';
import { allSkySpectrum, convertTemplate, CUBE_UNIT, PDF_UNIT, spatialPdf, type Template } from '../../templates/template.js';
import { summarizeTemplate } from '../../templates/summary.js';
import { plotTemplate } from '../../templates/plot.js';
import { VERSION } from '../../version.js';

function modelArg(spec: string): LosModel {
  if (spec === 'pi0') return PI0_MODEL;
  if (spec === 'kra5') return kraModel(5);
  if (spec === 'kra50') return kraModel(50);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(spec, 'utf8'));
  } catch (err) {
    throw new InputError(`--model ${spec}: expected pi0, kra5, kra50 or a readable JSON model file (${(err as Error).message})`);
  }
  return resolveModel(json, spec);
}

interface MakeOpts { model: string; out: string; nside?: string; frame?: string; bins?: string; threads?: string; pdf?: boolean; overwrite?: boolean; json?: boolean }

async function make(o: MakeOpts): Promise<Record<string, unknown>> {
  const model = modelArg(o.model);
  const nside = nsideArg(o.nside, '--nside', 512) ?? 128;
  const bins = intArg(o.bins, '--bins', 1);
  const m = bins ? { ...model, energies: { ...model.energies, nBins: bins } } : model;
  const frame = frameArg(o.frame, '--frame') ?? 'galactic';
  const threads = intArg(o.threads, '--threads');
  const t0 = Date.now();
  const r = await integrateModel(m, { nside, frame, ...(threads !== undefined ? { threads } : {}) });
  const seconds = (Date.now() - t0) / 1000;
  let t: Template = {
    name: m.name, kind: 'cube', nside, ordering: 'RING', frame, unit: CUBE_UNIT, data: r.data, energies: r.energies,
    provenance: { generator: `nusky ${VERSION} template make`, model: m },
  };
  if (o.pdf) {
    // The pdf keeps the model's own all-sky per-flavour flux at 100 TeV and its proton index.
    const pdf = spatialPdf(t, { frame });
    const e2 = (allSkySpectrum(t, [1e5])[0] * 1e10) / 1e3;
    t = { name: m.name, kind: 'pdf', nside, ordering: 'RING', frame, unit: PDF_UNIT, data: pdf.data,
      spectrum: { type: 'powerlaw', index: m.spectrum.index, e2FluxAt100TeV: e2 }, provenance: t.provenance };
  }
  writeTemplateFits(o.out, t, { overwrite: o.overwrite ?? false });
  return { out: o.out, model: m.name, kind: t.kind, nside, frame, nEnergies: r.energies.length, seconds };
}

export function register(program: Command): void {
  const tpl = program.command('template').description('Galactic-plane templates: build (line-of-sight model), describe, plot');
  tpl
    .command('make')
    .description('integrate a ν emission model along lines of sight into a HEALPix cube (FITS)')
    .requiredOption('--model <model>', 'pi0 | kra5 | kra50 | MODEL.json (fields of LosModel; see docs/templates.md)')
    .requiredOption('--out <file>', 'output FITS (.fits or .fits.gz)')
    .option('--nside <n>', 'HEALPix nside, a power of 2 ≤ 512 (default 128)')
    .option('--frame <frame>', 'galactic | equatorial (default galactic)')
    .option('--bins <n>', 'number of log energy bins, 10 GeV – 100 PeV (default: the model\'s, 30)')
    .option('--threads <n>', 'worker threads (default: cores, ≤ 4; 1 = no workers)')
    .option('--pdf', 'write the energy-integrated spatial pdf with a power law (model index, model E²Φ at 100 TeV) instead of the cube')
    .option('--overwrite', 'replace an existing output file')
    .option('--json', 'print JSON')
    .action(async (o: MakeOpts) => {
      const r = await make(o);
      emit(r, o.json ?? false, () => `wrote ${r.out}: ${r.model} ${r.kind}, nside ${r.nside}, ${r.frame}, ${r.nEnergies} energies, ${Number(r.seconds).toFixed(1)} s`);
    });
  tpl
    .command('info')
    .description('describe a template: built-in pi0 | kra5 | kra50, or a .json/.fits/.npy/.npz file')
    .argument('<template>', 'built-in name or file')
    .option('--frame <frame>', 'frame of a .npy/.npz input (default equatorial)')
    .option('--json', 'print JSON')
    .action((spec: string, o: { frame?: string; json?: boolean }) => {
      const f = frameArg(o.frame, '--frame');
      const s = summarizeTemplate(loadTemplate(spec, f ? { frame: f } : {}));
      emit(s, o.json ?? false, () => [
        `${s.name}: ${s.kind}, nside ${s.nside} ${s.ordering}, ${s.frame}, unit ${s.unit}`,
        s.energyRangeGeV ? `energies: ${s.nEnergies} from ${s.energyRangeGeV[0].toPrecision(3)} to ${s.energyRangeGeV[1].toPrecision(3)} GeV` : `spectrum: E^-${s.spectrum?.index}, E²dN/dE(100 TeV) = ${s.spectrum?.e2FluxAt100TeV} TeV cm⁻² s⁻¹ per flavour`,
        `Σ pdf·Ω = ${s.pdfIntegral.toFixed(6)}; fraction in |b| < 5°: ${s.fractionAbsBLt5.toFixed(3)}`,
        `sin δ band fractions (S→N): ${s.sinDecBandFractions.map((v) => v.toFixed(3)).join(', ')}`,
        `all-sky per-flavour E²dN/dE [TeV cm⁻² s⁻¹]: ${s.e2FluxPerFlavourTeV.map((v) => `${v.eTeV} TeV ${v.value.toExponential(3)}`).join(', ')}`,
        ...(s.innerGalaxyE2Flux ? [`inner Galaxy (|l|<30°, |b|<4°) all-flavour E²Φ [GeV cm⁻² s⁻¹ sr⁻¹]: ${s.innerGalaxyE2Flux.map((v) => `${v.eTeV} TeV ${v.value.toExponential(3)}`).join(', ')}`] : []),
      ].join('\n'));
    });
  tpl
    .command('plot')
    .description('draw a template: sky map (OUT), latitude/longitude profiles (OUT-lat, OUT-lon) and all-sky spectrum (OUT-spectrum)')
    .argument('<template>', 'built-in name or file')
    .argument('<out>', 'output image .png or .svg')
    .option('--frame <frame>', 'display frame of the sky map: galactic | equatorial (default galactic)')
    .option('--nside <n>', 'resample to this nside before plotting, faster for big maps (default: the template\'s own)')
    .option('--json', 'print JSON')
    .action((spec: string, out: string, o: { frame?: string; nside?: string; json?: boolean }) => {
      let t = loadTemplate(spec);
      const nside = nsideArg(o.nside, '--nside');
      if (nside !== undefined) t = convertTemplate(t, t.frame, nside);
      const f = frameArg(o.frame, '--frame');
      const r = plotTemplate(t, out, f ? { frame: f } : {});
      emit(r, o.json ?? false, () => `wrote ${r.files.join(', ')}`);
    });
}
