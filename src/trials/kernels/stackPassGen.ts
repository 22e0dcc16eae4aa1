/**
 * Code generator of the stack kernel's WebAssembly pass `pb` (stackPassWasm.ts documents it): source
 * sums, 1/D̃, S̃ bound, exact list or per-bin moments, two events per step where both are flag 0
 * (`sta`: stackPassSta.ts).
 */
import { get } from '../../wasm/encode.js';
import { addr, f, hoisted, i, ifs, lset, ltee, Locals, simd, v, vacos, vexp, F64, I32, V128, type Code } from './stackPassAsm.js';
import type { StackPassSpec } from './stackPassWasm.js';

/** One event's locals and the source-sum code of pb and gz (Lc: the function's local allocator). */
function sumParts(sp: StackPassSpec, at: Record<string, number>, Lc: Locals) {
  const J = sp.J, K = sp.px.length;
  // one event's locals; two events are interleaved stage by stage when both are flag 0 (independent
  // dependency chains side by side for the out-of-order core), their moment updates in event order
  const ctx = (e: Code) => ({
    e, oz: Lc.add(I32), ost: Lc.add(I32), q: Lc.add(I32), b: Lc.add(I32),
    inv: Lc.add(F64), ci: Lc.add(F64), bt: Lc.add(F64), rm: Lc.add(F64), yMax: Lc.add(F64), zjl: Lc.add(F64),
    z: Array.from({ length: J }, () => Lc.add(F64)),
    cv: { ux: Lc.add(V128), uy: Lc.add(V128), uz: Lc.add(V128), cr: Lc.add(V128), A: Lc.add(V128), C: Lc.add(V128) },
    VL: { x: Lc.add(V128), nd: Lc.add(V128), r: Lc.add(V128), n: Lc.add(V128), n0: Lc.add(I32), n1: Lc.add(I32) },
    vm: Lc.add(V128), vt: Lc.add(V128),
  });
  type Ctx = ReturnType<typeof ctx>;
  const head = (c: Ctx): Code => [
    ...lset(c.oz, addr(at.Z, i.mul(c.e, i.c(J)), 8)),
    ...lset(c.ost, addr(at.st, i.mul(c.e, i.c(J)), 8)),
    ...lset(c.inv, f.load(addr(at.invD, c.e, 8))),
  ];
  // flag 0: z_j = −S̃_j, then + B_jk S_k for the sources within the event's reach (stack.ts addSources,
  // vMF branch), two sources per f64x2: cos ψ, fastExp and B_jk·S_k lane-wise as the scalar code for
  // every source, the out-of-reach lanes masked to +0 (z_j ≠ 0 here, as S̃_j > 0, so z_j + 0 = z_j).
  // fastExp without its x < −700 branch: x = κ(cos ψ − 1) ≥ −2κ and the caller flags κ > 350.
  const setup = (c: Ctx): Code => {
    const out: Code = [];
    for (let j = 0; j < J; j++) out.push(...lset(c.z[j], f.neg(f.load(get(c.ost), j * 8))));
    out.push(
      ...lset(c.ci, f.load(addr(at.cosDec, c.e, 8))),
      ...lset(c.cv.ux, v.splat(f.mul(get(c.ci), f.load(addr(at.ca, c.e, 8))))),
      ...lset(c.cv.uy, v.splat(f.mul(get(c.ci), f.load(addr(at.sa, c.e, 8))))),
      ...lset(c.cv.uz, v.splat(f.load(addr(at.sinDec, c.e, 8)))),
      ...lset(c.cv.cr, v.splat(f.load(addr(at.cosReach, c.e, 8)))),
      ...lset(c.cv.A, v.splat(f.load(addr(at.pdfA, c.e, 8)))),
      ...lset(c.cv.C, v.splat(f.load(addr(at.pdfC, c.e, 8)))),
    );
    return out;
  };
  const at2 = (a: Float64Array, k: number) => v.c(a[k], k + 1 < K ? a[k + 1] : 0);
  const bt2 = (kk: number) => (kk < K ? (sp.group ? sp.BT[kk * J + sp.group[kk]] : 0) : 0);
  // GL: the Gaussian PDF's acos locals (in reach cos ψ ≥ cos 35° > 0.5: vacos's branch); null: vMF
  const pair = (c: Ctx, k: number, GL: { x: number; z: number; s: number; df: number } | null = null): Code => {
    const gauss = GL !== null;
    const { cv, vt, vm, z } = c;
    const psi: Code = [
      // cos ψ = (ux·px + uy·py) + uz·pz; in reach: cos ψ ≥ cos(reach)
      ...lset(vt, v.add(v.add(v.mul(get(cv.ux), at2(sp.px, k)), v.mul(get(cv.uy), at2(sp.py, k))), v.mul(get(cv.uz), at2(sp.pz, k)))),
      ...lset(vm, v.ge(get(vt), get(cv.cr))),
    ];
    const out: Code = [
      // vMF: S = A·fastExp(κ(cos ψ − 1)) (a branch skipping pairs out of reach was slower: mispredictions);
      // Gaussian: ψ = acos(min(cos ψ, 1)), S = A·fastExp(C·ψ·ψ)
      ...(gauss
        ? [...lset(vt, vacos(v.min(get(vt), v.c(1, 1)), GL)), ...lset(vt, v.mul(get(cv.A), vexp(v.mul(v.mul(get(cv.C), get(vt)), get(vt)), c.VL)))]
        : lset(vt, v.mul(get(cv.A), vexp(v.mul(get(cv.C), v.sub(get(vt), v.c(1, 1))), c.VL)))),
    ];
    // masked lanes add +0 (vMF: z_j = −S̃_j + … ≠ 0); Gaussian: −0, as z_j may be −0 there (S̃ cut at the reach)
    // and the JS path leaves it so (z + −0 = z for every z)
    const mask = (x: Code): Code => (gauss ? v.or(v.and(x, get(vm)), v.andnot(v.c(-0, -0), get(vm))) : v.and(x, get(vm)));
    if (sp.group) {
      out.push(...lset(vt, mask(v.mul(v.c(bt2(k), bt2(k + 1)), get(vt)))));
      for (let q = 0; q < 2 && k + q < K; q++) {
        const j = sp.group[k + q];
        out.push(...lset(z[j], f.add(get(z[j]), v.lane(get(vt), q))));
      }
    } else {
      // general basis (vMF only: the caller flags no Gaussian event 2 here): every component, B_jk·S_k with S_k masked
      out.push(...lset(vt, v.and(get(vt), get(vm))));
      for (let q = 0; q < 2 && k + q < K; q++) for (let j = 0; j < J; j++) {
        out.push(...lset(z[j], f.add(get(z[j]), f.mul(f.c(sp.BT[(k + q) * J + j]), v.lane(get(vt), q)))));
      }
    }
    // Gaussian events reach ≤ 35°: most pairs are both out of reach, skipped (their terms would be −0)
    return gauss ? [...psi, ...ifs(v.anyTrue(get(vm)), out)] : [...psi, ...out];
  };
  const loadZ = (c: Ctx): Code => c.z.flatMap((l, j) => lset(l, f.load(get(c.oz), j * 8)));
  return { ctx, head, setup, pair, loadZ };
}

/**
 * `gz(n)`: for the flag-2 events among gl[0 … n) (Gaussian PDF; grouped basis), Z_j = Σ_k B_jk S_k − S̃_j
 * unscaled (zOf's twin: ψ = acos(min(cos ψ, 1)) by vacos, S = A·fastExp(C·ψ·ψ), sources in order, pairs
 * with both sources out of reach skipped — a Gaussian event reaches ≤ 35° —, out-of-reach lanes add −0).
 * A function of its own: inside pb this code made V8 allocate pb's hot loop worse (+0.2 ms).
 */
export function gzBody(sp: StackPassSpec, at: Record<string, number>): { locals: number[]; body: Code } {
  const J = sp.J, K = sp.px.length;
  const Lc = new Locals(1);
  // v128 constants in locals loaded before the loop (stackPassAsm.ts hoisted)
  const code = hoisted(Lc, () => {
    const u = Lc.add(I32), e = Lc.add(I32);
    const P = sumParts(sp, at, Lc), A = P.ctx(get(e));
    const GL = { x: Lc.add(V128), z: Lc.add(V128), s: Lc.add(V128), df: Lc.add(V128) };
    const sums: Code = [...P.head(A), ...P.setup(A)];
    for (let k = 0; k < K; k += 2) sums.push(...P.pair(A, k, GL));
    for (let j = 0; j < J; j++) sums.push(...f.store(get(A.oz), get(A.z[j]), j * 8));
    const body: Code = [
      ...lset(u, i.c(0)),
      0x02, 0x40, 0x03, 0x40,
      ...i.geS(get(u), get(0)), 0x0d, 1,
      ...lset(e, i.load(addr(at.gl, get(u), 4))),
      ...ifs(i.eq(i.load8(addr(at.flag, get(e), 1)), i.c(2)), sums),
      ...lset(u, i.add(get(u), i.c(1))),
      0x0c, 0, 0x0b, 0x0b,
      ...i.c(0),
    ];
    return body;
  });
  return { locals: Lc.types, body: code };
}

/** events per block of pairMajor (its pair lists and the block's event data stay in L1/L2) */
export const PM_BLOCK = 128;

/**
 * pb's source sums pair by pair over blocks of PM_BLOCK events (grouped basis; NUSKY_STACK_PM=0: the
 * event-major loop). Per block (1) for each flag-0 event Z_j = −S̃_j, and for each source pair its cos ψ
 * (pb's operations: the same values) at the end of the pair's list, kept there (event index, cos ψ) where a
 * lane is in reach (cos ψ ≥ cos reach; ~60 % of the pairs here); (2) for each pair in source order, for the
 * entries of its list, two per step, Z_j += the masked terms (pb's operations; each z_j gets its terms in
 * source order; a pair left out has both lanes out of reach and would have added +0 to z_j ≠ 0); (3) the
 * tails (the caller's code, z read from Z) in event order — with FUSE (default) not here but in pb's second
 * loop, before the exact test, the moments taking z from registers (one pass over Z fewer).
 * Why: in the one loop over all 12 sources V8 spilled ~38 % of the instructions and every pair was computed,
 * and a branch per pair there cost +0.85 ms (register moves at block edges) whatever its prediction.
 */
function pairMajor(sp: StackPassSpec, at: Record<string, number>, Lc: Locals, N: number, ev: number, tailBoth: Code, tailOne: Code, FUSE: boolean): Code {
  const J = sp.J, K = sp.px.length, nP = Math.ceil(K / 2), G = sp.group as Int32Array, BLK = PM_BLOCK;
  const b0 = Lc.add(I32), b1 = Lc.add(I32), u = Lc.add(I32), oz = Lc.add(I32), ost = Lc.add(I32), ci = Lc.add(F64);
  const cnt = Array.from({ length: nP }, () => Lc.add(I32));
  const ux = Lc.add(V128), uy = Lc.add(V128), uz = Lc.add(V128), cr = Lc.add(V128), vt = Lc.add(V128);
  const at2 = (a: Float64Array, k: number) => v.c(a[k], k + 1 < K ? a[k + 1] : 0);
  const bt2 = (kk: number) => (kk < K ? sp.BT[kk * J + G[kk]] : 0);
  const loop = (l: number, lo: Code, hi: Code, b: Code, step = 1): Code => [...lset(l, lo), 0x02, 0x40, 0x03, 0x40, ...i.geS(get(l), hi), 0x0d, 1, ...b, ...lset(l, i.add(get(l), i.c(step))), 0x0c, 0, 0x0b, 0x0b];
  const psi = (k: number): Code => v.add(v.add(v.mul(get(ux), at2(sp.px, k)), v.mul(get(uy), at2(sp.py, k))), v.mul(get(uz), at2(sp.pz, k)));
  // (1) Z = −S̃, pair lists
  const rec: Code = [
    ...lset(oz, addr(at.Z, i.mul(get(ev), i.c(J)), 8)),
    ...lset(ost, addr(at.st, i.mul(get(ev), i.c(J)), 8)),
  ];
  // −S̃ two at a time (f64x2.neg = the scalar negation lane-wise)
  for (let j = 0; j < J; j += 2) rec.push(...(j + 1 < J ? v.store(get(oz), [...v.load(get(ost), j * 8), ...simd(0xed)], j * 8) : f.store(get(oz), f.neg(f.load(get(ost), j * 8)), j * 8)));
  rec.push(
    ...lset(ci, f.load(addr(at.cosDec, get(ev), 8))),
    ...lset(ux, v.splat(f.mul(get(ci), f.load(addr(at.ca, get(ev), 8))))),
    ...lset(uy, v.splat(f.mul(get(ci), f.load(addr(at.sa, get(ev), 8))))),
    ...lset(uz, v.splat(f.load(addr(at.sinDec, get(ev), 8)))),
    ...lset(cr, v.load64splat(addr(at.cosReach, get(ev), 8))),
  );
  // each pair's cos ψ kept at its list slot (pv) for (2)
  for (let h = 0; h < nP; h++) {
    rec.push(
      ...lset(vt, psi(2 * h)),
      ...i.store(addr(at.lst + h * BLK * 4, get(cnt[h]), 4), get(ev)),
      ...v.store(addr(at.pv + h * BLK * 16, get(cnt[h]), 16), get(vt)),
      ...lset(cnt[h], i.add(get(cnt[h]), v.anyTrue(v.ge(get(vt), get(cr))))),
    );
  }
  const body: Code = [...cnt.flatMap((c) => lset(c, i.c(0))), ...loop(ev, get(b0), get(b1), ifs(i.eqz(i.load8(addr(at.flag, get(ev), 1))), rec))];
  // (2) pair by pair, two list entries per step (their stages side by side), an odd last one alone
  const T2 = [0, 1].map(() => ({ ev: Lc.add(I32), rp: Lc.add(I32), oz: Lc.add(I32), vt: Lc.add(V128), vm: Lc.add(V128), VL: { x: Lc.add(V128), nd: Lc.add(V128), r: Lc.add(V128), n: Lc.add(V128), n0: Lc.add(I32), n1: Lc.add(I32) } }));
  for (let h = 0; h < nP; h++) {
    const k = 2 * h;
    type T = (typeof T2)[0];
    const s1 = (t: T, uc: Code): Code => [
      ...lset(t.ev, i.load(addr(at.lst + h * BLK * 4, uc, 4))),
      ...lset(t.rp, i.shl(get(t.ev), i.c(3))),
      ...lset(t.oz, addr(at.Z, i.mul(get(t.ev), i.c(J)), 8)),
      ...lset(t.vt, v.load(addr(at.pv + h * BLK * 16, uc, 16))),
      ...lset(t.vm, v.ge(get(t.vt), v.load64splat(get(t.rp), at.cosReach))),
    ];
    const s2 = (t: T): Code => [
      ...lset(t.vt, v.mul(v.load64splat(get(t.rp), at.pdfA), vexp(v.mul(v.load64splat(get(t.rp), at.pdfC), v.sub(get(t.vt), v.c(1, 1))), t.VL))),
      ...lset(t.vt, v.and(v.mul(v.c(bt2(k), bt2(k + 1)), get(t.vt)), get(t.vm))),
    ];
    const s3 = (t: T): Code => {
      const o: Code = [];
      for (let q = 0; q < 2 && k + q < K; q++) o.push(...f.store(get(t.oz), f.add(f.load(get(t.oz), 8 * G[k + q]), v.lane(get(t.vt), q)), 8 * G[k + q]));
      return o;
    };
    const [P, Q] = T2;
    const two: Code = [...s1(P, get(u)), ...s1(Q, i.add(get(u), i.c(1))), ...s2(P), ...s2(Q), ...s3(P), ...s3(Q)];
    body.push(
      ...lset(u, i.c(0)),
      0x02, 0x40, 0x03, 0x40,
      ...i.geS(i.add(get(u), i.c(1)), get(cnt[h])), 0x0d, 1,
      ...two,
      ...lset(u, i.add(get(u), i.c(2))),
      0x0c, 0, 0x0b, 0x0b,
      ...ifs(i.ltS(get(u), get(cnt[h])), [...s1(P, get(u)), ...s2(P), ...s3(P)]),
    );
  }
  // (3) tails in event order, two events per step (FUSE: in pb's second loop instead)
  if (!FUSE) body.push(
    ...lset(ev, get(b0)),
    0x02, 0x40, 0x03, 0x40,
    ...i.geS(get(ev), get(b1)), 0x0d, 1,
    ...ifs(i.ltS(i.add(get(ev), i.c(1)), get(b1)), [...tailBoth, ...lset(ev, i.add(get(ev), i.c(2)))], [...tailOne, ...lset(ev, i.add(get(ev), i.c(1)))]),
    0x0c, 0, 0x0b, 0x0b,
  );
  return [
    ...lset(b0, i.c(0)),
    0x02, 0x40, 0x03, 0x40,
    ...i.geS(get(b0), get(N)), 0x0d, 1,
    ...lset(b1, i.add(get(b0), i.c(BLK))),
    ...ifs(i.ltS(get(N), get(b1)), lset(b1, get(N))),
    ...body,
    ...lset(b0, get(b1)),
    0x0c, 0, 0x0b, 0x0b,
  ];
}

export function pbBody(sp: StackPassSpec, at: Record<string, number>, S: number): { locals: number[]; body: Code } {
  const J = sp.J, K = sp.px.length;
  const PM = sp.group !== null && process.env.NUSKY_STACK_PM !== '0';
  const FUSE = PM && process.env.NUSKY_STACK_FUSE !== '0';
  const Lc = new Locals(2);
  // v128 constants in locals loaded before the loop (stackPassAsm.ts hoisted)
  const code = hoisted(Lc, () => {
    const N = 0, BIG = 1;
    const ev = Lc.add(I32), nEx = Lc.add(I32);
    const { ctx, head, setup, pair, loadZ } = sumParts(sp, at, Lc);
    type Ctx = ReturnType<typeof ctx>;
    const A = ctx(get(ev)), B = ctx(i.add(get(ev), i.c(1)));
    // bt = Σ_j cMax_j |S̃_j|; z_j ← z_j/D̃ (stored); yMax = Σ_j cMax_j |z_j|
    const tail = (c: Ctx): Code => {
      let btc: Code = f.c(0);
      for (let j = 0; j < J; j++) btc = f.add(btc, f.mul(f.c(sp.cMax[j]), f.abs(f.load(get(c.ost), j * 8))));
      const out: Code = [...lset(c.bt, btc)];
      for (let j = 0; j < J; j++) out.push(...f.store(get(c.oz), ltee(c.z[j], f.mul(get(c.z[j]), get(c.inv))), j * 8));
      let ym: Code = f.c(0);
      for (let j = 0; j < J; j++) ym = f.add(ym, f.mul(f.c(sp.cMax[j]), f.abs(get(c.z[j]))));
      out.push(
        ...lset(c.b, i.load(addr(at.eBin, c.e, 4))),
        ...lset(c.rm, f.load(addr(at.binRatioMax, get(c.b), 8))),
        ...lset(c.yMax, ym),
      );
      return out;
    };
    // MultiSeriesFit.add's test: xf[e] = 1 for the exact list, 0 for the moments (gathered by the second loop, in event order)
    const exact = (c: Ctx): Code => i.or(f.ge(f.mul(get(c.yMax), get(c.rm)), get(BIG)), f.ge(f.mul(f.mul(get(c.bt), get(c.inv)), get(c.rm)), get(BIG)));
    const mark = (c: Ctx): Code => [...addr(at.xf, c.e, 1), ...exact(c), 0x3a, 0, 0];
    // flag 0: the source sums here; else Z from the caller (flag 1: JS, 2: gz)
    const single: Code = [...head(A), ...ifs(i.eqz(i.load8(addr(at.flag, A.e, 1))), [...setup(A), ...Array.from({ length: Math.ceil(K / 2) }, (_, h) => pair(A, 2 * h)).flat()], loadZ(A)), ...tail(A), ...mark(A)];
    const both: Code = [...head(A), ...head(B), ...setup(A), ...setup(B)];
    for (let k = 0; k < K; k += 2) both.push(...pair(A, k), ...pair(B, k));
    both.push(...tail(A), ...tail(B), ...mark(A), ...mark(B));
    const tailBoth: Code = [...head(A), ...head(B), ...loadZ(A), ...loadZ(B), ...tail(A), ...tail(B), ...mark(A), ...mark(B)];
    const tailOne: Code = [...head(A), ...loadZ(A), ...tail(A), ...mark(A)];
    // FUSE (with PM): the tail in the moments loop, z from registers
    const C2 = FUSE ? ctx(get(ev)) : A;
    const body: Code = PM ? pairMajor(sp, at, Lc, N, ev, tailBoth, tailOne, FUSE) : [
      0x02, 0x40, 0x03, 0x40,
      ...i.geS(get(ev), get(N)), 0x0d, 1,
      ...ifs(i.and(i.ltS(i.add(get(ev), i.c(1)), get(N)), i.eqz(i.or(i.load8(addr(at.flag, A.e, 1)), i.load8(addr(at.flag, B.e, 1))))),
        [...both, ...lset(ev, i.add(get(ev), i.c(2)))],
        [...single, ...lset(ev, i.add(get(ev), i.c(1)))]),
      0x0c, 0, 0x0b, 0x0b,
    ];
    {
      // the second loop: the exact list, or the moments in MultiSeriesFit.add's order (j ≤ l ≤ m, each slot in
      // event order), z_j read back from Z (the values stored above). Each run of slots c·z_m (m = a … J−1; c = 1,
      // z_j or z_j·z_l) two slots per f64x2, c·(z_m, z_m+1) (the scalar products lane-wise), the odd one scalar:
      // 34 instead of 55 load-add-stores for J = 5. In a loop of their own the f64x2 moments gain 0.2–0.4 ms (pb,
      // isolated); inside the source-sum loop they had gained nothing, and the split alone is neutral.
      const e2 = Lc.add(I32), oz = Lc.add(I32), q = Lc.add(I32);
      const zv = Array.from({ length: J - 1 }, () => Lc.add(V128)), zs = Array.from({ length: J }, () => Lc.add(V128)), zjl = Lc.add(V128);
      const zf = Array.from({ length: J }, () => Lc.add(F64));
      const mom: Code = [];
      if (FUSE) {
        for (let l = 0; l + 1 < J; l++) mom.push(...lset(zv[l], v.setLane(v.splat(get(C2.z[l])), get(C2.z[l + 1]), 1)));
        for (let j = 0; j < J; j++) mom.push(...lset(zs[j], v.splat(get(C2.z[j]))), ...lset(zf[j], get(C2.z[j])));
      } else {
        for (let l = 0; l + 1 < J; l++) mom.push(...lset(zv[l], v.load(get(oz), 8 * l)));
        for (let j = 0; j < J; j++) mom.push(...lset(zs[j], v.load64splat(get(oz), 8 * j)), ...lset(zf[j], f.load(get(oz), 8 * j)));
      }
      // slots off… += c·z_a … c·z_{J−1}; cv: splat c (null: c = 1), cs: scalar c
      const run = (off: number, a: number, cv: Code | null, cs: Code | null) => {
        for (let m = a; m < J; m += 2, off += 2) {
          if (m + 1 < J) mom.push(...v.store(get(q), v.add(v.load(get(q), off * 8), cv ? v.mul(cv, get(zv[m])) : get(zv[m])), off * 8));
          else mom.push(...f.store(get(q), f.add(f.load(get(q), off * 8), cs ? f.mul(cs, get(zf[m])) : get(zf[m])), off * 8));
        }
      };
      let p = J, tt = J + (J * (J + 1)) / 2;
      run(0, 0, null, null);
      for (let j = 0; j < J; j++) {
        run(p, j, get(zs[j]), get(zf[j]));
        p += J - j;
      }
      for (let j = 0; j < J; j++) for (let l = j; l < J; l++) {
        mom.push(...lset(zjl, v.mul(get(zs[j]), get(zs[l]))));
        run(tt, l, get(zjl), v.lane(get(zjl), 0));
        tt += J - l;
      }
      body.push(
        ...lset(e2, i.c(0)),
        0x02, 0x40, 0x03, 0x40,
        ...i.geS(get(e2), get(N)), 0x0d, 1,
        ...(FUSE ? [...lset(ev, get(e2)), ...head(C2), ...loadZ(C2), ...tail(C2)] : []),
        ...ifs(FUSE ? exact(C2) : i.load8(addr(at.xf, get(e2), 1)), [
          ...i.store(addr(at.exIdx, get(nEx), 4), get(e2)),
          ...lset(nEx, i.add(get(nEx), i.c(1))),
        ], [
          ...lset(oz, addr(at.Z, i.mul(get(e2), i.c(J)), 8)),
          ...lset(q, i.add(i.c(at.m), i.mul(FUSE ? get(C2.b) : i.load(addr(at.eBin, get(e2), 4)), i.c(S * 8)))),
          ...mom,
        ]),
        ...lset(e2, i.add(get(e2), i.c(1))),
        0x0c, 0, 0x0b, 0x0b,
      );
    }
    body.push(...get(nEx));
    return body;
  });
  return { locals: Lc.types, body: code };
}

