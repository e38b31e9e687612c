import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../components/units';

const MAX_CHILDREN = 200;
const OPEN_DEPTH = 2;

function preview(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).length}}`;
  return '';
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const { t, i18n } = useTranslation('cache');
  const composite = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const label = name !== null && <span className="json-key">{name}: </span>;
  if (!composite) {
    return (
      <div className="json-line">
        {label}
        <Scalar value={value} />
        {typeof value === 'number' && value > 1e12 && value < 1e13 && (
          <span className="json-hint">{dateTime(value, i18n.language)}</span>
        )}
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const shown = entries.slice(0, MAX_CHILDREN);
  return (
    <div className="json-node">
      <button
        type="button"
        className="json-toggle"
        aria-expanded={open}
        data-testid="json-toggle"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="caret">{open ? '▾' : '▸'}</span>
        {label}
        <span className="muted">{preview(value)}</span>
      </button>
      {open && (
        <div className="json-children">
          {shown.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > shown.length && (
            <div className="muted small">
              {t('value.moreItems', { count: entries.length - shown.length })}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** Pretty, collapsible JSON (first levels open; long arrays and objects cut at 200 children). */
export function JsonView({ value }: { value: unknown }) {
  return (
    <div className="json-view code" data-testid="json-view">
      <JsonNode name={null} value={value} depth={0} />
    </div>
  );
}
