/**
 * S̃ and the source sums of the stack kernel's JS path (stack.ts documents the physics): S̃ exact at
 * set-up and for injected events, after the jitter from the σ-band vMF tables (VmfSumBands, or the
 * WebAssembly `sta` pass) and the per-source Gaussian tables (STildeTable); z = Σ_k B_jk S_ik − S̃_ij;
 * the JS path's fit (no WebAssembly pass).
 * Functions of the kernel's state (moved out of StackKernel unchanged: same operations, same order).
 */
import { fastExp } from '../../likelihood/fastExp.js';
import { KENT_MIN_SIGMA, raAveragedPsPdf } from '../../likelihood/psf.js';
import { DEC_POLE_EXCLUSION } from '../scramble.js';
import { STildeTable, VmfSumBands, vmfSum } from './sTildeTable.js';
import type { StackKernel } from './stack.js';
import type { GammaFit } from './seriesFit.js';

/**
 * st[i·J + j] = Σ_k B_jk S̃_ik for event i, exact. Gaussian-PDF events (σ < 7°): sources beyond
 * the reach (5σ) in declination are skipped (as S); vMF events: all sources (a skipped term
 * would be < e^{-12.5} of its peak; the jitter path's VmfSumTable is the uncut sum too).
 */
export function stildeOf(kn: StackKernel, i: number): void {
  const d = kn.d, gauss = d.gaussian[i] === 1, J = kn.J, o = i * J;
  for (let j = 0; j < J; j++) kn.st[o + j] = 0;
  for (let k = 0; k < kn.srcDec.length; k++) {
    if (gauss && Math.abs(d.dec[i] - kn.srcDec[k]) > d.reach[i]) continue;
    const v = raAveragedPsPdf(d.sinDec[i], d.cosDec[i], kn.srcSin[k], kn.srcCos[k], d.sigma[i]);
    for (let j = 0; j < J; j++) kn.st[o + j] += kn.BT[k * J + j] * v;
  }
}

/** S̃ of every data event after the jitter: the vMF sum tables, the per-source Gaussian tables (exact where a table does not cover). */
export function jitteredStilde(kn: StackKernel): void {
  const d = kn.d, n0 = d.nSorted, st = kn.st, J = kn.J;
  if (kn.exactSTilde) {
    for (let i = 0; i < n0; i++) stildeOf(kn, i);
    return;
  }
  const { dec, sinDec, cosDec, sigma, gaussian } = d;
  const lnSig = kn.lnSigma, vt = kn.vmfTable, pass = kn.pass;
  if (pass !== null && vt !== null) {
    // vMF events in WebAssembly (table + fastExp), the exact sum for those outside the table, Gaussian ones below
    const nfb = pass.sta(0, kn.staCount);
    const exact = (i: number) => {
      for (let j = 0; j < J; j++) st[i * J + j] = vmfSum(sinDec[i], cosDec[i], kn.srcSin, kn.srcCos, kn.basisRows[j], sigma[i]);
    };
    for (let e = 0; e < nfb; e++) exact(pass.fb[e]);
    for (let e = 0; e < kn.staExact.length; e++) exact(kn.staExact[e]);
    if (pass.hasGauss) {
      // Gaussian-PDF events from their tables in WebAssembly; those it lists (off a table, near a pole) here
      const ngb = pass.gs(kn.gaussList.length);
      for (let e = 0; e < ngb; e++) gaussStilde(kn, pass.fb[e]);
    } else for (let e = 0; e < kn.gaussList.length; e++) gaussStilde(kn, kn.gaussList[e]);
    return;
  }
  for (let i = 0; i < n0; i++) {
    const o = i * J;
    if (gaussian[i] === 0) {
      if (kn.vBand[i] === -2) continue;
      if (vt !== null && vt.lnAtInto(kn.vBand[i], dec[i], lnSig[i], st, o)) for (let j = 0; j < J; j++) st[o + j] = fastExp(st[o + j]);
      else for (let j = 0; j < J; j++) st[o + j] = vmfSum(sinDec[i], cosDec[i], kn.srcSin, kn.srcCos, kn.basisRows[j], sigma[i]);
      continue;
    }
    gaussStilde(kn, i);
  }
}

/** S̃ of Gaussian-PDF data event i after the jitter from the per-source tables (sources beyond the reach skipped, as S). */
export function gaussStilde(kn: StackKernel, i: number): void {
  const d = kn.d, st = kn.st, K = kn.srcDec.length, J = kn.J, BT = kn.BT, gt = kn.gaussTables, o = i * J;
  const { dec, sinDec, cosDec, sigma, reach } = d;
  for (let j = 0; j < J; j++) st[o + j] = 0;
  for (let k = 0; k < K; k++) {
    if (Math.abs(dec[i] - kn.srcDec[k]) > reach[i]) continue;
    const v = gt[k].at(dec[i], sinDec[i], cosDec[i], sigma[i], kn.lnSigma[i]);
    for (let j = 0; j < J; j++) st[o + j] += BT[k * J + j] * v;
  }
}

export function buildJitterTables(kn: StackKernel): void {
  const d = kn.d, n0 = d.nSorted;
  let gLo = Infinity, gHi = 0, vHi = 0;
  const scan = (sig: ArrayLike<number>) => {
    for (let i = 0; i < sig.length; i++) {
      if (sig[i] < KENT_MIN_SIGMA) { gLo = Math.min(gLo, sig[i]); gHi = Math.max(gHi, sig[i]); }
      else vHi = Math.max(vHi, sig[i]);
    }
  };
  scan(d.sigma.subarray(0, n0));
  for (const r of kn.reservoirs) scan(r.sigma);
  kn.lnSigma = Float64Array.from(d.sigma.subarray(0, n0), Math.log);
  if (vHi > 0) {
    // jitterDecBulk leaves the polar-cap events where they are and keeps the others out of the caps:
    // the caps' S̃ stays the exact one of the set-up (band −2), the tables need only |δ| ≤ lim
    const lim = Math.PI / 2 - DEC_POLE_EXCLUSION;
    const vt = (kn.vmfTable = new VmfSumBands(kn.srcDec, kn.basisRows, KENT_MIN_SIGMA, vHi, { maxAbsDec: lim }));
    kn.vBand = Int32Array.from(kn.lnSigma, (t, i) => (d.gaussian[i] !== 0 ? -1 : d.dec[i] > lim || d.dec[i] < -lim ? -2 : vt.band(t)));
  }
  if (gHi > 0) kn.gaussTables = Array.from(kn.srcDec, (dec) => new STildeTable(dec, gLo, gHi));
}

/** Z[i·J + j] = Σ_k B_jk S_ik − S̃_ij for event i (unscaled). */
export function zOf(kn: StackKernel, i: number): void {
  const Z = kn.Z, st = kn.st, o = i * kn.J;
  for (let j = 0; j < kn.J; j++) Z[o + j] = -st[o + j];
  addSources(kn, i);
}

/**
 * Z[i·J + j] += Σ_k B_jk S_ik over the sources within event i's reach (5σ). Event-major:
 * each event's data is read once and the source vectors stay in registers/L1 (a source-major
 * loop read every event array once per source and was memory-bound, 3× slower).
 */
export function addSources(kn: StackKernel, i: number): void {
  const d = kn.d, Z = kn.Z, ca = kn.ca, sa = kn.sa, J = kn.J, BT = kn.BT;
  const { sinDec, cosDec, cosReach, pdfA, pdfC, gaussian } = d;
  const px = kn.srcPx, py = kn.srcPy, pz = kn.srcSin, K = px.length, grp = kn.group;
  {
    const ci = cosDec[i], ux = ci * ca[i], uy = ci * sa[i], uz = sinDec[i], cr = cosReach[i];
    const A = pdfA[i], C = pdfC[i], gauss = gaussian[i] === 1, o = i * J;
    for (let k = 0; k < K; k++) {
      const cpsi = ux * px[k] + uy * py[k] + uz * pz[k];
      if (cpsi < cr) continue;
      let s: number;
      if (!gauss) s = A * fastExp(C * (cpsi - 1));
      else {
        const psi = Math.acos(cpsi > 1 ? 1 : cpsi);
        s = A * fastExp(C * psi * psi);
      }
      if (grp !== null) Z[o + grp[k]] += BT[k * J + grp[k]] * s;
      else for (let j = 0; j < J; j++) Z[o + j] += BT[k * J + j] * s;
    }
  }
}

/** The JS path's z_ij = (Σ_k B_jk S_ik − S̃_ij)/D̃_i and fit (no WebAssembly pass): SeriesFit for one component, else MultiSeriesFit. */
export function fitJsPath(kn: StackKernel, N: number, res: GammaFit): void {
  const d = kn.d, J = kn.J, Z = kn.Z, st = kn.st, cMax = kn.cMax;
  const fit = kn.fitter, invD = d.invD, bin = d.eBin, f1 = kn.fitter1;
  for (let i = 0; i < N * J; i++) Z[i] = -st[i];
  for (let i = 0; i < N; i++) addSources(kn, i);
  if (f1 !== null) {
    // one component (fixed weights, or all sources in one acceptance group): c ≡ 1, plain SeriesFit
    f1.begin();
    for (let i = 0; i < N; i++) {
      const inv = invD[i];
      const y = (Z[i] *= inv);
      if (y !== 0) f1.add(i, y, bin[i], st[i] * inv);
    }
    f1.fit(N, Z, bin, res);
    return;
  }
  fit.begin();
  for (let i = 0; i < N; i++) {
    const inv = invD[i], o = i * J;
    let bt = 0;
    for (let j = 0; j < J; j++) {
      Z[o + j] *= inv;
      bt += cMax[j] * Math.abs(st[o + j]);
    }
    fit.add(i, Z, bin[i], bt * inv);
  }
  fit.fit(N, Z, bin, res);
}
