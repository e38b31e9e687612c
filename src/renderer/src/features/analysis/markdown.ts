/**
 * A small Markdown subset for analysis reports (model answers and the offline analyser's reports):
 * headings, paragraphs, ordered/unordered lists (one nesting level), fenced code, **bold**, `code`, _em_.
 * It builds a tree that is rendered as React elements: no HTML from the model ever reaches the DOM.
 */

export type Inline = { kind: 'text' | 'code' | 'bold' | 'em'; text: string } | { kind: 'br' };

export type Block =
  | { kind: 'heading'; level: number; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[] };

export interface ListItem {
  inline: Inline[];
  children: ListItem[];
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const lines = text.split('\n');
  lines.forEach((line, li) => {
    const re = /(`[^`]+`|\*\*[^*]+\*\*|(?<![\w])_[^_]+_(?![\w]))/g;
    let last = 0;
    for (const m of line.matchAll(re)) {
      if (m.index > last) out.push({ kind: 'text', text: line.slice(last, m.index) });
      const tok = m[0];
      if (tok.startsWith('`')) out.push({ kind: 'code', text: tok.slice(1, -1) });
      else if (tok.startsWith('**')) out.push({ kind: 'bold', text: tok.slice(2, -2) });
      else out.push({ kind: 'em', text: tok.slice(1, -1) });
      last = m.index + tok.length;
    }
    const rest = line.slice(last).replace(/\s+$/, '');
    if (rest) out.push({ kind: 'text', text: rest });
    if (li < lines.length - 1) {
      if (line.endsWith('  ')) out.push({ kind: 'br' });
      else out.push({ kind: 'text', text: ' ' });
    }
  });
  return out;
}

const LIST_RE = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

export function parseMarkdown(md: string): Block[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { block: Extract<Block, { kind: 'list' }>; indent: number } | null = null;
  let lastItem: { item: ListItem; raw: string[]; indent: number } | null = null;
  const pending: { item: ListItem; raw: string[] }[] = [];

  const flushItems = () => {
    for (const p of pending) p.item.inline = parseInline(p.raw.join('\n'));
    pending.length = 0;
  };
  const flushPara = () => {
    if (para.length) blocks.push({ kind: 'paragraph', inline: parseInline(para.join('\n')) });
    para = [];
  };
  const endList = () => {
    flushItems();
    list = null;
    lastItem = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(\s*)(```|~~~)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      flushPara();
      endList();
      const body: string[] = [];
      // a fence indented inside a list item: its lines carry the same indentation
      const indent = new RegExp(`^ {0,${fence[1]!.length}}`);
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[2]!))
        body.push(lines[i++]!.replace(indent, ''));
      blocks.push({ kind: 'code', lang: fence[3] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flushPara();
      endList();
      blocks.push({ kind: 'heading', level: heading[1]!.length, inline: parseInline(heading[2]!) });
      continue;
    }
    if (!line.trim()) {
      flushPara();
      // a blank line inside a list keeps the list open if the next line continues it
      const next = lines.slice(i + 1).find((l) => l.trim());
      if (list && next && (LIST_RE.test(next) || /^\s{2,}\S/.test(next))) continue;
      endList();
      continue;
    }
    const item = LIST_RE.exec(line);
    if (item) {
      flushPara();
      const indent = item[1]!.length;
      const ordered = /\d/.test(item[2]!);
      const entry = { item: { inline: [], children: [] } as ListItem, raw: [item[3]!] };
      if (list && lastItem && indent > list.indent) {
        lastItem.item.children.push(entry.item);
        pending.push(entry);
        continue;
      }
      if (!list || list.block.ordered !== ordered) {
        endList();
        const block: Extract<Block, { kind: 'list' }> = {
          kind: 'list',
          ordered,
          start: ordered ? Number.parseInt(item[2]!, 10) || 1 : 1,
          items: [],
        };
        blocks.push(block);
        list = { block, indent };
      }
      list.block.items.push(entry.item);
      pending.push(entry);
      lastItem = { ...entry, indent };
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      // continuation of the latest item (or of its latest child)
      pending[pending.length - 1]!.raw.push(line.trimStart());
      continue;
    }
    endList();
    para.push(line);
  }
  flushPara();
  endList();
  return blocks;
}
