// Drawing primitives → SVG text (the DOCX chart image; Word shows it, older readers use the PNG).
// Every text is XML-escaped. Pure and browser-safe.
import type { Drawing, Prim } from './charts.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number) => (Math.round(x * 100) / 100).toString();
const FONT = 'Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif';

function prim(p: Prim): string {
  switch (p.t) {
    case 'rect':
      return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" fill="${p.fill ?? 'none'}"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${n(p.sw ?? 1)}"` : ''}/>`;
    case 'line':
      return `<line x1="${n(p.x1)}" y1="${n(p.y1)}" x2="${n(p.x2)}" y2="${n(p.y2)}" stroke="${p.stroke}" stroke-width="${n(p.sw)}"${p.dash ? ` stroke-dasharray="${p.dash.join(' ')}"` : ''}/>`;
    case 'poly': {
      const pts = p.pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
      const tag = p.closed ? 'polygon' : 'polyline';
      return `<${tag} points="${pts}" fill="${p.fill && p.closed ? p.fill : 'none'}"${p.fillOpacity !== undefined ? ` fill-opacity="${p.fillOpacity}"` : ''}${
        p.stroke ? ` stroke="${p.stroke}" stroke-width="${n(p.sw ?? 1)}" stroke-linejoin="round"` : ''
      }${p.dash ? ` stroke-dasharray="${p.dash.join(' ')}"` : ''}/>`;
    }
    case 'circle':
      return `<circle cx="${n(p.cx)}" cy="${n(p.cy)}" r="${n(p.r)}" fill="${p.fill ?? 'none'}"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${n(p.sw ?? 1)}"` : ''}/>`;
    case 'text':
      return `<text x="${n(p.x)}" y="${n(p.y)}" font-size="${n(p.size)}" text-anchor="${p.anchor}" fill="${p.fill}"${p.bold ? ' font-weight="bold"' : ''}>${esc(p.text)}</text>`;
  }
}

/** An SVG document; `scale` multiplies the pixel size (the viewBox stays in points). */
export function toSvg(d: Drawing, scale = 1, title?: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(d.width * scale)}" height="${n(d.height * scale)}" viewBox="0 0 ${n(d.width)} ${n(d.height)}" font-family="${FONT}"${title ? ' role="img"' : ''}>`,
    title ? `<title>${esc(title)}</title>` : '',
    `<rect x="0" y="0" width="${n(d.width)}" height="${n(d.height)}" fill="#ffffff"/>`,
    ...d.prims.map(prim),
    '</svg>',
  ].join('');
}
