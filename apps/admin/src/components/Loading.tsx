import { ru } from '../i18n/ru';

export function Loading({ label = ru.app.loading }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
