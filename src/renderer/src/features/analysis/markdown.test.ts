import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('analysis markdown subset', () => {
  it('headings, paragraphs, lists with continuation and nested items, code fences', () => {
    const md = [
      '## Summary',
      'Two **issues** found in `EMP`.',
      '',
      '1. **[HIGH] Full scan**  ',
      '   Reads every block.',
      '   - Evidence: `TABLE ACCESS FULL`',
      '2. Second',
      '',
      '```sql',
      'CREATE INDEX emp_ix ON emp (deptno);',
      '```',
    ].join('\n');
    const blocks = parseMarkdown(md);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'code']);
    const list = blocks[2] as Extract<(typeof blocks)[number], { kind: 'list' }>;
    expect(list.ordered).toBe(true);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.inline).toEqual([
      { kind: 'bold', text: '[HIGH] Full scan' },
      { kind: 'br' },
      { kind: 'text', text: 'Reads every block.' },
    ]);
    expect(list.items[0]!.children[0]!.inline).toEqual([
      { kind: 'text', text: 'Evidence: ' },
      { kind: 'code', text: 'TABLE ACCESS FULL' },
    ]);
    expect(blocks[3]).toEqual({ kind: 'code', lang: 'sql', text: 'CREATE INDEX emp_ix ON emp (deptno);' });
  });

  it('HTML stays text (rendered as React text nodes, never as markup)', () => {
    const blocks = parseMarkdown('<img src=x onerror=alert(1)> hi');
    expect(blocks).toEqual([
      { kind: 'paragraph', inline: [{ kind: 'text', text: '<img src=x onerror=alert(1)> hi' }] },
    ]);
  });

  it('a fence indented inside a list item loses that indentation', () => {
    const blocks = parseMarkdown(
      '1. Index\n   ```sql\n   CREATE INDEX i ON t (a);\n     -- indented more\n   ```\n2. Stats',
    );
    expect(blocks[1]).toEqual({
      kind: 'code',
      lang: 'sql',
      text: 'CREATE INDEX i ON t (a);\n  -- indented more',
    });
    expect(blocks[2]).toMatchObject({ kind: 'list', start: 2 });
  });

  it('an unterminated fence while streaming is still a code block', () => {
    expect(parseMarkdown('```sql\nSELECT 1')).toEqual([{ kind: 'code', lang: 'sql', text: 'SELECT 1' }]);
  });

  it('snake_case identifiers are not emphasis; _whole phrases_ are', () => {
    expect(parseInline('col_a and col_b')).toEqual([{ kind: 'text', text: 'col_a and col_b' }]);
    expect(parseInline('_Offline analyser_')).toEqual([{ kind: 'em', text: 'Offline analyser' }]);
  });

  it('parses the offline report shape', () => {
    const md = [
      '## Tuning recommendations (offline)',
      '',
      '**Summary:** 2 findings (1 high, 1 medium).',
      '',
      '### Prioritized actions',
      '',
      '1. **Add the missing join condition.**  ',
      '   Why: Cartesian join (high). Evidence: `SELECT a FROM t1, t2`',
      '2. **Search by prefix.**  ',
      "   Why: LIKE pattern (medium). Evidence: `b LIKE '%y'`",
      '',
      '_Offline analyser: rule-based checks; no model was used._',
    ].join('\n');
    const blocks = parseMarkdown(md);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'list', 'paragraph']);
    expect((blocks[3] as { items: unknown[] }).items).toHaveLength(2);
    expect(blocks[4]).toEqual({
      kind: 'paragraph',
      inline: [{ kind: 'em', text: 'Offline analyser: rule-based checks; no model was used.' }],
    });
  });
});
