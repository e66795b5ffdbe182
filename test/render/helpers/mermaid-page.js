// Runs in the browser page of test/render/mermaid-browser.test.ts, after Mermaid's own bundle.
// Plain JavaScript: the project's TypeScript has no DOM types, and this file needs nothing else.
/* global mermaid */

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { useMaxWidth: false } });

/** Draws a diagram into #map and reads back what Mermaid drew, or the error it gave. */
globalThis.drawMap = async (diagram, id) => {
  const map = document.getElementById('map');
  try {
    map.innerHTML = (await mermaid.render(id, diagram)).svg;
  } catch (error) {
    return { error: String(error), nodes: 0, boxes: 0, edgeLabels: [], width: 0, height: 0 };
  }
  const svg = map.querySelector('svg');
  const box = svg.getBoundingClientRect();
  return {
    nodes: svg.querySelectorAll('g.node').length,
    boxes: svg.querySelectorAll('g.cluster').length,
    edgeLabels: [...svg.querySelectorAll('g.edgeLabel')].map((e) => (e.textContent ?? '').trim()),
    width: box.width,
    height: box.height,
  };
};

/**
 * A PNG read back as pixels: how many there are, how many carry ink (not near-white), and how
 * many are the map's one colour (fill #ffd8d3, stroke #cf222e: far redder than green or blue).
 */
globalThis.countPixels = async (dataUrl) => {
  const image = new Image();
  image.src = dataUrl;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let ink = 0;
  let red = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (r < 200 || g < 200 || b < 200) ink++;
    if (r - g > 30 && r - b > 30) red++;
  }
  return { total: data.length / 4, ink, red };
};
