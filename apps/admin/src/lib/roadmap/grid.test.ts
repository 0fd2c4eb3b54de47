import { describe, expect, it } from 'vitest';
import { editorReducer, initEditor, type RevisionContent } from './editor';
import { clipboardTable, gridCommand, pastedItems, type CellKey } from './grid';

const press = (key: string, value = 'текст', caret = 0, extra: Partial<CellKey> = {}): CellKey => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  value,
  selectionStart: caret,
  selectionEnd: caret,
  ...extra,
});

describe('keys in a grid cell', () => {
  it('↑/↓ go to the row above/below in the same column from the first/last line; inside a multi-line cell they are the caret’s', () => {
    expect(gridCommand('responsible', press('ArrowUp', 'Иванова', 3))).toEqual({ kind: 'focus', rows: -1, field: 'responsible' });
    expect(gridCommand('responsible', press('ArrowDown', 'Иванова', 3))).toEqual({ kind: 'focus', rows: 1, field: 'responsible' });
    expect(gridCommand('activity', press('ArrowUp', 'строка 1\nстрока 2', 12))).toBeNull();
    expect(gridCommand('activity', press('ArrowDown', 'строка 1\nстрока 2', 3))).toBeNull();
    expect(gridCommand('activity', press('ArrowDown', 'строка 1\nстрока 2', 12))).toEqual({ kind: 'focus', rows: 1, field: 'activity' });
  });

  it('←/→ go to the neighbouring cell only at the caret’s edge, never past the first or last column', () => {
    expect(gridCommand('deadlineText', press('ArrowLeft', 'Май', 0))).toEqual({ kind: 'focus', rows: 0, field: 'content' });
    expect(gridCommand('deadlineText', press('ArrowRight', 'Май', 3))).toEqual({ kind: 'focus', rows: 0, field: 'responsible' });
    expect(gridCommand('deadlineText', press('ArrowRight', 'Май', 1))).toBeNull();
    expect(gridCommand('deadlineText', press('ArrowLeft', 'Май', 0, { selectionEnd: 3 }))).toBeNull();
    expect(gridCommand('number', press('ArrowLeft', '1.1', 0))).toBeNull();
    expect(gridCommand('indicator', press('ArrowRight', '', 0))).toBeNull();
  });

  it('Enter goes down, Shift+Enter is a line break, Ctrl/Cmd+Enter adds a row, Alt+↑/↓ moves it', () => {
    expect(gridCommand('activity', press('Enter'))).toEqual({ kind: 'focus', rows: 1, field: 'activity' });
    expect(gridCommand('activity', press('Enter', 'x', 0, { shiftKey: true }))).toBeNull();
    expect(gridCommand('activity', press('Enter', 'x', 0, { ctrlKey: true }))).toEqual({ kind: 'addBelow' });
    expect(gridCommand('activity', press('Enter', 'x', 0, { metaKey: true }))).toEqual({ kind: 'addBelow' });
    expect(gridCommand('activity', press('ArrowUp', 'x', 0, { altKey: true }))).toEqual({ kind: 'move', direction: -1 });
    expect(gridCommand('activity', press('ArrowDown', 'x', 0, { altKey: true }))).toEqual({ kind: 'move', direction: 1 });
    expect(gridCommand('activity', press('Tab'))).toBeNull();
  });
});

describe('a paste into the grid', () => {
  const excel = 'Мероприятие\tСроки\tОтветственные\r\nСовещание\tСентябрь 2026\tИванова А.А.\r\n"Уроки:\nматематика"\tОктябрь 2026\tПетров П.П.\r\n';

  it('plain text without tabs, or one cell, is the cell’s own paste', () => {
    expect(clipboardTable('Абзац один\nАбзац два', null)).toBeNull();
    expect(clipboardTable('Одна ячейка\r\n', null)).toBeNull();
    expect(clipboardTable(excel, null)).toHaveLength(3);
  });

  it('maps Excel rows by their heading row to the editor’s fields (the deadline as typed)', () => {
    const pasted = pastedItems(clipboardTable(excel, null)!, 'number');
    expect(pasted.byHeading).toBe(true);
    expect(pasted.items).toEqual([
      { activity: 'Совещание', deadlineText: 'Сентябрь 2026', responsible: 'Иванова А.А.' },
      { activity: 'Уроки:\nматематика', deadlineText: 'Октябрь 2026', responsible: 'Петров П.П.' },
    ]);
  });

  it('without headings, fills from the pasted-into column rightwards', () => {
    expect(pastedItems([['Сентябрь 2026', 'Иванова А.А.']], 'deadlineText').items).toEqual([{ deadlineText: 'Сентябрь 2026', responsible: 'Иванова А.А.' }]);
  });
});

const revision: RevisionContent = {
  version: 1,
  title: 'Карта',
  programmeName: 'Вместе',
  periodStart: '2025-09-01',
  periodEnd: '2026-08-31',
  sections: [
    {
      key: 's1',
      title: 'Этап',
      task: '',
      result: '',
      items: ['a', 'b'].map((key, i) => ({
        key,
        number: `1.${i + 1}`,
        activity: `Мероприятие ${key}`,
        content: '',
        deadlineText: '',
        responsible: '',
        expectedResult: '',
        indicator: '',
      })),
    },
  ],
};

describe('rows added and pasted in the editor', () => {
  it('Ctrl+Enter’s row goes right below the current one', () => {
    const state = editorReducer(initEditor(revision), { type: 'addItemAfter', uid: 'i:a' });
    expect(state.draft.sections[0]!.items.map((i) => [i.number, i.activity])).toEqual([
      ['1.1', 'Мероприятие a'],
      ['1.2', ''],
      ['1.2', 'Мероприятие b'],
    ]);
  });

  it('pasted rows fill the row pasted into and are inserted below it; the rows after it stay', () => {
    const state = editorReducer(initEditor(revision), {
      type: 'pasteItems',
      uid: 'i:a',
      items: [{ activity: 'Первое' }, { activity: 'Второе', deadlineText: 'Май 2026' }, { activity: 'Третье' }],
    });
    const items = state.draft.sections[0]!.items;
    expect(items.map((i) => [i.number, i.activity, i.deadlineText])).toEqual([
      ['1.1', 'Первое', ''],
      ['1.2', 'Второе', 'Май 2026'],
      ['1.3', 'Третье', ''],
      ['1.2', 'Мероприятие b', ''],
    ]);
    expect(new Set(items.map((i) => i.uid)).size).toBe(4);
    expect(items[0]!.key).toBe('a');
    expect(items[1]!.key).toBeNull();
  });
});
