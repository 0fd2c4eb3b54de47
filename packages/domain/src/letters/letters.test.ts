import { describe, expect, it } from 'vitest';
import { composeLetter, escapeHtml, greetingRu, isRequiredKind, partnerApplicationApprovedLetter, partnerApplicationRejectedLetter } from './index.js';

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

describe('an approved partner', () => {
  const facts = {
    contactName: 'Иванова Анна Сергеевна',
    organizationName: 'ООО «Ромашка»',
    districtName: 'ГО г. Сибай',
    username: 'p0274000000.admin',
    adminUrl: 'https://nastavnik.example.ru',
    timeZone: 'Asia/Yekaterinburg',
  };

  it('gets the login and the one-time link with its expiry in the named zone', () => {
    const letter = partnerApplicationApprovedLetter({
      ...facts,
      setup: { via: 'link', link: 'https://sso.example.ru/x?key=k', expiresAt: new Date('2026-12-08T10:00:00Z') },
    });
    expect(letter.subject).toBe('Заявка «ООО «Ромашка»» одобрена');
    expect(letter.text).toContain('Имя пользователя: p0274000000.admin');
    expect(letter.text).toContain('Ссылка одноразовая и действует до 08.12.2026 15:00 (МСК+2).');
    expect(letter.text).toContain('Установить пароль: https://sso.example.ru/x?key=k');
    expect(isRequiredKind('partners.application-approved')).toBe(true);
  });

  it('is told of the sign-in service’s own letter, or to ask the district, without a link', () => {
    const keycloak = partnerApplicationApprovedLetter({ ...facts, setup: { via: 'provider-letter', expiresAt: new Date('2026-12-08T10:00:00Z') } });
    expect(keycloak.text).toContain('отдельным письмом от службы входа');
    expect(keycloak.text).not.toContain('Установить пароль:');
    const fallback = partnerApplicationApprovedLetter({ ...facts, setup: { via: 'ask-district' } });
    expect(fallback.text).toContain('Временный пароль сообщит специалист муниципалитета (ГО г. Сибай)');
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
