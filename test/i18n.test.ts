// English is the web app's second language: every Swedish UI string passed to t('…') has a translation.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { en } from '../src/web/i18n-en.ts';
import { navItems } from '../src/web/nav.ts';
import { swedishOutsideT } from './support/swedish-jsx.ts';

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

test('varje engelsk översättning används någonstans (inga kvarglömda nycklar)', () => {
  // Keys may reach t() through a variable (labels in tables of fields, roles, statuses), so a key
  // counts as used when its text stands anywhere in the sources outside the translation file.
  const text = [...sources('src'), 'src/web/index.html'].filter((f) => !f.endsWith('i18n-en.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
  const unused = Object.keys(en).filter((k) => !text.includes(k) && !text.includes(k.replace(/'/g, "\\'")));
  assert.deepEqual(unused, []);
});

test('ingen svensk gränssnittstext utanför t() i sidorna och komponenterna', () => {
  const files = sources('src/web').filter((f) => f.endsWith('.tsx'));
  // The results, rounds and portfolio pages are among them (English complete).
  for (const page of ['pages/analysis.tsx', 'components/charts.tsx', 'pages/rounds.tsx', 'pages/portfolio/indicators.tsx', 'pages/initiatives.tsx'])
    assert.ok(files.some((f) => f.endsWith(page)), page);
  const found = files.flatMap((f) => swedishOutsideT(f, readFileSync(f, 'utf8')).map((x) => `${x.file}:${x.line}: ${x.text}`));
  assert.deepEqual(found, []);
});

test('granskningen hittar svensk text i JSX men inte text som går genom t()', () => {
  const bad = `const A = () => (
    <form aria-label="Sök kommun">
      <p>Inga resultat att visa</p>
      <SelectField label="Verksamhetsområde" empty={'Alla områden'} />
      {ok ? 'Ja' : 'Nej'}
      {\`Förändring: \${a}\`}
    </form>
  );`;
  assert.deepEqual(
    swedishOutsideT('a.tsx', bad).map((x) => x.text),
    ['Sök kommun', 'Inga resultat att visa', 'Verksamhetsområde', 'Alla områden', 'Ja', 'Nej', 'Förändring:'],
  );
  const good = `const B = () => (
    <form aria-label={t('Sök kommun')} className="results-filters">
      <p>{t('Inga resultat att visa')}</p>
      <SelectField label={t('Verksamhetsområde')} empty={t('Alla områden')} />
      {ok ? t('Ja') : t('Nej')} {answer === 'ja' && <b>{n} %</b>} <span lang="en">English</span>
    </form>
  );`;
  assert.deepEqual(swedishOutsideT('b.tsx', good), []);
});
