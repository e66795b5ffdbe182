import { hash } from 'node:crypto';
import type { ReportingDescriptor, Result } from 'sarif';
import type { DriftEntry, ProjectGaps } from '../assess/types.js';
import type { RunFacts } from './renderer.js';
import { driftCodes, driftKinds, type DriftCode } from '../discover/drift.js';
import { oneLine } from '../util/clean-text.js';
import { driftEffectWords } from './drift-wording.js';
import { artifactLocation } from './sarif.js';
import { identifierName } from './sarif-rules.js';

/**
 * Drift in SARIF (`assess --discover`): a rule per kind of drift, and a result per drift finding
 * whose physical location is the line of the code (the .py line, the notebook's own line, or a
 * model file at 1:1), so that GitHub code scanning shows it on the code; the entry of the
 * description it concerns is a related location. A finding the policy forbids is an error,
 * others are warnings.
 */

/**
 * How serious each kind is, as GitHub reads `security-severity`: a model file that reaches the
 * system when loaded is critical; code that runs from a hub, or pickle where a safe format is
 * declared, is high; what the description leaves out is medium; an unpinned revision is low.
 */
const securitySeverity: Record<DriftCode, string> = {
  'dangerous-model-file': '9.5',
  'trust-remote-code': '8.0',
  'pickle-declared-safe': '8.0',
  'undeclared-model': '5.5',
  'undeclared-hosted-model': '5.5',
  'undeclared-dataset': '5.5',
  'undeclared-user-installs': '5.5',
  'unpinned-revision': '3.0',
};

/** The rule id of a kind of drift. */
export function driftRuleId(code: string): string {
  return `drift/${code}`;
}

/** The rules of every kind of drift, when the run read a repository; none otherwise. */
export function driftSarifRules(report: Pick<RunFacts, 'discover'>): ReportingDescriptor[] {
  if (!report.discover) return [];
  return driftCodes.map((code) => {
    const kind = driftKinds[code];
    const text = `${kind.summary} Declare what the code does in the project description, or change the code; docs/discover.md says when this drift is found.`;
    return {
      id: driftRuleId(code),
      name: identifierName(kind.title),
      shortDescription: { text: kind.title },
      fullDescription: { text: kind.summary },
      help: { text, markdown: text },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['security', 'ai', 'aithreat-drift'], 'security-severity': securitySeverity[code] },
    };
  });
}

/** A result per drift finding of a project. */
export function driftSarifResults(project: ProjectGaps, projectName: string): Result[] {
  return project.drift.map((d) => driftResult(d, project, projectName));
}

function driftResult(d: DriftEntry, project: ProjectGaps, projectName: string): Result {
  const ruleId = driftRuleId(d.code);
  const effect = d.effects.length > 0 ? ` Effect: ${driftEffectWords(d.effects)}.` : ' It changes no threat here (none it bears on applies, or the description already says as much).';
  const policy = d.required ? ' The policy requires that no such drift is found.' : '';
  const sentence = oneLine(d.text);
  const text = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}, in ${projectName} (${oneLine(project.file)}).${effect}${policy}`;
  return {
    ruleId,
    level: d.required ? 'error' : 'warning',
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(d.location.file),
          region: { startLine: d.location.line, startColumn: d.location.column },
        },
      },
    ],
    ...(d.declared
      ? {
          relatedLocations: [
            {
              id: 1,
              message: { text: 'the entry of the project description it concerns' },
              physicalLocation: { artifactLocation: artifactLocation(d.declared.location.file), region: { startLine: d.declared.location.line, startColumn: d.declared.location.column } },
            },
          ],
        }
      : {}),
    partialFingerprints: { 'aithreat/v1': fingerprint(d, project.file) },
    properties: { drift: d.code, project: oneLine(project.file), threats: [...d.threats], required: d.required },
  };
}

/**
 * The same code file, kind, what it names and project: the same alert when lines move around it.
 * What it names is the model, data set or file of the finding (its first such argument).
 */
function fingerprint(d: DriftEntry, projectFile: string): string {
  const names = d.args.model || d.args.dataset || d.args.file || d.args.api || '';
  return hash('sha256', [d.location.file.replace(/\\/g, '/'), d.code, names, projectFile.replace(/\\/g, '/')].join('\u0000'), 'hex');
}
