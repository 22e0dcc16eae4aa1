/**
 * Point-source spatial signal PDFs on the sphere (sr⁻¹), as a function of the
 * opening angle ψ between event and source and the event's angular uncertainty σ.
 *
 * Following the paper's analysis code (DNNC notebooks/pdf_construction/ps_pdf.py,
 * `kent_min = np.deg2rad(7)`; physics.md §1.5): a 2-D Gaussian for σ < 7° and a
 * von Mises–Fisher (Kent) distribution with κ = 1/σ² for σ ≥ 7°.
 *
 * Difference from csky: our Gaussian is normalised on the sphere, not on the
 * tangent plane. The planar normalisation 1/(2πσ²) overestimates by σ²/3
 * (0.5 % at 7°); we divide by the exact factor c(σ) below so every PDF here
 * integrates to 1 over the sphere.
 */

/** Switch from the Gaussian to the vMF PDF (radians). Source: DNNC ps_pdf.py `kent_min`. */
export const KENT_MIN_SIGMA = (7 * Math.PI) / 180;

/**
 * c(σ) = (1/σ²) ∫₀^∞ exp(−ψ²/2σ²) sin ψ dψ = 1 − σ²/3 + σ⁴/15 − σ⁶/105 + …
 * (term k: (−1)^k (2σ²)^k k!/(2k+1)!); the tail beyond ψ = π is < e^{-300} for σ < 7°.
 * Truncation error < σ⁸/945 ≈ 5e-11 at 7°.
 */
export function gaussSphereNorm(sigma: number): number {
  const s2 = sigma * sigma;
  return 1 - s2 / 3 + (s2 * s2) / 15 - (s2 * s2 * s2) / 105;
}

/**
 * Point-source PDF (sr⁻¹) given cos ψ and σ (radians). `cosPsi` ∈ [−1, 1].
 * Uses the Gaussian below KENT_MIN_SIGMA and vMF (κ = 1/σ²) above it.
 */
export function psPdf(cosPsi: number, sigma: number): number {
  if (sigma < KENT_MIN_SIGMA) {
    // ψ from cos ψ: acos loses precision only for ψ ≲ 1e-7 rad, far inside σ.
    const psi = Math.acos(cosPsi > 1 ? 1 : cosPsi < -1 ? -1 : cosPsi);
    const s2 = sigma * sigma;
    return Math.exp((-0.5 * psi * psi) / s2) / (2 * Math.PI * s2 * gaussSphereNorm(sigma));
  }
  const kappa = 1 / (sigma * sigma);
  // κ/(4π sinh κ) e^{κ cos ψ} written without overflow.
  return (kappa * Math.exp(kappa * (cosPsi - 1))) / (2 * Math.PI * -Math.expm1(-2 * kappa));
}

/** Extended source: Gaussian extension added in quadrature to the event σ (radians). */
export function extendedSigma(sigma: number, extension: number): number {
  return Math.sqrt(sigma * sigma + extension * extension);
}

/** cos of the angular distance between (ra1, dec1) and (ra2, dec2), radians. */
export function cosAngDist(ra1: number, dec1: number, ra2: number, dec2: number): number {
  return Math.sin(dec1) * Math.sin(dec2) + Math.cos(dec1) * Math.cos(dec2) * Math.cos(ra1 - ra2);
}

// 32-point Gauss–Legendre nodes/weights on [−1, 1] (computed once by Newton on P_n).
const GL_N = 32;
const GL_X = new Float64Array(GL_N);
const GL_W = new Float64Array(GL_N);
(function initGaussLegendre() {
  const n = GL_N;
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    GL_X[i] = x;
    GL_W[i] = 2 / ((1 - x * x) * dp * dp);
  }
})();

/**
 * RA-averaged point-source PDF S̃ = (1/2π)∫ S(ψ(α)) dα at event declination δ for a
 * source at δ_s (the "scrambled signal" of the signal-subtracted likelihood, physics.md §2.1).
 * vMF: closed form κ/(4π sinh κ)·e^{κ sinδ sinδs}·I0(κ cosδ cosδs).
 * Gaussian: 32-point Gauss–Legendre over Δα ∈ [0, Δα_max] where ψ(Δα_max) = min(π, 8σ).
 */
export function raAveragedPsPdf(sinDec: number, cosDec: number, sinDecSrc: number, cosDecSrc: number, sigma: number): number {
  const ss = sinDec * sinDecSrc;
  const cc = cosDec * cosDecSrc;
  if (sigma >= KENT_MIN_SIGMA) {
    const kappa = 1 / (sigma * sigma);
    const x = kappa * cc;
    return ((kappa * Math.exp(kappa * (ss + cc - 1))) / (2 * Math.PI * -Math.expm1(-2 * kappa))) * besselI0e(x);
  }
  return raAveragedGaussianPdf(sinDec, cosDec, sinDecSrc, cosDecSrc, sigma);
}

/** Gaussian PDF (normalised on the sphere) at cos ψ for any σ: psPdf's branch below 7°. */
function gaussianPdf(cosPsi: number, sigma: number): number {
  const psi = Math.acos(cosPsi > 1 ? 1 : cosPsi < -1 ? -1 : cosPsi);
  const s2 = sigma * sigma;
  return Math.exp((-0.5 * psi * psi) / s2) / (2 * Math.PI * s2 * gaussSphereNorm(sigma));
}

/**
 * The Gaussian branch of raAveragedPsPdf for any σ (32-point Gauss–Legendre in Δα); equal to
 * raAveragedPsPdf below 7°. Tables that straddle 7° (trials/kernels/sTildeTable.ts) use it.
 */
export function raAveragedGaussianPdf(sinDec: number, cosDec: number, sinDecSrc: number, cosDecSrc: number, sigma: number): number {
  const ss = sinDec * sinDecSrc;
  const cc = cosDec * cosDecSrc;
  const psiMax = Math.min(Math.PI, 8 * sigma);
  // event or source at a pole: ψ does not depend on α
  if (cc <= 1e-300) return gaussianPdf(ss, sigma);
  const cmax = (Math.cos(psiMax) - ss) / cc;
  if (cmax >= 1) return 0; // |δ − δs| beyond 8σ
  const aMax = cmax <= -1 ? Math.PI : Math.acos(cmax);
  const half = 0.5 * aMax;
  let sum = 0;
  for (let k = 0; k < GL_N; k++) {
    const a = half * (GL_X[k] + 1);
    sum += GL_W[k] * gaussianPdf(ss + cc * Math.cos(a), sigma);
  }
  return (sum * half) / Math.PI;
}

/**
 * Exponentially scaled modified Bessel function e^{−x} I0(x), x ≥ 0, to ~1e-15 relative:
 * power series Σ (x²/4)^k/(k!)² for x ≤ 30 (all terms positive, no cancellation), and the
 * asymptotic series e^x/√(2πx) Σ [(2k−1)!!]²/(k! (8x)^k) for x > 30 (A&S 9.7.1), whose terms
 * keep falling until k ≈ 2x, so 30 terms reach machine precision.
 */
export function besselI0e(x: number): number {
  const ax = Math.abs(x);
  if (ax <= 30) {
    const q = (ax * ax) / 4;
    let term = 1;
    let sum = 1;
    for (let k = 1; k < 200; k++) {
      term *= q / (k * k);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return sum * Math.exp(-ax);
  }
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 30; k++) {
    term *= ((2 * k - 1) * (2 * k - 1)) / (8 * k * ax);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum / Math.sqrt(2 * Math.PI * ax);
}

// e^{−x}I0(x) tabulated on x = −h, 0, h, …, (I0E_N+1)h with h = 1/256, for cubic interpolation.
const I0E_INV_H = 256;
const I0E_N = 68 * I0E_INV_H;
let i0eTable: Float64Array | null = null;

function buildI0eTable(): Float64Array {
  const t = new Float64Array(I0E_N + 3);
  // node −h: the analytic continuation e^{h}I0(h) = besselI0e(h)·e^{2h}
  t[0] = besselI0e(1 / I0E_INV_H) * Math.exp(2 / I0E_INV_H);
  for (let j = 0; j <= I0E_N + 1; j++) t[j + 1] = besselI0e(j / I0E_INV_H);
  return t;
}

/**
 * e^{−x}I0(x) for x ≥ 0 by 4-point (cubic) Lagrange interpolation on a grid of step 1/256
 * over [0, 68] (the vMF range: x = κ cos δ cos δs ≤ 1/(7°)²), besselI0e beyond. Interpolation
 * error ≤ (9/16)(h⁴/24) max|f⁗|; measured ≤ 2.4e-11 relative (psf.test.ts checks 4e-11).
 */
export function besselI0eFast(x: number): number {
  const t = x * I0E_INV_H;
  if (!(t >= 0 && t < I0E_N)) return besselI0e(x);
  const tab = (i0eTable ??= buildI0eTable());
  const j = t | 0;
  const f = t - j;
  const fm1 = f - 1, fm2 = f - 2, fp1 = f + 1;
  return (
    (-f * fm1 * fm2 * tab[j] + f * fp1 * fm1 * tab[j + 3]) * (1 / 6) +
    (fp1 * fm1 * fm2 * tab[j + 1] - fp1 * f * fm2 * tab[j + 2]) * 0.5
  );
}

/**
 * raAveragedPsPdf with the vMF branch's Bessel factor from besselI0eFast (≤ 4e-11 relative
 * to the series; the Gaussian branch is the same quadrature). For trial kernels that
 * recompute S̃ for every event after a declination jitter.
 */
export function raAveragedPsPdfFast(sinDec: number, cosDec: number, sinDecSrc: number, cosDecSrc: number, sigma: number): number {
  if (sigma < KENT_MIN_SIGMA) return raAveragedPsPdf(sinDec, cosDec, sinDecSrc, cosDecSrc, sigma);
  const kappa = 1 / (sigma * sigma);
  const cc = cosDec * cosDecSrc;
  return ((kappa * Math.exp(kappa * (sinDec * sinDecSrc + cc - 1))) / (2 * Math.PI * -Math.expm1(-2 * kappa))) * besselI0eFast(kappa * cc);
}
