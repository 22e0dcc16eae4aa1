/**
 * Self-contained HTML reports: one file with inline CSS, images embedded as base64 data URIs
 * (or written as PNG/SVG files beside it), tables from arrays of rows, sections, and a JSON
 * download link. No scripts from a CDN, nothing fetched: it opens offline.
 *
 *   const r = new HtmlReport('Galactic plane search');
 *   r.section('Template', 'π⁰ template in Galactic coordinates');
 *   r.figure(mollviewScene(map, {...}).scene, 'π⁰ template');
 *   r.table(['template', 'TS', 'p'], rows);
 *   r.json('result.json', result);
 *   r.write('report/index.html');
 */
import { ensureDir } from '../io/file.js';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { renderPng } from './render-png.js';
import { renderSvg, xmlEscape } from './render-svg.js';
import { writeFileAtomic } from './save.js';
import type { Scene } from './scene.js';

export type Cell = string | number | boolean | null | undefined;

export interface HtmlReportOptions {
  /** Text under the title (e.g. provenance: version, seed, date). */
  subtitle?: string;
  /** 'embed' (default): images inside the HTML; 'link': PNG/SVG files beside it, in `<name>_files/`. */
  images?: 'embed' | 'link';
  /** Figures as 'png' (default) or inline 'svg'. */
  figureFormat?: 'png' | 'svg';
}

interface Asset {
  name: string;
  data: Buffer;
}

const CSS = `
:root{--fg:#1d1f21;--muted:#5f6368;--line:#e1e4e8;--accent:#0072B2;--bg:#fff}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 "DejaVu Sans","Helvetica Neue",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:32px 24px 64px}
h1{font-size:30px;margin:0 0 4px}h2{font-size:22px;margin:40px 0 8px;padding-top:12px;border-top:1px solid var(--line)}
h3{font-size:18px;margin:24px 0 6px}.subtitle{color:var(--muted);margin:0 0 24px}
p{margin:8px 0}figure{margin:18px 0;text-align:center}figure img,figure svg{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
figcaption{color:var(--muted);font-size:14px;margin-top:6px}
table{border-collapse:collapse;margin:14px 0;font-size:14px;min-width:40%}caption{caption-side:top;text-align:left;color:var(--muted);padding-bottom:4px}
th,td{border-bottom:1px solid var(--line);padding:5px 12px;text-align:left}th{background:#f6f8fa;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr:hover td{background:#fafbfc}
nav ul{padding-left:20px;margin:4px 0 0}nav a,a{color:var(--accent)}
.download{display:inline-block;margin:8px 0;padding:6px 12px;border:1px solid var(--accent);border-radius:4px;text-decoration:none}
pre{background:#f6f8fa;padding:10px;overflow:auto;font-size:13px}
`;

/** Escapes text for HTML content and attributes. */
export const htmlEscape = xmlEscape;

/** Builds a report block by block; `toString()` gives the HTML, `write(file)` saves it (and linked assets). */
export class HtmlReport {
  private readonly blocks: string[] = [];
  private readonly sections: { id: string; title: string }[] = [];
  private readonly assets: Asset[] = [];
  private figureCount = 0;

  constructor(
    readonly title: string,
    readonly opts: HtmlReportOptions = {},
  ) {}

  /** A new section (h2, listed in the table of contents), with an optional intro paragraph. */
  section(title: string, intro?: string): this {
    const id = `s${this.sections.length + 1}`;
    this.sections.push({ id, title });
    this.blocks.push(`<h2 id="${id}">${htmlEscape(title)}</h2>`);
    if (intro) this.paragraph(intro);
    return this;
  }

  subsection(title: string): this {
    this.blocks.push(`<h3>${htmlEscape(title)}</h3>`);
    return this;
  }

  /** A paragraph of plain text (escaped). */
  paragraph(text: string): this {
    this.blocks.push(`<p>${htmlEscape(text)}</p>`);
    return this;
  }

  /** Preformatted text (logs, configs). */
  pre(text: string): this {
    this.blocks.push(`<pre>${htmlEscape(text)}</pre>`);
    return this;
  }

  /** A figure from a Scene (rendered as PNG or inline SVG) or from PNG bytes, with a caption. */
  figure(img: Scene | Buffer, caption = '', alt = caption): this {
    this.figureCount++;
    const cap = caption ? `<figcaption>${htmlEscape(caption)}</figcaption>` : '';
    const svg = !Buffer.isBuffer(img) && this.opts.figureFormat === 'svg';
    let tag: string;
    if (svg && this.opts.images !== 'link') {
      tag = renderSvg(img).replace('<svg ', `<svg role="img" aria-label="${htmlEscape(alt)}" `);
    } else {
      const ext = svg ? 'svg' : 'png';
      const data = Buffer.isBuffer(img) ? img : svg ? Buffer.from(renderSvg(img), 'utf8') : renderPng(img);
      const mime = svg ? 'image/svg+xml' : 'image/png';
      if (this.opts.images === 'link') {
        const name = `figure-${this.figureCount}.${ext}`;
        this.assets.push({ name, data });
        tag = `<img src="@ASSETS@/${name}" alt="${htmlEscape(alt)}">`;
      } else {
        tag = `<img src="data:${mime};base64,${data.toString('base64')}" alt="${htmlEscape(alt)}">`;
      }
    }
    this.blocks.push(`<figure>${tag}${cap}</figure>`);
    return this;
  }

  /** A table: header cells and rows of cells. Numbers are right-aligned and shown with ≤ `digits` significant digits. */
  table(columns: string[], rows: Cell[][], caption?: string, digits = 4): this {
    for (const [i, r] of rows.entries()) {
      if (r.length !== columns.length) throw new InputError(`report table "${caption ?? ''}": row ${i}: expected ${columns.length} cells, found ${r.length}`);
    }
    const head = `<tr>${columns.map((c) => `<th>${htmlEscape(c)}</th>`).join('')}</tr>`;
    const body = rows.map((r) => `<tr>${r.map((c) => cell(c, digits)).join('')}</tr>`).join('\n');
    const cap = caption ? `<caption>${htmlEscape(caption)}</caption>` : '';
    this.blocks.push(`<table>${cap}<thead>${head}</thead><tbody>\n${body}\n</tbody></table>`);
    return this;
  }

  /** A two-column table of an object's fields (provenance: version, seed, sample, template …). */
  keyValues(obj: Record<string, Cell>, caption?: string): this {
    return this.table(['', ''], Object.entries(obj).map(([k, v]) => [k, v]), caption);
  }

  /** A download link for a JSON document embedded as a data URI. */
  json(fileName: string, value: unknown, label = `Download ${fileName}`): this {
    const text = JSON.stringify(value, jsonSafe, 2);
    const href = `data:application/json;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
    this.blocks.push(`<p><a class="download" download="${htmlEscape(fileName)}" href="${href}">${htmlEscape(label)}</a></p>`);
    return this;
  }

  /** Trusted raw HTML (the caller escapes). */
  raw(html: string): this {
    this.blocks.push(html);
    return this;
  }

  /** The HTML document; linked assets are referenced under `assetDir`. */
  toString(assetDir = 'assets'): string {
    const toc = this.sections.length > 1
      ? `<nav><strong>Contents</strong><ul>${this.sections.map((s) => `<li><a href="#${s.id}">${htmlEscape(s.title)}</a></li>`).join('')}</ul></nav>`
      : '';
    const sub = this.opts.subtitle ? `<p class="subtitle">${htmlEscape(this.opts.subtitle)}</p>` : '';
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${htmlEscape(this.title)}</title>`,
      `<style>${CSS}</style>`,
      '</head>',
      '<body><main>',
      `<h1>${htmlEscape(this.title)}</h1>`,
      sub,
      toc,
      ...this.blocks.map((b) => b.replaceAll('@ASSETS@', encodeURI(assetDir))),
      '</main></body>',
      '</html>',
      '',
    ].join('\n');
  }

  /** Writes the HTML (temp file + rename) and, in 'link' mode, the images into `<name>_files/`. */
  write(file: string): void {
    const assetDir = `${basename(file).replace(/\.html?$/i, '')}_files`;
    if (this.assets.length) {
      const dir = join(dirname(file), assetDir);
      ensureDir(dir);
      for (const a of this.assets) writeFileAtomic(join(dir, a.name), a.data);
    }
    writeFileAtomic(file, this.toString(assetDir));
  }
}

function cell(c: Cell, digits: number): string {
  if (typeof c === 'number') {
    const t = Number.isInteger(c) ? String(c) : Number.isFinite(c) ? String(Number.parseFloat(c.toPrecision(digits))) : String(c);
    return `<td class="num">${htmlEscape(t.replace(/^-/, '−'))}</td>`;
  }
  return `<td>${htmlEscape(c === null || c === undefined ? '' : String(c))}</td>`;
}

function jsonSafe(_k: string, v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
