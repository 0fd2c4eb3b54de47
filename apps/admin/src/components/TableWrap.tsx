import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { ru } from '../i18n/ru';

/**
 * The frame a wide table scrolls in (on a phone, most do). While it actually scrolls it is a named,
 * focusable region, so keyboard users can scroll it too (WCAG 2.1.1; axe «scrollable-region-focusable»);
 * a table that fits adds no tab stop.
 */
export function TableWrap({ children, fit = false }: { children: ReactNode; fit?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const check = () => setScrolls(frame.scrollWidth > frame.clientWidth + 1 || frame.scrollHeight > frame.clientHeight + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(frame);
    for (const child of frame.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={fit ? 'table-wrap table-wrap-fit' : 'table-wrap'}
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': ru.table.scrollFrame } : {})}
    >
      {children}
    </div>
  );
}
