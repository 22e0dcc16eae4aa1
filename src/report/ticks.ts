/**
 * Axis tick positions and labels: "nice" linear ticks (1, 2, 5 × 10^k steps, as d3-array's
 * `ticks` chooses them), decade ticks for log axes, and compact labels.
 */

export interface Tick {
  value: number;
  label: string;
  /** Minor ticks are drawn short and unlabelled. */
  minor?: boolean;
}

/**
 * The nice step (1, 2 or 5 × 10^k) giving about `count` intervals over [lo, hi]; the switch points
 * √2, √10, √50 are the geometric means between candidates, as in d3-array's tickIncrement.
 */
export function niceStep(lo: number, hi: number, count: number): number {
  const span = Math.abs(hi - lo);
  if (!(span > 0) || !Number.isFinite(span)) return 0;
  const raw = span / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  const nice = m >= Math.sqrt(50) ? 10 : m >= Math.sqrt(10) ? 5 : m >= Math.SQRT2 ? 2 : 1;
  return nice * p;
}

/** Values k·step inside [lo, hi] (inclusive, with a tolerance of 1e-9 step), for about `count` intervals. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (lo > hi) [lo, hi] = [hi, lo];
  const step = niceStep(lo, hi, count);
  if (step === 0) return Number.isFinite(lo) ? [lo] : [];
  const k0 = Math.ceil(lo / step - 1e-9);
  const k1 = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  for (let k = k0; k <= k1; k++) out.push(cleanFloat(k * step));
  return out;
}

/** Round away binary noise (0.30000000000000004 → 0.3). */
function cleanFloat(v: number): number {
  return v === 0 ? 0 : Number.parseFloat(v.toPrecision(12));
}

/**
 * Ticks for a log axis over [lo, hi] (both > 0): every decade (every n-th if there are many),
 * labelled as powers of ten; minor ticks at 2…9 × 10^k when the axis spans ≤ 6 decades. When
 * the range holds fewer than two decades, 1-2-5 ticks inside the range get labels too.
 */
export function logTicks(lo: number, hi: number, maxMajor = 8): Tick[] {
  if (lo > hi) [lo, hi] = [hi, lo];
  if (!(lo > 0) || !Number.isFinite(hi)) return [];
  const e0 = Math.ceil(Math.log10(lo) - 1e-9);
  const e1 = Math.floor(Math.log10(hi) + 1e-9);
  const ndec = e1 - e0 + 1;
  const every = Math.max(1, Math.ceil(ndec / maxMajor));
  const ticks: Tick[] = [];
  for (let e = e0; e <= e1; e++) {
    if (e % every === 0) ticks.push({ value: Math.pow(10, e), label: formatPow10(e) });
  }
  const span = Math.log10(hi / lo);
  if (span <= 6) {
    const fewMajors = ticks.length < 2;
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (let m = 2; m <= 9; m++) {
        const v = cleanFloat(m * Math.pow(10, e));
        if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
        const labelled = fewMajors && (m === 2 || m === 5);
        ticks.push(labelled ? { value: v, label: formatNumber(v) } : { value: v, label: '', minor: true });
      }
    }
    ticks.sort((a, b) => a.value - b.value);
  }
  return ticks;
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** "10⁻³" for e = −3; "1" and "10" for e = 0 and 1. */
export function formatPow10(e: number): string {
  if (e === 0) return '1';
  if (e === 1) return '10';
  return '10' + String(e).split('').map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** "−" (U+2212, the typographic minus) instead of "-" in numbers. */
function minus(s: string): string {
  return s.replace(/^-/, '−');
}

/**
 * Compact label for one number: integers as is, decimals with ≤ 4 significant digits,
 * very small / large values as m×10ⁿ.
 */
export function formatNumber(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return minus(String(Number.parseFloat(v.toPrecision(4))));
  const e = Math.floor(Math.log10(a));
  const m = Number.parseFloat((v / Math.pow(10, e)).toPrecision(3));
  if (Math.abs(m) === 1) return (m < 0 ? '−' : '') + formatPow10(e);
  return `${minus(String(m))}×${formatPow10(e)}`;
}

/**
 * Labels for a set of linear ticks sharing one format: enough decimals to tell neighbours apart,
 * scientific notation when all values are tiny or huge.
 */
export function formatTicks(values: number[]): string[] {
  if (values.length === 0) return [];
  const maxAbs = Math.max(...values.map(Math.abs));
  if (maxAbs > 0 && (maxAbs < 1e-3 || maxAbs >= 1e6)) return values.map(formatNumber);
  let step = Infinity;
  for (let i = 1; i < values.length; i++) step = Math.min(step, Math.abs(values[i]! - values[i - 1]!));
  const dec = Number.isFinite(step) && step > 0 ? Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9) + (isHalfStep(step) ? 1 : 0))) : 0;
  return values.map((v) => minus(v.toFixed(dec)).replace(/^−(0\.?0*)$/, '$1'));
}

/** Steps like 2.5 or 0.25 need one decimal more than their order of magnitude. */
function isHalfStep(step: number): boolean {
  const m = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
  return Math.abs(m - Math.round(m)) > 1e-6;
}

/** Linear ticks with shared-format labels. */
export function linearTickLabels(lo: number, hi: number, count = 5): Tick[] {
  const v = linearTicks(lo, hi, count);
  const labels = formatTicks(v);
  return v.map((value, i) => ({ value, label: labels[i]! }));
}
