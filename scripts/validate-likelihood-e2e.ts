/**
 * End-to-end injection/recovery (results in docs/likelihood.md). Run: npx tsx scripts/validate-likelihood-e2e.ts [seed]
 * Simulates a DNN-cascade-like 10-yr sample (src/sim: atmospheric + astrophysical background) plus the π0
 * template at the paper's best fit (21.8e-12 TeV cm⁻² s⁻¹, E^-2.7), then fits the π0 template with the
 * IRF-based analysis and reports n̂_s, TS, the flux and its 68 % interval; then the same without signal.
 */
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { buildTemplateAnalysis, datasetFromSample } from '../src/likelihood/analysis.js';
import { DEFAULT_CASCADE_MODEL } from '../src/sim/cascadeModel.js';
import { simulateSample } from '../src/sim/simulate.js';
import { dnnCascadeUptime } from '../src/sim/uptime.js';
import { Rng } from '../src/stats/random.js';
import { builtinTemplate } from '../src/templates/builtin.js';
import { spatialPdf } from '../src/templates/template.js';

const seed = Number(process.argv[2] ?? 1);
const irf = loadDnnCascadeIrf();
const pi0 = builtinTemplate('pi0');
const pdf = spatialPdf(pi0, { frame: 'equatorial' });
const uptime = dnnCascadeUptime(irf.livetimeS);
for (const withSignal of [true, false]) {
  const t0 = performance.now();
  const s = simulateSample({
    irf,
    uptime,
    rng: new Rng(seed),
    background: DEFAULT_CASCADE_MODEL,
    signals: withSignal ? [{ kind: 'template', pdf, spectrum: (e) => 21.8e-12 * 1e-7 * Math.pow(e / 1e5, -2.7) }] : [],
  });
  const nSig = s.component ? s.component.reduce((a, c) => a + (c === 4 ? 1 : 0), 0) : -1;
  const t1 = performance.now();
  const ds = datasetFromSample(s, { sample: 'sim' });
  const a = buildTemplateAnalysis(ds, irf, pi0);
  const t2 = performance.now();
  const f = { ...a.search.fit() };
  const [lo, hi] = a.search.nsInterval(f);
  console.log(
    `${withSignal ? 'π0 injected' : 'no signal  '}: N=${ds.n} (signal events ${nSig}), n̂_s=${f.ns.toFixed(1)} [${lo.toFixed(1)}, ${hi.toFixed(1)}], TS=${f.ts.toFixed(2)}, ` +
      `flux=${(a.nsToFlux(f.ns) * 1e12).toFixed(2)}e-12 [${(a.nsToFlux(lo) * 1e12).toFixed(2)}, ${(a.nsToFlux(hi) * 1e12).toFixed(2)}] ` +
      `(simulate ${((t1 - t0) / 1000).toFixed(1)} s, build ${((t2 - t1) / 1000).toFixed(1)} s)`,
  );
}
