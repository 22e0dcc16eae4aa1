/** Text width measurement with the same fonts the PNG renderer uses (layout of axes and legends). */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { fontOf, type TextStyle } from './scene.js';
import { ensureFonts } from './fonts.js';

let ctx: SKRSContext2D | null = null;

/** Width in px of `text` drawn with `style` (SVG viewers use the same font stack, so close enough). */
export function textWidth(text: string, style: TextStyle = {}): number {
  ensureFonts();
  ctx ??= createCanvas(4, 4).getContext('2d');
  ctx.font = fontOf(style);
  return ctx.measureText(text).width;
}
