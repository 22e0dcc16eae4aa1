/** Renders a Scene to SVG text — the vector half of scene.ts. Rasters are embedded as PNG data URIs. */
import { rgbaToPng } from './render-png.js';
import { baselineShift, FONT_FAMILY, isOpenMarker, markerShape, type Op, type Points, type Scene, type StrokeStyle } from './scene.js';

/** Escapes text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** 2-decimal coordinates: sub-pixel exact enough, and SVG files stay small. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function pathData(p: Points, closed: boolean): string {
  let d = '';
  let pen = false;
  for (let i = 0; i + 1 < p.length; i += 2) {
    const x = p[i]!;
    const y = p[i + 1]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (pen && closed) d += 'Z';
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${n(x)} ${n(y)}`;
    pen = true;
  }
  if (pen && closed) d += 'Z';
  return d;
}

function strokeAttrs(s: StrokeStyle, stroke: string | undefined): string {
  if (!stroke || stroke === 'none') return ' stroke="none"';
  let a = ` stroke="${xmlEscape(stroke)}" stroke-width="${n(s.width ?? 1)}" stroke-linejoin="round"`;
  if (s.dash && s.dash.length) a += ` stroke-dasharray="${s.dash.map(n).join(' ')}"`;
  return a;
}

const ANCHOR: Record<string, string> = { left: 'start', center: 'middle', right: 'end' };

/** SVG document for the scene. */
export function renderSvg(scene: Scene): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="${xmlEscape(FONT_FAMILY)}">`,
  ];
  if (scene.background) out.push(`<rect width="100%" height="100%" fill="${xmlEscape(scene.background)}"/>`);
  let clipId = 0;
  let inClip = false;
  for (const op of scene.ops) {
    if (op.k === 'clip') {
      if (inClip) out.push('</g>');
      inClip = op.pts !== null;
      if (op.pts) {
        clipId++;
        out.push(`<clipPath id="clip${clipId}"><path d="${pathData(op.pts, true)}"/></clipPath><g clip-path="url(#clip${clipId})">`);
      }
      continue;
    }
    out.push(svgOp(op));
  }
  if (inClip) out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function svgOp(op: Exclude<Op, { k: 'clip' }>): string {
  switch (op.k) {
    case 'path': {
      const op_ = op.opacity !== undefined && op.opacity < 1 ? ` opacity="${n(op.opacity)}"` : '';
      const fill = op.fill ? ` fill="${xmlEscape(op.fill)}" fill-rule="evenodd"` : ' fill="none"';
      return `<path d="${pathData(op.pts, op.closed ?? false)}"${fill}${strokeAttrs(op, op.stroke)}${op_}/>`;
    }
    case 'text': {
      const size = op.size ?? 14;
      // Baseline shift applied in the rotated frame, as in the PNG renderer.
      const dy = baselineShift(op.baseline, size);
      let a = ` x="${n(op.x)}" y="${n(op.y + dy)}" font-size="${n(size)}" text-anchor="${ANCHOR[op.align ?? 'left']}"`;
      if (op.weight === 'bold') a += ' font-weight="bold"';
      if (op.italic) a += ' font-style="italic"';
      if (op.rotate) a += ` transform="rotate(${n(op.rotate)} ${n(op.x)} ${n(op.y)})"`;
      const t = xmlEscape(op.text);
      // Halo as a separate stroked copy underneath (paint-order is not supported everywhere).
      const halo = op.halo
        ? `<text${a} fill="none" stroke="${xmlEscape(op.halo)}" stroke-width="${n(Math.max(2, size / 4))}" stroke-linejoin="round">${t}</text>`
        : '';
      return `${halo}<text${a} fill="${xmlEscape(op.color ?? '#000')}">${t}</text>`;
    }
    case 'image': {
      const b64 = rgbaToPng(op.rgba, op.iw, op.ih).toString('base64');
      return `<image x="${n(op.x)}" y="${n(op.y)}" width="${n(op.w)}" height="${n(op.h)}" preserveAspectRatio="none" style="image-rendering:pixelated" xlink:href="data:image/png;base64,${b64}"/>`;
    }
    case 'marker': {
      const open = isOpenMarker(op.shape);
      const parts: string[] = [];
      const op_ = op.opacity !== undefined && op.opacity < 1 ? ` opacity="${n(op.opacity)}"` : '';
      for (let i = 0, j = 0; i + 1 < op.xy.length; i += 2, j++) {
        const r = typeof op.r === 'number' ? op.r : op.r[j]!;
        const x = op.xy[i]!;
        const y = op.xy[i + 1]!;
        if (!(r > 0) || Number.isNaN(x) || Number.isNaN(y)) continue;
        const fillC = Array.isArray(op.fill) ? op.fill[j] : op.fill;
        const fill = fillC && !open ? ` fill="${xmlEscape(fillC)}"` : ' fill="none"';
        const st = strokeAttrs(op, op.stroke ?? (open ? fillC ?? '#000' : undefined));
        const shape = markerShape(op.shape, r);
        if (shape === null) parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}"${fill}${st}/>`);
        else parts.push(`<path d="${pathData(shape.map((v, k) => v + (k % 2 === 0 ? x : y)), !open)}"${fill}${st}/>`);
      }
      return `<g${op_}>${parts.join('')}</g>`;
    }
  }
}
