import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CREATE_ROADMAP, decide, ok, roadmapWorld, SAVE_REVISION, throughDirector, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Load shape: reading a roadmap with its revisions, sections, items (deadlines, execution, comments),
 * comments and decisions costs the same number of SQL statements for 10 items as for 200.
 */
let app: TestApp;
let w: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const QUERY = /* GraphQL */ `
  query ($id: ID!) {
    roadmap(id: $id) {
      id
      level
      title
      programmeName
      organization {
        id
        shortName
        district {
          id
          name
        }
      }
      campaign {
        id
      }
      execution {
        itemsCount
        doneCount
        overdueCount
      }
      revisions {
        id
        number
        state
      }
      inForceRevision {
        id
      }
      latestRevision {
        id
        number
        state
        stateLabel
        version
        editable
        allowedActions
        itemsCount
        approval {
          name
          orderNumber
        }
        basedOn {
          id
        }
        sections {
          id
          key
          title
          task
          result
          items {
            id
            key
            sectionKey
            number
            activity
            content
            deadlineText
            responsible
            expectedResult
            indicator
            deadline {
              kind
              due
              description
              occurrences {
                start
                end
              }
            }
            nextDueDate
            done
            overdue
            execution {
              done
              doneOn
              attachment {
                id
              }
            }
            comments {
              id
              body
              revisionNumber
              authorName
              authorRole
            }
          }
        }
        comments {
          id
          body
          itemKey
          revisionNumber
        }
        decisions {
          action
          role
          fromState
          toState
          comment
          userName
          approval {
            name
          }
        }
        events {
          action
          actionLabel
          summary
        }
        warnings {
          field
          message
        }
      }
    }
  }
`;

/** The admin's RevisionView (apps/admin/src/pages/roadmaps/documents.ts), fragments inlined, __typename as Apollo Client adds it. */
const COMMENT_FIELDS =
  'id body itemKey revisionId revisionNumber authorName authorPosition authorRole action createdAt parentId resolvedAt resolvedByName canReply canResolve canReopen __typename';
const REVISION_VIEW = /* GraphQL */ `
  query RevisionView($id: ID!) {
    roadmapRevision(id: $id) {
      id number state stateLabel version editable inForce allowedActions itemsCount title programmeName periodStart periodEnd createdAt createdByName updatedAt
      approval { position organization name date orderNumber orderDate __typename }
      agreement { position authority name date __typename }
      basedOn { id number comments { ${COMMENT_FIELDS} } __typename }
      supersedes { id number __typename }
      comments { ${COMMENT_FIELDS} }
      openCommentCount
      warnings { field message severity __typename }
      sections {
        id key title task result
        items {
          id key sectionKey number activity content deadlineText responsible expectedResult indicator
          deadline { kind original description reason due __typename }
          nextDueDate done overdue
          execution { id done doneOn documentNumber documentDate note url markedAt markedByName attachment { id fileName size url __typename } __typename }
          comments { ${COMMENT_FIELDS} }
          __typename
        }
        __typename
      }
      roadmap { id __typename }
      __typename
    }
  }
`;

/** A roadmap of `count` items in three sections, at the district with item and whole-roadmap comments. */
async function roadmapWith(count: number): Promise<string> {
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
    input: { programmeName: `Вместе ${count}`, source: 'EMPTY', organizationId: w.school1.id, periodStart: '2025-09-01', periodEnd: '2026-08-31' },
  });
  const deadlines = ['до 20.09.2025', 'Октябрь', 'В течение года', 'Сентябрь, январь', 'конец учебного года', 'по отдельному графику'];
  const sections = ['Подготовительный этап', 'Основной этап', 'Завершающий этап'].map((title, s) => ({
    title,
    items: Array.from({ length: Math.ceil(count / 3) }, (_, i) => s * Math.ceil(count / 3) + i)
      .filter((n) => n < count)
      .map((n) => ({ number: `${s + 1}.${n + 1}`, activity: `Мероприятие ${n + 1}`, deadlineText: deadlines[n % deadlines.length], responsible: 'Куратор' })),
  }));
  const { saveRoadmapRevision } = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
    input: { revisionId: createRoadmap.latestRevision.id, expectedVersion: 1, sections },
  });
  let current = await throughDirector(app, w, saveRoadmapRevision);
  const keys = (await ok<{ roadmap: any }>(app, QUERY, w.tokens.officer, { id: createRoadmap.id })).roadmap.latestRevision.sections.flatMap((s: any) =>
    s.items.map((i: any) => i.key),
  );
  for (const key of keys.slice(0, 3)) current = await decide(app, w.tokens.officer, current, 'COMMENT', { itemKey: key, comment: 'Уточните' });
  await decide(app, w.tokens.officer, current, 'COMMENT', { comment: 'В целом замечаний нет' });
  return createRoadmap.id;
}

describe('load shape', () => {
  it('the same number of SQL statements for 10 and for 200 items', async () => {
    const measure = async (id: string, expectedItems: number) => {
      const { result, queries } = await app.countQueries(() => app.gql(QUERY, { token: w.tokens.officer, variables: { id } }));
      expect(result.body.errors).toBeUndefined();
      const revision = result.body.data!.roadmap.latestRevision;
      expect(revision.sections.flatMap((s: any) => s.items)).toHaveLength(expectedItems);
      expect(revision.comments).toHaveLength(4);
      expect(revision.decisions.length).toBeGreaterThanOrEqual(6);
      return queries;
    };
    const small = await measure(await roadmapWith(10), 10);
    const large = await measure(await roadmapWith(200), 200);
    expect(large.length).toBe(small.length);
    expect(large.length).toBeLessThanOrEqual(20);
    // Items and comments are each read once for the whole revision.
    expect(large.filter((sql) => /from "district_[a-z0-9_]+"\."roadmap_item"/.test(sql))).toHaveLength(1);
    expect(large.filter((sql) => /from "district_[a-z0-9_]+"\."review_comment"/.test(sql)).length).toBeLessThanOrEqual(2);
  });

  it('the roadmap page (RevisionView) costs the same ≤ 5 statements for 10 and for 200 items', async () => {
    const measure = async (roadmapId: string, expectedItems: number) => {
      const latest = (await ok<{ roadmap: any }>(app, QUERY, w.tokens.curator1, { id: roadmapId })).roadmap.latestRevision.id;
      const { result, queries } = await app.countQueries(() => app.gql(REVISION_VIEW, { token: w.tokens.curator1, variables: { id: latest } }));
      expect(result.body.errors).toBeUndefined();
      const revision = result.body.data!.roadmapRevision;
      expect(revision.sections.flatMap((s: any) => s.items)).toHaveLength(expectedItems);
      expect(revision.comments).toHaveLength(4);
      expect(revision.sections.flatMap((s: any) => s.items).filter((i: any) => i.comments.length > 0)).toHaveLength(3);
      return queries;
    };
    const small = await measure(await roadmapWith(10), 10);
    const large = await measure(await roadmapWith(200), 200);
    expect(large.length).toBe(small.length);
    expect(large.length).toBeLessThanOrEqual(5);
  });
});
