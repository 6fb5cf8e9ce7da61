// Plain server-rendered pages in Swedish for what happens outside the web app (a failed sign-in with
// the organisation's account): no scripts, inline style only, so they pass the CSP; the look of /api/docs.
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface SimplePage {
  title: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** People to turn to (name and e-mail), shown as a list of mailto links. */
  contacts?: Array<{ name: string; email: string }>;
}

export function simplePage(p: SimplePage): string {
  const contacts = p.contacts?.length
    ? `<h2>Förbundets administratörer</h2><ul>${p.contacts.map((c) => `<li>${esc(c.name)}: <a href="mailto:${esc(c.email)}">${esc(c.email)}</a></li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} – samverka</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #1a1a1a; }
a { color: #0b4f8a; }
</style>
</head>
<body>
<main>
<h1>${esc(p.title)}</h1>
${p.paragraphs.map((t) => `<p>${esc(t)}</p>`).join('\n')}
${contacts}
<p><a href="/logga-in">Till inloggningen</a></p>
</main>
</body>
</html>`;
}
