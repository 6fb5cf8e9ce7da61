// Drawing primitives → PNG, without native dependencies: the fallback image of DOCX charts (Word
// shows the SVG; LibreOffice 7 and older Word show this PNG).
//
// - Anti-aliased filling by exact signed-area accumulation (the method of font-rs): every edge adds
//   its covered area to an accumulation buffer, a running sum per row gives the coverage.
// - Text: glyph outlines read from a TrueType font on the system (Liberation Sans / DejaVu Sans /
//   Arial, or SAMVERKA_CHART_FONT) by a small glyf/cmap reader. Without a font the PNG has no text;
//   `rasterHasText()` tells the DOCX renderer to add the chart's data as a table instead.
// - PNG: 8-bit RGB, zlib from node:zlib.
import { existsSync, readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Drawing, Prim } from './charts.ts';

type Pt = [number, number];

// --- TrueType reader ---------------------------------------------------------------------------

class TtfFont {
  readonly unitsPerEm: number;
  private readonly b: Buffer;
  private readonly tables = new Map<string, number>();
  private readonly locaLong: boolean;
  private readonly numHMetrics: number;
  private readonly cmapOff: number;
  private readonly cmapFormat: number;
  private readonly cache = new Map<number, Pt[][]>();

  constructor(buf: Buffer) {
    this.b = buf;
    const n = buf.readUInt16BE(4);
    for (let i = 0; i < n; i++) {
      const rec = 12 + i * 16;
      this.tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
    }
    for (const t of ['head', 'hhea', 'hmtx', 'cmap', 'loca', 'glyf']) if (!this.tables.has(t)) throw new Error(`TrueType-tabell ${t} saknas`);
    const head = this.tables.get('head')!;
    this.unitsPerEm = buf.readUInt16BE(head + 18);
    this.locaLong = buf.readInt16BE(head + 50) === 1;
    this.numHMetrics = buf.readUInt16BE(this.tables.get('hhea')! + 34);
    const cmap = this.tables.get('cmap')!;
    const count = buf.readUInt16BE(cmap + 2);
    let best = -1;
    let bestScore = -1;
    for (let i = 0; i < count; i++) {
      const p = buf.readUInt16BE(cmap + 4 + i * 8);
      const e = buf.readUInt16BE(cmap + 6 + i * 8);
      const off = cmap + buf.readUInt32BE(cmap + 8 + i * 8);
      const fmt = buf.readUInt16BE(off);
      const score = fmt === 12 && (p === 3 || p === 0) ? 3 : fmt === 4 && ((p === 3 && e === 1) || p === 0) ? 2 : 0;
      if (score > bestScore) {
        best = off;
        bestScore = score;
      }
    }
    if (bestScore <= 0) throw new Error('Ingen användbar cmap-tabell');
    this.cmapOff = best;
    this.cmapFormat = buf.readUInt16BE(best);
  }

  glyphIndex(cp: number): number {
    const b = this.b;
    const off = this.cmapOff;
    if (this.cmapFormat === 12) {
      const groups = b.readUInt32BE(off + 12);
      for (let i = 0; i < groups; i++) {
        const g = off + 16 + i * 12;
        const start = b.readUInt32BE(g);
        const end = b.readUInt32BE(g + 4);
        if (cp >= start && cp <= end) return b.readUInt32BE(g + 8) + cp - start;
      }
      return 0;
    }
    if (cp > 0xffff) return 0;
    const segX2 = b.readUInt16BE(off + 6);
    const ends = off + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let i = 0; i < segX2 / 2; i++) {
      if (cp > b.readUInt16BE(ends + i * 2)) continue;
      const start = b.readUInt16BE(starts + i * 2);
      if (cp < start) return 0;
      const delta = b.readInt16BE(deltas + i * 2);
      const ro = b.readUInt16BE(ranges + i * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = b.readUInt16BE(ranges + i * 2 + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  }

  advance(gid: number): number {
    const hmtx = this.tables.get('hmtx')!;
    const i = Math.min(gid, this.numHMetrics - 1);
    return this.b.readUInt16BE(hmtx + i * 4);
  }

  private glyphRange(gid: number): [number, number] {
    const loca = this.tables.get('loca')!;
    const glyf = this.tables.get('glyf')!;
    const b = this.b;
    const a = this.locaLong ? b.readUInt32BE(loca + gid * 4) : b.readUInt16BE(loca + gid * 2) * 2;
    const e = this.locaLong ? b.readUInt32BE(loca + gid * 4 + 4) : b.readUInt16BE(loca + gid * 2 + 2) * 2;
    return [glyf + a, glyf + e];
  }

  /** Flattened contours in font units (y up). */
  contours(gid: number, depth = 0): Pt[][] {
    const hit = this.cache.get(gid);
    if (hit) return hit;
    const [start, end] = this.glyphRange(gid);
    let out: Pt[][] = [];
    if (end > start && depth < 8) {
      const b = this.b;
      const nc = b.readInt16BE(start);
      out = nc >= 0 ? this.simple(start, nc) : this.composite(start, depth);
    }
    this.cache.set(gid, out);
    return out;
  }

  private simple(off: number, nc: number): Pt[][] {
    const b = this.b;
    const endPts: number[] = [];
    for (let i = 0; i < nc; i++) endPts.push(b.readUInt16BE(off + 10 + i * 2));
    const nPts = nc ? endPts[nc - 1] + 1 : 0;
    let p = off + 10 + nc * 2;
    p += 2 + b.readUInt16BE(p);
    const flags: number[] = [];
    while (flags.length < nPts) {
      const f = b[p++];
      flags.push(f);
      if (f & 8) {
        const r = b[p++];
        for (let k = 0; k < r; k++) flags.push(f);
      }
    }
    const xs: number[] = [];
    let v = 0;
    for (const f of flags) {
      if (f & 2) v += f & 16 ? b[p++] : -b[p++];
      else if (!(f & 16)) {
        v += b.readInt16BE(p);
        p += 2;
      }
      xs.push(v);
    }
    const ys: number[] = [];
    v = 0;
    for (const f of flags) {
      if (f & 4) v += f & 32 ? b[p++] : -b[p++];
      else if (!(f & 32)) {
        v += b.readInt16BE(p);
        p += 2;
      }
      ys.push(v);
    }
    const out: Pt[][] = [];
    let s = 0;
    for (const e of endPts) {
      const pts = [];
      for (let i = s; i <= e; i++) pts.push({ x: xs[i], y: ys[i], on: (flags[i] & 1) === 1 });
      s = e + 1;
      if (pts.length) out.push(flattenQuad(pts));
    }
    return out;
  }

  private composite(off: number, depth: number): Pt[][] {
    const b = this.b;
    let p = off + 10;
    const out: Pt[][] = [];
    for (;;) {
      const flags = b.readUInt16BE(p);
      const gid = b.readUInt16BE(p + 2);
      p += 4;
      let dx = 0;
      let dy = 0;
      if (flags & 1) {
        dx = b.readInt16BE(p);
        dy = b.readInt16BE(p + 2);
        p += 4;
      } else {
        dx = b.readInt8(p);
        dy = b.readInt8(p + 1);
        p += 2;
      }
      if (!(flags & 2)) dx = dy = 0; // point-matching offsets are not supported
      let [a, bb, c, d] = [1, 0, 0, 1];
      const f2 = (o: number) => b.readInt16BE(o) / 16384;
      if (flags & 8) {
        a = d = f2(p);
        p += 2;
      } else if (flags & 0x40) {
        a = f2(p);
        d = f2(p + 2);
        p += 4;
      } else if (flags & 0x80) {
        a = f2(p);
        bb = f2(p + 2);
        c = f2(p + 4);
        d = f2(p + 6);
        p += 8;
      }
      for (const contour of this.contours(gid, depth + 1)) out.push(contour.map(([x, y]) => [a * x + c * y + dx, bb * x + d * y + dy] as Pt));
      if (!(flags & 0x20)) break;
    }
    return out;
  }
}

/** A TrueType contour (on/off-curve points) → polyline, quadratic curves in 6 steps. */
function flattenQuad(pts: Array<{ x: number; y: number; on: boolean }>): Pt[] {
  if (!pts.some((p) => p.on))
    pts = pts.flatMap((p, i) => {
      const prev = pts[(i + pts.length - 1) % pts.length];
      return [{ x: (prev.x + p.x) / 2, y: (prev.y + p.y) / 2, on: true }, p];
    });
  const n = pts.length;
  const first = pts.findIndex((p) => p.on);
  const startPt = pts[first];
  const out: Pt[] = [[startPt.x, startPt.y]];
  let cur: { x: number; y: number } = startPt;
  let ctrl: { x: number; y: number } | null = null;
  const quad = (c: { x: number; y: number }, e: { x: number; y: number }) => {
    for (let k = 1; k <= 6; k++) {
      const t = k / 6;
      const u = 1 - t;
      out.push([u * u * cur.x + 2 * u * t * c.x + t * t * e.x, u * u * cur.y + 2 * u * t * c.y + t * t * e.y]);
    }
    cur = e;
  };
  for (let k = 1; k <= n; k++) {
    const p = pts[(first + k) % n];
    const isStart = k === n;
    const target = isStart ? startPt : p;
    if (!isStart && !p.on) {
      if (ctrl) {
        const mid = { x: (ctrl.x + p.x) / 2, y: (ctrl.y + p.y) / 2 };
        quad(ctrl, mid);
      }
      ctrl = p;
      continue;
    }
    if (ctrl) quad(ctrl, target);
    else {
      out.push([target.x, target.y]);
      cur = target;
    }
    ctrl = null;
  }
  return out;
}

const FONT_CANDIDATES = {
  regular: [
    '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
    '/usr/share/fonts/TTF/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/Library/Fonts/Arial.ttf',
    '/System/Library/Fonts/Supplemental/Arial.ttf',
    'C:\\Windows\\Fonts\\arial.ttf',
  ],
  bold: [
    '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    '/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf',
    '/usr/share/fonts/TTF/LiberationSans-Bold.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/Library/Fonts/Arial Bold.ttf',
    '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
    'C:\\Windows\\Fonts\\arialbd.ttf',
  ],
};

let fonts: { regular: TtfFont | null; bold: TtfFont | null } | undefined;

function loadFont(paths: string[]): TtfFont | null {
  for (const p of paths) {
    try {
      if (existsSync(p)) return new TtfFont(readFileSync(p));
    } catch {
      /* try the next candidate */
    }
  }
  return null;
}

function getFonts() {
  if (!fonts) {
    const env = process.env.SAMVERKA_CHART_FONT;
    const regular = loadFont(env ? [env, ...FONT_CANDIDATES.regular] : FONT_CANDIDATES.regular);
    const bold = process.env.SAMVERKA_CHART_FONT_BOLD ? loadFont([process.env.SAMVERKA_CHART_FONT_BOLD]) : env ? null : loadFont(FONT_CANDIDATES.bold);
    fonts = { regular, bold: bold ?? regular };
  }
  return fonts;
}

/** True when a TrueType font was found, so PNG charts carry their labels. */
export function rasterHasText(): boolean {
  return getFonts().regular !== null;
}

// --- rasterizer --------------------------------------------------------------------------------

function parseColor(c: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(c);
  if (!m) return [0, 0, 0];
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint8Array(w * h * 3).fill(255);
  }

  /** Fills polygons (nonzero-like: overlapping same-direction areas do not add up) with a colour. */
  fill(polys: Pt[][], color: string, opacity = 1) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const poly of polys)
      for (const [x, y] of poly) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    if (!Number.isFinite(minX)) return;
    const bx = Math.max(0, Math.floor(minX));
    const by = Math.max(0, Math.floor(minY));
    const ex = Math.min(this.w, Math.ceil(maxX) + 1);
    const ey = Math.min(this.h, Math.ceil(maxY) + 1);
    const bw = ex - bx;
    const bh = ey - by;
    if (bw <= 0 || bh <= 0) return;
    const stride = bw + 3;
    const acc = new Float32Array(stride * bh);
    for (const poly of polys) {
      for (let i = 0; i < poly.length; i++) {
        const a = poly[i];
        const b = poly[(i + 1) % poly.length];
        line(acc, stride, bw, bh, a[0] - bx, a[1] - by, b[0] - bx, b[1] - by);
      }
    }
    const [r, g, bl] = parseColor(color);
    for (let y = 0; y < bh; y++) {
      let s = 0;
      const row = y * stride;
      const out = ((y + by) * this.w + bx) * 3;
      for (let x = 0; x < bw; x++) {
        s += acc[row + x];
        const cov = Math.min(1, Math.abs(s)) * opacity;
        if (cov <= 0.002) continue;
        const o = out + x * 3;
        const px = this.px;
        px[o] = px[o] + (r - px[o]) * cov;
        px[o + 1] = px[o + 1] + (g - px[o + 1]) * cov;
        px[o + 2] = px[o + 2] + (bl - px[o + 2]) * cov;
      }
    }
  }

  png(): Buffer {
    const raw = Buffer.alloc((this.w * 3 + 1) * this.h);
    for (let y = 0; y < this.h; y++) {
      raw[y * (this.w * 3 + 1)] = 0;
      raw.set(this.px.subarray(y * this.w * 3, (y + 1) * this.w * 3), y * (this.w * 3 + 1) + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.w, 0);
    ihdr.writeUInt32BE(this.h, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    return Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw, { level: 6 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

/** Adds the signed area of one edge to the accumulation buffer (font-rs). */
function line(acc: Float32Array, stride: number, w: number, h: number, x0: number, y0: number, x1: number, y1: number) {
  if (Math.abs(y0 - y1) < 1e-6) return;
  const clampX = (x: number) => Math.max(0, Math.min(w + 0.999, x));
  x0 = clampX(x0);
  x1 = clampX(x1);
  let dir = 1;
  if (y0 > y1) {
    dir = -1;
    [x0, y0, x1, y1] = [x1, y1, x0, y0];
  }
  const dxdy = (x1 - x0) / (y1 - y0);
  let x = x0;
  if (y0 < 0) x -= y0 * dxdy;
  const yStart = Math.max(0, Math.floor(y0));
  const yEnd = Math.min(h, Math.ceil(y1));
  for (let y = yStart; y < yEnd; y++) {
    const row = y * stride;
    const dy = Math.min(y + 1, y1) - Math.max(y, y0);
    const xnext = x + dxdy * dy;
    const d = dy * dir;
    const xa = Math.min(x, xnext);
    const xb = Math.max(x, xnext);
    const xaf = Math.floor(xa);
    const xai = xaf;
    const xbi = Math.ceil(xb);
    if (xbi <= xai + 1) {
      const xmf = 0.5 * (x + xnext) - xaf;
      acc[row + xai] += d - d * xmf;
      acc[row + xai + 1] += d * xmf;
    } else {
      const s = 1 / (xb - xa);
      const x0f = xa - xaf;
      const a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
      const x1f = xb - xbi + 1;
      const am = 0.5 * s * x1f * x1f;
      acc[row + xai] += d * a0;
      if (xbi === xai + 2) acc[row + xai + 1] += d * (1 - a0 - am);
      else {
        const a1 = s * (1.5 - x0f);
        acc[row + xai + 1] += d * (a1 - a0);
        for (let xi = xai + 2; xi < xbi - 1; xi++) acc[row + xi] += d * s;
        const a2 = a1 + (xbi - xai - 3) * s;
        acc[row + xbi - 1] += d * (1 - a2 - am);
      }
      acc[row + xbi] += d * am;
    }
    x = xnext;
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// --- primitives → polygons ----------------------------------------------------------------------

const area = (p: Pt[]) => p.reduce((s, [x, y], i) => s + x * p[(i + 1) % p.length][1] - p[(i + 1) % p.length][0] * y, 0);
const positive = (p: Pt[]) => (area(p) < 0 ? [...p].reverse() : p);

function circlePoly(cx: number, cy: number, r: number): Pt[] {
  const n = Math.max(12, Math.min(48, Math.round(r * 4)));
  return Array.from({ length: n }, (_, i) => [cx + r * Math.cos((2 * Math.PI * i) / n), cy + r * Math.sin((2 * Math.PI * i) / n)] as Pt);
}

function segmentQuad(a: Pt, b: Pt, w: number): Pt[] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) return null;
  const nx = (-dy / len) * (w / 2);
  const ny = (dx / len) * (w / 2);
  return positive([
    [a[0] + nx, a[1] + ny],
    [b[0] + nx, b[1] + ny],
    [b[0] - nx, b[1] - ny],
    [a[0] - nx, a[1] - ny],
  ]);
}

/** Splits a polyline into dashes. */
function dashes(pts: Pt[], dash: [number, number]): Pt[][] {
  const out: Pt[][] = [];
  let on = true;
  let left = dash[0];
  let cur: Pt[] = [pts[0]];
  for (let i = 1; i < pts.length; i++) {
    let a = pts[i - 1];
    const b = pts[i];
    let seg = Math.hypot(b[0] - a[0], b[1] - a[1]);
    while (seg > 1e-9) {
      const step = Math.min(seg, left);
      const t = step / seg;
      const p: Pt = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      if (on) cur.push(p);
      seg -= step;
      left -= step;
      a = p;
      if (left <= 1e-9) {
        if (on && cur.length > 1) out.push(cur);
        on = !on;
        left = on ? dash[0] : dash[1];
        cur = [p];
      }
    }
  }
  if (on && cur.length > 1) out.push(cur);
  return out;
}

function strokePolys(pts: Pt[], w: number, dash?: [number, number]): Pt[][] {
  const parts = dash ? dashes(pts, [dash[0] * (w > 0 ? 1 : 1), dash[1]]) : [pts];
  const polys: Pt[][] = [];
  for (const part of parts) {
    for (let i = 1; i < part.length; i++) {
      const q = segmentQuad(part[i - 1], part[i], w);
      if (q) polys.push(q);
    }
    if (!dash && w > 1.2) for (let i = 1; i < part.length - 1; i++) polys.push(positive(circlePoly(part[i][0], part[i][1], w / 2)));
  }
  return polys;
}

function textPolys(p: Extract<Prim, { t: 'text' }>, s: number): Pt[][] {
  const f = getFonts();
  const font = p.bold ? f.bold : f.regular;
  if (!font) return [];
  const scale = (p.size * s) / font.unitsPerEm;
  const gids = [...p.text].map((ch) => font.glyphIndex(ch.codePointAt(0)!));
  const width = gids.reduce((w, g) => w + font.advance(g), 0) * scale;
  let x = p.x * s - (p.anchor === 'middle' ? width / 2 : p.anchor === 'end' ? width : 0);
  const y = p.y * s;
  const out: Pt[][] = [];
  for (const g of gids) {
    for (const c of font.contours(g)) out.push(c.map(([gx, gy]) => [x + gx * scale, y - gy * scale] as Pt));
    x += font.advance(g) * scale;
  }
  return out;
}

/** Renders a drawing to PNG at `scale` pixels per point. */
export function toPng(d: Drawing, scale = 2.5): Buffer {
  const w = Math.max(1, Math.ceil(d.width * scale));
  const h = Math.max(1, Math.ceil(d.height * scale));
  const c = new Canvas(w, h);
  const S = (p: Pt): Pt => [p[0] * scale, p[1] * scale];
  for (const p of d.prims) {
    switch (p.t) {
      case 'rect': {
        const r: Pt[] = [S([p.x, p.y]), S([p.x + p.w, p.y]), S([p.x + p.w, p.y + p.h]), S([p.x, p.y + p.h])];
        if (p.fill) c.fill([r], p.fill);
        if (p.stroke) c.fill(strokePolys([...r, r[0]], (p.sw ?? 1) * scale), p.stroke);
        break;
      }
      case 'line':
        c.fill(strokePolys([S([p.x1, p.y1]), S([p.x2, p.y2])], p.sw * scale, p.dash ? [p.dash[0] * scale, p.dash[1] * scale] : undefined), p.stroke);
        break;
      case 'poly': {
        const pts = p.pts.map(S);
        if (p.fill && p.closed) c.fill([pts], p.fill, p.fillOpacity ?? 1);
        if (p.stroke) c.fill(strokePolys(p.closed ? [...pts, pts[0]] : pts, (p.sw ?? 1) * scale, p.dash ? [p.dash[0] * scale, p.dash[1] * scale] : undefined), p.stroke);
        break;
      }
      case 'circle': {
        const poly = circlePoly(p.cx * scale, p.cy * scale, p.r * scale);
        if (p.fill) c.fill([poly], p.fill);
        if (p.stroke) c.fill(strokePolys([...poly, poly[0]], (p.sw ?? 1) * scale), p.stroke);
        break;
      }
      case 'text':
        c.fill(textPolys(p, scale), p.fill);
        break;
    }
  }
  return c.png();
}
