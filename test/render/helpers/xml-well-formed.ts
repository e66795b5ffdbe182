/**
 * A minimal XML 1.0 reader for tests: enough to prove the JUnit output is well-formed (one root,
 * tags nest, attributes are quoted and unique, only the five entities and character references,
 * no character XML forbids) and to read its elements back. Throws on the first problem.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const name = '[A-Za-z_:][A-Za-z0-9_:.-]*';
const reference = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;
const forbidden = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (forbidden.test(raw)) throw new Error(`character not allowed in XML in ${where}`);
  if (raw.replace(reference, '').includes('&')) throw new Error(`bare & in ${where}`);
  return raw.replace(reference, (ref) => {
    const body = ref.slice(1, -1);
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return entities[body]!;
  });
}

export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const openTag = new RegExp(`^<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
  const attribute = new RegExp(`(${name})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text.includes(']]>')) throw new Error("']]>' in text");
    const decoded = decode(text, 'text');
    if (stack.length > 0) stack.at(-1)!.text += decoded;
    else if (decoded.trim() !== '') throw new Error('text outside the root element');
    if (lt === -1) break;
    rest = rest.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end === -1) throw new Error('unclosed comment');
      rest = rest.slice(end + 3);
      continue;
    }
    const close = new RegExp(`^</(${name})\\s*>`).exec(rest);
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== close[1]) throw new Error(`</${close[1]}> closes <${open?.name ?? 'nothing'}>`);
      rest = rest.slice(close[0].length);
      continue;
    }
    const tag = openTag.exec(rest);
    if (!tag) throw new Error(`malformed tag near ${JSON.stringify(rest.slice(0, 40))}`);
    const element: XmlElement = { name: tag[1]!, attributes: {}, children: [], text: '' };
    for (const [, key, double, single] of tag[2]!.matchAll(attribute)) {
      if (Object.hasOwn(element.attributes, key!)) throw new Error(`duplicate attribute ${key}`);
      element.attributes[key!] = decode(double ?? single ?? '', `attribute ${key}`);
    }
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else if (root) throw new Error('a second root element');
    else root = element;
    if (tag[3] !== '/') stack.push(element);
    rest = rest.slice(tag[0].length);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}
