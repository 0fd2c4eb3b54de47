import { pluralRu } from '@nastavnik/domain';
import type { ImportErrorCode } from '@nastavnik/domain';

/**
 * Russian messages of the import endpoints that the parser does not carry (its own — «Файл не является
 * документом Word (.docx)», «В документе не найдена таблица мероприятий» … — come from
 * packages/domain `IMPORT_ERRORS_RU` with their codes).
 */
export const IMPORT_MESSAGES_RU = {
  whoImports: 'Импортировать дорожную карту может куратор наставничества организации или специалист органа управления образованием',
  onlyOfficerBulk: 'Массовый импорт доступен только специалисту органа управления образованием',
  noName: 'Укажите имя файла (параметр fileName)',
  uploadNotFound: 'Загруженный файл не найден — загрузите документ заново',
  alreadyImported: 'По этому файлу дорожная карта уже создана',
  otherOrganization: 'Файл загружен для другой организации',
  chooseOrganization: 'Укажите организацию, для которой импортируется дорожная карта',
  defaultProgrammeName: 'Целевая модель наставничества',
  defaultSectionTitle: 'Мероприятия',
  untitledSection: (position: number, title: string) => ({ where: `раздел ${position}`, message: `в документе у раздела нет названия — назван «${title}»` }),
  columnMapping:
    'Сопоставление столбцов: ожидается { "<номер столбца с 0>": "<поле>" | null }, поля: number, activity, content, deadline, responsible, expectedResult, indicator, document, stage',
  badJson: 'Тело запроса — некорректный JSON.',
  tooLarge: (max: string) => `Файл слишком большой: не более ${max}`,
  archiveTooLarge: (max: string) => `Архив слишком большой: не более ${max}`,
  archiveCorrupt: 'Архив повреждён или не является ZIP-архивом',
  archiveBomb: (max: string) => `Архив слишком большой после распаковки (более ${max}) или сжат подозрительно сильно — импорт отклонён`,
  tooManyFiles: (max: number) => `В архиве больше ${max} ${pluralRu(max, ['файла', 'файлов', 'файлов'])} — разделите его на несколько`,
  archiveEmpty: 'В архиве нет файлов для импорта',
  nestedArchive: 'Вложенные архивы не поддерживаются — распакуйте их',
  entryCorrupt: 'Файл в архиве повреждён',
  noOrganization: 'Не удалось определить организацию: назовите файл кодом организации (например, gimnaziya.docx) или укажите организацию в заголовке документа',
  ambiguousOrganization: (names: string[]) => `Не удалось однозначно определить организацию (подходят: ${names.join(', ')}) — назовите файл кодом организации`,
  itemProblem: (section: number, item: number, message: string) => `Раздел ${section}, мероприятие ${item}: ${message}`,
  sectionProblem: (section: number, message: string) => `Раздел ${section}: ${message}`,
  programmeNotFound: (fallback: string) => `название программы в документе не найдено — указано «${fallback}»`,
  districtNotFound: (code: string) => `Муниципалитет «${code}» не найден.`,
  notAFile: (name: string) => `Не найден файл или папка: ${name}`,
  cliNoFiles: 'Укажите файлы, папку или архив для импорта',
} as const;

/** HTTP status of a parser failure answered by the REST endpoints. */
export const IMPORT_ERROR_STATUS: Readonly<Record<ImportErrorCode, number>> = {
  EMPTY_FILE: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  NOT_DOCX: 415,
  NOT_XLSX: 415,
  NOT_TEXT: 415,
  LEGACY_FORMAT: 415,
  CORRUPT: 400,
  ZIP_BOMB: 413,
  NO_TABLE: 400,
  NO_TEXT_LAYER: 400,
  ENCRYPTED: 400,
  CONVERTER_MISSING: 415,
};
