import { basename } from 'node:path';
import { configFileName } from '../config/load.js';
import { declaration } from '../files/declares-project.js';
import { projectFileName } from '../files/expand.js';

/** What the server checks a document as; null for YAML it leaves alone (a catalog or rule file). */
export type DocumentKind = 'project' | 'policy' | 'config';

const policyDeclaration = /^(?:policyVersion|"policyVersion"|'policyVersion')[ \t]*:/m;

/**
 * `.aithreatrc.yaml` is the configuration; the policy the folder's settings or configuration name,
 * or a file that declares `policyVersion`, a policy; a file named like a project (aithreat.yaml,
 * *.aithreat.yaml) or that declares `formatVersion`, a project description, as a directory search
 * finds them. Only the first 16 KiB are looked at, as that search does.
 */
export function documentKind(path: string, text: string, policyPath: string | null): DocumentKind | null {
  if (basename(path) === configFileName) return 'config';
  if (policyPath !== null && path === policyPath) return 'policy';
  const head = text.slice(0, 16 * 1024);
  if (projectFileName.test(basename(path)) || declaration.test(head)) return 'project';
  if (policyDeclaration.test(head)) return 'policy';
  return null;
}
