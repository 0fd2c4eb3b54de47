/**
 * Every string the admin shows, in one place. An English catalogue can follow with the same shape
 * (`typeof ru`). Role labels and API error texts come from `@nastavnik/domain` so that the API and
 * the admin say the same thing.
 */
import type { OrganizationKind, PartnerKind } from '../gql/graphql';

const organizationKinds = {
  SCHOOL: 'Общеобразовательная организация',
  SUPPLEMENTARY: 'Организация дополнительного образования',
  COLLEGE: 'Профессиональная образовательная организация',
} satisfies Record<OrganizationKind, string>;

const partnerKinds = {
  ENTERPRISE: 'Предприятие',
  UNIVERSITY: 'Образовательная организация высшего образования',
  NGO: 'Некоммерческая организация',
  CULTURE_SPORT: 'Организация культуры и спорта',
  ALUMNI: 'Сообщество выпускников',
  OTHER: 'Другое',
} satisfies Record<PartnerKind, string>;

export const ru = {
  app: {
    name: 'Наставник',
    /** The letter in the logo square. */
    brandMark: 'Н',
    loading: 'Загрузка…',
    skipToContent: 'Перейти к основному содержимому',
    pageTitle: (page: string) => `${page} — Наставник`,
  },
  boot: {
    configError: 'Не удалось загрузить настройки приложения (config.json). Обратитесь к администратору.',
    authError: 'Не удалось связаться со службой входа. Проверьте подключение и повторите попытку.',
    signingIn: 'Выполняется вход…',
    retry: 'Повторить',
  },
  topBar: {
    userLabel: 'Текущий пользователь',
    logout: 'Выйти',
  },
  nav: {
    label: 'Разделы',
    home: 'Главная',
    regions: 'Регионы',
    districts: 'Муниципалитеты',
    organizations: 'Организации',
    partners: 'Партнёры',
    createDistrict: 'Создать муниципалитет',
    myDistrict: 'Мой муниципалитет',
    myOrganization: 'Моя организация',
    myPartner: 'Моя организация-партнёр',
    roadmaps: 'Дорожные карты',
    programmes: 'Программы',
    monitoring: 'Мониторинг',
    soon: 'скоро',
    soonHint: 'Раздел появится в следующих версиях',
  },
  home: {
    title: 'Главная',
    welcome: 'Добро пожаловать',
    signedInAs: 'Вы вошли как',
    grantsHeading: 'Ваши полномочия',
    whereToStart: 'С чего начать',
    noLinks: 'Для вашей роли пока нет доступных разделов.',
  },
  grant: {
    platform: 'вся платформа',
  },
  table: {
    shown: (from: number, to: number, total: number) => `Показано ${from}–${to} из ${total}`,
    empty: 'Записей нет',
    nothingFound: 'Ничего не найдено',
    previous: 'Назад',
    next: 'Вперёд',
    pagination: 'Постраничная навигация',
    search: 'Поиск',
    searchPlaceholder: 'Название или часть названия',
  },
  regions: {
    title: 'Регионы',
    name: 'Регион',
    code: 'Код',
    districtsCount: 'Муниципалитетов',
  },
  districts: {
    title: 'Муниципалитеты',
    titleInRegion: (region: string) => `Муниципалитеты: ${region}`,
    name: 'Муниципалитет',
    authority: 'Орган управления образованием',
    region: 'Регион',
    organizationsCount: 'Организаций',
    allRegions: 'Все регионы',
    create: 'Создать муниципалитет',
  },
  district: {
    authority: 'Орган управления образованием',
    region: 'Регион',
    code: 'Код',
    organizationsHeading: 'Организации',
    organizationsCount: 'Организаций',
  },
  organizations: {
    title: 'Организации',
    chooseDistrict: 'Муниципалитет',
    chooseDistrictPlaceholder: 'Выберите муниципалитет',
    chooseDistrictHint: 'Выберите муниципалитет, чтобы увидеть его организации.',
    name: 'Полное наименование',
    shortName: 'Краткое наименование',
    kind: 'Тип',
    address: 'Адрес',
  },
  organization: {
    fullName: 'Полное наименование',
    shortName: 'Краткое наименование',
    kind: 'Тип организации',
    address: 'Адрес',
    addressMissing: 'не указан',
    district: 'Муниципалитет',
    region: 'Регион',
    headcountsHeading: 'Численность по учебным годам',
    academicYear: 'Учебный год',
    pupils: 'Обучающихся',
    teachers: 'Педагогов',
    pupilsField: 'Число обучающихся',
    teachersField: 'Число педагогов',
    updatedAt: 'Обновлено',
    noHeadcounts: 'Сведений о численности пока нет.',
    headcountFormHeading: 'Указать численность',
    headcountFormHint: 'Если данные за учебный год уже есть, они будут заменены.',
    academicYearHint: 'Например, 2025/2026',
    save: 'Сохранить',
    saving: 'Сохранение…',
    saved: (year: string) => `Численность за ${year} учебный год сохранена.`,
  },
  partners: {
    title: 'Организации-партнёры',
    name: 'Наименование',
    kind: 'Тип',
    region: 'Регион',
    noRegion: 'без привязки к региону',
    myTitle: 'Моя организация-партнёр',
    none: 'Учётная запись не связана с организацией-партнёром.',
  },
  createDistrict: {
    title: 'Создать муниципалитет',
    intro:
      'Муниципалитет получает собственную область данных; после создания в нём можно будет регистрировать организации.',
    region: 'Регион',
    regionPlaceholder: 'Выберите регион',
    code: 'Код',
    codeHint: 'Латиница в нижнем регистре, цифры и дефис, например sibay. Код нельзя будет изменить.',
    name: 'Название',
    nameHint: 'Например, ГО г. Сибай',
    authorityName: 'Орган управления образованием',
    authorityNameHint: 'Например, Управление образования Администрации ГО г. Сибай РБ',
    submit: 'Создать',
    submitting: 'Создание…',
    created: (name: string) => `Муниципалитет «${name}» создан.`,
  },
  form: {
    required: 'обязательное поле',
    fixErrors: 'Исправьте ошибки в форме.',
  },
  errors: {
    forbiddenTitle: 'Нет доступа',
    forbiddenText: 'У вашей учётной записи нет прав на этот раздел.',
    notFoundTitle: 'Не найдено',
    notFoundText: 'Такой страницы или записи нет, либо она вам недоступна.',
    genericTitle: 'Что-то пошло не так',
    network: 'Нет связи с сервером. Проверьте подключение и повторите попытку.',
    unexpected: 'Непредвиденная ошибка. Попробуйте позже.',
    sessionExpired: 'Сеанс завершён. Выполняется повторный вход…',
    reloginLoop: 'Сервер не принимает ваш вход. Выйдите и войдите снова или обратитесь к администратору.',
    toHome: 'На главную',
    retry: 'Повторить',
  },
  kinds: {
    organization: organizationKinds,
    partner: partnerKinds,
  },
} as const;

export type Messages = typeof ru;
