import { describe, expect, it } from 'vitest';
import { clearDraft, copyId, draftStorageKey, editorOpening, loadDraft, recoveryOffer, storeDraft, type DraftStorage, type StoredDraft } from './draftStorage';
import { editorReducer, initEditor, type RevisionContent } from './editor';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const revision: RevisionContent = {
  version: 2,
  title: 'Дорожная карта',
  programmeName: 'Вместе',
  periodStart: '2025-09-01',
  periodEnd: '2026-08-31',
  sections: [{ key: 's1', title: 'Этап', task: '', result: '', items: [] }],
};

const server = initEditor(revision).saved;
const edited = editorReducer(initEditor(revision), { type: 'addItem', sectionUid: 's:s1' }).draft;
const entry: StoredDraft = { revisionId: 'r1', baseVersion: 2, savedAt: '2026-11-22T09:15:00.000Z', draft: edited };

describe('the unsaved copy on this device', () => {
  it('is kept by revision id and read back', () => {
    const storage = memoryStorage();
    expect(storeDraft(storage, entry)).toBe(true);
    expect([...storage.data.keys()]).toEqual([draftStorageKey('r1')]);
    expect(loadDraft(storage, 'r1')).toEqual(entry);
    expect(loadDraft(storage, 'r2')).toBeNull();
    clearDraft(storage, 'r1');
    expect(loadDraft(storage, 'r1')).toBeNull();
  });

  it('ignores what is not a draft of this revision', () => {
    const storage = memoryStorage();
    storage.setItem(draftStorageKey('r1'), '{ not json');
    expect(loadDraft(storage, 'r1')).toBeNull();
    storage.setItem(draftStorageKey('r1'), JSON.stringify({ ...entry, revisionId: 'other' }));
    expect(loadDraft(storage, 'r1')).toBeNull();
    storage.setItem(draftStorageKey('r1'), JSON.stringify({ ...entry, draft: { header: {}, sections: 'x' } }));
    expect(loadDraft(storage, 'r1')).toBeNull();
  });

  it('survives a full or missing storage without throwing', () => {
    const full: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(storeDraft(full, entry)).toBe(false);
    expect(loadDraft(full, 'r1')).toBeNull();
    expect(() => clearDraft(full, 'r1')).not.toThrow();
    expect(storeDraft(null, entry)).toBe(false);
    expect(loadDraft(null, 'r1')).toBeNull();
  });

  it('is offered back when it differs from the server, saying whether the server changed since', () => {
    expect(recoveryOffer(entry, server, 2)).toEqual({ stored: entry, serverChanged: false });
    expect(recoveryOffer(entry, server, 3)).toEqual({ stored: entry, serverChanged: true });
    expect(recoveryOffer({ ...entry, draft: server }, server, 2)).toBeNull();
    expect(recoveryOffer(null, server, 2)).toBeNull();
  });

  it('is resumed when this page wrote it or restored it, offered when another visit left it', () => {
    const own = new Set([copyId(entry)]);
    expect(editorOpening(entry, server, 2, own)).toEqual({ resume: edited, offer: null });
    // Another tab's or an earlier visit's copy: offered, not applied behind the user's back.
    expect(editorOpening(entry, server, 2, new Set())).toEqual({ resume: null, offer: { stored: entry, serverChanged: false } });
    // Saved again elsewhere since: even this page's copy is offered, with the warning.
    expect(editorOpening(entry, server, 3, own)).toEqual({ resume: null, offer: { stored: entry, serverChanged: true } });
    // Nothing different from the server: nothing to resume or offer.
    expect(editorOpening({ ...entry, draft: server }, server, 2, own)).toEqual({ resume: null, offer: null });
    expect(editorOpening(null, server, 2, own)).toEqual({ resume: null, offer: null });
  });
});
