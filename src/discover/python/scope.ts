import type { Node } from 'web-tree-sitter';
import type { Value } from '../types.js';

/**
 * What one Python file binds, read in source order: imported names, string constants, and
 * objects made by calls (`client = OpenAI()`). One flat scope per file: a name bound in a
 * function is visible everywhere after it, which is enough to resolve `AutoModel.from_pretrained(MODEL)`
 * and `client.chat.completions.create(...)`; a name bound to different values is a variable.
 */
export class FileScope {
  /** Local name -> qualified name: `np` -> `numpy`, `AM` -> `transformers.AutoModel`. */
  private readonly names = new Map<string, string>();
  private readonly constants = new Map<string, Value>();

  importStatement(node: Node): void {
    for (const item of node.childrenForFieldName('name')) {
      if (!item) continue;
      if (item.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) this.names.set(alias, name);
      } else if (item.type === 'dotted_name') {
        // `import a.b` binds `a`, which then resolves to the package itself.
        const first = item.text.split('.')[0]!;
        this.names.set(first, first);
      }
    }
  }

  importFromStatement(node: Node): void {
    const module = node.childForFieldName('module_name');
    // Relative imports name the project's own modules, which are no library's API.
    if (!module || module.type !== 'dotted_name') return;
    for (const item of node.childrenForFieldName('name')) {
      if (!item) continue;
      const name = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
      const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : name;
      if (name && alias) this.names.set(alias, `${module.text}.${name}`);
    }
  }

  assignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right || (left.type !== 'identifier' && left.type !== 'attribute')) return;
    const key = left.text;
    const literal = literalOf(right, this);
    if (literal) {
      const before = this.constants.get(key);
      const same = before && 'literal' in before && before.literal === literal.literal;
      this.constants.set(key, before && !same ? { variable: key } : literal);
      return;
    }
    if (right.type === 'call' || right.type === 'identifier' || right.type === 'attribute') {
      const qualified = this.qualify(right);
      if (qualified && qualified !== key) this.names.set(key, qualified);
    }
  }

  /**
   * The qualified name of an expression, as far as imports and assignments tell: `torch.load`,
   * `openai.OpenAI().chat.completions.create`. Null for what has no name (a subscript, a lambda).
   */
  qualify(node: Node): string | null {
    switch (node.type) {
      case 'identifier':
        return this.names.get(node.text) ?? node.text;
      case 'attribute': {
        const whole = this.names.get(node.text);
        if (whole) return whole;
        const object = node.childForFieldName('object');
        const attribute = node.childForFieldName('attribute');
        if (!object || !attribute) return null;
        const base = this.qualify(object);
        return base ? `${base}.${attribute.text}` : null;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        const base = fn ? this.qualify(fn) : null;
        if (!base) return null;
        // boto3.client("bedrock-runtime") is a different object from boto3.client("s3").
        if (base === 'boto3.client' || base.endsWith('.client')) {
          const first = node.childForFieldName('arguments')?.namedChildren[0];
          const service = first ? literalOf(first, this) : null;
          if (service && typeof service.literal === 'string') return `${base}(${service.literal})`;
        }
        return `${base}()`;
      }
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.qualify(node.namedChildren[0]) : null;
      default:
        return null;
    }
  }

  /** The value of an argument: a literal, a constant the file assigned once, or what the code says. */
  value(node: Node): Value {
    const literal = literalOf(node, this);
    if (literal) return literal;
    if (node.type === 'identifier' || node.type === 'attribute') return this.constants.get(node.text) ?? { variable: node.text };
    return { expression: shorten(node.text) };
  }

  constant(name: string): Value | undefined {
    return this.constants.get(name);
  }
}

/** A string, number, boolean or None literal (adjacent strings joined), or null for anything else. */
export function literalOf(node: Node, scope?: FileScope): { literal: string | number | boolean | null } | null {
  switch (node.type) {
    case 'string': {
      const text = stringText(node);
      return text === null ? null : { literal: text };
    }
    case 'concatenated_string': {
      let joined = '';
      for (const part of node.namedChildren) {
        const text = part ? stringText(part) : null;
        if (text === null) return null;
        joined += text;
      }
      return { literal: joined };
    }
    case 'integer':
    case 'float': {
      const n = Number(node.text.replaceAll('_', ''));
      return Number.isFinite(n) ? { literal: n } : null;
    }
    case 'true':
      return { literal: true };
    case 'false':
      return { literal: false };
    case 'none':
      return { literal: null };
    case 'identifier': {
      const constant = scope?.constant(node.text);
      return constant && 'literal' in constant ? constant : null;
    }
    default:
      return null;
  }
}

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The text of a string literal without interpolation, escapes decoded; null for f-strings and bytes. */
function stringText(node: Node): string | null {
  if (node.type !== 'string') return null;
  const prefix = (node.child(0)?.text ?? '').toLowerCase();
  if (prefix.includes('f') || prefix.includes('b')) return null;
  const raw = prefix.includes('r');
  let text = '';
  for (const part of node.namedChildren) {
    if (!part) continue;
    if (part.type === 'string_content') {
      // Escapes are children of string_content: take the text between them as it is.
      const content = part.text;
      let at = 0;
      for (const escape of part.namedChildren) {
        if (!escape) continue;
        text += content.slice(at, escape.startIndex - part.startIndex);
        const body = escape.text.slice(1);
        text += raw ? escape.text : (simpleEscapes[body] ?? escape.text);
        at = escape.endIndex - part.startIndex;
      }
      text += content.slice(at);
    } else if (part.type === 'interpolation') {
      return null;
    }
  }
  return text;
}

export function shorten(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
