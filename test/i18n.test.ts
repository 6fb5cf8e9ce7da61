// English is the web app's second language: every Swedish UI string passed to t('…') has a translation.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { en } from '../src/web/i18n-en.ts';
import { navItems } from '../src/web/nav.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

test("varje t('…') i webbappen har en engelsk översättning", () => {
  const missing: string[] = [];
  let found = 0;
  for (const file of sources('src/web'))
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      found++;
      const key = m[1].replace(/\\'/g, "'");
      if (!(key in en)) missing.push(`${file}: ${key}`);
    }
  assert.ok(found > 500, `${found} strängar hittade`);
  // Menu labels are translated through a variable: t(item.label).
  for (const item of navItems) if (!(item.label in en)) missing.push(`nav.ts: ${item.label}`);
  assert.deepEqual(missing, []);
});
