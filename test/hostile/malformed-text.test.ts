import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAccepted, expectRefusal, hostileDir, runCommitted, type ExpectedRefusal } from './helpers.js';

/**
 * Text that is not what a YAML file should be: bytes that are not UTF-8, NUL bytes, a binary file,
 * a byte-order mark, CRLF and mixed line endings, tabs, empty files. Every file is committed in
 * test/fixtures/hostile/ with its exact bytes (.gitattributes there keeps git from converting them);
 * each runs through `validate` and `assess` in every format (see `runEverywhere`).
 */

const refused: (ExpectedRefusal & { file: string })[] = [
  // A Latin-1 é (0xe9) where UTF-8 is expected: refused at that byte, before parsing.
  { file: 'invalid-utf8.yaml', line: 3, column: 12, message: /is not valid UTF-8/ },
  // An overlong encoding of '/' (0xc0 0xaf), a UTF-16 surrogate encoded as UTF-8, and a sequence cut off at the end of the file.
  { file: 'invalid-utf8-overlong.yaml', line: 4, column: 10, message: /is not valid UTF-8/ },
  { file: 'invalid-utf8-surrogate.yaml', line: 3, column: 9, message: /is not valid UTF-8/ },
  { file: 'invalid-utf8-truncated.yaml', line: 3, column: 14, message: /is not valid UTF-8/ },
  // After a byte-order mark, line 1 still counts columns from 1: the mark is not a character of the text.
  { file: 'bom-error.yaml', line: 1, column: 1, message: /formatVersion/, also: [/^bom-error\.yaml:1:1: unknown key `formatVersio`/, /^bom-error\.yaml:4:3: unknown key `nmae`/] },
  // CRLF: a carriage return is not a column, and a CRLF pair is one line break.
  { file: 'crlf-error.yaml', line: 4, column: 3, message: /unknown key `descripton`/, also: [/^crlf-error\.yaml:6:25: .*`done`/] },
  { file: 'mixed-eol-error.yaml', line: 4, column: 3, message: /unknown key `ownr`/ },
  // Old Mac line ends (CR alone): YAML reads each CR as a line break, so `nmae` is on line 4.
  { file: 'cr-only-error.yaml', line: 4, column: 3, message: /unknown key `nmae`/ },
  { file: 'tab-indent.yaml', line: 3, column: 1, message: /tab/ },
  { file: 'nul-byte.yaml', line: 3, column: 10, message: /NUL byte/ },
  // A PNG image: its first NUL byte is on "line" 3.
  { file: 'binary.png.yaml', line: 3, column: 1, message: /NUL byte/ },
  { file: 'empty.yaml', line: 1, column: 1, message: /file is empty/ },
  { file: 'whitespace-only.yaml', line: 1, column: 1, message: /file is empty/ },
  { file: 'only-comments.yaml', line: 1, column: 1, message: /only comments/ },
  // A raw U+0001 (YAML allows it only as an escape).
  { file: 'raw-control-char.yaml', line: 3, message: /non-printable/ },
];

describe('malformed text is refused with one positioned message per problem', () => {
  for (const c of refused) {
    it(c.file, async () => {
      await runCommitted(c.file, (result) => expectRefusal(result, c.file, c));
    }, 30_000);
  }
});

describe('valid variants of the text are read, with positions that count lines as an editor does', () => {
  /** Where the report places `datasets[0].purpose` (line 6, column 14 in all three files). */
  const purposeLocations = (json: string) => {
    const report = JSON.parse(json) as { projects: { threats: { evidence: { path: unknown[]; location: { line: number; column: number } }[] }[] }[] };
    const found = new Set<string>();
    for (const threat of report.projects[0]!.threats) {
      for (const evidence of threat.evidence) if (JSON.stringify(evidence.path) === '["datasets",0,"purpose"]') found.add(`${evidence.location.line}:${evidence.location.column}`);
    }
    return [...found];
  };

  for (const file of ['bom.yaml', 'crlf.yaml', 'mixed-eol.yaml']) {
    it(`${file}: accepted; locations are right`, async () => {
      const result = await runCommitted(file, (r) => expectAccepted(r, file));
      expect(purposeLocations(result.outputs.json!)).toEqual(['6:14']);
      const sarif = JSON.parse(result.outputs.sarif!) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
      const lineCount = readFileSync(join(hostileDir, file), 'utf8').split(/\r?\n/).length;
      for (const sarifResult of sarif.runs[0]!.results) for (const location of sarifResult.locations) expect(location.physicalLocation.region.startLine).toBeLessThanOrEqual(lineCount);
      // The carriage returns end lines; none is left in any report.
      for (const [format, text] of Object.entries(result.outputs)) expect(text, format).not.toContain('\r');
    }, 30_000);
  }

  it('crlf.yaml: the fixture really has CRLF line ends, bom.yaml a byte-order mark, mixed-eol.yaml both kinds', () => {
    expect(readFileSync(join(hostileDir, 'crlf.yaml'), 'latin1')).toMatch(/^(?:[^\r\n]*\r\n)+$/);
    expect(readFileSync(join(hostileDir, 'bom.yaml')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const mixed = readFileSync(join(hostileDir, 'mixed-eol.yaml'), 'latin1');
    expect(mixed).toContain('\r\n');
    expect(mixed).toMatch(/[^\r]\n/);
    expect(readFileSync(join(hostileDir, 'cr-only-error.yaml'), 'latin1')).not.toContain('\n');
  });

  it('tab-separator.yaml: a tab after the colon is white space, not indentation', async () => {
    await runCommitted('tab-separator.yaml', (r) => expectAccepted(r, 'tab-separator.yaml'));
  }, 30_000);
});
