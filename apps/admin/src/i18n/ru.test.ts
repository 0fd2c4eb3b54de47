import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLE_LABELS_RU } from '@nastavnik/domain';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import codegen from '../../codegen';
import { platformRoleOf } from '../lib/access';
import { plural, ru } from './ru';

const adminRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaFile = path.resolve(adminRoot, String(codegen.schema));
const schema = buildSchema(readFileSync(schemaFile, 'utf8'));

function enumValues(name: string): string[] {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum in ${schemaFile}`);
  return type.getValues().map((value) => value.name);
}

/** Every leaf of the catalogue: strings, and functions called with sample arguments. */
function leaves(node: unknown, trail: string[] = []): Array<[string, string]> {
  if (typeof node === 'string') return [[trail.join('.'), node]];
  if (typeof node === 'function') {
    const format = node as (...args: unknown[]) => unknown;
    // Texts take names or counts first: a count given a name says NaN, so try both.
    const named = String(format('Образец', 2, 3, 'образец'));
    const sample = /NaN/.test(named) ? format(5, 2, 3, 'образец') : named;
    return [[trail.join('.'), String(sample)]];
  }
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, [...trail, key]));
  }
  throw new Error(`unexpected entry at ${trail.join('.')}`);
}

describe('the Russian catalogue', () => {
  it('has a non-empty, Russian text for every entry', () => {
    const all = leaves(ru);
    expect(all.length).toBeGreaterThan(100);
    for (const [key, text] of all) {
      expect(text.trim(), key).not.toBe('');
      // Pure number formats («5 %») have no letters at all; Latin-only text is untranslated.
      expect(/[а-яё]/i.test(text) || !/[a-z]/i.test(text), `${key}: «${text}» has no Russian letters`).toBe(true);
      expect(text, key).not.toMatch(/undefined|null|NaN|\[object/);
    }
  });

  it('names every kind of organisation and partner the schema has', () => {
    expect(Object.keys(ru.kinds.organization).sort()).toEqual(enumValues('OrganizationKind').sort());
    expect(Object.keys(ru.kinds.partner).sort()).toEqual(enumValues('PartnerKind').sort());
  });

  it('has a role label for every role of the schema', () => {
    for (const role of enumValues('Role')) {
      const platformRole = platformRoleOf(role);
      expect(platformRole, role).not.toBeNull();
      expect(ROLE_LABELS_RU[platformRole!], role).toMatch(/[а-яё]/i);
    }
  });

  it('says «Показано 1–20 из N»', () => {
    expect(ru.table.shown(1, 20, 57)).toBe('Показано 1–20 из 57');
  });
});

describe('counts agree with their nouns (Intl.PluralRules through `plural`)', () => {
  it('chooses one, few or many by the number', () => {
    const forms = ['организация', 'организации', 'организаций'] as const;
    expect([1, 2, 5, 11, 21, 22, 25, 111, 1.5].map((n) => `${n} ${plural(n, ...forms)}`)).toEqual([
      '1 организация',
      '2 организации',
      '5 организаций',
      '11 организаций',
      '21 организация',
      '22 организации',
      '25 организаций',
      '111 организаций',
      '1.5 организации',
    ]);
  });

  it('says «2 строки», «через 1 день», «не больше 1 символа»', () => {
    expect(ru.table.exportTooLarge(2)).toContain('первые 2 строки;');
    expect(ru.table.exportTooLarge(10000)).toContain('первые 10000 строк;');
    expect(ru.partnerPortal.application.eraseText(1)).toContain('через 1 день после');
    expect(ru.partnerPortal.application.eraseText(3)).toContain('через 3 дня после');
    expect(ru.news.tooLong('Заголовок', 1)).toBe('Заголовок: не больше 1 символа.');
    expect(ru.news.tooLong('Заголовок', 200)).toBe('Заголовок: не больше 200 символов.');
  });
});
