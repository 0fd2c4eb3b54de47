import { describe, expect, it } from 'vitest';
import {
  TAG_CATALOGUE,
  TAG_MAX_LENGTH,
  catalogueTags,
  isCatalogueTag,
  normalizeTag,
  normalizeTags,
  parseTagText,
  suggestTags,
  tagGroupOf,
  tagKey,
  tagRewrites,
} from './tags.js';

describe('the tag catalogue', () => {
  it('has the groups of issue 5 in Russian, each tag once', () => {
    const labels = TAG_CATALOGUE.map((g) => g.label);
    for (const label of [
      'Учебные предметы',
      'Профориентация',
      'Адаптация',
      'Проекты и исследования',
      'Олимпиады и конкурсы',
      'Цифровые навыки',
      'Творчество',
      'Спорт и здоровье',
      'Психологическая поддержка',
    ]) {
      expect(labels).toContain(label);
    }
    expect(labels.some((l) => l.startsWith('Лидерство'))).toBe(true);
    const tags = catalogueTags();
    expect(new Set(tags.map(tagKey)).size).toBe(tags.length);
    expect(new Set(TAG_CATALOGUE.map((g) => g.code)).size).toBe(TAG_CATALOGUE.length);
    for (const tag of tags) {
      expect(normalizeTag(tag)).toBe(tag);
      expect(tag.length).toBeLessThanOrEqual(TAG_MAX_LENGTH);
    }
  });
});

describe('normalizeTag', () => {
  it('folds case, «ё», spaces, quotes and dashes', () => {
    expect(tagKey('  Волонтёрство ')).toBe('волонтерство');
    expect(tagKey('«3D — моделирование»')).toBe('3d-моделирование');
    expect(normalizeTag('ВОЛОНТЕРСТВО')).toBe('волонтёрство');
    expect(normalizeTag('  Русский   язык ')).toBe('русский язык');
    expect(normalizeTag('#робототехника.')).toBe('робототехника');
  });

  it('maps synonyms to the canonical tag', () => {
    expect(normalizeTag('English')).toBe('английский язык');
    expect(normalizeTag('английский')).toBe('английский язык');
    expect(normalizeTag('ЕГЭ')).toBe('подготовка к ЕГЭ');
    expect(normalizeTag('кодинг')).toBe('программирование');
    expect(normalizeTag('3д')).toBe('3D-моделирование');
    expect(normalizeTag('олимпиады')).toBe('олимпиадная подготовка');
    expect(normalizeTag('ИИ')).toBe('искусственный интеллект');
    expect(normalizeTag('айти')).toBe('IT-профессии');
  });

  it('keeps tags outside the catalogue, cleaned and lower-case; drops empties', () => {
    expect(normalizeTag('Пчеловодство')).toBe('пчеловодство');
    expect(normalizeTag('Сварка  — аргоном')).toBe('сварка-аргоном');
    expect(normalizeTag('   ')).toBeNull();
    expect(normalizeTag('«»')).toBeNull();
    expect(normalizeTag(null)).toBeNull();
    const long = normalizeTag('очень длинное описание того, чем наставник готов помочь ученикам в течение учебного года')!;
    expect(long.length).toBeLessThanOrEqual(TAG_MAX_LENGTH);
    expect(long.startsWith('очень длинное описание')).toBe(true);
  });

  it('normalises lists without duplicates, keeping the order', () => {
    expect(normalizeTags(['Английский', 'english', 'ЕГЭ', '', 'Пчеловодство', 'пчеловодство'])).toEqual([
      'английский язык',
      'подготовка к ЕГЭ',
      'пчеловодство',
    ]);
    expect(parseTagText('математика; Физика,\nматеша')).toEqual(['математика', 'физика']);
  });
});

describe('tagRewrites', () => {
  it('lists the tags that will be saved in another spelling: synonyms and cut ones', () => {
    const long = 'очень длинный тег '.repeat(6).trim();
    expect(tagRewrites(`english; Математика, ЕГЭ, робототехника, ${long}`)).toEqual([
      { typed: 'english', saved: 'английский язык' },
      { typed: 'ЕГЭ', saved: 'подготовка к ЕГЭ' },
      { typed: long, saved: normalizeTag(long) },
    ]);
  });

  it('does not count case, «ё», quotes or spaces as a rewrite', () => {
    expect(tagRewrites('  Математика , «шахматы», ёлка  ')).toEqual([]);
    expect(tagRewrites('')).toEqual([]);
  });
});

describe('catalogue helpers', () => {
  it('tells catalogue tags and their group, and suggests by prefix then by substring', () => {
    expect(isCatalogueTag('робототехника')).toBe(true);
    expect(isCatalogueTag('пчеловодство')).toBe(false);
    expect(tagGroupOf('шахматы')?.label).toBe('Спорт и здоровье');
    expect(tagGroupOf('пчеловодство')).toBeNull();
    expect(suggestTags('проф')[0]).toBe('профориентация');
    expect(suggestTags('англ')).toContain('английский язык');
    expect(suggestTags('моделир')).toContain('3D-моделирование');
    expect(suggestTags('')).toEqual([]);
    expect(suggestTags('а', 3)).toHaveLength(3);
  });
});
