import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import codegen from '../../../codegen';
import { approvalActionOf, camelOfEnum, campaignStatusBadge, campaignStatusOf, enumOfCamel, roadmapLevelOf, roadmapStateOf, stateBadge } from './enums';

const adminRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schema = buildSchema(readFileSync(path.resolve(adminRoot, String(codegen.schema)), 'utf8'));
const values = (name: string) => {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((value) => value.name);
};

describe('the API’s enums and the domain’s values', () => {
  it('convert both ways', () => {
    expect(camelOfEnum('AWAITING_HEAD_SIGNATURE')).toBe('awaitingHeadSignature');
    expect(enumOfCamel('awaitingHeadSignature')).toBe('AWAITING_HEAD_SIGNATURE');
    expect(roadmapLevelOf('DISTRICT')).toBe('district');
    expect(roadmapLevelOf('SCHOOL')).toBe('school');
  });

  it('cover every state, campaign status and action of the schema', () => {
    for (const value of values('RoadmapState')) expect(roadmapStateOf(value), value).not.toBeNull();
    for (const value of values('SchoolCampaignStatus')) expect(campaignStatusOf(value), value).not.toBeNull();
    for (const value of values('ApprovalAction')) expect(approvalActionOf(value), value).not.toBeNull();
    expect(roadmapStateOf('UNKNOWN')).toBeNull();
  });

  it('give each state and status a Russian label and a colour', () => {
    expect(stateBadge('AGREED')).toEqual({ label: 'Согласована', tone: 'agreed' });
    expect(stateBadge('RETURNED_BY_DISTRICT')).toEqual({ label: 'Возвращена на доработку', tone: 'returned' });
    expect(stateBadge('IN_REVIEW', 'district').label).toBe('На рассмотрении в регионе');
    expect(campaignStatusBadge('NOT_STARTED')).toEqual({ label: 'не начата', tone: 'muted' });
    expect(campaignStatusBadge('WITH_DIRECTOR')).toEqual({ label: 'у директора', tone: 'progress' });
    expect(campaignStatusBadge('SUBMITTED').label).toBe('на согласовании');
    expect(campaignStatusBadge('AGREED').tone).toBe('agreed');
  });
});
