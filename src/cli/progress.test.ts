import { describe, expect, it } from 'vitest';
import { createProgress, progressEnabled } from './progress.js';

describe('progress bars', () => {
  it('are off with --json and when stderr is not a terminal', () => {
    expect(progressEnabled({ json: true, enabled: true })).toBe(false);
    expect(progressEnabled({ stream: { isTTY: false } as NodeJS.WriteStream })).toBe(false);
    expect(progressEnabled({ stream: { isTTY: true } as NodeJS.WriteStream })).toBe(true);
  });
  it('a quiet bar accepts updates and writes nothing', () => {
    let written = '';
    const stream = { isTTY: false, write: (s: string) => { written += s; return true; } } as unknown as NodeJS.WriteStream;
    const p = createProgress('x', 10, { stream });
    p.update(5); p.label('y'); p.stop();
    expect(written).toBe('');
  });
});
