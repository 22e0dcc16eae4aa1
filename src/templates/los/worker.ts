/** Worker-thread entry: runs integrateRange on shared tables for the pixel ranges it is sent. */
import { parentPort } from 'node:worker_threads';
import { integrateRange, type KernelTables } from './kernel.js';

interface Job {
  tables: KernelTables;
  lon: Float64Array;
  lat: Float64Array;
  out: Float64Array;
  p0: number;
  p1: number;
}

parentPort?.on('message', (job: Job) => {
  integrateRange(job.tables, job.lon, job.lat, job.out, job.p0, job.p1);
  parentPort?.postMessage(job.p1 - job.p0);
});
