import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ru } from '../i18n/ru';

/**
 * The page's h1. Sets the document title and, after an in-app navigation, moves focus to the
 * heading so screen-reader and keyboard users start at the new page.
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // React Router marks the entry the app was opened on with the key 'default'.
  const navigated = useLocation().key !== 'default';
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? ru.app.pageTitle(text) : ru.app.name;
  }, [text]);
  useEffect(() => {
    if (navigated) ref.current?.focus({ preventScroll: false });
  }, [navigated]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
