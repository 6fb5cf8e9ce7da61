// `npm run bench [-- section…]`: performance figures for the issues' targets.
// Sections: answers (issue 3), analysis (issue 4), reports (issue 5), faults (issue 10), national (issue 15; not
// run by default: it builds a national data set the first time, BENCH_NATIONAL picks its parts). Prints figures and ratios;
// it never fails on a target, it reports against it.
const sections: Record<string, () => Promise<void>> = {
  answers: async () => (await import('./answers.ts')).run(),
  analysis: async () => (await import('./analysis.ts')).run(),
  reports: async () => (await import('./reports.ts')).run(),
  faults: async () => (await import('./faults.ts')).run(),
  national: async () => (await import('./national.ts')).run(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : Object.keys(sections).filter((s) => s !== 'national')) {
  const section = sections[name];
  if (!section) {
    console.error(`Okänd sektion "${name}". Välj bland: ${Object.keys(sections).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  await section();
}
