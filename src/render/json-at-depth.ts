/**
 * `value` as `JSON.stringify(value, null, 2)` writes it `depth` levels into a document, without
 * its first line's indent: a part of a document stringified on its own. It is stringified inside
 * `depth` lists, whose brackets are then sliced off, so that a large part is made once rather
 * than made and then copied to indent each line.
 */
export function jsonAtDepth(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each list opens with "[\n" and its indent, and closes with "\n", its indent and "]":
  // 2, 4, 6… characters a level, depth * (depth + 1) in all at either end.
  const brackets = depth * (depth + 1);
  return text.slice(brackets + 2 * depth, text.length - brackets);
}
