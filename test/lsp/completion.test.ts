import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { getCatalog } from '../../src/catalog/bundled.js';
import { codeActionsFor } from '../../src/lsp/code-actions.js';
import { completionsAt } from '../../src/lsp/completion.js';
import { tolerantParse } from '../../src/lsp/cursor.js';
import type { DocumentKind } from '../../src/lsp/document-kind.js';
import { problemDiagnostic } from '../../src/lsp/diagnostics.js';
import { parseProject } from '../../src/validate/load-project.js';

/** Completion labels at the `|` of a text (the bar is taken out). */
function labels(marked: string, kind: DocumentKind = 'project'): string[] {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const document = TextDocument.create('file:///w/x.yaml', 'yaml', 1, text);
  return completionsAt({ document: tolerantParse(text)!, text, offset, kind, catalog: getCatalog(), positionAt: (o) => document.positionAt(o) }).map((i) => i.label);
}

describe('completionsAt', () => {
  it('offers the ids a reference may name, whatever the file holds of other kinds', () => {
    const text = 'formatVersion: 1\nsuppliers:\n  - { id: hub, supplies: [data], trust: public-source }\nenvironments:\n  - id: lake\n    area: training\n    provider: |\n';
    expect(labels(text)).toEqual(['hub']);
    expect(labels('models:\n  - id: a\n    origin: pretrained\n  - id: b\n    origin: pretrained\n    baseModel: |\n')).toEqual(['a', 'b']);
  });

  it('offers the keys a mapping may still have, on a line of its own and for a new list item', () => {
    const keys = labels('formatVersion: 1\nproject:\n  name: x\n  o|\n');
    expect(keys).toEqual(expect.arrayContaining(['owner', 'description', 'contact']));
    expect(keys).not.toContain('name');
    expect(labels('datasets:\n  - id: a\n    purpose: training\n  - |\n')).toEqual(expect.arrayContaining(['id', 'purpose', 'origin']));
    expect(labels('form|')).toContain('formatVersion');
  });

  it('offers enum values with their words, and the items of a list of an enum', () => {
    const text = 'suppliers:\n  - id: a\n    trust: |\n';
    const offset = text.indexOf('|');
    const clean = text.replace('|', '');
    const document = TextDocument.create('file:///w/x.yaml', 'yaml', 1, clean);
    const items = completionsAt({ document: tolerantParse(clean)!, text: clean, offset, kind: 'project', catalog: getCatalog(), positionAt: (o) => document.positionAt(o) });
    expect(items.map((i) => i.label)).toEqual(['contracted-assessed', 'known-vendor', 'public-source', 'anonymous']);
    expect(items[0]!.documentation).toBe('contract and security assessment');
    expect(labels('suppliers:\n  - id: a\n    supplies: [data, |]\n')).toContain('pretrained-models');
  });

  it("offers catalog ids in a policy, and the configuration's keys", () => {
    expect(labels('policyVersion: 1\nforbidRiskAcceptance: [|]\n', 'policy')).toContain('DEVDATAPROTECT');
    expect(labels('policyVersion: 1\nrequire:\n  - control: DEVSECURITY\n    when: |\n', 'policy')).toContain('DATAPOISON');
    expect(labels('configVersion: 1\n|\n', 'config')).toEqual(expect.arrayContaining(['catalogs', 'rules', 'policy', 'failOn']));
  });
});

/** The text after applying the first quick fix of the first diagnostic of `validate` on it. */
function fixed(text: string): string {
  const loaded = parseProject(text, 'x.yaml');
  if (loaded.ok) throw new Error('valid');
  const document = TextDocument.create('file:///w/x.yaml', 'yaml', 1, text);
  const diagnostics: Diagnostic[] = loaded.problems.map((p) => problemDiagnostic(text, p));
  const action = codeActionsFor(document, diagnostics, 'project')[0]!;
  return TextDocument.applyEdits(document, Object.values(action.edit!.changes!)[0]!);
}

describe('codeActionsFor', () => {
  it('adds a missing key to a block mapping, a flow mapping and the file', () => {
    expect(fixed('formatVersion: 1\nproject:\n  owner: x\n')).toBe('formatVersion: 1\nproject:\n  name: TODO\n  owner: x\n');
    expect(fixed('formatVersion: 1\nproject: { owner: x }\n')).toBe('formatVersion: 1\nproject: { name: TODO, owner: x }\n');
    expect(fixed('formatVersion: 1\nproject:\n  - id: x\n    name: y\ndatasets:\n  - id: d\n    origin: internal\n').split('\n').slice(4, 7)).toEqual(['datasets:', '  - purpose: TODO', '    id: d']);
    expect(fixed('project:\n  name: x\n')).toBe('formatVersion: 1\nproject:\n  name: x\n');
  });

  it('replaces a misspelt key by the one suggested', () => {
    expect(fixed('formatVersion: 1\nproject:\n  name: x\n  ownr: y\n')).toBe('formatVersion: 1\nproject:\n  name: x\n  owner: y\n');
  });
});
