/**
 * Registers DejaVu Sans (npm package dejavu-fonts-ttf) with @napi-rs/canvas, so text renders the
 * same on every machine, including one without system fonts. Called before any canvas is drawn.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

let done = false;

export function ensureFonts(): void {
  if (done) return;
  done = true;
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'])
      GlobalFonts.registerFromPath(join(dir, f), 'DejaVu Sans');
  } catch {
    // The system font stack in FONT_FAMILY is the fallback.
  }
}
