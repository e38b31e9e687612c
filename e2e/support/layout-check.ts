/**
 * A generic "does it fit" check of what is on screen, run inside the page:
 * - text that overflows its box (scrollWidth > clientWidth) where the box neither scrolls nor
 *   declares an ellipsis;
 * - controls (buttons, inputs, links, …) cut off by an ancestor that clips them (overflow hidden),
 *   or pushed sideways out of a scroll container's visible area (vertical scrolling is normal);
 * - containers that scroll sideways although nothing in them asked to (`data-scroll-x="allowed"`
 *   marks the few that may, e.g. an execution plan's long lines).
 * Charts (SVG) are skipped: recharts sizes them itself.
 */
import type { Page } from '@playwright/test';

export interface LayoutProblem {
  kind: 'text-overflow' | 'clipped-control' | 'sideways-scroll';
  /** a short CSS-like path to the element */
  where: string;
  detail: string;
}

export async function findLayoutProblems(page: Page, rootSelector = 'body'): Promise<LayoutProblem[]> {
  return page.evaluate((selector) => {
    const problems: { kind: string; where: string; detail: string }[] = [];
    const root = document.querySelector(selector);
    if (!root) return [{ kind: 'text-overflow', where: selector, detail: 'root not found' }];
    const TOLERANCE = 2;

    const pathOf = (el: Element): string => {
      const parts: string[] = [];
      let cur: Element | null = el;
      for (let i = 0; cur && i < 4; i++, cur = cur.parentElement) {
        const testId = cur.getAttribute('data-testid');
        const cls = typeof cur.className === 'string' ? cur.className.trim().split(/\s+/)[0] : '';
        parts.unshift(`${cur.tagName.toLowerCase()}${testId ? `[${testId}]` : cls ? `.${cls}` : ''}`);
        if (testId) break;
      }
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${parts.join(' > ')} "${text}"`;
    };
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none';
    };
    const hasOwnText = (el: Element): boolean =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    const scrollsX = (s: CSSStyleDeclaration) => s.overflowX === 'auto' || s.overflowX === 'scroll';
    const inSvg = (el: Element) => el.closest('svg') !== null;
    const allowedX = (el: Element) => el.closest('[data-scroll-x="allowed"]') !== null;

    const all = [root, ...root.querySelectorAll('*')];
    for (const el of all) {
      if (!(el instanceof HTMLElement) || inSvg(el) || !visible(el)) continue;
      const s = getComputedStyle(el);
      // 1. text wider than its box, with no scrolling and no ellipsis
      if (
        s.display !== 'inline' &&
        !scrollsX(s) &&
        s.textOverflow !== 'ellipsis' &&
        el.scrollWidth > el.clientWidth + TOLERANCE &&
        (hasOwnText(el) || el.children.length === 0) &&
        !allowedX(el)
      ) {
        problems.push({
          kind: 'text-overflow',
          where: pathOf(el),
          detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`,
        });
      }
      // 3. sideways scrolling nobody asked for
      if (scrollsX(s) && el.scrollWidth > el.clientWidth + TOLERANCE && !allowedX(el)) {
        problems.push({
          kind: 'sideways-scroll',
          where: pathOf(el),
          detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`,
        });
      }
    }

    // 2. controls cut off by a clipping ancestor, or sideways out of their scroll container
    const controls = root.querySelectorAll(
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [tabindex]:not([tabindex="-1"])',
    );
    for (const c of controls) {
      if (!(c instanceof HTMLElement) || inSvg(c) || !visible(c)) continue;
      const r = c.getBoundingClientRect();
      for (let a = c.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        const left = box.left + a.clientLeft;
        const right = left + a.clientWidth;
        const top = box.top + a.clientTop;
        const bottom = top + a.clientHeight;
        const scrolls = scrollsX(s) || s.overflowY === 'auto' || s.overflowY === 'scroll';
        const outX = r.left < left - TOLERANCE || r.right > right + TOLERANCE;
        // a scroll container may hide rows below the fold; a clipping one may not hide anything
        const outY = !scrolls && (r.top < top - TOLERANCE || r.bottom > bottom + TOLERANCE);
        if (outX || outY) {
          problems.push({
            kind: 'clipped-control',
            where: pathOf(c),
            detail: `box ${Math.round(r.left)}..${Math.round(r.right)} × ${Math.round(r.top)}..${Math.round(r.bottom)} outside ${pathOf(a)} ${Math.round(left)}..${Math.round(right)} × ${Math.round(top)}..${Math.round(bottom)}`,
          });
          break;
        }
        if (scrolls) break;
      }
    }
    return problems;
  }, rootSelector) as Promise<LayoutProblem[]>;
}
