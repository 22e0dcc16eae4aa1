/**
 * Code generator of the stack kernel's WebAssembly pass `pb` (stackPassWasm.ts documents it): source
 * sums, 1/D̃, S̃ bound, exact list or per-bin moments, two events per step where both are flag 0
 * (`sta`: stackPassSta.ts).
 */
import { get } from '../../wasm/encode.js';
import { addr, f, hoisted, i, ifs, lset, ltee, Locals, v, vacos, vexp, F64, I32, V128, type Code } from './stackPassAsm.js';
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

export function pbBody(sp: StackPassSpec, at: Record<string, number>, S: number): { locals: number[]; body: Code } {
  const J = sp.J, K = sp.px.length;
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
    const body: Code = [
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
      for (let l = 0; l + 1 < J; l++) mom.push(...lset(zv[l], v.load(get(oz), 8 * l)));
      for (let j = 0; j < J; j++) mom.push(...lset(zs[j], v.load64splat(get(oz), 8 * j)), ...lset(zf[j], f.load(get(oz), 8 * j)));
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
        ...ifs(i.load8(addr(at.xf, get(e2), 1)), [
          ...i.store(addr(at.exIdx, get(nEx), 4), get(e2)),
          ...lset(nEx, i.add(get(nEx), i.c(1))),
        ], [
          ...lset(oz, addr(at.Z, i.mul(get(e2), i.c(J)), 8)),
          ...lset(q, i.add(i.c(at.m), i.mul(i.load(addr(at.eBin, get(e2), 4)), i.c(S * 8)))),
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

