import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveColumn, setColumnShown } from './column-layout';
import type { ColumnLayoutState } from './useColumnLayout';

/**
 * "Columns" menu of a table: show or hide each column, move it left or right, reset to the defaults.
 * Columns hidden only for lack of room are marked so; ticking one shows it anyway (the table then scrolls).
 */
export function ColumnMenu({
  state,
  labels,
  testId = 'column-menu',
}: {
  state: ColumnLayoutState;
  labels: Record<string, string>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const { specs, layout, prefs, setPrefs, reset } = state;
  const byId = new Map(specs.map((s) => [s.id, s]));
  const visible = new Set(layout.visible);
  const autoHidden = new Set(layout.autoHidden);
  const movable = layout.order.filter((id) => !byId.get(id)?.sticky);

  return (
    <div className="column-menu" ref={root}>
      <button
        type="button"
        className="btn"
        data-testid={testId}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t('columns.button')}
        {layout.autoHidden.length > 0 ? (
          <span className="muted small">
            {' '}
            · {t('columns.hiddenCount', { count: layout.autoHidden.length })}
          </span>
        ) : null}
      </button>
      {open && (
        <div
          className="column-menu-pop"
          role="dialog"
          aria-label={t('columns.title')}
          data-testid={`${testId}-pop`}
        >
          <ul>
            {layout.order.map((id) => {
              const spec = byId.get(id)!;
              const label = labels[id] || id;
              const at = movable.indexOf(id);
              return (
                <li key={id} data-column={id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={visible.has(id)}
                      disabled={spec.required}
                      data-testid={`column-toggle-${id}`}
                      onChange={(e) => setPrefs(setColumnShown(prefs, id, e.target.checked))}
                    />
                    <span className="column-menu-label">{label}</span>
                    {autoHidden.has(id) && <span className="muted small">{t('columns.noRoom')}</span>}
                  </label>
                  {!spec.sticky && (
                    <span className="column-menu-move">
                      <button
                        type="button"
                        className="btn btn-xs"
                        aria-label={t('columns.moveLeft', { column: label })}
                        disabled={at <= 0}
                        onClick={() => setPrefs(moveColumn(specs, prefs, id, -1))}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="btn btn-xs"
                        aria-label={t('columns.moveRight', { column: label })}
                        disabled={at === movable.length - 1}
                        onClick={() => setPrefs(moveColumn(specs, prefs, id, 1))}
                      >
                        ↓
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="column-menu-foot">
            <span className="muted small">{t('columns.hint')}</span>
            <button type="button" className="btn btn-xs" data-testid={`${testId}-reset`} onClick={reset}>
              {t('columns.reset')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
