import { useState } from 'react';
import { useAuth } from '../auth/context';
import { ru } from '../i18n/ru';
import { AttachmentError } from '../lib/attachments';
import { downloadDocument } from '../lib/downloads';

/**
 * A generated document (`/exports/...`): fetched with the token, saved under the server's file
 * name; «Готовим файл…» meanwhile, the API's Russian error beside the button when it fails.
 */
export function DownloadButton({
  label,
  url,
  fallbackName,
  headers,
  small,
}: {
  label: string;
  url: string;
  fallbackName: string;
  headers?: Record<string, string>;
  small?: boolean;
}) {
  const auth = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      await downloadDocument(() => auth.getToken(), url, { headers, fallbackName });
    } catch (failure) {
      setError(failure instanceof AttachmentError ? failure.appError.message : ru.exports.failed);
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="download-button">
      <button type="button" className={`button button-secondary${small ? ' button-small' : ''}`} disabled={busy} aria-busy={busy} onClick={() => void run()}>
        {busy ? ru.exports.downloading : label}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
