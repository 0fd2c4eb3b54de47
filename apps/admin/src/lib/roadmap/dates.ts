/**
 * Dates as people type them in Russian forms (ДД.ММ.ГГГГ) and as the API stores them (ГГГГ-ММ-ДД).
 */
import { isIsoDate } from '@nastavnik/domain';

/** «20.09.2025», «1.9.2025», «20.09.2025 г.» or already «2025-09-20» → «2025-09-20»; null when it is not a real date. */
export function parseDateRu(text: string): string | null {
  const value = text.trim().replace(/\s*г\.?$/u, '');
  if (isIsoDate(value)) return value;
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** «2025-09-20» → «20.09.2025»; anything else is returned as is. */
export function isoToRu(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** Today in the user's time zone, ГГГГ-ММ-ДД. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** «22.11.2026, 09:15» for a timestamp of the audit trail. */
export function formatDateTimeRu(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** «Ирина Ивановна Варламова» → «И.И. Варламова» (how approval blocks are signed); other shapes stay. */
export function signatureName(displayName: string): string {
  const parts = displayName.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 3 || !parts.every((part) => /^\p{Lu}\p{Ll}+(-\p{Lu}\p{Ll}+)?$/u.test(part))) return displayName.trim();
  const [first, middle, last] = parts as [string, string, string];
  return `${first[0]}.${middle[0]}. ${last}`;
}
