import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { repoRoot } from '../helpers/run-cli.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';

/**
 * Every Mermaid map aithreat writes, drawn by Mermaid itself in Debian's headless Chromium
 * (installed by .ci/run), from the mermaid package's own bundle served from node_modules: no
 * network. A map that Mermaid cannot parse would show on GitHub as an error box instead of a map.
 * The maps are of every example, the hostile fixture and a larger made-up project. One map is
 * also kept as a screenshot, test-output/mermaid/keyboard-federated.png (git ignores
 * test-output/), and the picture itself is checked: its size, that it is not blank, and that the
 * one colour of the map is in it.
 */
const chromiumPath = process.env.AITHREAT_CHROMIUM ?? '/usr/bin/chromium';
const mermaidBundle = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
const screenshot = join(repoRoot, 'test-output', 'mermaid', 'keyboard-federated.png');

/** The ```mermaid blocks of a Markdown document. */
function diagramsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const cases = [...examples, 'test/fixtures/reports/hostile-project.yaml', 'test/fixtures/reports/large-project.yaml'].map((file) => {
  const { report, graphs } = assessFiles([file]);
  const [diagram] = diagramsOf(renderMarkdown(report, plainContext({ projectGraphs: graphs })));
  return { file, diagram: diagram! };
});

/** What a diagram's source declares: nodes (with the legend's), boxes, and labelled lines. */
function declared(diagram: string): { nodes: number; boxes: number; edges: number } {
  const lines = diagram.split('\n').map((l) => l.trim());
  return {
    nodes: lines.filter((l) => /^[A-Za-z0-9_]+[[({>]/.test(l)).length,
    boxes: lines.filter((l) => l.startsWith('subgraph ')).length,
    edges: lines.filter((l) => / -->\|"/.test(l)).length,
  };
}

interface Drawn {
  error?: string;
  nodes: number;
  boxes: number;
  edgeLabels: string[];
  width: number;
  height: number;
}

describe('Mermaid maps in a real browser', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: install Debian's chromium package (.ci/run does) or set AITHREAT_CHROMIUM`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      // The flags /work/.library/env/machines/node.md gives for this machine's closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="map" style="display:inline-block;background:#fff"></div></body></html>');
    await page.addScriptTag({ content: readFileSync(mermaidBundle, 'utf8') });
    await page.addScriptTag({ path: join(import.meta.dirname, 'helpers', 'mermaid-page.js') });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** What the page's helpers (helpers/mermaid-page.js) return. */
  type PageHelpers = { drawMap: (diagram: string, id: string) => Promise<Drawn>; countPixels: (dataUrl: string) => Promise<{ total: number; ink: number; red: number }> };

  function draw(diagram: string, id: string): Promise<Drawn> {
    return page.evaluate(([d, i]) => (globalThis as unknown as PageHelpers).drawMap(d!, i!), [diagram, id]);
  }

  it.each(cases)('draws the map of $file: every node, box and labelled line', async ({ file, diagram }) => {
    expect(diagram, `${file} has a map`).toBeDefined();
    const drawn = await draw(diagram, `map-${cases.findIndex((c) => c.file === file)}`);
    expect(drawn.error).toBeUndefined();
    const source = declared(diagram);
    expect(drawn.nodes).toBe(source.nodes);
    expect(drawn.boxes).toBe(source.boxes);
    expect(drawn.edgeLabels).toHaveLength(source.edges);
    for (const label of drawn.edgeLabels) expect(label).not.toBe('');
    expect(drawn.width).toBeGreaterThan(300);
    expect(requests).toEqual([]);
  });

  it('draws the larger project left to right, as broader than deep', () => {
    expect(cases.find((c) => c.file.endsWith('large-project.yaml'))!.diagram).toMatch(/^flowchart LR\n/);
  });

  it('reports a diagram Mermaid cannot parse, as GitHub would show an error box', async () => {
    expect((await draw('flowchart TB\n  a["an unclosed quote]', 'broken')).error).toMatch(/error/i);
  });

  it('keeps a screenshot of the federated project\'s map, in colour, not blank', async () => {
    const { diagram } = cases.find((c) => c.file === 'examples/keyboard-federated.yaml')!;
    const drawn = await draw(diagram, 'shot');
    expect(drawn.error).toBeUndefined();
    mkdirSync(dirname(screenshot), { recursive: true });
    const png = await page.locator('#map svg').screenshot({ path: screenshot });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(Math.ceil(drawn.width));
    expect(height).toBeGreaterThan(400);
    // The picture read back as pixels: ink on most of it would be noise, none would be blank.
    const pixels = await page.evaluate((url) => (globalThis as unknown as PageHelpers).countPixels(url), `data:image/png;base64,${png.toString('base64')}`);
    expect(pixels.ink / pixels.total).toBeGreaterThan(0.01);
    expect(pixels.ink / pixels.total).toBeLessThan(0.5);
    expect(pixels.red).toBeGreaterThan(1000);
  });
});
