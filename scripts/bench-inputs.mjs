// Inputs for `npm run bench`, generated into a temporary folder so nothing large is committed.
import { copyFileSync, linkSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** A valid project with `datasets` data sets, a tenth as many suppliers and a hundredth as many environments. */
export function bigProject(datasets) {
  const suppliers = Math.max(1, datasets / 10);
  const environments = Math.max(1, datasets / 100);
  const areas = ['external', 'application-development', 'data-engineering', 'training', 'operational'];
  const origins = ['internal', 'supplier', 'public-internet', 'collected-in-operation', 'user-generated', 'synthetic'];
  const sens = ['public', 'internal', 'confidential', 'personal', 'intellectual-property'];
  const out = ['formatVersion: 1', 'project:', `  name: Generated project with ${datasets} data sets`, '  owner: bench', 'suppliers:'];
  for (let i = 0; i < suppliers; i++) {
    out.push(`  - id: supplier-${i}`, `    supplies: [data, labels]`, `    trust: ${['contracted-assessed', 'known-vendor', 'public-source'][i % 3]}`, `    provenance: [model-card]`);
  }
  out.push('environments:');
  for (let i = 0; i < environments; i++) {
    out.push(`  - id: env-${i}`, `    area: ${areas[i % areas.length]}`, `    hosting: ${i % 2 ? 'cloud' : 'on-premises'}`, `    holds: [data, models]`, `    segregated: ${i % 3 === 0}`, `    access: { people: ${5 + (i % 40)}, writers: ${i % 9} }`);
  }
  out.push('datasets:');
  for (let i = 0; i < datasets; i++) {
    out.push(
      `  - id: data-${i}`,
      `    purpose: ${['training', 'fine-tuning', 'evaluation', 'retrieval'][i % 4]}`,
      `    origin: ${origins[i % origins.length]}`,
      `    supplyChain: [{ supplier: supplier-${i % suppliers}, role: provides }]`,
      `    sensitivity: [${sens[i % sens.length]}]`,
      `    storedIn: [env-${i % environments}]`,
      `    protection: { encryptedAtRest: ${i % 2 === 0}, integrityHashes: ${['none', 'recorded', 'verified'][i % 3]} }`,
    );
  }
  out.push(
    'models:',
    '  - { id: base, origin: pretrained, supplier: supplier-0, format: safetensors, parameters: open-weights }',
    '  - { id: main, origin: trained-here, baseModel: base, parameters: confidential, storedIn: [env-0] }',
    'training:',
    `  - id: fine-tune`,
    `    mode: fine-tuning`,
    `    model: main`,
    `    environment: env-0`,
    `    datasets: [${Array.from({ length: Math.min(datasets, 2000) }, (_, i) => `data-${i}`).join(', ')}]`,
    'code: { confidentiality: confidential, access: { people: 30 } }',
    'controls:',
    '  DEVDATAPROTECT: { status: implemented }',
    '  SEGREGATEDATA: { status: partial }',
  );
  return `${out.join('\n')}\n`;
}

/** The examples, sorted, and the largest of them (the start-up cases run it). */
export function examples(root) {
  const examplesDir = join(root, 'examples');
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(examplesDir, f));
  const largest = files.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  return { files, largest, largestName: `examples/${basename(largest)}` };
}

/**
 * A folder of `count` example-sized projects: the examples in turn, as hard links (a hundred
 * thousand copies would take half a gigabyte), or copies where links cannot be made.
 */
export function projectsDir(work, root, count) {
  const dir = join(work, `projects-${count}`);
  mkdirSync(dir);
  const { files } = examples(root);
  for (let i = 0; i < count; i++) {
    const target = join(dir, `p${String(i).padStart(6, '0')}.aithreat.yaml`);
    try {
      linkSync(files[i % files.length], target);
    } catch {
      copyFileSync(files[i % files.length], target);
    }
  }
  return dir;
}

/** One project with `datasets` data sets, written into `work`. */
export function bigProjectFile(work, datasets) {
  const file = join(work, `big-${datasets}.yaml`);
  writeFileSync(file, bigProject(datasets));
  return file;
}
