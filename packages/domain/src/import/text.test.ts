import { describe, expect, it } from 'vitest';
import { decodeText, encodeCp1251 } from './encoding.js';
import { cleanCellText, joinBroken, normalizeLabel } from './text.js';
import { XmlError, attribute, scanXml } from './xml.js';
import { ZipArchive, ZipError } from './zip.js';

describe('cleanCellText: HTML remnants of converted documents', () => {
  it('turns paragraphs, breaks and list items into lines and decodes entities', () => {
    expect(cleanCellText('<p>приказ №336 от 31.08.2021г.</p> <p>приказ №337</p>')).toBe('приказ №336 от 31.08.2021г.\nприказ №337');
    expect(cleanCellText('Встреча<br>наставников<BR/>и наставляемых')).toBe('Встреча\nнаставников\nи наставляемых');
    expect(cleanCellText('<ul><li>анкеты;</li><li>согласия.</li></ul>')).toBe('анкеты;\nсогласия.');
    expect(cleanCellText('&laquo;Вместе&raquo;&nbsp;&mdash; программа &amp; план &#8470; 5 &#x2116; 6')).toBe('«Вместе» — программа & план № 5 № 6');
    expect(cleanCellText('&lt;p&gt;экранированный&lt;/p&gt;&lt;p&gt;абзац&lt;/p&gt;')).toBe('экранированный\nабзац');
  });

  it('splits a dash list written inside <ul> without <li>', () => {
    expect(cleanCellText('<p>Акты:</p> <ul style="list-style-type: none"> –приказ о программе; –протокол совета. -приказ о кураторах</ul>')).toBe(
      'Акты:\n–приказ о программе;\n–протокол совета.\n-приказ о кураторах',
    );
  });

  it('leaves text that only looks like a tag, and plain text, alone (spaces tidied)', () => {
    expect(cleanCellText('дети <10 лет и > 15 лет')).toBe('дети <10 лет и > 15 лет');
    expect(cleanCellText('  Сроки:\u00a0 сентябрь \r\n\r\n  октябрь ')).toBe('Сроки: сентябрь\nоктябрь');
    expect(cleanCellText('<!-- комментарий -->Текст<span style="x">.</span>')).toBe('Текст.');
  });
});

describe('joinBroken: a cell broken over two rows', () => {
  it('glues hyphenated words, goes on with sentences, starts new lines for new items', () => {
    expect(joinBroken('Обеспечение экспертно-', 'консультационной поддержки')).toBe('Обеспечение экспертно-консультационной поддержки');
    expect(joinBroken('Сентябрь', '2021, 2022, 2023')).toBe('Сентябрь 2021, 2022, 2023');
    expect(joinBroken('директор МБОУ', '«Лицей№21» И.А.Первенкова')).toBe('директор МБОУ «Лицей№21» И.А.Первенкова');
    expect(joinBroken('Анкетирование.', 'Формирование пар.')).toBe('Анкетирование.\nФормирование пар.');
    expect(joinBroken('Форматы анкет', 'Формирование пар')).toBe('Форматы анкет\nФормирование пар');
    expect(joinBroken('приказы:', '- о программе')).toBe('приказы:\n- о программе');
    expect(joinBroken('', 'текст')).toBe('текст');
  });
});

describe('normalizeLabel', () => {
  it('ignores case, spaces, punctuation and «ё»', () => {
    expect(normalizeLabel(' № п/п ')).toBe('№ п п');
    expect(normalizeLabel('Результат. Вид  документа')).toBe('результат вид документа');
    expect(normalizeLabel('Ожидаемый результат (вид документа)')).toBe('ожидаемый результат вид документа');
    expect(normalizeLabel('ОТВЕТСТВЕННЫЙ ИСПОЛНИТЕЛЬ:')).toBe('ответственный исполнитель');
  });
});

describe('decodeText', () => {
  const sample = 'Дорожная карта «Вместе» — № 1; ёЁ, Ђђ, “кавычки”';

  it('reads UTF-8 with or without a BOM, Windows-1251, UTF-16 with a BOM', () => {
    expect(decodeText(new TextEncoder().encode(sample))).toEqual({ text: sample, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]))).toEqual({ text: sample, encoding: 'utf-8' });
    expect(decodeText(encodeCp1251(sample))).toEqual({ text: sample, encoding: 'windows-1251' });
    const utf16 = new Uint8Array(2 + sample.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < sample.length; i++) {
      utf16[2 + i * 2] = sample.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = sample.charCodeAt(i) >> 8;
    }
    expect(decodeText(utf16)).toEqual({ text: sample, encoding: 'utf-16le' });
  });

  it('has a Windows-1251 table that agrees with the runtime’s', () => {
    const all = new Uint8Array(128).map((_, i) => 0x80 + i);
    const native = new TextDecoder('windows-1251').decode(all);
    expect(encodeCp1251(native)).toEqual(all.map((b) => (b === 0x98 ? 0x3f : b)));
  });
});

describe('the XML scanner', () => {
  it('reports tags, attributes and unescaped text; skips comments and declarations', () => {
    const events: string[] = [];
    scanXml('<?xml version="1.0"?><!DOCTYPE x><a b="1 &amp; 2" c=\'>\'><!-- no --><t>x &lt; y</t><e/><![CDATA[<raw>]]></a>', {
      open: (name, attrs, self) => events.push(`open ${name} ${attribute(attrs, 'b')} ${attribute(attrs, 'c')} ${self}`),
      close: (name) => events.push(`close ${name}`),
      text: (text) => events.push(`text ${text}`),
    });
    expect(events).toEqual([
      'open a 1 & 2 > false',
      'open t null null false',
      'text x < y',
      'close t',
      'open e null null true',
      'close e',
      'text <raw>',
      'close a',
    ]);
  });

  it('refuses a truncated document', () => {
    const noop = { open() {}, close() {}, text() {} };
    expect(() => scanXml('<a><b>text', noop)).toThrow(XmlError);
    expect(() => scanXml('<a><b', noop)).toThrow(XmlError);
    expect(() => scanXml('<a><!-- never closed', noop)).toThrow(XmlError);
  });
});

describe('the ZIP reader', () => {
  it('refuses what is not a zip', () => {
    expect(() => new ZipArchive(new Uint8Array(100))).toThrow(ZipError);
    expect(() => new ZipArchive(new Uint8Array([0x50, 0x4b, 3, 4]))).toThrow(ZipError);
  });
});
