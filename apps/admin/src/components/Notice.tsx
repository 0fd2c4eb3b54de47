import type { ReactNode } from 'react';

const ROLES = { error: 'alert', success: 'status', info: 'status', warning: 'status' } as const;

/** A message above or below a form or a table; nothing when there is nothing to say. */
export function Notice({ tone, children, className, id }: { tone: keyof typeof ROLES; children: ReactNode; className?: string; id?: string }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <div id={id} className={`notice notice-${tone}${className ? ` ${className}` : ''}`} role={ROLES[tone]}>
      {children}
    </div>
  );
}

/** A form's or an action's failure, announced to screen readers at once. */
export const ErrorNotice = ({ children }: { children: ReactNode }) => <Notice tone="error">{children}</Notice>;

/** A confirmation («Сохранено»), announced politely. */
export const SuccessNotice = ({ children }: { children: ReactNode }) => <Notice tone="success">{children}</Notice>;
