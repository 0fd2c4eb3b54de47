import type { Tone } from '../lib/roadmap/enums';

/** A coloured label for a state («согласована» green, «возвращена» orange…); the text says it all, colour only helps. */
export function StatusBadge({ label, tone, className }: { label: string; tone: Tone; className?: string }) {
  return <span className={`status status-${tone}${className ? ` ${className}` : ''}`}>{label}</span>;
}
