/** Writing plots to disk: PNG or SVG chosen by the file extension, via temp file + rename. */
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic as writeBytesAtomic } from '../io/file.js';
import { renderPng } from './render-png.js';
import { renderSvg } from './render-svg.js';
import type { Scene } from './scene.js';

export type ImageFormat = 'png' | 'svg';

/** 'png' or 'svg' from a file name; InputError for anything else. */
export function formatFromPath(file: string): ImageFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.png') return 'png';
  if (ext === '.svg') return 'svg';
  throw new InputError(`${file}: output file: expected a .png or .svg extension, found "${ext || '(none)'}"`);
}

/** Render the scene in the given format (PNG bytes or SVG UTF-8 bytes). */
export function renderScene(scene: Scene, format: ImageFormat, scale = 1): Buffer {
  return format === 'png' ? renderPng(scene, scale) : Buffer.from(renderSvg(scene), 'utf8');
}

/**
 * Write text or bytes atomically, replacing the target: io/file.ts writeFileAtomic with overwrite
 * and no gzip by name (report outputs are written as given).
 */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  writeBytesAtomic(file, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, { overwrite: true, gzip: false });
}

/** Render and save a scene; the format follows the extension (.png / .svg). Returns the byte size. */
export function saveScene(scene: Scene, file: string, scale = 1): number {
  const buf = renderScene(scene, formatFromPath(file), scale);
  writeFileAtomic(file, buf);
  return buf.length;
}
