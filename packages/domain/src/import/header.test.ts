import { describe, expect, it } from 'vitest';
import { parseRuDate, readHeader, readPeriod, readProgrammeName } from './header.js';

describe('dates as written in approval blocks', () => {
  it('reads day, month and year in their usual shapes', () => {
    expect(parseRuDate('"15" сентября 2021 года')).toBe('2021-09-15');
    expect(parseRuDate('« 30 » августа 2021 г')).toBe('2021-08-30');
    expect(parseRuDate('от 08.09. 2022')).toBe('2022-09-08');
    expect(parseRuDate('15.09.21')).toBe('2021-09-15');
    expect(parseRuDate('« ____ » _______ 2021 года')).toBeNull();
    expect(parseRuDate('31.02.2021')).toBeNull();
  });
});

describe('the period', () => {
  it('reads several years and one academic year', () => {
    // «гг.» are calendar years, like «годы»; only «учебный год» is an academic one.
    expect(readPeriod('… на 2021-2024 гг.')?.period).toMatchObject({ periodStart: '2021-01-01', periodEnd: '2024-12-31', text: '2021-2024 гг.' });
    expect(readPeriod('на 2022-2023 учебный год')?.period).toMatchObject({ periodStart: '2022-09-01', periodEnd: '2023-08-31' });
    expect(readPeriod('на 2023/2024 уч. год')?.period).toMatchObject({ periodStart: '2023-09-01', periodEnd: '2024-08-31' });
    expect(readPeriod('на 2024 год')?.period).toMatchObject({ periodStart: '2024-01-01', periodEnd: '2024-12-31' });
    expect(readPeriod('приказ от 2021 г.')).toBeNull();
  });
});

describe('the programme name', () => {
  it('is the quoted name after «наставничества», not an organisation, a form or a document', () => {
    expect(readProgrammeName('реализации целевой модели наставничества «Вместе» муниципального … учреждения «Гимназия»')).toBe('Вместе');
    expect(readProgrammeName('наставничества с одаренными и высокомотивированными детьми «Вместе по лестнице успеха» в МБОУ «Лицей №21»')).toBe(
      'Вместе по лестнице успеха',
    );
    expect(readProgrammeName('наставничества педагогических работников в МБОУ «СШ № 25»')).toBe('');
    expect(readProgrammeName('модели наставничества в направлении «Учитель – учитель»')).toBe('');
    expect(readProgrammeName('программы «Школа «Успех»»')).toBe('Школа «Успех»');
  });
});

describe('approval blocks', () => {
  it('reads «УТВЕРЖДЕНО приказом … № … от …» written on one line', () => {
    const header = readHeader([
      'УТВЕРЖДЕНО',
      'Приказом МБОУ «Лицей №21» № 376/а от « 30 » августа 2021 г',
      'Директор МБОУ «Лицей №21»',
      '__________ И.А. Первенкова',
      'Дорожная карта',
    ]);
    expect(header.approval).toMatchObject({
      heading: 'УТВЕРЖДЕНО',
      position: 'Директор',
      organization: 'МБОУ «Лицей №21»',
      name: 'И.А. Первенкова',
      orderNumber: '376/а',
      orderDate: '2021-08-30',
      orderText: 'Приказом МБОУ «Лицей №21» № 376/а от « 30 » августа 2021 г',
    });
  });

  it('reads a block written on one line, a surname before the initials, and a name after the position', () => {
    const header = readHeader([
      'УТВЕРЖДАЮ: Директор школы ______ Иванова А.А.',
      '«01» сентября 2023 г.',
      'СОГЛАСОВАНО',
      'Начальник МКУ «Управление образования» Петров П.П.',
      'План мероприятий на 2023-2024 учебный год',
    ]);
    // «школы» alone names no organisation: it stays in the position, as written.
    expect(header.approval).toMatchObject({ position: 'Директор школы', organization: '', name: 'Иванова А.А.', date: '2023-09-01' });
    expect(header.agreement).toMatchObject({ position: 'Начальник', authority: 'МКУ «Управление образования»', name: 'Петров П.П.' });
    expect(header.title).toBe('План мероприятий на 2023-2024 учебный год');
    expect(header.period).toMatchObject({ periodStart: '2023-09-01' });
  });

  it('does not take «ПРИНЯТО на педагогическом совете» for the approval', () => {
    const header = readHeader(['ПРИНЯТО', 'на педагогическом совете', 'протокол № 1 от 30.08.2022', 'Дорожная карта']);
    expect(header.approval).toBeNull();
    expect(header.blocks).toEqual([]);
  });

  it('takes the last approval before the title when an order carries several', () => {
    const header = readHeader([
      'УТВЕРЖДЕНО',
      'приказом директора',
      '№ 10 от 01.09.2022',
      '«Об утверждении Положения о наставничестве»',
      'Положение о наставничестве',
      'УТВЕРЖДЕНО',
      'приказом директора',
      'МБОУ «СШ № 25»',
      '№ 11 от 02.09.2022',
      '_____ С.В. Бем',
      'Дорожная карта',
    ]);
    expect(header.blocks).toHaveLength(2);
    expect(header.approval).toMatchObject({
      orderNumber: '11',
      orderDate: '2022-09-02',
      position: 'Директор',
      organization: 'МБОУ «СШ № 25»',
      name: 'С.В. Бем',
    });
  });
});

describe('a programme with its plan inside (a cover page, no plan title)', () => {
  it('takes the cover title «ПРОГРАММА …» and ends it at the place and year or the body', () => {
    const header = readHeader([
      'Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 7»',
      'УТВЕРЖДАЮ:',
      'Заведующий МБДОУ «Детский сад № 7»',
      '__________ Петрова А.В.',
      'ПРОГРАММА',
      '«ШАГ ЗА ШАГОМ»',
      '2022-2025 год',
      'г. Энск',
      'Содержание',
      '1.1. Программа наставничества и её задачи',
    ]);
    expect(header.title).toBe('ПРОГРАММА «ШАГ ЗА ШАГОМ» 2022-2025 год');
    expect(header.period).toMatchObject({ periodStart: '2022-09-01', periodEnd: '2025-08-31' });
    expect(header.approval).toMatchObject({ position: 'Заведующий', organization: 'МБДОУ «Детский сад № 7»', name: 'Петрова А.В.' });
  });

  it('ends a plan title at a place glued to its year, and at the body’s first heading', () => {
    expect(readHeader(['ПЛАН РАБОТЫ НАСТАВНИКА', 'С. ЭНСКОЕ2023 ГОД', '1. Общие положения']).title).toBe('ПЛАН РАБОТЫ НАСТАВНИКА');
    expect(readHeader(['План работы наставника', 'с молодым специалистом', '1.Общие положения.', 'Наставник — опытный учитель']).title).toBe(
      'План работы наставника с молодым специалистом',
    );
  });

  it('reads «Утверждена приказом по <школе>» + the town, the order on a line of its own, the signer below', () => {
    const header = readHeader([
      'Утверждена приказом по МБОУ СОШ № 3',
      'г. Энска',
      'От 01.09.2022 года № 15-Д',
      'Директор школы ________Иванова А.А.',
      'ПРОГРАММА',
      'наставничества',
    ]);
    expect(header.approval).toMatchObject({
      position: 'Директор школы',
      organization: 'МБОУ СОШ № 3 г. Энска',
      name: 'Иванова А.А.',
      orderNumber: '15-Д',
      orderDate: '2022-09-01',
    });
  });
});

describe('an agreement by a council', () => {
  it('names the council by its minutes («Протокол № 1 заседания …») and takes their date', () => {
    const header = readHeader(['СОГЛАСОВАНО', 'Протокол № 2', 'заседания методического', 'совета', 'от «30» 08. 2022 г.', 'Дорожная карта']);
    expect(header.agreement).toMatchObject({ position: 'Протокол № 2 заседания методического совета', date: '2022-08-30' });
    const oneLine = readHeader(['СОГЛАСОВАНО', 'Протокол № 3 от 29.08.2023', 'Управляющего совета', 'Дорожная карта']);
    expect(oneLine.agreement).toMatchObject({ position: 'Протокол № 3 Управляющего совета', date: '2023-08-29' });
  });
});
