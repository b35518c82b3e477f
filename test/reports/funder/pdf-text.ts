import { inflateSync } from 'node:zlib';

/** A parsed PDF, just enough for tests: page count and the text of each page (fonts decoded via ToUnicode). */
export interface PdfText {
  header: string;
  pages: string[];
}

interface PdfObject { dict: string; stream: Buffer | null }

// Objects are read by their declared /Length, not by searching for "endobj", which compressed bytes may contain.
const parseObjects = (pdf: Buffer): Map<number, PdfObject> => {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj/g;
  for (let match = header.exec(text); match !== null; match = header.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    if (streamAt < 0 || (end >= 0 && streamAt > end)) {
      objects.set(Number(match[1]), { dict: text.slice(start, end < 0 ? undefined : end), stream: null });
      continue;
    }
    const dict = text.slice(start, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? Number.NaN);
    let from = streamAt + 'stream'.length;
    if (text[from] === '\r') from += 1;
    if (text[from] === '\n') from += 1;
    const bytes = pdf.subarray(from, Number.isNaN(length) ? text.indexOf('endstream', from) : from + length);
    objects.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(bytes) : Buffer.from(bytes) });
    header.lastIndex = from + bytes.length;
  }
  return objects;
};

const parseCmap = (cmap: string): Map<number, string> => {
  const map = new Map<number, string>();
  const hex = (h: string): string => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(pair[1] ?? '0', 16), hex(pair[2] ?? ''));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(range[1] ?? '0', 16);
      const hi = parseInt(range[2] ?? '0', 16);
      const target = range[3] ?? '';
      if (target.startsWith('[')) [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((m, i) => map.set(lo + i, hex((m[1] ?? '').replace(/\s/g, ''))));
      else for (let code = lo; code <= hi; code += 1) map.set(code, String.fromCodePoint(parseInt(target.slice(1, -1), 16) + code - lo));
    }
  }
  return map;
};

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m === null ? undefined : Number(m[1]);
};

/** Extracts page texts from a pdfkit PDF (compressed or not), decoding embedded-font glyph codes. */
export const pdfText = (pdf: Buffer): PdfText => {
  const objects = parseObjects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  for (const [id, obj] of objects) {
    const toUnicode = ref(obj.dict, 'ToUnicode');
    const stream = toUnicode === undefined ? null : objects.get(toUnicode)?.stream;
    if (stream) cmaps.set(id, parseCmap(stream.toString('latin1')));
  }
  const pagesRoot = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict));
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(pagesRoot?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pages = kids.map((id) => {
    const page = objects.get(id)?.dict ?? '';
    const resourcesId = ref(page, 'Resources');
    const resources = resourcesId === undefined ? page : (objects.get(resourcesId)?.dict ?? '');
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)].map((m) => [m[1] ?? '', cmaps.get(Number(m[2])) ?? new Map<number, string>()]));
    const contentIds = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    const content = contentIds.map((c) => objects.get(c)?.stream?.toString('latin1') ?? '').join('\n');
    let font = new Map<number, string>();
    const out: string[] = [];
    for (const token of content.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|(ET)/g)) {
      if (token[1] !== undefined) font = fonts.get(token[1]) ?? new Map();
      else if (token[2] !== undefined) out.push((token[2].match(/.{4}/g) ?? []).map((code) => font.get(parseInt(code, 16)) ?? '').join(''));
      else out.push('\n');
    }
    return out.join('').replace(/[ \t]+\n/g, '\n');
  });
  return { header: pdf.subarray(0, 8).toString('latin1'), pages };
};
