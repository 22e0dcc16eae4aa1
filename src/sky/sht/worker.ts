/** Worker thread for parallel.ts: runs analysePart / synthesisePart on shared buffers. */
import { parentPort } from 'node:worker_threads';
import { analysePart, synthesisePart } from './transforms.js';

export type Job =
  | { op: 'ana'; map: Float64Array; lmax: number; mmax: number; index: number; count: number }
  | { op: 'syn'; re: Float64Array; im: Float64Array; lmax: number; mmax: number; nside: number; out: Float64Array; index: number; count: number };

parentPort!.on('message', (job: Job) => {
  if (job.op === 'ana') {
    const a = analysePart(job.map, job.lmax, job.mmax, { index: job.index, count: job.count });
    parentPort!.postMessage({ re: a.re, im: a.im }, [a.re.buffer as ArrayBuffer, a.im.buffer as ArrayBuffer]);
  } else {
    synthesisePart({ lmax: job.lmax, mmax: job.mmax, re: job.re, im: job.im }, job.nside, job.out, { index: job.index, count: job.count });
    parentPort!.postMessage({});
  }
});
