import { describe, expect, it } from 'vitest';
import { f64c, i32c, section, sleb, str, uleb, vec } from './encode.js';

describe('WebAssembly encoding', () => {
  // values from the WebAssembly spec's LEB128 examples and the DWARF standard (§7.6)
  it('encodes LEB128 integers as the spec does', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('assembles a module that WebAssembly accepts and runs', async () => {
    // (func (export "f") (param f64) (result f64) local.get 0 f64.const 2.5 f64.mul) and an i32 one
    const type = section(1, vec([[0x60, 1, 0x7c, 1, 0x7c], [0x60, 0, 1, 0x7f]]));
    const func = section(3, vec([[0], [1]]));
    const exp = section(7, vec([[...str('f'), 0, 0], [...str('g'), 0, 1]]));
    const body = (b: number[]) => [...uleb(b.length + 2), 0, ...b, 0x0b];
    const code = section(10, vec([body([0x20, 0, ...f64c(2.5), 0xa2]), body(i32c(-300))]));
    const bytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...func, ...exp, ...code]);
    // the project's lib settings do not declare the WebAssembly JS API
    const WA = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;
    const { instance } = await WA.instantiate(bytes);
    const e = instance.exports as { f: (x: number) => number; g: () => number };
    expect(e.f(4)).toBe(10);
    expect(e.g()).toBe(-300);
  });
});
