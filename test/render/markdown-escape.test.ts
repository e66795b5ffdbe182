import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from './helpers/hostile-text.js';
import { htmlText, mdFact, mdFileHref, mdText } from '../../src/render/markdown-escape.js';

describe('markdown escaping', () => {
  it('turns any text into one inert line', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        // The one tag aithreat writes itself: a `$` in a span of its own (see the math tests below).
        const escaped = mdText(text).replaceAll('<span>$</span>', '$');
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
    // A character outside the BMP is two UTF-16 code units, encoded as the one character they are.
    expect(mdFileHref({ file: 'models/\u{1F600}.yaml', line: 2 })).toBe('models/%F0%9F%98%80.yaml#L2');
    expect(mdFileHref({ file: 'javascript:alert(1)', line: 1 })).toBe('javascript%3Aalert%281%29#L1');
    expect(mdFileHref({ file: 'examples/p.yaml', line: 3 }, 'out')).toBe('../examples/p.yaml#L3');
  });
});

/**
 * What GitHub turns into a link or a ping in text that is not code: bare URLs, `www.` names and
 * e-mail addresses (GFM's autolink extension), `@user` mentions, `#123` and `GH-123` issue
 * references, and `$...$` math. Checked on the text as GitHub reads it, entities decoded.
 */
const autolinks: [string, RegExp][] = [
  ['a URL', /[a-z]+:\/\//i],
  ['a www. name', /(?:^|[^a-z0-9])www\./i],
  ['an e-mail address or a mention', /@[a-z0-9]/i],
  ['an issue reference', /(?:#|\bgh-)[0-9]/i],
  ['math (a `$` outside a span of its own)', /\$/],
];
const decoded = (markdown: string) => markdown.replace(/<span>\$<\/span>/g, ' ').replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&[a-z]+;/g, ' ');
const linkish = fc
  .array(fc.oneof(fc.constantFrom('https://evil.example/x', 'HTTP://', 'ftp://', 'www.', 'WWW.', 'user@example.com', '@octocat', '@org/team', '#1', '#123', 'GH-7', 'gh-7', 'owner/repo#9', '$x$', '$$', 'mailto:a@b.c', ':', '/', '.', ' ', 'a'), fc.string({ maxLength: 2 })), { maxLength: 10 })
  .map((parts) => parts.join(''));

describe('Markdown from project text creates no links, mentions, issue references or math on GitHub', () => {
  it.each([
    ['https://evil.example/login', 'https:&#8203;//evil.example/login'],
    ['www.evil.example', 'www&#8203;.evil.example'],
    ['mail security@evil.example', 'mail security@&#8203;evil.example'],
    ['ask @octocat and @org/team', 'ask @&#8203;octocat and @&#8203;org/team'],
    ['fixes #1 and GH-2, owner/repo#3', 'fixes #&#8203;1 and GH-&#8203;2, owner/repo#&#8203;3'],
    ['costs $5 or $x^2$', 'costs <span>$</span>5 or <span>$</span>x^2<span>$</span>'],
  ])('%j → %j', (input, expected) => {
    expect(mdText(input)).toBe(expected);
  });

  it('for any text, in Markdown, in HTML and in a fact\'s arguments', () => {
    fc.assert(
      fc.property(linkish, (text) => {
        const outputs = [mdText(text), htmlText(text), mdFact({ code: 'federated-clients-uncontrolled', message: "federated clients ({{population}}) are not under the project's control", path: [], args: { population: text } })];
        for (const output of outputs) {
          for (const [what, pattern] of autolinks) expect(decoded(output).replace(/\u200b/g, ' '), `${what} in ${JSON.stringify(output)}`).not.toMatch(pattern);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('an argument of id characters that starts a www. name is broken up too', () => {
    expect(mdFact({ code: 'federated-clients-uncontrolled', message: "federated clients ({{population}}) are not under the project's control", path: [], args: { population: 'www.evil.example' } })).toBe("federated clients (www\u200b.evil.example) are not under the project's control");
  });
});
