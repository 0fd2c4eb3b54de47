import { registerEnumType } from 'type-graphql';

/** Kinds of educational organisations in the directory (stored as the enum name). */
export enum OrganizationKind {
  SCHOOL = 'SCHOOL',
  SUPPLEMENTARY = 'SUPPLEMENTARY',
  COLLEGE = 'COLLEGE',
}

export enum PartnerKind {
  ENTERPRISE = 'ENTERPRISE',
  UNIVERSITY = 'UNIVERSITY',
  NGO = 'NGO',
  CULTURE_SPORT = 'CULTURE_SPORT',
  ALUMNI = 'ALUMNI',
  OTHER = 'OTHER',
}

registerEnumType(OrganizationKind, { name: 'OrganizationKind', description: 'Тип образовательной организации' });
registerEnumType(PartnerKind, { name: 'PartnerKind', description: 'Тип организации-партнёра' });
