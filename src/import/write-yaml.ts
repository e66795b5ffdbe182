import { Document, isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import type { Project } from '../project/types.js';
import type { CommentMap } from './map.js';
import { commentLine } from './text.js';

/**
 * Writes a project description as YAML with comments: a header, then each comment above the node
 * at its path (a list item, or the key of a top-level entry), then a footer. Every comment line is
 * made one clean line here, whatever the caller put in it: a comment that quotes BOM text must
 * stay a comment.
 */
export function writeProjectYaml(project: Project, comments: CommentMap, header: readonly string[], footer: readonly string[]): string {
  const doc = new Document(project);
  for (const [key, lines] of comments) {
    const path = JSON.parse(key) as (string | number)[];
    const target = nodeAt(doc, path);
    if (target) target.commentBefore = [target.commentBefore, ...lines.map((line) => ` ${commentLine(line)}`)].filter(Boolean).join('\n');
  }
  // Short lists of plain values read best on one line, as in the examples: `supplies: [data, compute]`.
  visit(doc, {
    Seq(_, seq) {
      if (seq.items.every((item) => isScalar(item))) seq.flow = true;
    },
  });
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items.slice(1)) if (isScalar(pair.key)) pair.key.spaceBefore = true;
  }
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const comment = (line: string) => (commentLine(line) ? `# ${commentLine(line)}` : '#');
  const head = header.map(comment).join('\n');
  const foot = footer.map(comment).join('\n');
  return `${head}\n\n${text}${foot ? `\n${foot}\n` : ''}`;
}

/** The node a comment belongs above: the key for a mapping entry, the item for a list entry. */
function nodeAt(doc: Document, path: readonly (string | number)[]): Node | null {
  let node: unknown = doc.contents;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) return null;
      if (last) return isScalar(pair.key) ? pair.key : null;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (last) return (node as Node | undefined) ?? null;
    } else {
      return null;
    }
  }
  return null;
}
