/**
 * Toasts for completed actions («Программа создана.»), on React Aria Components' toast (the
 * project's one UI-component library: unstyled, so the app's CSS; accessible — a landmark region
 * reachable with F6, each toast focusable and closable by keyboard; maintained by Adobe). One API,
 * `toast.success(text)`, callable from anywhere (also right before a navigation: the region lives
 * outside the routes), and one region, `<ToastRegion />`, mounted once in App.
 */
import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as RacToastRegion,
} from 'react-aria-components';
import { ru } from '../i18n/ru';

interface ToastMessage {
  text: string;
  tone: 'success' | 'warning';
}

/** Long enough to read a two-line message; RAC pauses the timer while the toast is hovered or focused. */
const TIMEOUT_MS = 10_000;

const queue = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 });

export const toast = {
  success: (text: string) => queue.add({ text, tone: 'success' }, { timeout: TIMEOUT_MS }),
  /** Done, but with something to act on (e.g. a file that failed to upload): stays until closed. */
  warning: (text: string) => queue.add({ text, tone: 'warning' }),
};

export function ToastRegion() {
  return (
    <RacToastRegion queue={queue} className="toast-region" aria-label={ru.widgets.toastRegion}>
      {({ toast: item }) => (
        <Toast toast={item} className={`toast notice notice-${item.content.tone}`}>
          {/* role="status": announced politely, like the notices the app showed before (RAC's default is an assertive alert). */}
          <ToastContent className="toast-content" role="status">
            <Text slot="title">{item.content.text}</Text>
          </ToastContent>
          <Button slot="close" className="toast-close" aria-label={ru.widgets.closeToast}>
            ×
          </Button>
        </Toast>
      )}
    </RacToastRegion>
  );
}
