import { expect } from 'vitest';
import type { District } from '../modules/directory/district.entity.js';
import type { Organization } from '../modules/directory/organization.entity.js';
import type { Region } from '../modules/directory/region.entity.js';
import { createDistrict, createOrganization, createRegion, groups } from './factories.js';
import type { GraphQLResponse, TestApp } from './harness.js';

/** GraphQL documents and helpers of the roadmap tests. */

export const REVISION_FIELDS = /* GraphQL */ `
  id number state stateLabel version editable allowedActions itemsCount
  title programmeName periodStart periodEnd
  approval { position organization name date orderNumber orderDate }
  agreement { position authority name date }
  basedOn { id number }
  supersedes { id number }
  roadmap { id }
`;

export const CREATE_CAMPAIGN = /* GraphQL */ `
  mutation ($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      id
      title
      academicYear
      periodStart
      periodEnd
      dueDate
      allOrganizations
      organizations {
        id
      }
    }
  }
`;

export const CAMPAIGN_PAGE = /* GraphQL */ `
  query ($id: ID!, $filter: CampaignSchoolFilter) {
    campaign(id: $id) {
      id
      title
      pastDue
      counts {
        total
        notStarted
        draft
        withDirector
        submitted
        returned
        agreed
        overdue
      }
      schools(filter: $filter, page: { limit: 100 }) {
        total
        items {
          organizationId
          status
          overdue
          hasAgreedRevision
          organization {
            shortName
          }
          roadmap {
            id
          }
          latestRevision {
            id
            number
            state
          }
        }
      }
    }
  }
`;

export const CREATE_ROADMAP = /* GraphQL */ `
  mutation($input: CreateRoadmapInput!) {
    createRoadmap(input: $input) {
      id level organization { id } campaign { id } title programmeName
      latestRevision {
        ${REVISION_FIELDS}
        sections { id key title task result items { id key number activity content deadlineText responsible expectedResult indicator deadline { kind due } } }
      }
    }
  }
`;

export const SAVE_REVISION = /* GraphQL */ `
  mutation($input: SaveRoadmapRevisionInput!) { saveRoadmapRevision(input: $input) { ${REVISION_FIELDS} } }
`;

export const DECIDE = /* GraphQL */ `
  mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { ${REVISION_FIELDS} } }
`;

export const REVISION = /* GraphQL */ `
  query($id: ID!) {
    roadmapRevision(id: $id) {
      ${REVISION_FIELDS}
      sections {
        id key title task result
        items {
          id key sectionKey number activity content deadlineText responsible expectedResult indicator
          deadline { kind original due description }
          nextDueDate done overdue
          execution { done doneOn documentNumber documentDate note url markedByName attachment { id fileName size url } }
          comments { id body itemKey revisionNumber authorName authorRole action }
        }
      }
      comments { id body itemKey revisionNumber authorRole action }
      decisions { action role fromState toState comment itemKey userName }
      events { action actionLabel role fromState toState comment itemKey summary changedFields versionAfter userName }
      warnings { field message severity }
    }
  }
`;

export const ROADMAP = /* GraphQL */ `
  query ($id: ID!) {
    roadmap(id: $id) {
      id
      level
      title
      programmeName
      organization {
        id
        shortName
      }
      latestRevision {
        id
        number
        state
        version
      }
      inForceRevision {
        id
        number
        state
      }
      revisions {
        id
        number
        state
      }
      execution {
        itemsCount
        doneCount
        overdueCount
      }
    }
  }
`;

export const INBOX = /* GraphQL */ `
  query {
    inbox {
      toApprove {
        id
        number
        state
      }
      toReview {
        id
        number
        state
      }
      toSign {
        id
        number
        state
      }
      returned {
        id
        number
        state
      }
      deadlines {
        kind
        dueDate
        daysLeft
        title
        campaignId
        roadmapId
        itemId
        organizationId
        notSubmittedCount
      }
      total
    }
  }
`;

export const DIFF = /* GraphQL */ `
  query ($from: ID!, $to: ID!) {
    revisionDiff(fromRevisionId: $from, toRevisionId: $to) {
      itemsAdded {
        key
        activity
        section
      }
      itemsRemoved {
        key
        activity
      }
      itemsChanged {
        before {
          key
          activity
        }
        after {
          key
          activity
        }
        changes {
          field
          before
          after
        }
      }
      sectionsAdded {
        key
        title
      }
      sectionsRemoved {
        key
        title
      }
      sectionsChanged {
        before {
          title
        }
        after {
          title
        }
        changes {
          field
        }
      }
      unchangedItems
    }
  }
`;

export const MARK_DONE = /* GraphQL */ `
  mutation ($input: MarkItemDoneInput!) {
    markItemDone(input: $input) {
      id
      key
      done
      overdue
      execution {
        done
        doneOn
        documentNumber
        documentDate
        note
        url
        attachment {
          id
          fileName
        }
      }
    }
  }
`;

export const UNDO_DONE = /* GraphQL */ `
  mutation ($id: ID!) {
    undoItemDone(itemId: $id) {
      id
      key
      done
      overdue
      execution {
        done
      }
    }
  }
`;

export const APPROVAL = {
  position: 'Директор',
  name: 'И.И. Варламова',
  date: '2025-09-16',
  orderNumber: '336',
  orderDate: '2025-09-15',
};

export const AGREEMENT = {
  position: 'И.о. начальника управления образования',
  name: 'А.Р. Бикмурзина',
  date: '2025-09-19',
};

/** A district with two schools and a token for every role that takes part. */
export interface RoadmapWorld {
  region: Region;
  district: District;
  school1: Organization;
  school2: Organization;
  tokens: {
    officer: string;
    head: string;
    director1: string;
    curator1: string;
    director2: string;
    curator2: string;
    coordinator: string;
    admin: string;
  };
}

export async function roadmapWorld(app: TestApp): Promise<RoadmapWorld> {
  const region = await createRegion(app.orm, { name: 'Республика Тест' });
  const district = await createDistrict(app.orm, region, {
    name: 'ГО г. Тестовск',
    authorityName: 'Управление образования Администрации ГО г. Тестовск',
  });
  const school1 = await createOrganization(app.orm, district, { shortName: 'МОБУ «Гимназия»' });
  const school2 = await createOrganization(app.orm, district, { shortName: 'МОБУ «СОШ № 4»' });
  const org = (school: Organization) => [groups.organization(region, district, school)];
  const tokens = {
    officer: await app.tokenFor('district-officer', [groups.district(region, district)], 'sibay.officer'),
    head: await app.tokenFor('district-head', [groups.district(region, district)], 'sibay.head'),
    director1: await app.tokenFor('school-director', org(school1), 'gimnaziya.director'),
    curator1: await app.tokenFor('school-curator', org(school1), 'gimnaziya.curator'),
    director2: await app.tokenFor('school-director', org(school2), 'gimnaziya.director'),
    curator2: await app.tokenFor('school-curator', org(school2), 'sosh4.curator'),
    coordinator: await app.tokenFor('region-coordinator', [groups.region(region)], 'rnc.bashkortostan'),
    admin: await app.tokenFor('platform-admin', [], 'admin'),
  };
  return { region, district, school1, school2, tokens };
}

/** Runs an operation that must succeed; returns its data. */
export async function ok<T = Record<string, any>>(
  app: TestApp,
  query: string,
  token: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await app.gql<T>(query, { token, variables, headers });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

/** Runs an operation that must fail; returns its first error. */
export async function fails(
  app: TestApp,
  query: string,
  token: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<NonNullable<GraphQLResponse['body']['errors']>[number]> {
  const response = await app.gql(query, { token, variables, headers });
  expect(response.body.errors, 'expected an error').toBeDefined();
  return response.body.errors![0]!;
}

export function decide(app: TestApp, token: string, revision: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) {
  return ok<{ decideRoadmap: any }>(app, DECIDE, token, {
    input: { revisionId: revision.id, expectedVersion: revision.version, action, ...extra },
  }).then((data) => data.decideRoadmap);
}

export async function revision(app: TestApp, token: string, id: string, headers: Record<string, string> = {}) {
  return (await ok<{ roadmapRevision: any }>(app, REVISION, token, { id }, headers)).roadmapRevision;
}

/** The sections of a revision as the editor sends them back (keys kept). */
export function asInput(sections: any[]): any[] {
  return sections.map((section) => ({
    key: section.key,
    title: section.title,
    task: section.task,
    result: section.result,
    items: section.items.map((item: any) => ({
      key: item.key,
      number: item.number,
      activity: item.activity,
      content: item.content,
      deadlineText: item.deadlineText,
      responsible: item.responsible,
      expectedResult: item.expectedResult,
      indicator: item.indicator,
    })),
  }));
}

/** The submit → approve path from a draft to the district. */
export async function throughDirector(
  app: TestApp,
  world: RoadmapWorld,
  draft: { id: string; version: number },
  curator = world.tokens.curator1,
  director = world.tokens.director1,
) {
  const sent = await decide(app, curator, draft, 'SUBMIT_TO_DIRECTOR');
  return decide(app, director, sent, 'APPROVE', { approval: APPROVAL });
}

/** A school roadmap created from the template and taken all the way to «agreed» (default settings). */
export async function agreedRoadmap(app: TestApp, world: RoadmapWorld, input: Record<string, unknown> = {}) {
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, world.tokens.curator1, {
    input: { programmeName: 'Вместе', organizationId: world.school1.id, ...input },
  });
  let current = await throughDirector(app, world, createRoadmap.latestRevision);
  current = await decide(app, world.tokens.officer, current, 'RECOMMEND_AGREEMENT');
  current = await decide(app, world.tokens.head, current, 'AGREE', { agreement: AGREEMENT });
  return { roadmapId: createRoadmap.id as string, revision: current };
}
