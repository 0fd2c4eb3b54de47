import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { Dialog } from '../components/Dialog';
import { ru } from '../i18n/ru';

/**
 * Leaving a half-filled form asks first. Every form registers whether it holds unsent input; one
 * guard (in the layout) blocks the app's navigation while any does and asks «Уйти со страницы?»,
 * and the browser asks on reload or a closed tab. One place, so no form has to remember it.
 */
interface LeaveGuardRegistry {
  setDirty(id: string, dirty: boolean): void;
}

/** The navigation state of a form's «Отмена» link: leaving that way discards the input without asking. */
export const DISCARD_FORM_STATE = { discardForm: true } as const;

function isDiscard(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { discardForm?: unknown }).discardForm === true;
}

const LeaveGuardContext = createContext<LeaveGuardRegistry | null>(null);

/** Marks the calling form as holding unsent input while `dirty` is true (and until it unmounts). */
export function useLeaveGuard(dirty: boolean): void {
  const registry = useContext(LeaveGuardContext);
  const id = useId();
  useEffect(() => {
    if (!registry) return;
    registry.setDirty(id, dirty);
    return () => registry.setDirty(id, false);
  }, [registry, id, dirty]);
}

export function LeaveGuard({ children }: { children: ReactNode }) {
  const dirtyForms = useRef(new Set<string>());
  const [anyDirty, setAnyDirty] = useState(false);
  const registry = useMemo<LeaveGuardRegistry>(
    () => ({
      setDirty(id, dirty) {
        if (dirty) dirtyForms.current.add(id);
        else dirtyForms.current.delete(id);
        setAnyDirty(dirtyForms.current.size > 0);
      },
    }),
    [],
  );
  // Only a move to another page is blocked: a changed query string or tab on the same page keeps the
  // form, and the form's own «Отмена» (DISCARD_FORM_STATE) is the user's answer already.
  const shouldBlock = useCallback(
    ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string; state: unknown } }) =>
      dirtyForms.current.size > 0 && currentLocation.pathname !== nextLocation.pathname && !isDiscard(nextLocation.state),
    [],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (!anyDirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ru.form.leaveText;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyDirty]);

  return (
    <LeaveGuardContext.Provider value={registry}>
      {children}
      {blocker.state === 'blocked' && (
        <Dialog title={ru.form.leaveTitle} onClose={() => blocker.reset()}>
          <p>{ru.form.leaveText}</p>
          <div className="form-actions">
            <button type="button" className="button" autoFocus onClick={() => blocker.reset()}>
              {ru.form.leaveStay}
            </button>
            <button type="button" className="button button-secondary" onClick={() => blocker.proceed()}>
              {ru.form.leaveGo}
            </button>
          </div>
        </Dialog>
      )}
    </LeaveGuardContext.Provider>
  );
}
