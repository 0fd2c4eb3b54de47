import { describe, expect, it } from 'vitest';
import { composeLetter, escapeHtml, greetingRu, partnerApplicationRejectedLetter } from './index.js';

describe('letters', () => {
  it('are plain text and simple HTML with the link, the signature and why the person gets them', () => {
    const letter = composeLetter('Тема', {
      greeting: greetingRu('Анна Сергеевна'),
      paragraphs: ['Первый абзац', 'Второй <b>абзац</b>\nс переносом'],
      action: { label: 'Открыть дорожную карту', url: 'https://nastavnik.example.ru/roadmaps/1?a=1&b=2' },
      why: 'Вы куратор программы.',
      unsubscribeUrl: 'https://nastavnik.example.ru/unsubscribe/x',
    });
    expect(letter.text).toBe(
      [
        'Здравствуйте, Анна Сергеевна!',
        '',
        'Первый абзац',
        '',
        'Второй <b>абзац</b>\nс переносом',
        '',
        'Открыть дорожную карту: https://nastavnik.example.ru/roadmaps/1?a=1&b=2',
        '',
        '— Платформа «Наставник»',
        '',
        'Вы куратор программы.',
        'Отписаться от таких писем: https://nastavnik.example.ru/unsubscribe/x',
      ].join('\n'),
    );
    expect(letter.html).toContain('<p>Второй &lt;b&gt;абзац&lt;/b&gt;<br>с переносом</p>');
    expect(letter.html).toContain('<a href="https://nastavnik.example.ru/roadmaps/1?a=1&amp;b=2">Открыть дорожную карту</a>');
    expect(letter.html).toContain('<html lang="ru">');
  });

  it('greet by name or without one; escape what users typed', () => {
    expect(greetingRu('  ')).toBe('Здравствуйте!');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('tell a rejected applicant the reason', () => {
    const letter = partnerApplicationRejectedLetter({
      contactName: 'Иванов Иван',
      organizationName: 'ООО «Ромашка»',
      districtName: 'ГО г. Сибай',
      reason: 'ИНН не совпадает с выпиской',
    });
    expect(letter.subject).toBe('Заявка «ООО «Ромашка»» отклонена');
    expect(letter.text).toContain('Причина: ИНН не совпадает с выпиской');
    expect(letter.text).toContain('Муниципалитет (ГО г. Сибай) рассмотрел заявку организации «ООО «Ромашка»» и отклонил её.');
  });
});

describe('the delivery log', () => {
  it('masks a person’s own address', async () => {
    const { maskEmail } = await import('./kinds.js');
    expect(maskEmail('anna.ivanova@mail.ru')).toBe('a***@mail.ru');
    expect(maskEmail('')).toBe('');
    expect(maskEmail('broken')).toBe('***');
  });
});
