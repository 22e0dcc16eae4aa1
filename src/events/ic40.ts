/**
 * Loader for the real events of the 10-year point-source release (arXiv:2101.09836), e.g.
 * `events/IC40_exp.csv`: whitespace-separated columns MJD, log10(E/GeV), AngErr[deg],
 * RA[deg], Dec[deg], Azimuth[deg], Zenith[deg]. The official files start the header with
 * '# '; the GitHub copy has no '#'. Both are accepted. Angles are converted to radians.
 */
import { SchemaError } from '../errors.js';
import { readFileMaybeGzip } from '../io/file.js';
import { createSample, TOPOLOGIES, type EventSample } from './sample.js';

const EXPECTED = ['MJD[days]', 'log10(E/GeV)', 'AngErr[deg]', 'RA[deg]', 'Dec[deg]', 'Azimuth[deg]', 'Zenith[deg]'];

export function readPsReleaseEvents(file: string, text?: string): EventSample {
  const lines = (text ?? readFileMaybeGzip(file).toString('utf8')).split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const header = (lines[i] ?? '').replace(/^#\s*/, '').trim().split(/\s+/);
  if (header.length !== 7 || header[0] !== EXPECTED[0] || header[3] !== EXPECTED[3]) {
    throw new SchemaError(file, 'header', EXPECTED.join(' '), JSON.stringify(lines[i] ?? ''));
  }
  const body = lines.slice(i + 1).filter((l) => l.trim() !== '');
  const s = createSample(body.length, ['azimuth', 'zenith']);
  const d2r = Math.PI / 180;
  s.topology.fill(TOPOLOGIES.indexOf('track'));
  for (let k = 0; k < body.length; k++) {
    const t = body[k].trim().split(/\s+/).map(Number);
    if (t.length !== 7 || t.some((x) => !Number.isFinite(x))) throw new SchemaError(file, `line ${i + k + 2}`, '7 numbers', JSON.stringify(body[k].trim().slice(0, 60)));
    s.time[k] = t[0];
    s.logE[k] = t[1];
    s.angErr[k] = t[2] * d2r;
    s.ra[k] = t[3] * d2r;
    s.dec[k] = t[4] * d2r;
    s.azimuth![k] = t[5] * d2r;
    s.zenith![k] = t[6] * d2r;
  }
  return s;
}

/** The IC40 season (2008-04-06 … 2009-05-20) of that release. */
export const readIc40Events = readPsReleaseEvents;
