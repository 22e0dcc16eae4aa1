/**
 * Progress bars with ETA for long CLI jobs (cli-progress, on stderr). Quiet
 * when stderr is not a terminal or when the command prints --json, so pipes,
 * logs and CI stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** set the bar to `done` of `total` (total may change between calls) */
  update(done: number, total?: number): void;
  /** change the label (e.g. the current step of a search) */
  label(text: string): void;
  stop(): void;
}

const QUIET: Progress = { update() {}, label() {}, stop() {} };

export interface ProgressOptions {
  json?: boolean;
  /** force on/off (default: on when stderr is a TTY) */
  enabled?: boolean;
  stream?: NodeJS.WriteStream;
}

export function progressEnabled(o: ProgressOptions = {}): boolean {
  if (o.json) return false;
  if (o.enabled !== undefined) return o.enabled;
  return Boolean((o.stream ?? process.stderr).isTTY);
}

export function createProgress(label: string, total: number, o: ProgressOptions = {}): Progress {
  if (!progressEnabled(o)) return QUIET;
  const bar = new cliProgress.SingleBar(
    {
      format: '{label} |{bar}| {percentage}% {value}/{total} | {rate}/s | ETA {eta_formatted}',
      stream: o.stream ?? process.stderr,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = Date.now();
  let lbl = label;
  let tot = Math.max(1, total);
  bar.start(tot, 0, { label: lbl, rate: '0' });
  return {
    update(done, total) {
      if (total !== undefined && total !== tot) {
        tot = Math.max(1, total);
        bar.setTotal(tot);
      }
      const rate = done / Math.max(1e-3, (Date.now() - t0) / 1000);
      bar.update(done, { label: lbl, rate: rate >= 100 ? rate.toFixed(0) : rate.toFixed(1) });
    },
    label(text) {
      lbl = text;
      bar.update({ label: lbl });
    },
    stop() {
      bar.stop();
    },
  };
}
