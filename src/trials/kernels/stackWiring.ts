/**
 * Set-up of the stack kernel's WebAssembly: its own passes (stackPassWasm.ts) and the ps kernel's
 * draw/jitter/background passes (psPassWasm.ts, PsWasm). Functions of the kernel's state (moved out
 * of StackKernel unchanged); the ScanData fields become views on the modules' memories.
 */
import { DEC_JITTER_WIDTH, DEC_POLE_EXCLUSION } from '../scramble.js';
import { PsWasm } from './psPassWasm.js';
import { createStackPass, stackPassBytes, type StackPass, type StackPassSpec } from './stackPassWasm.js';
import type { StackKernel } from './stack.js';
import type { FitWork, NsFitFn } from './multiSeriesFit.js';

/**
 * MultiSeriesFit's work in this kernel's module (prepare's sums: stackFitWasm.ts) and its n_s fit in
 * the ps kernel's (PsWasm.nsFit, seriesNsFit bit for bit, over x copied into its f64.fx), when there is one.
 */
export function fitHooks(pass: StackPass, w: PsWasm | null): { work: FitWork; nsFit?: NsFitFn } {
  if (w === null) return { work: pass.fit };
  const x = pass.fit.x, fx = w.f64.fx;
  // in the shared memory x is fx itself
  const copy = !(x.buffer === fx.buffer && x.byteOffset === fx.byteOffset);
  return { work: pass.fit, nsFit: (m, c1, c2, c3, N, ns0, out) => { if (copy) fx.set(x.subarray(0, m)); w.nsFit(m, c1, c2, c3, N, ns0, out); } };
}

export function useSharedPass(kn: StackKernel, reserveBytes = 0): void {
  const d = kn.d, bg = kn.bg, n0 = d.nSorted, dens = kn.ds.bgDensity;
  const lim = Math.PI / 2 - DEC_POLE_EXCLUSION;
  let w: PsWasm;
  try {
    w = new PsWasm({ cap: d.ra.length, n0, nBins: d.nBins, nE: bg.nE, edges: bg.edges, uniformEdges: bg.uniform, nGrid: dens.x.length, bandwidth: dens.bandwidth, lim, width: DEC_JITTER_WIDTH }, (x) => bg.row(x), reserveBytes);
  } catch {
    return;
  }
  for (const k of ['ra', 'dec', 'sinDec', 'cosDec', 'reach', 'cosReach', 'invD', 'pdfA', 'pdfC', 'binRatioMax'] as const) {
    w.f64[k].set(d[k]);
    d[k] = w.f64[k];
  }
  w.i32.eBin.set(d.eBin);
  d.eBin = w.i32.eBin;
  w.f64.dec0.set(kn.dec0);
  kn.dec0 = w.f64.dec0;
  w.f64.s0.set(kn.s0);
  kn.s0 = w.f64.s0;
  w.f64.c0.set(kn.c0);
  kn.c0 = w.f64.c0;
  kn.normBuf = w.f64.norm;
  w.i32.col.set(bg.col);
  w.i32.cellRow.set(bg.cellRow);
  kn.nFree = 0;
  for (let i = 0; i < n0; i++) if (!(kn.dec0[i] > lim || kn.dec0[i] < -lim)) kn.nFree++;
  kn.shared = w;
}

/**
 * The WebAssembly passes (stackPassWasm.ts, bit-identical to the JS path): the per-event arrays
 * they read and write move into the module's memory (the ScanData fields are replaced by views
 * there, before the background and the fitter take them).
 */
export function usePass(kn: StackKernel, cap: number): void {
  const d = kn.d, n0 = d.nSorted;
  const spec: StackPassSpec = {
    J: kn.J, px: kn.srcPx, py: kn.srcPy, pz: kn.srcSin, BT: kn.BT, group: kn.group, cMax: kn.cMax,
    cap, nBins: d.nBins, tables: kn.jitter && !kn.exactSTilde && kn.vmfTable ? kn.vmfTable.tables.map((t) => t.layout()) : null,
    gauss: kn.jitter && !kn.exactSTilde && kn.gaussTables.length > 0 ? { tables: kn.gaussTables.map((t) => t.layout()), dec: kn.srcDec } : null,
  };
  // with the jitter and update_bg: the ps kernel's passes (useSharedPass) first, this module's arrays in the
  // spare pages of their memory (ra, δ, sin/cos δ, 1/D̃, bins, max S/B read where they write them)
  const reserve = kn.jitter && kn.updateBg && !kn.exactSTilde && process.env.NUSKY_PS_WASM !== '0' ? stackPassBytes(spec) : 0;
  if (reserve > 0) useSharedPass(kn, reserve);
  const w = kn.shared;
  // NUSKY_STACK_SHARED=0: own memory, the shared arrays copied each trial (as before; tests compare both)
  const pass = (w && process.env.NUSKY_STACK_SHARED !== '0' ? createStackPass(spec, { memory: w.memory, base: w.spareBase, addrOf: (nm) => w.addrOf(nm) }) : null) ?? createStackPass(spec);
  if (!pass) {
    kn.shared = null;
    return;
  }
  if (kn.jitter && !kn.exactSTilde && kn.vmfTable) {
    // the σ part of each vMF event's table stencil (σ is fixed per event)
    const tabs = kn.vmfTable.tables;
    const wx = new Float64Array(4 * n0), band = new Int32Array(n0), rowAddr = new Int32Array(n0);
    for (let i = 0; i < n0; i++) {
      const b = kn.vBand[i];
      const off = b >= 0 ? tabs[b].sigmaStencil(kn.lnSigma[i], wx, 4 * i) : -1;
      band[i] = off >= 0 ? b : b === -2 ? -2 : -1;
      rowAddr[i] = off >= 0 ? pass.tableAddr[b] + 8 * off : 0;
    }
    // sta's order: the vMF events with a band table by band, then declination (each band's table is then
    // read along δ, nearby columns in cache); vMF events without one (band −1) get the exact sum in JS
    const vmf = Int32Array.from({ length: n0 }, (_, i) => i).filter((i) => d.gaussian[i] === 0 && d.pdfC[i] <= 350);
    const inBand = vmf.filter((i) => band[i] >= 0).sort((a, b) => band[a] - band[b] || d.dec[a] - d.dec[b] || a - b);
    pass.order.set(inBand);
    // band, table row and σ weights in sta's order (read sequentially; only δ and st by event)
    inBand.forEach((i, p) => {
      pass.band[p] = band[i];
      pass.rowAddr[p] = rowAddr[i];
      pass.wx.set(wx.subarray(4 * i, 4 * i + 4), 4 * p);
    });
    kn.staCount = inBand.length;
    kn.staExact = vmf.filter((i) => band[i] === -1);
  }
  // with the ps kernel's passes, d's fields stay their views (this pass reads them in place, or copies per trial)
  for (const k of ['ra', 'dec', 'sinDec', 'cosDec', 'invD', 'binRatioMax'] as const) {
    pass[k].set(d[k]);
    if (w === null) d[k] = pass[k];
  }
  pass.eBin.set(d.eBin);
  if (w === null) d.eBin = pass.eBin;
  pass.pdfA.set(d.pdfA);
  pass.pdfC.set(d.pdfC);
  pass.cosReach.set(d.cosReach);
  pass.lnSig.set(kn.lnSigma);
  pass.st.set(kn.st); kn.st = pass.st;
  pass.Z.set(kn.Z); kn.Z = pass.Z;
  kn.ca = pass.ca;
  kn.sa = pass.sa;
  // flag 0: vMF, source sums in pb; 2: Gaussian PDF (reach cos ≥ 0.5: gz's acos branch; grouped basis), in gz;
  // flag 1: Z from the JS path (injected events: their PDF fields change per trial; vMF events with
  // κ > 350, beyond the pass's exp range, none for σ ≥ 7°)
  pass.flag.fill(1);
  for (let i = 0; i < n0; i++) pass.flag[i] = d.gaussian[i] === 0 ? (d.pdfC[i] <= 350 ? 0 : 1) : d.cosReach[i] >= 0.5 && kn.group !== null ? 2 : 1;
  kn.gaussList = Int32Array.from({ length: n0 }, (_, i) => i).filter((i) => d.gaussian[i] === 1);
  pass.gl.set(kn.gaussList);
  pass.sigma.set(d.sigma);
  pass.reach.set(d.reach);
  kn.jsList = Int32Array.from({ length: n0 }, (_, i) => i).filter((i) => pass.flag[i] === 1);
  kn.pass = pass;
}