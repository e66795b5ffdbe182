/**
 * Small in-memory catalog files for loader tests. Line numbers in the tests refer to these
 * templates, so keep their line layout stable.
 */
export const threatYaml = `kind: threat
id: ALPHA
aliases: []
title: Alpha
group: null
permalink: https://owaspai.org/go/alpha/
summary: An example threat.
impact: integrity
attackVectors: []
examples: []
controls:
  - { id: CTRLONE, role: stops it, primary: true }
references: { atlas: [], owaspLlm2025: [], owaspMl2023: [], nistAi1002: [] }
`;

export const controlYaml = `kind: control
id: CTRLONE
title: Control one
category: general
definedIn: general
permalink: https://owaspai.org/go/ctrlone/
summary: An example control.
practices:
  - { id: do-it, text: Do it. }
limitations: []
standards: []
atlasMitigations: []
`;

/** A section over ALPHA, which is a group (group: null). */
export const sectionYaml = `kind: section
id: SECT
title: A section
permalink: https://owaspai.org/go/sect/
summary: An example section.
particularities: []
members: [ALPHA]
controls:
  - { id: CTRLONE, role: protects it }
agenticThreats: []
standards: []
`;

export const SECTION_FILE = 'sections/sect.yaml';
export const THREAT_FILE = 'threats/alpha.yaml';
export const CONTROL_FILE = 'controls/ctrlone.yaml';

/** The valid pair, with optional edits to either text. */
export function files(edit: { threat?: (text: string) => string; control?: (text: string) => string } = {}) {
  return [
    { path: THREAT_FILE, text: (edit.threat ?? ((t) => t))(threatYaml) },
    { path: CONTROL_FILE, text: (edit.control ?? ((t) => t))(controlYaml) },
  ];
}
