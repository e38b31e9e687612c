import { useMemo } from 'react';
import { type Block, type Inline, type ListItem, parseMarkdown } from './markdown';

function InlineView({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) => {
        const key = `${i}-${p.kind}`;
        switch (p.kind) {
          case 'br':
            return <br key={key} />;
          case 'code':
            return (
              <code key={key} className="an-inline-code">
                {p.text}
              </code>
            );
          case 'bold':
            return <strong key={key}>{p.text}</strong>;
          case 'em':
            return <em key={key}>{p.text}</em>;
          default:
            return <span key={key}>{p.text}</span>;
        }
      })}
    </>
  );
}

function Items({ items }: { items: ListItem[] }) {
  return (
    <>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity; the list is re-rendered whole
        <li key={i}>
          <InlineView parts={item.inline} />
          {item.children.length > 0 && (
            <ul>
              <Items items={item.children} />
            </ul>
          )}
        </li>
      ))}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, block.level + 2);
      const Tag = `h${level}` as 'h3';
      return (
        <Tag className="an-md-heading">
          <InlineView parts={block.inline} />
        </Tag>
      );
    }
    case 'code':
      return (
        <pre className="code an-md-code" data-lang={block.lang || undefined}>
          {block.text}
        </pre>
      );
    case 'list':
      return block.ordered ? (
        <ol start={block.start}>
          <Items items={block.items} />
        </ol>
      ) : (
        <ul>
          <Items items={block.items} />
        </ul>
      );
    default:
      return (
        <p>
          <InlineView parts={block.inline} />
        </p>
      );
  }
}

/** Renders a report's Markdown as React elements (never as HTML). */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return (
    <div className="an-md" data-testid={testId}>
      {blocks.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks are positional; streaming appends at the end
        <BlockView key={i} block={b} />
      ))}
    </div>
  );
}
