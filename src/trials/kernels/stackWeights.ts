/**
 * Source weights of a stack on the γ grid, W_k(γ_g) ∝ w_k·acceptance_k(γ_g) (csky re-weights the
 * sources at every fitted γ), written as W(γ_g) = Σ_j C[g][j]·B_j with a few basis vectors B_j
 * chosen among the W(γ_g) themselves (so each B_j is a non-negative weighting whose S̃ sum can be
 * tabulated in logs). With the IRF's declination-banded acceptance the rank J is at most the
 * number of bands holding sources (5 for the 12 bench sources); fixed weights give J = 1.
 */
import { InputError } from '../../errors.js';

export interface WeightBasis {
  J: number;
  /** when every source loads on one basis vector only (grouped basis): its index, else null */
  group: Int32Array | null;
  /** B[j·K + k] */
  B: Float64Array;
  /** C[g·J + j] */
  C: Float64Array;
  /** max_g,k |W_gk − Σ_j C_gj B_jk| */
  maxError: number;
}

/** Basis of the rows W[g] (each of length K) by pivoted Gram–Schmidt; rows whose residual is ≤ tol·max‖W_g‖ are dependent. */
export function weightBasis(W: Float64Array[], tol = 1e-10): WeightBasis {
  const nG = W.length, K = W[0].length;
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const scale = Math.max(...W.map(norm));
  const Q: Float64Array[] = [];
  const picked: number[] = [];
  const res = W.map((w) => Float64Array.from(w));
  for (;;) {
    let best = -1, bn = tol * scale;
    for (let g = 0; g < nG; g++) { const n = norm(res[g]); if (n > bn) { bn = n; best = g; } }
    if (best < 0) break;
    const q = Float64Array.from(res[best], (x) => x / bn);
    Q.push(q);
    picked.push(best);
    for (let g = 0; g < nG; g++) {
      let d = 0;
      for (let k = 0; k < K; k++) d += res[g][k] * q[k];
      for (let k = 0; k < K; k++) res[g][k] -= d * q[k];
    }
  }
  const J = picked.length;
  if (J === 0) throw new InputError('weightBasis: all weights are zero');
  const B = new Float64Array(J * K);
  picked.forEach((g, j) => B.set(W[g], j * K));
  // C[g] solves (B Bᵀ) c = B W[g] (Gaussian elimination with partial pivoting; J ≤ min(nG, K))
  const G = new Float64Array(J * J);
  for (let a = 0; a < J; a++) for (let b = 0; b < J; b++) { let s = 0; for (let k = 0; k < K; k++) s += B[a * K + k] * B[b * K + k]; G[a * J + b] = s; }
  const C = new Float64Array(nG * J);
  for (let g = 0; g < nG; g++) {
    const A = G.slice(), rhs = new Float64Array(J);
    for (let a = 0; a < J; a++) { let s = 0; for (let k = 0; k < K; k++) s += B[a * K + k] * W[g][k]; rhs[a] = s; }
    for (let col = 0; col < J; col++) {
      let p = col;
      for (let r = col + 1; r < J; r++) if (Math.abs(A[r * J + col]) > Math.abs(A[p * J + col])) p = r;
      if (p !== col) {
        for (let c = 0; c < J; c++) { const t = A[col * J + c]; A[col * J + c] = A[p * J + c]; A[p * J + c] = t; }
        const t = rhs[col]; rhs[col] = rhs[p]; rhs[p] = t;
      }
      for (let r = col + 1; r < J; r++) {
        const f = A[r * J + col] / A[col * J + col];
        for (let c = col; c < J; c++) A[r * J + c] -= f * A[col * J + c];
        rhs[r] -= f * rhs[col];
      }
    }
    for (let r = J - 1; r >= 0; r--) {
      let s = rhs[r];
      for (let c = r + 1; c < J; c++) s -= A[r * J + c] * C[g * J + c];
      C[g * J + r] = s / A[r * J + r];
    }
  }
  let maxError = 0;
  for (let g = 0; g < nG; g++) for (let k = 0; k < K; k++) {
    let v = 0;
    for (let j = 0; j < J; j++) v += C[g * J + j] * B[j * K + k];
    maxError = Math.max(maxError, Math.abs(v - W[g][k]));
  }
  return { J, B, C, maxError, group: null };
}

/**
 * The sparse basis when sources fall into groups whose weights scale alike with γ (the IRF's
 * declination bands): r_k(g) = W_gk/W_0k is the same vector for all k of a group β, so
 * B_β = W_0 restricted to β and C[g][β] = r_β(g) reproduce W exactly, and each source loads on one
 * basis vector (one multiply-add per event and source instead of J). Null when the number of
 * groups exceeds the rank (weights varying smoothly with declination): use weightBasis then.
 */
export function groupedWeightBasis(W: Float64Array[], relTol = 1e-12): WeightBasis | null {
  const nG = W.length, K = W[0].length;
  for (let k = 0; k < K; k++) if (!(W[0][k] > 0)) return null;
  const group = new Int32Array(K).fill(-1);
  const reps: number[] = [];
  for (let k = 0; k < K; k++) {
    for (let b = 0; b < reps.length && group[k] < 0; b++) {
      const l = reps[b];
      let same = true;
      for (let g = 0; g < nG && same; g++) {
        const rk = W[g][k] / W[0][k], rl = W[g][l] / W[0][l];
        same = Math.abs(rk - rl) <= relTol * Math.max(Math.abs(rk), Math.abs(rl));
      }
      if (same) group[k] = b;
    }
    if (group[k] < 0) {
      group[k] = reps.length;
      reps.push(k);
    }
  }
  const J = reps.length;
  if (J > weightBasis(W).J) return null;
  const B = new Float64Array(J * K);
  for (let k = 0; k < K; k++) B[group[k] * K + k] = W[0][k];
  const C = new Float64Array(nG * J);
  for (let g = 0; g < nG; g++) for (let b = 0; b < J; b++) C[g * J + b] = W[g][reps[b]] / W[0][reps[b]];
  let maxError = 0;
  for (let g = 0; g < nG; g++) for (let k = 0; k < K; k++) maxError = Math.max(maxError, Math.abs(C[g * J + group[k]] * W[0][k] - W[g][k]));
  return { J, B, C, maxError, group };
}
