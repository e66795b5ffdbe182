import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from './helpers/hostile-text.js';
import { mdFact, mdFileHref, mdText } from '../../src/render/markdown-escape.js';

describe('markdown escaping', () => {
  it('turns any text into one inert line', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = mdText(text);
        expect(escaped).not.toMatch(/[\n\r<>`\u001b\u202e]/);
        expect(escaped).not.toMatch(/(?<!\\)[|[\]]/);
        expect(escaped).not.toMatch(/^[#>+=-]|^\d+[.)]/);
      }),
    );
  });

  it.each([
    ['a | b', 'a \\| b'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['`code`', '&#96;code&#96;'],
    ['# title', '\\# title'],
    ['- item', '\\- item'],
    ['> quote', '&gt; quote'],
    ['1. first', '1\\. first'],
    ['**bold** _it_ ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~'],
    ['a\nb\r\nc', 'a b c'],
    ['&amp;', '&amp;amp;'],
  ])('%j → %j', (input, expected) => {
    expect(mdText(input)).toBe(expected);
  });

  it('escapes fact arguments from the project but keeps the wording\'s code spans', () => {
    expect(mdFact({ code: 'dataset-trains-model', message: 'data set `{{dataset}}` is used for {{purpose}}', path: [], args: { dataset: 'clicks_v2', purpose: 'training' } })).toBe('data set `clicks_v2` is used for training');
    expect(mdFact({ code: 'federated-clients-uncontrolled', message: "federated clients ({{population}}) are not under the project's control", path: [], args: { population: 'a | <b>' } })).toBe("federated clients (a \\| &lt;b&gt;) are not under the project's control");
  });

  it('percent-encodes file links so a name cannot end the link or change its scheme', () => {
    expect(mdFileHref({ file: 'examples/p.yaml', line: 3 })).toBe('examples/p.yaml#L3');
    expect(mdFileHref({ file: 'a b/x).yaml', line: 1 })).toBe('a%20b/x%29.yaml#L1');
    expect(mdFileHref({ file: 'javascript:alert(1)', line: 1 })).toBe('javascript%3Aalert%281%29#L1');
    expect(mdFileHref({ file: 'examples/p.yaml', line: 3 }, 'out')).toBe('../examples/p.yaml#L3');
  });
});
