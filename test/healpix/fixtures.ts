/** Test helper: loads the healpy fixtures written by scripts/fixtures/healpix.py. */
import { readFileSync } from 'node:fs';

export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/healpix/${name}`, import.meta.url), 'utf8')) as T;
}
