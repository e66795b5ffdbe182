// Inputs for `npm run bench`, generated into a temporary folder so nothing large is committed.
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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

export function generateInputs(work, root) {
  const examplesDir = join(root, 'examples');
  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(examplesDir, f));
  const largest = examples.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  const manyDir = join(work, 'many');
  mkdirSync(manyDir);
  for (let i = 0; i < 1000; i++) copyFileSync(examples[i % examples.length], join(manyDir, `p${String(i).padStart(4, '0')}.aithreat.yaml`));
  const big1k = join(work, 'big-1k.yaml');
  const big10k = join(work, 'big-10k.yaml');
  writeFileSync(big1k, bigProject(1000));
  writeFileSync(big10k, bigProject(10000));
  return { largest, largestName: `examples/${basename(largest)}`, manyDir, big1k, big10k };
}
