/**
 * An unsaved copy of the editor's draft on this device (localStorage, by revision id), written as
 * the user types: a lost connection, a closed tab or a crash loses nothing. The copy is dropped
 * once the server has saved the draft.
 */
import { sameDraft, type EditorDraft } from './editor';

export interface StoredDraft {
  revisionId: string;
  /** The revision's version the user was editing. */
  baseVersion: number;
  /** When the copy was written (ISO). */
  savedAt: string;
  draft: EditorDraft;
}

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const draftStorageKey = (revisionId: string) => `nastavnik.roadmap-draft.${revisionId}`;

/** The browser's localStorage, or null where it is unavailable (private mode, disabled). */
export function browserStorage(): DraftStorage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function storeDraft(storage: DraftStorage | null, entry: StoredDraft): boolean {
  if (!storage) return false;
  try {
    storage.setItem(draftStorageKey(entry.revisionId), JSON.stringify(entry));
    return true;
  } catch {
    // Quota exceeded or storage disabled: the draft still lives in the page.
    return false;
  }
}

function isDraft(value: unknown): value is EditorDraft {
  if (!value || typeof value !== 'object') return false;
  const draft = value as Partial<EditorDraft>;
  return (
    !!draft.header &&
    typeof draft.header === 'object' &&
    Array.isArray(draft.sections) &&
    draft.sections.every((s) => s && typeof s.uid === 'string' && Array.isArray(s.items) && s.items.every((i) => i && typeof i.uid === 'string'))
  );
}

export function loadDraft(storage: DraftStorage | null, revisionId: string): StoredDraft | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(draftStorageKey(revisionId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    if (parsed.revisionId !== revisionId || typeof parsed.baseVersion !== 'number' || typeof parsed.savedAt !== 'string' || !isDraft(parsed.draft)) {
      return null;
    }
    return parsed as StoredDraft;
  } catch {
    return null;
  }
}

/** A draft kept on the server (its content as JSON) as a stored copy; null when it is not the editor's state. */
export function parseStoredDraft(entry: { revisionId: string; baseVersion: number; savedAt: string; content: string }): StoredDraft | null {
  try {
    const draft: unknown = JSON.parse(entry.content);
    return isDraft(draft) ? { revisionId: entry.revisionId, baseVersion: entry.baseVersion, savedAt: entry.savedAt, draft } : null;
  } catch {
    return null;
  }
}

export function clearDraft(storage: DraftStorage | null, revisionId: string): void {
  try {
    storage?.removeItem(draftStorageKey(revisionId));
  } catch {
    // nothing to do
  }
}

export interface RecoveryOffer {
  stored: StoredDraft;
  /** The revision was saved again (by someone, somewhere) after the copy was taken. */
  serverChanged: boolean;
}

/** What to offer when the editor opens: a stored copy that differs from what the server holds; null otherwise. */
export function recoveryOffer(stored: StoredDraft | null, server: EditorDraft, serverVersion: number): RecoveryOffer | null {
  if (!stored || sameDraft(stored.draft, server)) return null;
  return { stored, serverChanged: stored.baseVersion !== serverVersion };
}

/** Identifies one written copy (a revision's copy is rewritten as the user types). */
export const copyId = (entry: Pick<StoredDraft, 'revisionId' | 'savedAt'>) => `${entry.revisionId}@${entry.savedAt}`;

/**
 * The copies this page load wrote, or the user chose to restore here. When the editor opens again
 * in the same page (back from the revisions tab, or remounted by a re-render), such a copy is the
 * user's own current work: it is resumed, not offered again as if left over from another visit.
 */
export const copiesOfThisPage = new Set<string>();

export interface EditorOpening {
  /** The draft to continue from at once; null: start from the server's revision. */
  resume: EditorDraft | null;
  offer: RecoveryOffer | null;
}

/**
 * How the editor opens: a copy left by another visit (another tab, a reload, a crash) is offered;
 * this page's own copy is resumed, unless the revision was saved again since (then the user is
 * asked, with the warning).
 */
export function editorOpening(stored: StoredDraft | null, server: EditorDraft, serverVersion: number, ownCopies: ReadonlySet<string>): EditorOpening {
  const offer = recoveryOffer(stored, server, serverVersion);
  if (offer && !offer.serverChanged && ownCopies.has(copyId(offer.stored))) return { resume: offer.stored.draft, offer: null };
  return { resume: null, offer };
}
