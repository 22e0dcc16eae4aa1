import { describe, expect, it } from 'vitest';
import { get, section, str, uleb } from '../../wasm/encode.js';
import { EXP_TABLE } from '../../scan/gatherWasm.js';
import { fastExp } from '../../likelihood/fastExp.js';
import { Rng } from '../../stats/random.js';
import { ConstPool, hoisted, i, lset, Locals, v, vacos, vexp, withConstPool, I32, V128, type Code } from './stackPassAsm.js';

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A module with one function f(n): out[k] = op(in[k]) for k < n (n even), two lanes per step; the fastExp table at 0. */
function lanewise(op: (x: Code, Lc: Locals) => Code, n: number, poolBytes = 0): (xs: Float64Array) => Float64Array {
  const Lc = new Locals(1);
  const k = Lc.add(I32);
  const inAt = EXP_TABLE.length * 8, outAt = inAt + n * 8;
  // poolBytes > 0: the constants hoisted before the loop from a pool of that size (stackPassWasm.ts's way)
  const pool = poolBytes > 0 ? new ConstPool(outAt + n * 8, poolBytes) : null;
  const body = withConstPool(pool, () => hoisted(Lc, () => {
    const b: Code = [0x02, 0x40, 0x03, 0x40, ...i.geS(get(k), get(0)), 0x0d, 1];
    const opCode = op(v.load(i.add(i.c(inAt), i.shl(get(k), i.c(3)))), Lc);
    b.push(...v.store(i.add(i.c(outAt), i.shl(get(k), i.c(3))), opCode), ...lset(k, i.add(get(k), i.c(2))), 0x0c, 0, 0x0b, 0x0b);
    return b;
  }));
  const groups: number[] = [];
  for (const t of Lc.types) groups.push(1, t);
  const code = [...uleb(Lc.types.length), ...groups, ...body, 0x0b];
  const pages = Math.ceil((outAt + n * 8 + poolBytes) / 65536);
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 1, I32, 0]),
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, ...uleb(pages)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...str('f'), 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
  const memory = new WA.Memory({ initial: pages });
  const inst = new WA.Instance(new WA.Module(bytes), { env: { mem: memory } });
  new Float64Array(memory.buffer, 0, EXP_TABLE.length).set(EXP_TABLE);
  pool?.write(memory.buffer);
  const f = inst.exports.f as (n: number) => void;
  return (xs) => {
    new Float64Array(memory.buffer, inAt, n).set(xs);
    f(n);
    return new Float64Array(memory.buffer, outAt, n).slice();
  };
}

describe('stack pass expression helpers', () => {
  const n = 200000, rng = new Rng(31);

  it('vacos gives Math.acos bit for bit on [0.5, 1] (the Gaussian PDF\'s in-reach range), ends and neighbours of 1 included', () => {
    const run = lanewise((x, Lc) => vacos(x, { x: Lc.add(V128), z: Lc.add(V128), s: Lc.add(V128), df: Lc.add(V128) }), n);
    const xs = Float64Array.from({ length: n }, (_, k) => (k % 2 ? 0.5 + 0.5 * rng.uniform() : 1 - rng.uniform() ** 8 * 1e-3));
    xs.set([0.5, 1, 1 - 2 ** -53, 1 - 2 ** -52, 0.5 + 2 ** -53, 0.9999999999, 0.8191520442889918, 0.75]);
    const got = run(xs);
    let bad = 0;
    for (let k = 0; k < n; k++) if (!Object.is(got[k], Math.acos(xs[k]))) bad++;
    expect(bad).toBe(0);
    expect(Object.is(got[1], 0)).toBe(true);
  });

  // pool 0: inline constants; 4096: all hoisted from the pool; 48: three hoisted, the rest inline (pool full)
  for (const poolBytes of [0, 4096, 48]) it(`vexp gives fastExp bit for bit on [−700, 700] (constant pool of ${poolBytes} bytes)`, () => {
    const VL = (Lc: Locals) => ({ x: Lc.add(V128), nd: Lc.add(V128), r: Lc.add(V128), n: Lc.add(V128), n0: Lc.add(I32), n1: Lc.add(I32) });
    const run = lanewise((x, Lc) => vexp(x, VL(Lc)), n, poolBytes);
    const xs = Float64Array.from({ length: n }, (_, k) => (k % 3 === 0 ? -700 + 1400 * rng.uniform() : -20 * rng.uniform()));
    xs.set([-700, 700, 0, -0, 1e-300, -1e-300, Math.LN2 / 128, -Math.LN2 / 128, -699.99, 699.99]);
    const got = run(xs);
    let bad = 0;
    for (let k = 0; k < n; k++) if (!Object.is(got[k], fastExp(xs[k]))) bad++;
    expect(bad).toBe(0);
  });
});
