import { oneLine, shorten } from '../util/clean-text.js';
import type { Discovery, Finding, Notice, Value } from './types.js';

const show = (v: Value | null): string => (!v ? 'none' : 'literal' in v ? JSON.stringify(v.literal) : 'variable' in v ? `variable ${v.variable}` : v.expression);

/** One line that says what a finding is, for people. */
export function describeFinding(f: Finding): string {
  switch (f.kind) {
    case 'hub-model': {
      const d = f.details;
      const parts = [`${d.hub} model ${show(d.model)}${d.localPath ? ' (a local path)' : ''} via ${d.api}`];
      if (!d.localPath) parts.push(d.revisionPinned ? 'revision pinned' : `revision ${d.revision ? show(d.revision) : 'not given'}, not pinned to a commit`);
      if (d.trustRemoteCode) parts.push(`trust_remote_code ${show(d.trustRemoteCode)}`);
      return parts.join('; ');
    }
    case 'dataset-load':
      return `data set ${show(f.details.dataset)} (${f.details.source}) via ${f.details.api}${f.details.dataFiles ? `; data_files ${show(f.details.dataFiles)}` : ''}${f.details.trustRemoteCode ? `; trust_remote_code ${show(f.details.trustRemoteCode)}` : ''}`;
    case 'data-download':
      return `downloads ${show(f.details.url)} via ${f.details.api}`;
    case 'unsafe-load': {
      const d = f.details;
      const extra = d.weightsOnly ? `; weights_only ${show(d.weightsOnly)}` : d.format === 'pytorch-pickle' ? '; weights_only not given' : '';
      return `deserialises ${d.format} via ${d.api}${d.path ? ` from ${show(d.path)}` : ''}${extra}`;
    }
    case 'safe-load':
      return `loads safetensors via ${f.details.api}${f.details.path ? ` from ${show(f.details.path)}` : ''}`;
    case 'hosted-model':
      return `${f.details.vendor} hosted model ${show(f.details.model)} via ${f.details.api}`;
    case 'tracker':
      return `${f.details.tool} via ${f.details.api}${f.details.uri ? ` (${show(f.details.uri)})` : ''}`;
    case 'training':
      return `trains a model via ${f.details.api}`;
    case 'dependency':
      return `${f.details.name} ${f.details.specifier || '(any version)'}: ${f.details.pinned ? 'pinned' : 'not pinned'}, ${f.details.hashed ? 'hashed' : 'no hash'} (${f.details.manager})`;
    case 'notebook-install':
      return `notebook installs ${f.details.packages.join(' ') || 'packages'}`;
    case 'model-file': {
      const d = f.details;
      const dangerous = d.globals.filter((g) => g.safety === 'dangerous').length;
      const globals = d.globals.length > 0 ? `; ${d.globals.length} global(s), ${dangerous} dangerous` : '';
      return `${d.format} model file, ${d.bytes} bytes${globals}${d.problems.length > 0 ? `; ${d.problems[0]}` : ''}`;
    }
    case 'remote-code-config':
      return `config.json auto_map runs repository code: ${f.details.classes.join(', ')}`;
    case 'dvc-data':
      return `DVC tracks ${f.details.path}${f.details.source ? ` from ${f.details.source}` : ''}${f.details.md5 ? ` (md5 ${f.details.md5})` : ''}`;
    case 'dvc-remote':
      return `DVC remote ${f.details.name}: ${f.details.url}`;
  }
}

/** Findings for people: a summary line, then one line per finding, its place first. */
export function renderTable(discovery: Discovery, displayFile: (file: string) => string): string {
  const { counts } = discovery;
  const lines = [
    `read ${counts.files} file(s): ${counts.python} Python, ${counts.notebooks} notebook(s), ${counts.dependencyFiles} dependency file(s), ${counts.modelFiles} model file(s); ${discovery.findings.length} finding(s), ${discovery.notices.length} notice(s)`,
  ];
  if (discovery.findings.length === 0) return `${lines[0]}\n`;
  const rows = discovery.findings.map((f) => [oneLine(`${displayFile(f.file)}:${f.line}:${f.column}`), f.kind, shorten(oneLine(describeFinding(f)), 300)] as const);
  const placeWidth = Math.min(60, Math.max(...rows.map((r) => r[0].length)));
  const kindWidth = Math.max(...rows.map((r) => r[1].length));
  lines.push('');
  for (const [place, kind, text] of rows) lines.push(`${place.padEnd(placeWidth)}  ${kind.padEnd(kindWidth)}  ${text}`);
  return `${lines.join('\n')}\n`;
}

/** The JSON form: stable keys, findings and notices in file order. */
export function renderJson(discovery: Discovery, root: string): string {
  return `${JSON.stringify({ discoverVersion: 1, root, counts: discovery.counts, findings: discovery.findings, notices: discovery.notices }, null, 2)}\n`;
}

export function formatNotice(n: Notice, displayFile: (file: string) => string): string {
  return `${oneLine(displayFile(n.file))}:${n.line}:${n.column}: ${shorten(oneLine(n.message), 500)}`;
}
