import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The drag (or arrow-key) handle at a column header's right edge. */
export function ResizeHandle({
  width,
  label,
  onResize,
}: {
  width: number;
  label: string;
  onResize: (width: number) => void;
}) {
  const { t } = useTranslation();
  const drag = useRef<{ x: number; width: number } | null>(null);
  return (
    // a focusable separator is the ARIA "window splitter" pattern; <hr> cannot take focus or keys
    // biome-ignore lint/a11y/useSemanticElements: see above
    <span
      role="separator"
      aria-orientation="vertical"
      aria-label={t('columns.resize', { column: label })}
      aria-valuenow={width}
      tabIndex={0}
      className="col-resize"
      data-testid="col-resize"
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          e.stopPropagation();
          onResize(width + (e.key === 'ArrowLeft' ? -16 : 16));
        }
      }}
      onPointerDown={(e) => {
        e.preventDefault();
        e.stopPropagation();
        drag.current = { x: e.clientX, width };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (drag.current) onResize(drag.current.width + e.clientX - drag.current.x);
      }}
      onPointerUp={(e) => {
        drag.current = null;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
    />
  );
}
