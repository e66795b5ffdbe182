// The larger cases of `npm run bench`: many projects in one run, and one project with many data
// sets. A case module exports `cases(context)`; scripts/bench.mjs lists the modules it runs.
//
// A case is { name, argv, runs, warmups, targets: { ms, rssMiB }, versus: { name, ms, rss } }:
// `targets` bound its median time and its peak memory, `versus` its time and memory as multiples
// of another case's. Every report goes to a file in the bench's work folder, as CI writes them.

const asOf = ['--as-of', '2026-11-25'];

/** Each format and the extension of its file. */
const formats = [
  ['json', 'json'],
  ['sarif', 'sarif'],
  ['junit', 'xml'],
  ['markdown', 'md'],
];

export function cases({ aithreat, projects, bigProject, out, huge, quick }) {
  const list = [];
  const to = (count, format, ext) => ['--format', `${format}=${out(`${count}.${ext}`)}`];
  const allFormats = (count) => [...formats, ['table', 'txt']].flatMap(([format, ext]) => to(`${count}-all`, format, ext));
  const name = (count, what) => `assess ${count.toLocaleString('en')} example-sized projects, ${what}`;

  // A thousand projects: the size of a large monorepo's CI job. SARIF is what CI uploads.
  list.push({ name: name(1000, 'sarif'), argv: aithreat('assess', projects(1000), ...to(1000, 'sarif', 'sarif'), ...asOf), runs: quick ? 1 : 5, warmups: 1, targets: { ms: 2000 } });
  for (const [format, ext] of formats.filter(([f]) => f !== 'sarif')) {
    const targets = format === 'json' ? { rssMiB: 150 } : {};
    list.push({ name: name(1000, format), argv: aithreat('assess', projects(1000), ...to(1000, format, ext), ...asOf), runs: quick ? 1 : 3, warmups: 0, targets });
  }
  list.push({ name: name(1000, 'all five formats'), argv: aithreat('assess', projects(1000), ...allFormats(1000), ...asOf), runs: quick ? 1 : 3, warmups: 0 });

  // Ten times as many: a run must stay linear in time and nearly flat in memory.
  const versus = (what) => ({ name: name(1000, what), ms: 11, rss: 2 });
  for (const [format, ext] of formats) {
    list.push({ name: name(10000, format), argv: aithreat('assess', projects(10000), ...to(10000, format, ext), ...asOf), runs: 1, warmups: 0, versus: versus(format) });
  }
  list.push({ name: name(10000, 'all five formats'), argv: aithreat('assess', projects(10000), ...allFormats(10000), ...asOf), runs: 1, warmups: 0, versus: versus('all five formats') });
  if (huge) {
    list.push({ name: name(100000, 'sarif'), argv: aithreat('assess', projects(100000), ...to(100000, 'sarif', 'sarif'), ...asOf), runs: 1, warmups: 0, timeoutS: 3600, versus: { name: name(10000, 'sarif') } });
  }

  // One large project: parsing, locating and resolving references must stay linear.
  const dataSets = (n) => `assess one project of ${n.toLocaleString('en')} data sets (${(n / 10).toLocaleString('en')} suppliers, ${n / 100} environments), json`;
  list.push({ name: dataSets(1000), argv: aithreat('assess', bigProject(1000), ...to('datasets-1000', 'json', 'json'), ...asOf), runs: quick ? 1 : 5, warmups: 1 });
  list.push({
    name: dataSets(10000),
    argv: aithreat('assess', bigProject(10000), ...to('datasets-10000', 'json', 'json'), ...asOf),
    runs: quick ? 1 : 5,
    warmups: 1,
    targets: { ms: 1500, rssMiB: 200 },
    versus: { name: dataSets(1000), ms: 12 },
  });
  return list;
}
